"""Fixtures for the static tests: real tools and a temporary project directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import venv_tool


@pytest.fixture(scope="session")
def hadolint() -> Path:
    return venv_tool("hadolint")
