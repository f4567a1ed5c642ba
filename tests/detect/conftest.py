"""Fixtures for detection's tests: the fixture modules, the real Go toolchain and a helper
that writes small modules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import venv_tool

from .gotool import Go

FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: Writes {relative path: text} under a fresh directory and returns it.
WriteModule = Callable[[dict[str, str]], Path]


@pytest.fixture(scope="session")
def go(tmp_path_factory: pytest.TempPathFactory) -> Go:
    return Go.offline(venv_tool("go"), tmp_path_factory.mktemp("gohome"))


@pytest.fixture(scope="session")
def oracle_binary(go: Go, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return go.build_oracle(tmp_path_factory.mktemp("oracle"))


#: Every Nth file of GOROOT/src: about five hundred real files, from every corner of it.
SAMPLE_STRIDE = 25


@pytest.fixture(scope="session")
def goroot_sample(go: Go) -> list[Path]:
    """Real Go files to compare detection's readers with Go's own libraries on."""
    files = sorted((go.goroot() / "src").rglob("*.go"))
    # //line directives renumber go/scanner's lines; detection keeps physical lines.
    return [
        path
        for path in files[::SAMPLE_STRIDE]
        if "//line " not in (text := path.read_text(errors="replace")) and "/*line " not in text
    ]


@pytest.fixture
def write_module(tmp_path: Path) -> WriteModule:
    counter = iter(range(1_000_000))

    def write(files: dict[str, str]) -> Path:
        root = tmp_path / f"module{next(counter)}"
        for relative, text in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        return root

    return write
