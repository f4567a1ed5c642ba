"""Version variables: what `go build -ldflags "-X pkg.name=value"` can set, and the versions
a project fixes itself (a const, a //go:embed'ed VERSION file), which a build must keep.

The linker sets a package-level variable of type string that has no initial value or a
constant one; a variable that starts from a function call is assigned at init, after the
linker, so -X has no effect on it. A defined string type (`type V string`) fails the link.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scaffold_go_docker.detect.gosource import ValueSpec, parse_directive_args
from scaffold_go_docker.detect.records import EmbeddedVersion, Origin, VersionVar
from scaffold_go_docker.detect.scanner import IDENT, OP, STRING, Token, string_value

_VERSION_NAME = re.compile(
    r"(?:app|git|build|release|binary|service|semantic|sem|cli|program|tool|main|full|short)?_?"
    r"(?:version|ver|commit|commit_?hash|commit_?sha|commit_?id|revision)"
    r"|(?:git|build|vcs|source)_?(?:sha|hash|rev|tag|branch|ref|state|tree_?state|describe)"
    r"|(?:build|git|commit|release|compile)_?"
    r"(?:time|date|timestamp|stamp|user|host|by|number|num|id|at|on)"
    r"|date|branch|sha|built_?(?:by|at|on)",
    re.IGNORECASE,
)


def is_version_name(name: str) -> bool:
    return _VERSION_NAME.fullmatch(name) is not None


#: Package-level var declarations as gofmt writes them: `var x ...` or a `var (...)` block.
_TOP_LEVEL_VARS = re.compile(r"^var[ \t]*(?:\(\n(?P<block>.*?)^\)|(?P<line>[^\n]*))", re.M | re.S)
_SPEC_NAMES = re.compile(r"^[ \t]*([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)", re.M)


def may_declare_version(text: str) -> bool:
    """A quick test on a file's text: may it declare a version-like package-level var?"""
    for declaration in _TOP_LEVEL_VARS.finditer(text):
        specs = declaration.group("block") or declaration.group("line") or ""
        for names in _SPEC_NAMES.findall(specs):
            if any(is_version_name(name.strip()) for name in names.split(",")):
                return True
    return False


@dataclass(frozen=True)
class VersionFindings:
    variables: tuple[VersionVar, ...]
    embedded: EmbeddedVersion | None


def version_findings(
    specs: list[tuple[ValueSpec, Callable[[int], Origin]]],
    symbol_prefix: str,
    embedded_file: Callable[[str], str],
) -> VersionFindings:
    """The version-like variables and fixed versions among one package's specs.

    `symbol_prefix` is what -X names the package ("main", or its import path);
    `embedded_file` names a //go:embed pattern's file relative to the detected directory.
    """
    constants = {name for spec, _ in specs if spec.keyword == "const" for name in spec.names}
    variables: list[VersionVar] = []
    embedded: EmbeddedVersion | None = None
    for spec, origin_of in specs:
        origin = origin_of(spec.line)
        for position, name in enumerate(spec.names):
            if not is_version_name(name):
                continue
            symbol = f"{symbol_prefix}.{name}"
            value = spec.values[position] if len(spec.values) == len(spec.names) else None
            literal = _literal(value)
            if spec.keyword == "const":
                if embedded is None and (literal is not None or spec.type in {"", "string"}):
                    embedded = EmbeddedVersion("const", symbol, literal, None, origin)
                continue
            embed = _embed_pattern(spec.directives)
            if embed is not None:
                if embedded is None or embedded.kind != "embed":
                    embedded = EmbeddedVersion("embed", symbol, None, embedded_file(embed), origin)
                continue
            if spec.type not in {"", "string"}:
                if spec.type != "" and not spec.type.startswith(("[", "*", "map", "func", "chan")):
                    variables.append(
                        VersionVar(
                            name,
                            symbol,
                            None,
                            False,
                            f"its type is {spec.type}, not string: -X fails the link",
                            origin,
                        )
                    )
                continue
            variables.append(_variable(name, symbol, spec, value, literal, constants, origin))
    return VersionFindings(tuple(variables), embedded)


def _variable(
    name: str,
    symbol: str,
    spec: ValueSpec,
    value: tuple[Token, ...] | None,
    literal: str | None,
    constants: set[str],
    origin: Origin,
) -> VersionVar:
    if not spec.values:
        return (
            VersionVar(name, symbol, None, True, "", origin)
            if spec.type == "string"
            else (VersionVar(name, symbol, None, False, "it has no type", origin))
        )
    if value is None:
        return VersionVar(
            name,
            symbol,
            None,
            False,
            "it is set from a multi-value expression at init, after -X",
            origin,
        )
    if literal is not None:
        return VersionVar(name, symbol, literal, True, "", origin)
    if _constant_string(value, constants):
        return VersionVar(name, symbol, None, True, "", origin)
    expression = expression_text(value)
    return VersionVar(
        name,
        symbol,
        None,
        False,
        f"it starts from {expression!s}, which runs at init after -X sets it",
        origin,
    )


_TIGHT = frozenset({".", "(", ")", "[", "]", "{", "}", ",", "*", "&", "!"})


def expression_text(tokens: tuple[Token, ...]) -> str:
    """Tokens written back as Go code reads: `strings.ToUpper("dev")`, `a + b`."""
    out: list[str] = []
    previous: Token | None = None
    for token in tokens:
        if previous is not None:
            tight = token.text in _TIGHT or previous.text in _TIGHT - {",", ")", "]", "}"}
            if previous.text == ",":
                tight = False
            if not tight:
                out.append(" ")
        out.append(token.text)
        previous = token
    return "".join(out)


def _literal(value: tuple[Token, ...] | None) -> str | None:
    if value is None or len(value) != 1 or value[0].kind != STRING:
        return None
    return string_value(value[0].text)


def _constant_string(value: tuple[Token, ...], constants: set[str]) -> bool:
    """A constant expression of strings: literals, constants of the package, "+", parens."""
    has_string = False
    for token in value:
        if token.kind == STRING or (token.kind == IDENT and token.text in constants):
            has_string = True
        elif not (token.kind == OP and token.text in {"+", "(", ")"}):
            return False
    return has_string


def _embed_pattern(directives: tuple[Token, ...]) -> str | None:
    for directive in directives:
        text = directive.text
        if text.startswith("//go:embed") and (len(text) == 10 or text[10].isspace()):
            patterns = parse_directive_args(text[10:].strip())
            if patterns:
                return patterns[0]
    return None


def relative_embed_file(package_dir: Path, relative: Callable[[Path], str]) -> Callable[[str], str]:
    """Names an embed pattern's file relative to the detected directory."""

    def name(pattern: str) -> str:
        return relative(package_dir / pattern.removeprefix("all:"))

    return name
