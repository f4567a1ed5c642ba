"""The Go lexer: the same tokens as go/scanner on real code, and robust on any text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaffold_go_docker.detect.scanner import (
    COMMENT,
    SEMI,
    STRING,
    ScanError,
    string_value,
    tokenize,
)

from .gotool import oracle


def test_tokens_are_go_scanners_on_the_go_source_tree(
    goroot_sample: list[Path], oracle_binary: Path
) -> None:
    expected = oracle(oracle_binary, "tokens", goroot_sample)
    mismatches = []
    for path, want in zip(goroot_sample, expected, strict=True):
        got = [list(token) for token in tokenize(path.read_bytes().decode())]
        if got != [[t["kind"], t["text"], t["line"]] for t in want]:
            mismatches.append(path)
    assert len(goroot_sample) > 300
    assert mismatches == []


def test_commented_out_code_is_one_comment_token() -> None:
    tokens = tokenize('// http.ListenAndServe(":1", nil)\n/* net.Listen("tcp", ":2") */\n')
    assert [token.kind for token in tokens] == [COMMENT, COMMENT]


@pytest.mark.parametrize(
    "source",
    [
        '"// not a comment"',
        "`/* not a comment */`",
        '"escaped \\" quote // still inside"',
        "`raw\nstring // across lines`",
    ],
)
def test_strings_hold_what_looks_like_comments(source: str) -> None:
    tokens = tokenize(source)
    assert [token.kind for token in tokens] == [STRING, SEMI]
    assert tokens[0].text == source


def test_rune_literals_hold_quotes() -> None:
    tokens = tokenize("x := '\"' + '\\''")
    assert [token.text for token in tokens if token.kind == "CHAR"] == ["'\"'", "'\\''"]


def test_a_newline_after_an_identifier_ends_the_statement() -> None:
    tokens = tokenize("a := b\nc := d\n")
    assert [token.text for token in tokens if token.kind == SEMI] == ["\n", "\n"]


def test_a_newline_after_an_operator_does_not() -> None:
    tokens = tokenize("a := b +\n c")
    assert [token.kind for token in tokens].count(SEMI) == 1


def test_lines_count_newlines_inside_raw_strings_and_comments() -> None:
    tokens = tokenize("a := `x\ny`\n/* 1\n2 */\nb")
    assert next(t.line for t in tokens if t.text == "b") == 5


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ('x := "open', "string literal not terminated"),
        ("x := `open", "raw string literal not terminated"),
        ("x := /* open", "comment not terminated"),
        ("x := 'a", "rune literal not terminated"),
    ],
)
def test_unterminated_literals_raise_scan_error(source: str, reason: str) -> None:
    with pytest.raises(ScanError, match=reason):
        tokenize(source)


@pytest.mark.parametrize(
    ("literal", "value"),
    [
        ('":8080"', ":8080"),
        ("`raw\\n`", "raw\\n"),
        ('"tab\\there"', "tab\there"),
        ('"\\u00e9\\x41\\101"', "éAA"),
        ('"bad \\q escape"', None),
        ("not a string", None),
    ],
)
def test_string_values_unescape_as_go_does(literal: str, value: str | None) -> None:
    assert string_value(literal) == value


GO_ALPHABET = st.sampled_from(
    [*"abcXYZ_019 \t\n\"'`/*+-.:;,(){}[]=!<>&|^%\\", "func", "package", "//", "/*", "*/"]
)


@settings(max_examples=400)
@given(st.one_of(st.text(), st.lists(GO_ALPHABET).map("".join)))
def test_any_text_tokenizes_or_raises_scan_error(text: str) -> None:
    try:
        tokens = tokenize(text)
    except ScanError:
        return
    # The tokens hold every character of the text but blanks, in order.
    blanks = str.maketrans("", "", " \t\r\n\ufeff")
    written = "".join(t.text for t in tokens if not (t.kind == SEMI and t.text == "\n"))
    assert written.translate(blanks) == text.translate(blanks)
    assert [t.line for t in tokens] == sorted(t.line for t in tokens)
