"""Non-interactive runs import no prompt stack, no rich and no PyYAML they were not asked for,
and read no translation catalog in English."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import clean_environ

# Runs the tool's own __main__ as `python -m` does, then reports what was imported and
# which compiled catalogs were opened.
RUNNER = """
import json, runpy, sys
report, sys.argv = sys.argv[1], ["scaffold-go-docker", *sys.argv[2:]]
catalogs = []
def audit(event, args):
    if event == "open" and str(args[0]).endswith(".mo"):
        catalogs.append(str(args[0]))
sys.addaudithook(audit)
try:
    runpy.run_module("scaffold_go_docker", run_name="__main__", alter_sys=True)
except SystemExit as exit_:
    code = exit_.code
with open(report, "w") as stream:
    json.dump({"code": code, "modules": sorted(sys.modules), "catalogs": catalogs}, stream)
"""
PROMPT_STACK = {"questionary", "prompt_toolkit", "rich"}


def _run(tmp_path: Path, *args: str) -> dict[str, Any]:
    report = tmp_path / "modules.json"
    subprocess.run(
        [sys.executable, "-c", RUNNER, str(report), *args],
        cwd=tmp_path, env=clean_environ(), stdin=subprocess.DEVNULL,
        capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(report.read_text())
    assert result["code"] in (0, 1, None)
    return result


def _imported(tmp_path: Path, *args: str) -> set[str]:
    return set(_run(tmp_path, *args)["modules"])


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


def test_an_english_run_opens_no_catalog_and_a_chinese_run_only_its_own(tmp_path: Path) -> None:
    assert _run(tmp_path, "new", "en", "--no-input")["catalogs"] == []
    (catalog,) = _run(tmp_path, "new", "zh", "--no-input", "--lang", "zh")["catalogs"]
    assert Path(catalog).parts[-3:] == ("zh", "LC_MESSAGES", "scaffold_go_docker.mo")
