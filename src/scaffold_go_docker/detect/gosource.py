"""What a Go source file declares at its top: package clause, imports, package-level values,
`func main` and //go:embed directives, read from the token stream.

Only the header (package clause and imports) is read for every file; the rest is read for
the files that detection needs to look into. Anything that breaks Go's grammar where these
readers look raises GoSyntaxError; the caller records the file and carries on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from scaffold_go_docker.detect.scanner import (
    COMMENT,
    IDENT,
    KEYWORD,
    KEYWORDS,
    OP,
    SEMI,
    STRING,
    ScanError,
    Token,
    string_value,
    tokenize,
)


class GoSyntaxError(Exception):
    """The file is not Go where the readers look."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.reason = message


# Import and Header are NamedTuples: thousands are made per detection, and a frozen
# dataclass costs twice as much to build.
class Import(NamedTuple):
    path: str
    #: The import name: an alias, "_" or "."; None for the package's own name.
    name: str | None
    line: int


class Header(NamedTuple):
    package: str
    package_line: int
    imports: tuple[Import, ...]

    def imports_path(self, path: str) -> bool:
        return any(imported.path == path for imported in self.imports)


@dataclass(frozen=True, slots=True)
class ValueSpec:
    """One spec of a package-level var or const declaration: `a, b string = "x", f()`."""

    keyword: str
    names: tuple[str, ...]
    #: The type's tokens joined without spaces ("string", "[]byte"); "" when omitted.
    type: str
    #: Each initial value's tokens.
    values: tuple[tuple[Token, ...], ...]
    line: int
    #: //go: directive comments written just before the spec (or its declaration).
    directives: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class EmbedDirective:
    patterns: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Declarations:
    #: The line of a top-level `func main()`, if the file has one.
    main_line: int | None
    values: tuple[ValueSpec, ...]


# A line that starts a declaration after the imports. The header is read from the text
# before the first such line; if that cuts a comment or literal, from the whole text.
_DECLARATION_LINE = re.compile(r"^(?:func|type|var|const)\b", re.MULTILINE)


def read_header(text: str) -> Header:
    """The package clause and imports of a Go file (GoSyntaxError or ScanError if broken)."""
    return fast_header(text) or header_from_tokens(text)


def header_from_tokens(text: str) -> Header:
    """read_header by the lexer: any valid Go, and the errors of invalid Go."""
    cut = _DECLARATION_LINE.search(text)
    if cut is not None:
        try:
            return _parse_header(tokenize(text[: cut.start()]), complete=False)
        except (ScanError, _TruncatedError):
            pass
    return _parse_header(tokenize(text), complete=True)


# The fast path: the headers of gofmt'd files, read with a few regular expressions. Anything
# it is not sure of (escapes in paths, comments inside import specs, non-ASCII names, ...)
# goes to the lexer, which the tests hold to go/parser's reading.
_BLANKS = r"(?:[ \t\r\n\ufeff]+|//[^\n]*|/\*(?s:.*?)\*/)*"
_FAST_PACKAGE = re.compile(
    _BLANKS + r"package[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?://[^\n]*)?(?:\n|\Z)"
)
_FAST_BLANKS = re.compile(_BLANKS)
_IMPORT_SPEC = r"(?:([A-Za-z_][A-Za-z0-9_]*|\.)[ \t]+)?\"([^\"\\\n]+)\""
_FAST_SINGLE_IMPORT = re.compile(r"import[ \t]+" + _IMPORT_SPEC + r"[ \t]*(?://[^\n]*)?(?:\n|\Z)")
_FAST_IMPORT_BLOCK = re.compile(
    r"import[ \t]*\(((?:[ \t\r\n]+|//[^\n]*|" + _IMPORT_SPEC + r")*)\)[ \t]*(?://[^\n]*)?(?:\n|\Z)"
)
#: The items of an import block, in order: a spec only where no comment holds it.
_FAST_BLOCK_ITEM = re.compile(r"[ \t\r\n]+|//[^\n]*|" + _IMPORT_SPEC)
_FAST_END = re.compile(r"(?:func|type|var|const)\b|\Z")


def fast_header(text: str) -> Header | None:
    """The header of a plainly written file, or None to leave it to the lexer."""
    match = _FAST_PACKAGE.match(text)
    if match is None or match.group(1) in KEYWORDS:
        return None
    name = match.group(1)
    package_line = text.count("\n", 0, match.start(1)) + 1
    imports: list[Import] = []
    position = match.end()
    line, counted = package_line, match.start(1)
    while True:
        position = _FAST_BLANKS.match(text, position).end()  # type: ignore[union-attr]
        if not text.startswith("import", position):
            break
        single = _FAST_SINGLE_IMPORT.match(text, position)
        block = None if single is not None else _FAST_IMPORT_BLOCK.match(text, position)
        if single is not None:
            specs = [(single.group(1), single.group(2), single.start(2))]
            position = single.end()
        elif block is not None:
            items = _FAST_BLOCK_ITEM.finditer(text, block.start(1), block.end(1))
            specs = [(i.group(1), i.group(2), i.start(2)) for i in items if i.group(2)]
            position = block.end()
        else:
            return None
        for alias, path, start in specs:
            line += text.count("\n", counted, start)
            counted = start
            imports.append(Import(path, alias, line))
    if _FAST_END.match(text, position) is None:
        return None
    return Header(name, package_line, tuple(imports))


class _TruncatedError(Exception):
    """The header ran to the end of a cut text: read the whole file instead."""


def _parse_header(tokens: list[Token], complete: bool) -> Header:
    code = [token for token in tokens if token.kind != COMMENT]
    cursor = _Cursor(code, complete)
    keyword = cursor.next()
    if keyword.text != "package" or keyword.kind != KEYWORD:
        raise GoSyntaxError(keyword.line, f"expected 'package', found {keyword.text!r}")
    name = cursor.next()
    if name.kind != IDENT:
        raise GoSyntaxError(name.line, f"expected package name, found {name.text!r}")
    cursor.expect_semicolon()
    imports: list[Import] = []
    while cursor.peek_text() == "import":
        cursor.next()
        if cursor.peek_text() == "(":
            cursor.next()
            while cursor.peek_text() != ")":
                if cursor.peek_kind() == SEMI:
                    cursor.next()
                    continue
                imports.append(_import_spec(cursor))
                if cursor.peek_text() != ")":
                    cursor.expect_semicolon()
            cursor.next()
        else:
            imports.append(_import_spec(cursor))
        cursor.expect_semicolon()
    return Header(name.text, name.line, tuple(imports))


def _import_spec(cursor: _Cursor) -> Import:
    token = cursor.next()
    alias: str | None = None
    if token.kind == IDENT or token.text in {".", "_"}:
        alias = token.text
        token = cursor.next()
    if token.kind != STRING:
        raise GoSyntaxError(token.line, f"expected import path, found {token.text!r}")
    path = string_value(token.text)
    if not path:
        raise GoSyntaxError(token.line, f"invalid import path {token.text}")
    return Import(path, alias, token.line)


class _Cursor:
    def __init__(self, tokens: list[Token], complete: bool) -> None:
        self.tokens = tokens
        self.position = 0
        self.complete = complete

    def _at_end(self) -> Token:
        if not self.complete:
            raise _TruncatedError
        line = self.tokens[-1].line if self.tokens else 1
        raise GoSyntaxError(line, "unexpected end of file")

    def next(self) -> Token:
        if self.position >= len(self.tokens):
            return self._at_end()
        token = self.tokens[self.position]
        self.position += 1
        return token

    def peek_text(self) -> str | None:
        # At the end of a cut text between statements, the header is complete: the cut is
        # at a declaration, and declarations follow the imports.
        if self.position >= len(self.tokens):
            return None
        return self.tokens[self.position].text

    def peek_kind(self) -> str | None:
        if self.position >= len(self.tokens):
            return None
        return self.tokens[self.position].kind

    def expect_semicolon(self) -> None:
        if self.position >= len(self.tokens):
            if not self.complete:
                raise _TruncatedError
            return  # the end of the file ends the last statement
        token = self.next()
        if token.kind != SEMI:
            raise GoSyntaxError(token.line, f"expected ';', found {token.text!r}")


def read_declarations(tokens: list[Token]) -> Declarations:
    """`func main` and the package-level var/const specs of a tokenized file."""
    main_line: int | None = None
    values: list[ValueSpec] = []
    position, end = 0, len(tokens)
    pending: list[Token] = []  # //go: directives since the last code token at depth 0
    while position < end:
        token = tokens[position]
        if token.kind == COMMENT:
            if token.text.startswith("//go:"):
                pending.append(token)
            position += 1
            continue
        if token.kind == KEYWORD and token.text in {"var", "const"}:
            position = _value_declaration(tokens, position, pending, values)
            pending = []
            continue
        if token.kind == KEYWORD and token.text == "func":
            following = _code_after(tokens, position)
            if (
                following is not None
                and tokens[following].text == "main"
                and _code_text(tokens, following) == "("
            ):
                main_line = main_line or token.line
        pending = []
        position = _skip_declaration(tokens, position)
    return Declarations(main_line, tuple(values))


def _code_after(tokens: list[Token], position: int) -> int | None:
    position += 1
    while position < len(tokens) and tokens[position].kind == COMMENT:
        position += 1
    return position if position < len(tokens) else None


def _code_text(tokens: list[Token], position: int) -> str | None:
    following = _code_after(tokens, position)
    return None if following is None else tokens[following].text


def _skip_declaration(tokens: list[Token], position: int) -> int:
    """The position after the top-level statement starting at `position`."""
    depth = 0
    while position < len(tokens):
        token = tokens[position]
        position += 1
        if token.kind == OP:
            if token.text in "([{":
                depth += 1
            elif token.text in ")]}":
                depth = max(depth - 1, 0)
        elif token.kind == SEMI and depth == 0:
            break
    return position


def _value_declaration(
    tokens: list[Token], position: int, directives: list[Token], values: list[ValueSpec]
) -> int:
    keyword = tokens[position].text
    following = _code_after(tokens, position)
    if following is not None and tokens[following].text == "(":
        position = following + 1
        pending = list(directives)
        while position < len(tokens):
            token = tokens[position]
            if token.kind == COMMENT:
                if token.text.startswith("//go:"):
                    pending.append(token)
                position += 1
            elif token.kind == SEMI:
                position += 1
            elif token.text == ")":
                return _skip_declaration(tokens, position)
            else:
                # A stray closing bracket ends nothing: step over it.
                spec_end = max(_spec_end(tokens, position), position + 1)
                spec = _value_spec(keyword, tokens[position:spec_end], tuple(pending))
                if spec is not None:
                    values.append(spec)
                pending = []
                position = spec_end
        return position
    spec_end = _spec_end(tokens, position + 1)
    spec = _value_spec(keyword, tokens[position + 1 : spec_end], tuple(directives))
    if spec is not None:
        values.append(spec)
    return spec_end


def _spec_end(tokens: list[Token], position: int) -> int:
    """Where a spec ends: a semicolon or the group's ")" at its own depth."""
    depth = 0
    while position < len(tokens):
        token = tokens[position]
        if token.kind == OP:
            if token.text in "([{":
                depth += 1
            elif token.text in ")]}":
                if depth == 0:
                    return position
                depth -= 1
        elif token.kind == SEMI and depth == 0:
            return position
        position += 1
    return position


def _value_spec(
    keyword: str, tokens: list[Token], directives: tuple[Token, ...]
) -> ValueSpec | None:
    code = [token for token in tokens if token.kind != COMMENT]
    if not code or code[0].kind != IDENT:
        return None
    names: list[str] = []
    position = 0
    while position < len(code) and code[position].kind == IDENT:
        names.append(code[position].text)
        position += 1
        if position < len(code) and code[position].text == ",":
            position += 1
        else:
            break
    type_tokens: list[Token] = []
    while position < len(code) and code[position].text != "=":
        type_tokens.append(code[position])
        position += 1
    values: list[list[Token]] = []
    if position < len(code):
        values = _split_top_level(code[position + 1 :])
    return ValueSpec(
        keyword=keyword,
        names=tuple(names),
        type="".join(token.text for token in type_tokens),
        values=tuple(tuple(value) for value in values),
        line=code[0].line,
        directives=directives,
    )


def _split_top_level(tokens: list[Token]) -> list[list[Token]]:
    """Comma-separated expressions (commas inside brackets do not split)."""
    parts: list[list[Token]] = [[]]
    depth = 0
    for token in tokens:
        if token.kind == OP and token.text in "([{":
            depth += 1
        elif token.kind == OP and token.text in ")]}":
            depth -= 1
        if token.text == "," and token.kind == OP and depth == 0:
            parts.append([])
        else:
            parts[-1].append(token)
    return parts if parts != [[]] else []


def embed_directives(tokens: list[Token]) -> tuple[tuple[EmbedDirective, ...], tuple[str, ...]]:
    """Every //go:embed comment's patterns (go/build reads them anywhere in a file that
    imports "embed"), and the lines whose arguments do not parse."""
    directives: list[EmbedDirective] = []
    bad: list[str] = []
    for token in tokens:
        if token.kind != COMMENT or not token.text.startswith("//go:embed"):
            continue
        arguments = _directive_arguments(token.text, "embed")
        if arguments is None:
            continue
        patterns = parse_directive_args(arguments)
        if patterns is None:
            bad.append(f"line {token.line}: invalid quoted string in //go:embed")
            continue
        directives.append(EmbedDirective(tuple(patterns), token.line))
    return tuple(directives), tuple(bad)


def _directive_arguments(comment: str, name: str) -> str | None:
    """go/ast.ParseDirective for "//go:NAME args": the arguments, or None if not it."""
    prefix = f"//go:{name}"
    if not comment.startswith(prefix):
        return None
    rest = comment[len(prefix) :]
    if rest and not rest[0].isspace():
        return None
    return rest.strip()


_DIRECTIVE_ARG = re.compile(r"\"(?:[^\"\\]|\\.)*\"|`[^`]*`|[^\s\"`][^\s]*|[\"`].*")


def parse_directive_args(arguments: str) -> list[str] | None:
    """go/ast.Directive.ParseArgs: bare words, "quoted" and `raw` strings; None if invalid."""
    out: list[str] = []
    position = 0
    while True:
        while position < len(arguments) and arguments[position].isspace():
            position += 1
        if position >= len(arguments):
            return out
        match = _DIRECTIVE_ARG.match(arguments, position)
        if match is None:  # pragma: no cover - the last alternative matches anything
            return None
        word = match.group()
        position = match.end()
        if word[0] in '"`':
            value = string_value(word)
            if value is None:
                return None
            if position < len(arguments) and not arguments[position].isspace():
                return None
            out.append(value)
        else:
            out.append(word)
