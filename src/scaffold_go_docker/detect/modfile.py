"""The syntax of go.mod and go.work files, as golang.org/x/mod/modfile reads it.

A file is a list of statements: a line of tokens (`require example.com/m v1.2.3`) or a block
that factors out the verb (`require ( ... )`). Tokens are bare words, "quoted" or `raw`
strings, and the punctuation ( ) [ ] { } , ; `//` starts a comment. The meaning of each verb
is the business of the readers of go.mod and go.work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scaffold_go_docker.detect.scanner import string_value


class ModFileSyntaxError(Exception):
    """The file breaks the go.mod syntax; `line` is where."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True, slots=True)
class Statement:
    """One line of a go.mod or go.work file: its verb and arguments, raw as written."""

    verb: str
    args: tuple[str, ...]
    line: int
    #: The comment at the end of the line, without "//" ("indirect" for indirect requires).
    comment: str


_PUNCTUATION = frozenset("()[]{},")
_TOKEN = re.compile(
    r"""[ \t\r]*(?:
        (?P<comment>//[^\n]*)
      | (?P<newline>\n)
      | (?P<punct>[()\[\]{},])
      | (?P<string>"(?:[^"\\\n]|\\.)*"|`[^`\n]*`)
      | (?P<badstring>["`])
      | (?P<blockcomment>/\*)
      | (?P<word>(?:(?!//|/\*)[^\s()\[\]{},"`])+)
      | (?P<end>$)
    )""",
    re.VERBOSE,
)


def _lex(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, line) tokens; kind is comment, newline, punct, string, word."""
    tokens: list[tuple[str, str, int]] = []
    position, line = 0, 1
    while True:
        match = _TOKEN.match(text, position)
        if match is None:
            bad = text[position:].lstrip(" \t\r")[:1]
            raise ModFileSyntaxError(line, f"unexpected input character {bad!r}")
        kind = match.lastgroup or "end"
        if kind == "end":
            return tokens
        if kind == "badstring":
            raise ModFileSyntaxError(line, "unterminated string")
        if kind == "blockcomment":
            raise ModFileSyntaxError(line, "mod files must use // comments (not /* */ comments)")
        value = match.group(kind)
        tokens.append((kind, value, line))
        if kind == "newline":
            line += 1
        position = match.end()


def parse_statements(text: str) -> list[Statement]:
    """The statements of a go.mod or go.work file, blocks expanded to one per line."""
    statements: list[Statement] = []
    lines = _logical_lines(_lex(text))
    index = 0
    while index < len(lines):
        words, comment, line = lines[index]
        index += 1
        if words and words[-1] == ("punct", "("):
            # A block: `verb (` alone on its line, its lines, then `)` alone on its line.
            head = [text for _, text in words[:-1]]
            if not head:
                raise ModFileSyntaxError(line, "syntax error (block without a verb)")
            while True:
                if index >= len(lines):
                    raise ModFileSyntaxError(line, "syntax error (unterminated block)")
                inner, inner_comment, inner_line = lines[index]
                index += 1
                if inner == [("punct", ")")]:
                    break
                if inner and inner[-1] == ("punct", ")"):
                    raise ModFileSyntaxError(
                        inner_line, "syntax error (expected newline before closing paren)"
                    )
                if any(kind == "punct" and text == "(" for kind, text in inner):
                    raise ModFileSyntaxError(inner_line, "syntax error (nested block)")
                if inner:
                    args = head[1:] + [text for _, text in inner]
                    statements.append(Statement(head[0], tuple(args), inner_line, inner_comment))
            continue
        if words == [("punct", ")")]:
            raise ModFileSyntaxError(line, "syntax error (unexpected closing paren)")
        if words:
            texts = [text for _, text in words]
            if len(texts) >= 3 and texts[-2:] == ["(", ")"]:
                continue  # an empty block written `verb ( )`
            statements.append(Statement(texts[0], tuple(texts[1:]), line, comment))
    return statements


def _logical_lines(
    tokens: list[tuple[str, str, int]],
) -> list[tuple[list[tuple[str, str]], str, int]]:
    """Tokens grouped by line: (words and punctuation, end-of-line comment, line number)."""
    lines: list[tuple[list[tuple[str, str]], str, int]] = []
    words: list[tuple[str, str]] = []
    comment = ""
    first_line = 0
    for kind, text, line in tokens:
        if kind == "newline":
            if words:
                lines.append((words, comment, first_line))
            words, comment = [], ""
        elif kind == "comment":
            comment = text[2:].strip()
        else:
            if not words:
                first_line = line
            words.append(("punct" if kind == "punct" else "word", text))
    if words:
        lines.append((words, comment, first_line))
    return lines


def unquote(arg: str) -> str | None:
    """A go.mod argument's value: "quoted" strings unquoted; None if it is not valid."""
    if arg.startswith('"'):
        return string_value(arg)
    if any(quote in arg for quote in "\"'`"):
        return None  # quotes inside a bare word are reserved
    return arg


def is_directory_path(path: str) -> bool:
    """Whether a replacement is a directory (modfile.IsDirectoryPath), not a module."""
    return (
        path in {".", ".."}
        or path.startswith(("./", ".\\", "../", "..\\", "/", "\\"))
        or (len(path) >= 2 and path[0].isascii() and path[0].isalpha() and path[1] == ":")
    )
