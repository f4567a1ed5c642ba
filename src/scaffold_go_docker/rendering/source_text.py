"""English messages become template text before a template is parsed.

A message in a template is `{{ _("text %(name)s ...", name=expr) | comment(indent) }}`.
In English, the source language, `_` returns the text as it is and `comment` only puts
`# ` before each line, so both are known before rendering: this extension rewrites each
such expression in the template's source into the commented text, with `{{ expr }}` where
a placeholder was. The English templates then compile as plain comment lines would: the
lexing, parsing and code of a call and a filter per message cost a one-shot `new` about a
third more compile time (measured with benchmarks/bench_new.py). A message it does not
recognise, and every message in a translation, is left to `_` and `comment` at render time,
which give the same text.
"""

from __future__ import annotations

import codecs
import re

from jinja2.ext import Extension

from scaffold_go_docker.rendering.text import comment

# `{{ _("...", key=expr, ...) | comment }}` or `| comment(N)`, where an expr is a name
# path, optionally through one filter with string arguments (`o.platforms | join(",")`).
_STRING = r'"(?:[^"\\]|\\.)*"'
_EXPR = rf"[\w.]+(?: \| \w+\((?:{_STRING}(?:, )?)*\))?"
_MESSAGE = re.compile(
    rf"\{{\{{ _\((?P<text>{_STRING})(?P<values>(?:, \w+={_EXPR})*)\)"
    rf" \| comment(?:\((?P<indent>\d+)\))? \}}\}}"
)
_VALUE = re.compile(rf"(\w+)=({_EXPR})")
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_OTHER_FORMAT = re.compile(r"%(?!\(\w+\)s|%)")
_TEMPLATE_SYNTAX = re.compile(r"\{[{%#]")
_MARK = "\x00"  # stands for a placeholder while the lines get their `# `


class SourceText(Extension):
    """Folds each English message into the template's text (see the module)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return _MESSAGE.sub(_folded, source)


def _folded(match: re.Match[str]) -> str:
    """The commented text of one message, or the message as it was if it cannot be."""
    # A Jinja string literal, unescaped as Jinja's lexer does.
    text = codecs.decode(match["text"][1:-1].encode("ascii", "backslashreplace"), "unicode-escape")
    values = dict(_VALUE.findall(match["values"]))
    names = _PLACEHOLDER.findall(text)
    if _OTHER_FORMAT.search(text) or _TEMPLATE_SYNTAX.search(text) or not set(names) <= set(values):
        return match[0]
    marked = _PLACEHOLDER.sub(_MARK, text).replace("%%", "%")
    pieces = comment(marked, int(match["indent"] or 0)).split(_MARK)
    expressions = ["{{ " + values[name] + " }}" for name in names]
    return pieces[0] + "".join(e + p for e, p in zip(expressions, pieces[1:], strict=True))
