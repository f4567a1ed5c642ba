"""The README's set-up commands are the ones CI runs, and its links lead somewhere; the
Chinese README (README.zh-CN.md) is a translation of it with the same commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scaffold_go_docker.options import Options, Variant

REPO_ROOT = Path(__file__).resolve().parents[2]
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
README_ZH = (REPO_ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
READMES = {"README.md": README, "README.zh-CN.md": README_ZH}
CI_RUN = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
# A fenced block, indented or not: its language and its lines.
_FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```", flags=re.DOTALL | re.MULTILINE)
# A comment that a translation may translate: a whole line, or after a command.
_COMMENT = re.compile(r"^\s*#.*$|\s+#\s.*$")


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


@pytest.mark.parametrize("name", READMES)
def test_every_relative_link_in_the_readme_exists(name: str) -> None:
    targets = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", READMES[name])
    assert targets
    missing = [target for target in targets if not (REPO_ROOT / target).exists()]
    assert not missing


@pytest.mark.parametrize("name", READMES)
def test_readme_variant_table_names_the_images_each_preset_resolves_to(name: str) -> None:
    rows = {
        match.group(1): match.group(0)
        for match in re.finditer(r"^\| `(\w+)`[^\n]*", READMES[name], flags=re.MULTILINE)
    }
    for variant in Variant:
        options = Options.resolve({"app_name": "demo", "variant": variant.value})
        one_stage = "单阶段" if name == "README.zh-CN.md" else "one stage"
        shown = [options.builder_image_ref, options.runtime_image_ref or one_stage]
        assert all(ref in rows[variant.value] for ref in shown), rows[variant.value]


def _code_blocks(text: str) -> list[tuple[str, list[str]]]:
    """Each fenced block's language and lines, comments left out (they are prose)."""
    blocks = []
    for match in _FENCE.finditer(text):
        lines = [_COMMENT.sub("", line).rstrip() for line in match.group(3).splitlines()]
        blocks.append((match.group(2), [line.strip() for line in lines if line.strip()]))
    return blocks


def test_the_readme_links_to_its_chinese_translation_before_the_first_section() -> None:
    before_sections = README.split("\n## ", 1)[0]
    assert "[README.zh-CN.md](README.zh-CN.md)" in before_sections
    assert "[README.md](README.md)" in README_ZH.split("\n## ", 1)[0]


def test_the_chinese_readme_has_the_same_sections_and_commands_as_the_english() -> None:
    assert README_ZH.count("\n## ") == README.count("\n## ")
    english = _code_blocks(README)
    assert len(english) >= 6
    assert _code_blocks(README_ZH) == english
