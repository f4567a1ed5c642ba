"""Drive the real questionary prompts with keystrokes through prompt_toolkit's pipe input."""

from __future__ import annotations

import io
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output.plain_text import PlainTextOutput

from scaffold_go_docker.cli import app as cli_app

ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
CTRL_C = "\x03"
CTRL_U = "\x15"  # erase the pre-filled default of a text prompt


@dataclass(frozen=True)
class Session:
    code: int
    screen: str  # everything the prompts drew, as plain text
    err: str


Interview = Callable[..., Session]


@pytest.fixture
def interview(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> Interview:
    """Run `scaffold-go-docker ARGS` in tmp_path as if at a terminal, typing `keys`."""
    monkeypatch.chdir(tmp_path)
    for key in list(os.environ):
        if key.startswith("SCAFFOLD_GO_DOCKER_") or key == "CI":
            monkeypatch.delenv(key)
    # pytest's stdin is not a terminal; the terminal decision has its own tests.
    monkeypatch.setattr(cli_app, "why_no_prompts", lambda *_: None)

    def run(*args: str, keys: str | Sequence[tuple[str, str]]) -> Session:
        """`keys` typed at once, or in steps: each waits until its text is on screen."""
        screen = io.StringIO()
        steps = [("", keys)] if isinstance(keys, str) else list(keys)
        monkeypatch.setattr(sys, "argv", ["scaffold-go-docker", *args])
        with (
            create_pipe_input() as pipe,
            create_app_session(input=pipe, output=PlainTextOutput(screen)),
        ):
            finished = threading.Event()
            typist = threading.Thread(
                target=_type, args=(pipe, screen, steps, finished), daemon=True
            )
            typist.start()
            try:
                with pytest.raises(SystemExit) as exited:
                    cli_app.main()
            finally:
                finished.set()
            typist.join(timeout=STEP_TIMEOUT)
        code = exited.value.code
        return Session(
            code if isinstance(code, int) else 0, screen.getvalue(), capsys.readouterr().err
        )

    return run


STEP_TIMEOUT = 15.0


def _type(
    pipe: PipeInput, screen: io.StringIO, steps: list[tuple[str, str]], finished: threading.Event
) -> None:
    """Send each step's keys once its text has been drawn (or after STEP_TIMEOUT).

    A run still waiting for keys after the last step gets end-of-input, so a test whose
    keys fall short fails (EOF is "Aborted") instead of hanging.
    """
    for wait_for, text in steps:
        deadline = time.monotonic() + STEP_TIMEOUT
        while wait_for not in screen.getvalue() and time.monotonic() < deadline:
            time.sleep(0.02)
        pipe.send_text(text)
    if not finished.wait(timeout=STEP_TIMEOUT):
        pipe.close()
