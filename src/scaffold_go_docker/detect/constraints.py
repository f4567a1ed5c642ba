"""Which files of a package a linux build compiles: build constraints and file names.

Follows go/build: `//go:build` lines (or, without one, `// +build` lines) in the leading
comments, and GOOS/GOARCH suffixes of file names (`x_windows.go`, `x_linux_arm64.go`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KNOWN_OS = frozenset(
    "aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd "  # noqa: SIM905
    "openbsd plan9 solaris wasip1 windows zos".split()
)
UNIX_OS = frozenset(
    "aix android darwin dragonfly freebsd hurd illumos ios linux netbsd openbsd "  # noqa: SIM905
    "solaris".split()
)
KNOWN_ARCH = frozenset(
    "386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le "  # noqa: SIM905
    "mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 "
    "wasm".split()
)


class ConstraintError(Exception):
    """A //go:build line that does not parse (go/build refuses the file)."""


@dataclass(frozen=True, slots=True)
class Target:
    """What a build is for: the platform, cgo, the Go release and any -tags."""

    goos: str = "linux"
    goarch: str = "amd64"
    cgo: bool = True
    #: Release tags go1.1 ... go1.<go_minor> are set.
    go_minor: int = 0
    tags: frozenset[str] = field(default_factory=frozenset)

    def has_tag(self, name: str) -> bool:
        if name == "cgo":
            return self.cgo
        if name in {self.goos, self.goarch, "gc"}:
            return True
        if name == "unix":
            return self.goos in UNIX_OS
        if name == f"{self.goarch}.v1" and self.goarch == "amd64":
            return True  # GOAMD64=v1, the default
        release = re.fullmatch(r"go1\.([1-9][0-9]*)", name)
        if release is not None:
            return int(release.group(1)) <= self.go_minor
        return name in self.tags


def file_name_matches(name: str, target: Target) -> bool:
    """Whether go/build considers a file by its name (no _/. prefix, GOOS/GOARCH suffix)."""
    if name.startswith(("_", ".")):
        return False
    stem = name.split(".", 1)[0]
    underscore = stem.find("_")
    if underscore < 0:
        return True
    parts = stem[underscore:].split("_")
    if parts and parts[-1] == "test":
        parts = parts[:-1]
    if len(parts) >= 2 and parts[-2] in KNOWN_OS and parts[-1] in KNOWN_ARCH:
        return target.has_tag(parts[-1]) and target.has_tag(parts[-2])
    if parts and (parts[-1] in KNOWN_OS or parts[-1] in KNOWN_ARCH):
        return target.has_tag(parts[-1])
    return True


def header_matches(text: str, target: Target) -> bool:
    """Whether the file's build constraints hold for the target (go/build.shouldBuild)."""
    header, go_build = _file_header(text)
    if go_build is not None:
        return _GoBuildExpression(go_build, target).evaluate()
    for line in header.splitlines():
        line = line.strip()
        if line.startswith("//") and "+build" in line:
            expression = _plus_build_expression(line)
            if expression is not None and not _evaluate_plus_build(expression, target):
                return False
    return True


def _file_header(text: str) -> tuple[str, str | None]:
    """go/build.parseFileHeader: the text up to the last blank line before the first
    non-comment line, and the //go:build line's expression, if any."""
    end = 0
    position = 0
    ended = False
    in_block = False
    go_build: str | None = None
    length = len(text)
    while position < length:
        newline = text.find("\n", position)
        next_position = length if newline < 0 else newline + 1
        line = text[position:next_position].strip()
        position = next_position
        if not line and not ended:
            end = position
            continue
        if not line.startswith("//"):
            ended = True
        if not in_block and _is_go_build(line):
            if go_build is not None:
                raise ConstraintError("multiple //go:build comments")
            go_build = line[len("//go:build") :].strip()
        rest = line
        while rest:
            if in_block:
                close = rest.find("*/")
                if close < 0:
                    break
                in_block = False
                rest = rest[close + 2 :].strip()
                continue
            if rest.startswith("//"):
                break
            if rest.startswith("/*"):
                in_block = True
                rest = rest[2:].strip()
                continue
            return text[:end], go_build
    return text[:end], go_build


def _is_go_build(line: str) -> bool:
    if not line.startswith("//go:build"):
        return False
    rest = line[len("//go:build") :]
    return rest == "" or rest[0] in " \t"


def _plus_build_expression(line: str) -> str | None:
    rest = line[2:].strip()
    if not rest.startswith("+build"):
        return None
    after = rest[len("+build") :]
    if after and after[0] not in " \t":
        return None
    return after.strip()


_TAG = re.compile(r"[\w.]+")


def _evaluate_plus_build(expression: str, target: Target) -> bool:
    """A // +build line: space-separated alternatives of comma-separated terms."""
    for clause in expression.split():
        if all(_plus_build_term(term, target) for term in clause.split(",")):
            return True
    return False


def _plus_build_term(term: str, target: Target) -> bool:
    if term.startswith("!!") or term == "!":
        return target.has_tag("ignore")
    negated = term.startswith("!")
    name = term[1:] if negated else term
    value = target.has_tag(name) if _TAG.fullmatch(name) else target.has_tag("ignore")
    return not value if negated else value


class _GoBuildExpression:
    """A //go:build expression: tags with ! && || and parentheses, evaluated for a target."""

    def __init__(self, text: str, target: Target) -> None:
        self.tokens = re.findall(r"\(|\)|!|&&|\|\||[\w.]+|\S", text)
        self.position = 0
        self.target = target

    def evaluate(self) -> bool:
        value = self._or()
        if self.position != len(self.tokens):
            raise ConstraintError(f"unexpected token {self.tokens[self.position]}")
        return value

    def _peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _or(self) -> bool:
        value = self._and()
        while self._peek() == "||":
            self.position += 1
            value = self._and() or value
        return value

    def _and(self) -> bool:
        value = self._not()
        while self._peek() == "&&":
            self.position += 1
            value = self._not() and value
        return value

    def _not(self) -> bool:
        if self._peek() == "!":
            self.position += 1
            if self._peek() == "!":
                raise ConstraintError("double negation not allowed")
            return not self._atom()
        return self._atom()

    def _atom(self) -> bool:
        token = self._peek()
        if token is None:
            raise ConstraintError("unexpected end of expression")
        self.position += 1
        if token == "(":
            value = self._or()
            if self._peek() != ")":
                raise ConstraintError("missing close paren")
            self.position += 1
            return value
        if not _TAG.fullmatch(token):
            raise ConstraintError(f"unexpected token {token}")
        return self.target.has_tag(token)
