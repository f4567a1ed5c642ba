"""What `new` and `init` tell about a plan: each option's value and source, and warnings.

Both plans describe their options the same way (the summary at a terminal, `--json`, the
notes of a run without prompts), so the words live here once.
"""

from __future__ import annotations

import textwrap
from typing import Any, NamedTuple

from scaffold_go_docker.generate import Generated
from scaffold_go_docker.inputs.answers import answers_values
from scaffold_go_docker.inputs.sources import Choices
from scaffold_go_docker.options import ALL_VARIANTS, Source
from scaffold_go_docker.options.model import field_defaults
from scaffold_go_docker.options.naming import plain
from scaffold_go_docker.options.presets import fill


class Described(NamedTuple):
    """An option's value as the answers file records it, and where it came from."""

    value: Any
    source: Source


def describe_options(choices: Choices, generated: Generated) -> dict[str, Described]:
    """Each option the answers file records, with the source of its value."""
    variant = choices.values.get("variant")
    values = answers_values(generated.options, choices.values, variant)
    given = dict(choices.values)
    if variant == ALL_VARIANTS:
        given.pop("variant")
    origins = fill(given, field_defaults()).origins
    return {
        name: Described(value, choices.origins.get(name) or origins.get(name, Source.DEFAULT))
        for name, value in values.items()
    }


def option_warnings(generated: Generated) -> list[str]:
    """The options' warnings (a choice that works but costs something), as notes."""
    return [f"warning: {w}" for w in next(iter(generated.options.values())).warnings]


#: Below this many columns beside its head, a text that does not fit there whole starts on a
#: line of its own.
_NARROWEST = 30
_UNDER_A_LONG_HEAD = " " * 6


def wrapped(head: str, text: str, width: int) -> list[str]:
    """`text` after `head`, wrapped to `width` under it; never a path or word cut in two."""
    beside = len(head) + len(text) <= width
    if not beside and width - len(head) < _NARROWEST and head.strip():  # text under the value
        return [head.rstrip(), *wrapped(_UNDER_A_LONG_HEAD, text, width)]
    return textwrap.wrap(
        text,
        width=max(width, len(head) + 20),
        initial_indent=head,
        subsequent_indent=" " * len(head),
        break_on_hyphens=False,
        break_long_words=False,
    )


def shown(value: Any) -> str:
    """A value as a note shows it: yes/no for a switch."""
    return ("yes" if value else "no") if isinstance(value, bool) else plain(value)
