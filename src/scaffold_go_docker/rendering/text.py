"""Text clean-up shared by every rendered file."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

# Parser directives and linter pragmas (hadolint's, our audit's) are instructions to tools,
# not explanations.
_KEPT_COMMENTS = re.compile(r"#\s*(syntax|escape|check)=|#\s*hadolint |#\s*scaffold-go-docker ")
_BLANK_RUN = re.compile(r"\n{3,}")

#: The widest a translated comment line may be, in display columns, its `# ` included. The
#: English texts are wrapped by hand in the templates, at about this width.
COMMENT_WIDTH = 92
# Where a translated line may break: between two wide (CJK) characters or at a space between
# two words, never inside a word (a flag, a path), before closing punctuation or after
# opening punctuation.
_CLOSING = set("，。、；：！？）》」』】,.;:!?)]}")
_OPENING = set("（《「『【([{")
_CLAUSE_END = set("，。、；：！？）")
_FULL_ENOUGH = 0.5


def exec_form(words: Iterable[str]) -> str:
    """Words as an exec-form JSON array. A backslash is written `\\u005c`: hadolint takes
    a string ending in an escaped backslash (`"x\\\\"`) for an escaped quote, so the line
    would not read as JSON to it (BuildKit reads both alike)."""
    return json.dumps(list(words)).replace("\\\\", "\\u005c")


def drop_comments(text: str) -> str:
    """Remove explanatory full-line comments, keeping directives and hadolint pragmas."""
    kept = [
        line
        for line in text.split("\n")
        if not line.lstrip().startswith("#") or _KEPT_COMMENTS.match(line.lstrip())
    ]
    return "\n".join(kept)


def tidy(text: str) -> str:
    """`\\n` line endings, no trailing spaces, single blank lines, exactly one final newline."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    joined = _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")
    return joined + "\n"


def comment(text: str, indent: int = 0, width: int | None = None) -> str:
    """`text` as `# ` comment lines, `indent` spaces in; one line per line of `text`.

    With a `width` (translations), a line wider than that in display columns is wrapped;
    without (English, wrapped by hand in the templates), every line is kept as it is.
    """
    prefix = " " * indent + "# "
    lines = []
    for line in text.split("\n"):
        if width is None or display_width(prefix + line) <= width:
            lines.append(prefix + line)
        else:
            lines += [prefix + part for part in wrap(line, width - display_width(prefix))]
    return "\n".join(line.rstrip() for line in lines)


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: East Asian wide and fullwidth characters take 2."""
    return sum(2 if _wide(char) else 1 for char in text)


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns; an unbreakable run may exceed it.

    A line ends at a clause's end (or before an opening bracket), else between words, when
    that leaves it at least `_FULL_ENOUGH` full; otherwise where the next piece overflows.
    """
    lines: list[str] = []
    line: list[_Unit] = []
    for unit in _units(text):
        if line and _columns([*line, unit]) > width:
            cut = _clause_break(line, unit, width) or len(line)
            lines.append(_joined(line[:cut]))
            line = line[cut:]
        line.append(unit)
    return [*lines, _joined(line)]


_Unit = tuple[bool, str]  # (a space before it, its text)


def _clause_break(line: list[_Unit], unit: _Unit, width: int) -> int | None:
    """Where `line` is best broken so that its rest and `unit` fit on the next line: the
    last clause end or opening bracket, else the last space between words."""
    fitting = [
        cut
        for cut in range(1, len(line))
        if _columns(line[:cut]) >= width * _FULL_ENOUGH and _columns([*line[cut:], unit]) <= width
    ]
    clauses = [
        cut for cut in fitting if line[cut - 1][1][-1] in _CLAUSE_END or line[cut][1][0] in _OPENING
    ]
    words = [cut for cut in fitting if line[cut][0]]
    return max(clauses or words or [0]) or None


def _joined(units: list[_Unit]) -> str:
    return "".join((" " if spaced and i else "") + text for i, (spaced, text) in enumerate(units))


def _columns(units: list[_Unit]) -> int:
    return display_width(_joined(units))


def _units(text: str) -> list[_Unit]:
    """The unbreakable pieces of `text`, each with whether a space comes before it.

    A space between two narrow characters separates words; one beside a wide character
    only sets a Latin term apart from the CJK text around it, and stays with it. Code in
    backticks is one piece, which a space sets apart.
    """
    units: list[_Unit] = []
    spaced = in_code = False
    for char in text:
        if in_code:
            units[-1] = (units[-1][0], units[-1][1] + char)
            in_code = char != "`"
            continue
        if char.isspace():
            spaced = bool(units)
            continue
        if not units:
            units.append((False, char))
            in_code = char == "`"
            continue
        before, last = units[-1]
        previous = last[-1]
        narrow = not (_wide(char) or _wide(previous))
        in_code = char == "`"
        if spaced and (narrow or in_code or previous == "`"):
            units.append((True, char))
        elif spaced:
            units[-1] = (before, last + " " + char)
        elif narrow or char in _CLOSING or previous in _OPENING:
            units[-1] = (before, last + char)
        else:
            units.append((False, char))
        spaced = False
    return units


def _wide(char: str) -> bool:
    import unicodedata  # only translations are wrapped: English runs never load it

    return unicodedata.east_asian_width(char) in "WF"
