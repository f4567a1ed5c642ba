"""The questionary prompts: an `Asker` for the interview, and the final confirmation.

Imported only when a run may prompt, so non-interactive runs never load questionary or
prompt_toolkit. Every question uses `unsafe_ask()`: Ctrl-C raises KeyboardInterrupt,
which the CLI turns into "Aborted" and exit 130 before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import questionary

from scaffold_go_docker.inputs.interview import Choice


class QuestionaryAsker:
    """Asks at the terminal with questionary."""

    def select(self, message: str, choices: Sequence[Choice], default: str) -> str:
        menu = [questionary.Choice(choice.label, value=choice.value) for choice in choices]
        chosen = next((c for c in menu if c.value == default), None)
        answer: str = questionary.select(
            message, choices=menu, default=chosen, show_description=False
        ).unsafe_ask()
        return answer

    def confirm(self, message: str, default: bool) -> bool:
        answer: bool = questionary.confirm(message, default=default).unsafe_ask()
        return answer

    def text(self, message: str, default: str, validate: Callable[[str], str | None]) -> str:
        def check(text: str) -> bool | str:
            problem = validate(text)
            return True if problem is None else problem

        answer: str = questionary.text(message, default=default, validate=check).unsafe_ask()
        return answer

    def tell(self, message: str) -> None:
        questionary.print(message, style="fg:ansired")


def confirm_plan(summary: Sequence[str]) -> bool:
    """Show what will happen and ask to go ahead (default yes)."""
    for line in summary:
        questionary.print(line)
    answer: bool = questionary.confirm("Write these files?", default=True).unsafe_ask()
    return answer
