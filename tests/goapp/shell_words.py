"""POSIX shell word expansion for the simple commands a Dockerfile RUN line holds.

A RUN line is run by the builder's /bin/sh, and BuildKit expands ARG/ENV values in other
instructions with the same rules. This covers what generated Dockerfiles use: quotes,
backslashes, `$NAME`, `${NAME}`, `${NAME#pat}` and friends, field splitting of unquoted
expansions, and leading `NAME=value` assignments. Anything else (pipes, lists, redirections,
command substitution, globs) raises ShellSyntaxError, so a RUN line of an unexpected shape
fails loudly instead of being misread.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ASSIGNMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=")
_OPERATORS = set(";&|<>()`")
_GLOB = set("*?[")
_IFS = " \t\n"


class ShellSyntaxError(ValueError):
    """The text uses shell syntax beyond a simple command."""


@dataclass(frozen=True)
class SimpleCommand:
    """`NAME=value ... argv...` after expansion, as the shell would execute it."""

    assignments: dict[str, str]
    argv: list[str]


@dataclass
class _Piece:
    text: str
    splittable: bool  # an unquoted expansion: subject to field splitting


def parse_simple_command(text: str, env: Mapping[str, str]) -> SimpleCommand:
    """Expand `text` as /bin/sh does for a simple command run with `env`."""
    assignments: dict[str, str] = {}
    argv: list[str] = []
    for raw, pieces in _raw_words(text, env):
        match = _ASSIGNMENT.match(raw)
        if match and not argv:
            value = "".join(piece.text for piece in pieces)
            assignments[match.group(1)] = value.removeprefix(match.group(0))
        else:
            argv.extend(_split_fields(pieces))
    return SimpleCommand(assignments, argv)


def expand_word(text: str, env: Mapping[str, str]) -> str:
    """One word with quotes removed and parameters expanded, never split (ARG/ENV values)."""
    words = list(_raw_words(text, env, split_on_blank=False))
    return "".join(piece.text for _, pieces in words for piece in pieces)


def _split_fields(pieces: list[_Piece]) -> list[str]:
    fields: list[str] = []
    current: str | None = None
    for piece in pieces:
        if not piece.splittable:
            current = (current or "") + piece.text
            continue
        parts = re.split(f"[{_IFS}]+", piece.text)
        for index, part in enumerate(parts):
            if index > 0 and current is not None:
                fields.append(current)
                current = None
            if part:
                current = (current or "") + part
    if current is not None:
        fields.append(current)
    return fields


def _raw_words(
    text: str, env: Mapping[str, str], *, split_on_blank: bool = True
) -> list[tuple[str, list[_Piece]]]:
    """Words as (source text, expanded pieces)."""
    words: list[tuple[str, list[_Piece]]] = []
    pieces: list[_Piece] = []
    start: int | None = None
    i = 0

    def finish(end: int) -> None:
        nonlocal pieces, start
        if start is not None:
            words.append((text[start:end], pieces))
        pieces, start = [], None

    while i < len(text):
        char = text[i]
        if char in _IFS and split_on_blank:
            finish(i)
            i += 1
            continue
        if start is None:
            start = i
        if char == "\\":
            if text[i + 1 : i + 2] == "\n":
                i += 2
                continue
            pieces.append(_Piece(text[i + 1 : i + 2], False))
            i += 2
        elif char == "'":
            end = text.find("'", i + 1)
            if end < 0:
                raise ShellSyntaxError(f"unterminated ' in {text!r}")
            pieces.append(_Piece(text[i + 1 : end], False))
            i = end + 1
        elif char == '"':
            i = _double_quoted(text, i + 1, env, pieces)
        elif char == "$":
            value, i = _parameter(text, i, env)
            pieces.append(_Piece(value, split_on_blank))
        elif char in _OPERATORS and split_on_blank:
            raise ShellSyntaxError(f"{char!r} in {text!r}: only simple commands are supported")
        elif char in _GLOB and split_on_blank:
            raise ShellSyntaxError(f"unquoted glob {char!r} in {text!r}")
        else:
            pieces.append(_Piece(char, False))
            i += 1
    finish(len(text))
    return words


def _double_quoted(text: str, i: int, env: Mapping[str, str], pieces: list[_Piece]) -> int:
    """Append the expansion of a "..." body starting at i; return the index after it."""
    while i < len(text):
        char = text[i]
        if char == '"':
            # "" still makes a (possibly empty) word.
            pieces.append(_Piece("", False))
            return i + 1
        if char == "\\" and text[i + 1 : i + 2] in ('"', "\\", "$", "`", "\n"):
            if text[i + 1] != "\n":
                pieces.append(_Piece(text[i + 1], False))
            i += 2
        elif char == "$":
            value, i = _parameter(text, i, env)
            pieces.append(_Piece(value, False))
        elif char == "`":
            raise ShellSyntaxError(f"command substitution in {text!r}")
        else:
            pieces.append(_Piece(char, False))
            i += 1
    raise ShellSyntaxError(f'unterminated " in {text!r}')


def _parameter(text: str, i: int, env: Mapping[str, str]) -> tuple[str, int]:
    """Expand the parameter at text[i] == '$'; return (value, index after it)."""
    if text[i + 1 : i + 2] == "{":
        end = text.find("}", i + 2)
        if end < 0:
            raise ShellSyntaxError(f"unterminated ${{ in {text!r}")
        return _braced(text[i + 2 : end], env, text), end + 1
    match = _NAME.match(text, i + 1)
    if not match:
        raise ShellSyntaxError(f"unsupported $ expansion in {text!r}")
    return env.get(match.group(0), ""), match.end()


def _braced(body: str, env: Mapping[str, str], text: str) -> str:
    match = _NAME.match(body)
    if not match:
        raise ShellSyntaxError(f"unsupported ${{{body}}} in {text!r}")
    name, rest = match.group(0), body[match.end() :]
    value = env.get(name)
    for operator in ("##", "#", "%%", "%", ":-", "-"):
        if rest.startswith(operator):
            word = expand_word(rest[len(operator) :], env)
            return _apply(operator, value, word)
    if rest:
        raise ShellSyntaxError(f"unsupported ${{{body}}} in {text!r}")
    return value or ""


def _apply(operator: str, value: str | None, word: str) -> str:
    if operator == ":-":
        return value or word
    if operator == "-":
        return word if value is None else value
    value = value or ""
    cuts = range(len(value) + 1)
    if operator in ("#", "##"):
        order = cuts if operator == "#" else reversed(cuts)
        for n in order:
            if fnmatchcase(value[:n], word):
                return value[n:]
    else:
        order = reversed(cuts) if operator == "%" else cuts
        for n in order:
            if fnmatchcase(value[n:], word):
                return value[:n]
    return value
