"""A real terminal for tests: a private tmux server running one command in a pane."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Mapping
from pathlib import Path

import pytest


def person_environ(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This environment as a person's shell has it: no CI, NO_COLOR or tool variables."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SCAFFOLD_GO_DOCKER_") and key not in ("CI", "NO_COLOR", "TMUX")
    }
    env.update(extra or {})
    return env


class Terminal:
    """One tmux pane running `command`; keys go in, the screen comes out."""

    def __init__(self, command: list[str], cwd: Path, env: Mapping[str, str]) -> None:
        tmux = shutil.which("tmux")
        if tmux is None:
            pytest.fail("tmux is not installed (.ci/run installs it)")
        self._tmux = [tmux, "-L", f"sgd-test-{uuid.uuid4().hex[:12]}", "-f", "/dev/null"]
        # The pane stays open after the command so its exit status can be read.
        shell = f"{shlex.join(command)}; echo EXIT=$?; sleep 600"
        self._run("new-session", "-d", "-s", "t", "-x", "120", "-y", "50", "-c", str(cwd), shell,
                  env=dict(env))  # fmt: skip

    def _run(self, *args: str, env: dict[str, str] | None = None) -> str:
        result = subprocess.run(
            [*self._tmux, *args], capture_output=True, text=True, check=True, timeout=30, env=env
        )
        return result.stdout

    def send(self, *keys: str) -> None:
        """tmux key names (Enter, Up, C-c, C-u) or literal text."""
        self._run("send-keys", "-t", "t", *keys)

    def screen(self, *, escapes: bool = False) -> str:
        return self._run("capture-pane", "-p", *(["-e"] if escapes else []), "-t", "t")

    def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared; the screen:\n{screen}")
            time.sleep(0.1)

    def close(self) -> None:
        subprocess.run([*self._tmux, "kill-server"], capture_output=True, check=False)
