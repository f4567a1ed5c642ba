"""Non-interactive runs import no prompt stack, no rich and no PyYAML they were not asked for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import clean_environ

# Runs the tool's own __main__ as `python -m` does, then reports what was imported.
RUNNER = """
import json, runpy, sys
report, sys.argv = sys.argv[1], ["scaffold-go-docker", *sys.argv[2:]]
try:
    runpy.run_module("scaffold_go_docker", run_name="__main__", alter_sys=True)
except SystemExit as exit_:
    code = exit_.code
with open(report, "w") as stream:
    json.dump({"code": code, "modules": sorted(sys.modules)}, stream)
"""
PROMPT_STACK = {"questionary", "prompt_toolkit", "rich"}


def _imported(tmp_path: Path, *args: str) -> set[str]:
    report = tmp_path / "modules.json"
    subprocess.run(
        [sys.executable, "-c", RUNNER, str(report), *args],
        cwd=tmp_path, env=clean_environ(), stdin=subprocess.DEVNULL,
        capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    result = json.loads(report.read_text())
    assert result["code"] in (0, 1, None)
    return set(result["modules"])


def _packages(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.mark.parametrize(
    "args",
    [
        ("new", "demo", "--no-input"),
        ("new", "demo", "--variant", "all", "--no-input", "--dry-run"),
        ("render", "--app-name", "demo"),
        ("render", "--app-name", "demo", "--check", "committed/Dockerfile"),
    ],
    ids=["new", "new-all-dry-run", "render", "render-check"],
)
def test_non_interactive_runs_do_not_import_questionary_prompt_toolkit_rich_or_yaml(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    (tmp_path / "committed").mkdir()
    (tmp_path / "committed" / "Dockerfile").write_text("FROM scratch\n")  # drifted

    imported = _packages(_imported(tmp_path, *args))

    assert "scaffold_go_docker" in imported  # the runner really ran the tool
    assert imported & (PROMPT_STACK | {"yaml"}) == set()


def test_a_yaml_config_file_loads_pyyaml_and_still_not_the_prompt_stack(tmp_path: Path) -> None:
    (tmp_path / "o.yaml").write_text("port: 9000\n")

    imported = _packages(_imported(tmp_path, "render", "--app-name", "demo", "--config", "o.yaml"))

    assert "yaml" in imported
    assert imported & PROMPT_STACK == set()
