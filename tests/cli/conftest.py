"""Run the CLI as a user would: in-process through its entry point, or as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from scaffold_go_docker.cli.app import main
from scaffold_go_docker.options.naming import ENV_PREFIX


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


Cli = Callable[..., Outcome]


def clean_environ(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The test process's environment without anything that steers the tool."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(ENV_PREFIX) and key not in ("CI", "NO_COLOR")
    }
    env.update(extra or {})
    return env


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Cli:
    """Invoke `scaffold-go-docker ARGS` in-process from `tmp_path`; gives code, stdout, stderr."""
    monkeypatch.chdir(tmp_path)
    for key in list(os.environ):
        if key.startswith(ENV_PREFIX) or key in ("CI", "NO_COLOR"):
            monkeypatch.delenv(key)

    def invoke(*args: str, env: Mapping[str, str] | None = None) -> Outcome:
        with monkeypatch.context() as scoped:
            for key, value in (env or {}).items():
                scoped.setenv(key, value)
            scoped.setattr(sys, "argv", ["scaffold-go-docker", *args])
            with pytest.raises(SystemExit) as exited:
                main()
        captured = capsys.readouterr()
        code = exited.value.code
        return Outcome(code if isinstance(code, int) else 0, captured.out, captured.err)

    return invoke


def run_tool(
    *args: str,
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 60,
    **popen: Any,
) -> subprocess.CompletedProcess[str]:
    """`python -m scaffold_go_docker ARGS` in a clean environment, as a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "scaffold_go_docker", *args],
        cwd=cwd,
        env=clean_environ(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        **popen,
    )
