"""The README's set-up commands are the ones CI runs, and its links lead somewhere."""

from __future__ import annotations

import re
from pathlib import Path

from scaffold_go_docker.options import Options, Variant

REPO_ROOT = Path(__file__).resolve().parents[2]
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
CI_RUN = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _ci_commands() -> list[str]:
    return [line.strip() for line in CI_RUN.splitlines() if line.startswith(".venv/bin/")]


def _readme_shell_lines() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)
    return [line.strip() for block in blocks for line in block.splitlines()]


def test_readme_test_command_is_the_one_ci_runs_last() -> None:
    assert _ci_commands()[-1] in _readme_shell_lines()


def test_readme_install_command_creates_the_venv_and_installs_the_test_extra_as_ci_does() -> None:
    (install,) = [line for line in _readme_shell_lines() if line.startswith("python3 -m venv")]
    steps = install.split(" && ")
    assert steps[0] == "python3 -m venv .venv"
    assert steps[1] in [command.replace(" -q", "") for command in _ci_commands()]
    assert steps[2].startswith(".venv/bin/scaffold-go-docker new ")


def test_every_relative_link_in_the_readme_exists() -> None:
    targets = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", README)
    assert targets
    missing = [target for target in targets if not (REPO_ROOT / target).exists()]
    assert not missing


def test_readme_variant_table_names_the_images_each_preset_resolves_to() -> None:
    rows = {
        match.group(1): match.group(0)
        for match in re.finditer(r"^\| `(\w+)`[^\n]*", README, flags=re.MULTILINE)
    }
    for variant in Variant:
        options = Options.resolve({"app_name": "demo", "variant": variant.value})
        shown = [options.builder_image_ref, options.runtime_image_ref or "one stage"]
        assert all(ref in rows[variant.value] for ref in shown), rows[variant.value]
