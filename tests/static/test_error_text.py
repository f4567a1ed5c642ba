"""The text of an error: a short excerpt of a value, control characters escaped."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scaffold_go_docker.errors import excerpt, one_line


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("abc", "'abc'"),
        ("x" * 1000, "'" + "x" * 36 + "... (1000 characters)"),
        (10**5000, "a 16610-bit number"),
        (8080, "8080"),
    ],
    ids=["short", "long-text", "huge-number", "number"],
)
def test_an_excerpt_quotes_at_most_a_short_cut_of_a_value(value: object, expected: str) -> None:
    assert excerpt(value) == expected


@given(st.text())
def test_one_line_leaves_no_control_character(text: str) -> None:
    escaped = one_line(text)

    assert all(unicodedata.category(char) not in ("Cc", "Zl", "Zp") for char in escaped)
    assert len(escaped.splitlines()) <= 1
