"""A Go lexer: the token stream of a source file, as the Go specification defines it.

Comments, interpreted and raw strings and rune literals are whole tokens, so nothing inside
them is mistaken for code, and commented-out code is a comment. Semicolons are inserted
where the specification inserts them (as `go/scanner` does, with the text "\\n"), which
lets the readers above split statements and declarations without a full parser.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple


class ScanError(Exception):
    """The text cannot be tokenized as Go (an unterminated string or comment)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.reason = message


IDENT: Final = "IDENT"
KEYWORD: Final = "KEYWORD"
INT: Final = "INT"
FLOAT: Final = "FLOAT"
IMAG: Final = "IMAG"
CHAR: Final = "CHAR"
STRING: Final = "STRING"
OP: Final = "OP"
SEMI: Final = "SEMI"
COMMENT: Final = "COMMENT"
#: A character Go does not allow outside literals and comments (`$`, `?`, `#`, ...).
ILLEGAL: Final = "ILLEGAL"


class Token(NamedTuple):
    kind: str
    text: str
    line: int


KEYWORDS: Final = frozenset(
    "break case chan const continue default defer else fallthrough for func go goto if "  # noqa: SIM905
    "import interface map package range return select struct switch type var".split()
)
#: After these keywords a newline ends the statement.
_SEMI_KEYWORDS: Final = frozenset({"break", "continue", "fallthrough", "return"})
_SEMI_OPS: Final = frozenset({")", "]", "}", "++", "--"})

_OPERATORS = sorted(
    "<<= >>= &^= ... && || <- ++ -- == != <= >= := += -= *= /= %= &= |= ^= << >> &^ "  # noqa: SIM905
    "+ - * / % & | ^ < > = ! ( ) [ ] { } , ; . : ~".split(),
    key=len,
    reverse=True,
)
_OPERATOR_CHARS: Final = frozenset("".join(_OPERATORS))
#: One token after optional blanks. Every alternative but the last needs its whole form, so a
#: lone quote or `/*` that starts no complete literal or comment falls to the last one, `.`,
#: and is reported as unterminated. Numbers are taken as go/scanner takes them.
_TOKEN = re.compile(
    r"[ \t\r\ufeff]*("
    + "|".join(
        (
            r"[^\W\d]\w*",
            r"\n",
            r"//[^\r\n]*",
            r"/\*.*?\*/",
            r"/\*",  # an unterminated comment
            r"\"(?:[^\"\\\n]|\\.)*\"",
            r"0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?[0-9_]+)?i?",
            r"(?:0[bBoO][0-9_]*|[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][+-]?[0-9_]*)?i?",
            r"\.[0-9][0-9_]*(?:[eE][+-]?[0-9_]*)?i?",
            "|".join(re.escape(op) for op in _OPERATORS),
            r"`[^`]*`",
            r"'(?:[^'\\\n]|\\.)*'",
            r".",
        )
    )
    + ")",
    re.DOTALL,
)
_UNTERMINATED: Final = {
    '"': "string literal not terminated",
    "'": "rune literal not terminated",
    "`": "raw string literal not terminated",
}


def tokenize(text: str) -> list[Token]:
    """Every token of `text`, comments included, with automatic semicolons.

    Lines are physical lines (`//line` directives are not applied). Raises ScanError for an
    unterminated comment, string, raw string or rune literal.
    """
    tokens: list[Token] = []
    append = tokens.append
    # tuple.__new__ skips NamedTuple's Python-level constructor: a third of the time here.
    new = tuple.__new__
    line = 1
    # Whether a newline here ends a statement (the previous token allows a semicolon).
    semi = False
    for value in _TOKEN.findall(text):
        first = value[0]
        if first == "\n":
            if semi:
                append(new(Token, (SEMI, "\n", line)))
                semi = False
            line += 1
        elif first.isalpha() or first == "_":
            if value in KEYWORDS:
                append(new(Token, (KEYWORD, value, line)))
                semi = value in _SEMI_KEYWORDS
            else:
                append(new(Token, (IDENT, value, line)))
                semi = True
        elif first == "/" and value[1:2] in ("/", "*"):
            if value[1] == "/":
                # The newline after it inserts the semicolon, as go/scanner orders them.
                append(new(Token, (COMMENT, value, line)))
            elif len(value) > 3:
                append(new(Token, (COMMENT, value.replace("\r", ""), line)))
                newlines = value.count("\n")
                if newlines and semi:
                    append(new(Token, (SEMI, "\n", line)))
                    semi = False
                line += newlines
            else:
                raise ScanError(line, "comment not terminated")
        elif first in _UNTERMINATED:
            if len(value) == 1:
                raise ScanError(line, _UNTERMINATED[first])
            if first == "`":
                append(new(Token, (STRING, value, line)))
                line += value.count("\n")
            else:
                append(new(Token, (STRING if first == '"' else CHAR, value, line)))
            semi = True
        elif first.isdigit() or (first == "." and len(value) > 1 and value[1].isdigit()):
            append(new(Token, (_number_kind(value), value, line)))
            semi = True
        elif value == ";":
            append(new(Token, (SEMI, ";", line)))
            semi = False
        elif first in _OPERATOR_CHARS:
            append(new(Token, (OP, value, line)))
            semi = value in _SEMI_OPS
        else:
            append(new(Token, (ILLEGAL, value, line)))
            semi = False
    if semi:
        append(new(Token, (SEMI, "\n", line)))
    return tokens


def _number_kind(text: str) -> str:
    if text.endswith("i"):
        return IMAG
    lowered = text.lower()
    if lowered.startswith("0x"):
        return FLOAT if "." in lowered or "p" in lowered else INT
    if lowered.startswith(("0b", "0o")):
        return INT
    return FLOAT if "." in lowered or "e" in lowered else INT


_SIMPLE_ESCAPES: Final = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
    "'": "'",
    '"': '"',
}
_ESCAPE = re.compile(
    r"\\(?:([abfnrtv\\'\"])|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|"
    r"U([0-9a-fA-F]{8})|([0-7]{3}))"
)


def string_value(token_text: str) -> str | None:
    """The value of a Go string literal token (raw or interpreted); None if it is invalid.

    Byte escapes (`\\x`, octal) are taken as Latin-1 characters: exact for the ASCII text
    (addresses, ports, names, patterns) that detection reads.
    """
    if len(token_text) < 2:
        return None
    if token_text[0] == "`" and token_text[-1] == "`":
        return token_text[1:-1].replace("\r", "")
    if token_text[0] != '"' or token_text[-1] != '"':
        return None
    body = token_text[1:-1]
    if "\\" not in body:
        return body
    out: list[str] = []
    position = 0
    for escape in _ESCAPE.finditer(body):
        if escape.start() != position and "\\" in body[position : escape.start()]:
            return None
        out.append(body[position : escape.start()])
        simple, hex_byte, short, long, octal = escape.groups()
        if simple is not None:
            if simple == "'":
                return None  # \' is valid only in rune literals
            out.append(_SIMPLE_ESCAPES[simple])
        elif hex_byte is not None:
            out.append(chr(int(hex_byte, 16)))
        elif octal is not None:
            if int(octal, 8) > 255:
                return None
            out.append(chr(int(octal, 8)))
        else:
            code = int(short or long, 16)
            if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                return None
            out.append(chr(code))
        position = escape.end()
    rest = body[position:]
    if "\\" in rest:
        return None
    out.append(rest)
    return "".join(out)
