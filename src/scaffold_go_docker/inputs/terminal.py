"""May this run ask questions, and may it colour its output? Decided from the environment."""

from __future__ import annotations

import os
from typing import TextIO

#: Values of CI that mean "not CI" (some tools export CI=false locally).
_FALSE = {"", "0", "false", "no", "off"}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in _FALSE


def why_no_prompts(no_input: bool, stdin: TextIO, stdout: TextIO) -> str | None:
    """The reason this run must not prompt, or None when it may.

    A prompt needs a person at a terminal: without one (a pipe, /dev/null, CI) a question
    would hang or read garbage, so defaults are taken instead.
    """
    if no_input:
        return "--no-input"
    if in_ci():
        return "CI is set"
    if not _isatty(stdin):
        return "stdin is not a terminal"
    if not _isatty(stdout):
        return "stdout is not a terminal"
    return None


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return not os.environ.get("NO_COLOR") and _isatty(stream)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False
