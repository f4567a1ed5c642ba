"""An error is one line of plain text, whatever the paths and values it names hold."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import Cli


def is_plain_line(text: str) -> bool:
    """No character that ends a line, moves the cursor or starts a terminal escape."""
    return all(unicodedata.category(char) not in ("Cc", "Zl", "Zp") for char in text)


def _assert_one_plain_line(err: str) -> None:
    assert err.startswith("error: "), err
    assert err.endswith("\n"), err
    assert err.count("\n") == 1, err
    assert len(err.splitlines()) == 1, err
    assert is_plain_line(err[:-1]), err


# Text a path may hold as Python reads it from a command line, control characters and line
# separators favoured: not NUL, which no command line can carry (execve ends each argument
# at it), and no surrogate but the ones Python decodes undecodable bytes to (\udc80-\udcff).
_PATH_TEXT = st.text(
    st.one_of(
        st.sampled_from("\n\r\t\x1b\x07\x85\u2028\x7f[]0;/:"),
        st.characters(codec="utf-8", blacklist_characters="\x00"),
        st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF),
    ),
    min_size=1,
    max_size=30,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=_PATH_TEXT, command=st.sampled_from(["config", "check", "audit-config"]))
def test_any_path_in_an_error_is_one_line_without_control_characters(
    cli: Cli, tmp_path: Path, name: str, command: str
) -> None:
    path = f"{tmp_path}/missing-{name}.yaml"
    args = {
        "config": ["render", "--app-name", "svc", "--config", path],
        "check": ["render", "--app-name", "svc", "--check", path],
        "audit-config": ["audit", "--config", path, str(tmp_path)],
    }[command]

    outcome = cli(*args)

    assert outcome.code == 2
    _assert_one_plain_line(outcome.err)


def test_a_newline_in_a_path_cannot_forge_a_second_error_line(cli: Cli, tmp_path: Path) -> None:
    forged = f"{tmp_path}/x\nerror: all good.yaml"

    outcome = cli("render", "--app-name", "svc", "--config", forged)

    _assert_one_plain_line(outcome.err)
    assert "x\\nerror: all good.yaml" in outcome.err


def test_a_terminal_escape_sequence_in_a_path_reaches_stderr_escaped(
    cli: Cli, tmp_path: Path
) -> None:
    outcome = cli("render", "--app-name", "svc", "--check", f"{tmp_path}/\x1b]0;owned\x07")

    _assert_one_plain_line(outcome.err)
    assert "\\x1b]0;owned\\x07" in outcome.err
