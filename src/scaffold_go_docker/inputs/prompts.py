"""The interactive interview: questionary prompts for what no flag, variable or file gave.

Imported only when a run may prompt, so non-interactive runs never load questionary or
prompt_toolkit. Every question uses `unsafe_ask()`: Ctrl-C raises KeyboardInterrupt,
which the CLI turns into "Aborted" and exit 130 before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import questionary

from scaffold_go_docker.inputs.fields import check_field
from scaffold_go_docker.inputs.interview import (
    BASE_DESCRIPTIONS,
    VARIANT_DESCRIPTIONS,
    Question,
    default_for,
    questions_for,
)
from scaffold_go_docker.inputs.sources import Choices, Source
from scaffold_go_docker.options import Variant


def ask_app_name() -> str:
    answer: str = questionary.text(
        "App name (the directory to create)", validate=_validator("app_name")
    ).unsafe_ask()
    return answer


def ask_variant() -> str:
    width = max(map(len, VARIANT_DESCRIPTIONS))
    choices = [
        questionary.Choice(f"{name:<{width}}  {about}", value=name)
        for name, about in VARIANT_DESCRIPTIONS.items()
    ]
    default = next(c for c in choices if c.value == Variant.ENTERPRISE.value)
    answer: str = questionary.select(
        "Variant", choices=choices, default=default, show_description=False
    ).unsafe_ask()
    return answer


def ask_options(variant: str, choices: Choices, defaults: dict[str, Any] | None = None) -> None:
    """Ask each open question in order; answers go into `choices` as prompt answers.

    `defaults` overrides the offered defaults (when re-asking after a rejected combination).
    """
    # Recomputed after each answer: choosing distroless removes what it always provides.
    while remaining := questions_for(variant, choices):
        question = remaining[0]
        default = (defaults or {}).get(
            question.field, default_for(question.field, variant, choices)
        )
        choices.set(question.field, _ask(question, default), Source.PROMPT)


def _ask(question: Question, default: Any) -> Any:
    if question.field == "base":
        choices = [
            questionary.Choice(f"{name:<10}  {about}", value=name)
            for name, about in BASE_DESCRIPTIONS.items()
        ]
        chosen = next(c for c in choices if c.value == default)
        return questionary.select(question.message, choices=choices, default=chosen).unsafe_ask()
    if isinstance(default, bool):
        return questionary.confirm(question.message, default=default).unsafe_ask()
    text = questionary.text(
        question.message, default=str(default), validate=_validator(question.field)
    ).unsafe_ask()
    return check_field(question.field, text.strip(), strict=False)


def _validator(field: str) -> Callable[[str], bool | str]:
    """A questionary validator: True, or the model's reason shown under the prompt."""

    def validate(text: str) -> bool | str:
        try:
            check_field(field, text.strip(), strict=False)
        except ValueError as error:
            return str(error)
        return True

    return validate


def confirm_plan(summary: Sequence[str]) -> bool:
    """Show what will happen and ask to go ahead (default yes)."""
    for line in summary:
        questionary.print(line)
    answer: bool = questionary.confirm("Write these files?", default=True).unsafe_ask()
    return answer


def say(message: str) -> None:
    questionary.print(message, style="fg:ansired")
