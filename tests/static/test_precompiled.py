"""Templates compiled ahead of time: used only while current, and rendering as the sources do."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jinja2
import pytest
from conftest import load_script
from hypothesis import assume, given

from scaffold_go_docker.generate import generate_files
from scaffold_go_docker.options import Lang
from scaffold_go_docker.rendering import environment as environment_module
from scaffold_go_docker.rendering import precompiled

from .cases import accepted, any_choices
from .test_lang import PROPERTY


def _recorded() -> dict[str, str]:
    manifest: dict[str, str] = precompiled.recorded_manifest()
    return manifest


def _fresh_environments(monkeypatch: pytest.MonkeyPatch) -> None:
    """Environments built anew, so a changed compiled directory is looked at again."""
    monkeypatch.setattr(
        environment_module, "environment", environment_module.environment.__wrapped__
    )


def test_compiled_templates_were_compiled_from_the_current_sources() -> None:
    assert _recorded()["sources"] == precompiled.sources_digest(), (
        "templates changed: run scripts/compile_templates.py"
    )


def test_compiled_templates_are_what_this_jinja_compiles_or_are_not_used(tmp_path: Path) -> None:
    """With the Jinja2 they were compiled by, they are exactly a fresh compilation and are
    used; with another version they are left alone."""
    loaders = {lang: environment_module.environment(lang).loader for lang in Lang}
    if _recorded()["jinja2"] != precompiled.jinja_version():
        assert not any(isinstance(loader, jinja2.ModuleLoader) for loader in loaders.values())
        return
    script = load_script("compile_templates")
    script.compile_all(tmp_path)
    assert script.differences(precompiled.COMPILED_DIR, tmp_path) == [], (
        "run scripts/compile_templates.py"
    )
    assert all(isinstance(loader, jinja2.ModuleLoader) for loader in loaders.values())


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda m: {**m, "sources": "0" * 64}, id="other-sources"),
        pytest.param(lambda m: {**m, "jinja2": "0.0"}, id="other-jinja"),
        pytest.param(lambda m: "not a manifest", id="unreadable"),
    ],
)
def test_a_manifest_that_does_not_match_means_compiling_the_sources(
    damage: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = tmp_path / "compiled"
    shutil.copytree(precompiled.COMPILED_DIR, compiled)
    manifest = compiled / precompiled.MANIFEST.name
    damaged = damage({**_recorded(), "jinja2": precompiled.jinja_version()})
    manifest.write_text(damaged if isinstance(damaged, str) else json.dumps(damaged))
    monkeypatch.setattr(precompiled, "COMPILED_DIR", compiled)
    monkeypatch.setattr(precompiled, "MANIFEST", manifest)
    expected = generate_files({"app_name": "demo"})
    _fresh_environments(monkeypatch)
    assert isinstance(environment_module.environment(Lang.EN).loader, jinja2.PackageLoader)
    assert generate_files({"app_name": "demo"}) == expected


def test_without_compiled_templates_rendering_compiles_the_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = generate_files({"app_name": "demo"})
    monkeypatch.setattr(precompiled, "COMPILED_DIR", tmp_path / "missing")
    monkeypatch.setattr(precompiled, "MANIFEST", tmp_path / "missing" / "manifest.json")
    _fresh_environments(monkeypatch)
    assert isinstance(environment_module.environment(Lang.EN).loader, jinja2.PackageLoader)
    assert generate_files({"app_name": "demo"}) == expected


@given(any_choices)
@PROPERTY
def test_the_environment_renders_every_file_as_its_sources_compile(
    choices: dict[str, Any],
) -> None:
    """Whatever loader the environment uses, the files are those the sources give."""
    assume(accepted(choices) is not None)
    rendered = generate_files(choices)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(environment_module, "environment", environment_module.source_environment)
        assert generate_files(choices) == rendered
