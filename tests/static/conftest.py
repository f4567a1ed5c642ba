"""Fixtures for the static tests: the real hadolint, isolated from any user configuration."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from typing import Any

import pytest
from conftest import venv_tool

Lint = Callable[[str], list[dict[str, Any]]]


@pytest.fixture(scope="session")
def lint(tmp_path_factory: pytest.TempPathFactory) -> Lint:
    """hadolint on a Dockerfile's text: every finding at every level (style and info too).

    It runs in an empty directory with an empty HOME, so no .hadolint.yaml can hide a rule.
    """
    hadolint = venv_tool("hadolint")
    clean = tmp_path_factory.mktemp("hadolint")
    env = {**os.environ, "HOME": str(clean), "XDG_CONFIG_HOME": str(clean)}
    env = {k: v for k, v in env.items() if not k.startswith("HADOLINT_")}

    def run(text: str) -> list[dict[str, Any]]:
        result = subprocess.run(
            [str(hadolint), "--no-fail", "--format", "json", "-"],
            input=text,
            capture_output=True,
            text=True,
            check=True,
            cwd=clean,
            env=env,
            timeout=60,
        )
        findings: list[dict[str, Any]] = json.loads(result.stdout)
        return findings

    return run
