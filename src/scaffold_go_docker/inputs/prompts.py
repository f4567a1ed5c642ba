"""The questionary prompts: an `Asker` for the interview, and the final confirmation.

Imported only when a run may prompt, so non-interactive runs never load questionary or
prompt_toolkit. Every question uses `unsafe_ask()`: Ctrl-C raises KeyboardInterrupt,
which the CLI turns into "Aborted" and exit 130 before anything is written.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Sequence

import questionary

from scaffold_go_docker.i18n import N_, gettext_for
from scaffold_go_docker.inputs.interview import Choice
from scaffold_go_docker.options.enums import Lang

#: questionary's hint beside a menu's question, in the interview's language.
MENU_HINT = N_("(Use arrow keys)")
CONFIRM_WRITE = N_("Write these files?")


class QuestionaryAsker:
    """Asks at the terminal with questionary, its own hints in `lang`."""

    def __init__(self, lang: Lang = Lang.EN) -> None:
        self.menu_hint = gettext_for(lang)(MENU_HINT)

    def select(self, message: str, choices: Sequence[Choice], default: str) -> str:
        menu = [questionary.Choice(choice.label, value=choice.value) for choice in choices]
        chosen = next((c for c in menu if c.value == default), None)
        answer: str = questionary.select(
            message,
            choices=menu,
            default=chosen,
            show_description=False,
            instruction=self.menu_hint,
        ).unsafe_ask()
        return answer

    def confirm(self, message: str, default: bool) -> bool:
        return _confirm(message, default)

    def text(self, message: str, default: str, validate: Callable[[str], str | None]) -> str:
        # Checked once submitted, so the reason appears whole under the question (a
        # validator's reason would sit on the last row, cut at the terminal's width);
        # the question is then asked again with what was typed.
        while True:
            answer: str = questionary.text(message, default=default).unsafe_ask()
            problem = validate(answer)
            if problem is None:
                return answer
            self.tell(problem)
            default = answer

    def tell(self, message: str) -> None:
        width = max(shutil.get_terminal_size().columns - 2, 20)
        for line in textwrap.wrap(message, width) or [""]:
            questionary.print(f"  {line}", style="fg:ansired")


def _confirm(message: str, default: bool) -> bool:
    # y or n then Enter answers: a lone y or n must not also let Enter answer the next one.
    answer: bool = questionary.confirm(message, default=default, auto_enter=False).unsafe_ask()
    return answer


def confirm_plan(summary: Sequence[str], lang: Lang = Lang.EN) -> bool:
    """Show what will happen and ask to go ahead (default yes)."""
    for line in summary:
        questionary.print(line)
    return _confirm(gettext_for(lang)(CONFIRM_WRITE), default=True)
