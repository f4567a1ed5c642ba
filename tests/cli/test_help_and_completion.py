"""--help shows each option's environment variable; shell completion scripts are produced."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold_go_docker.cli.option_flags import option_fields
from scaffold_go_docker.options.naming import env_var

from .conftest import Cli, clean_environ, run_tool


@pytest.mark.parametrize("command", ["new", "render"])
def test_help_names_the_environment_variable_of_every_option(cli: Cli, command: str) -> None:
    outcome = cli(command, "--help", env={"COLUMNS": "250"})

    expected = [env_var(f) for f in [*option_fields(), "variant", "app_name", "config"]]
    assert [name for name in expected if name not in outcome.out] == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_protocol_prints_a_script_for_the_shell(tmp_path: Path, shell: str) -> None:
    # What `--install-completion` and `--show-completion` print, asked for by name: typer
    # reads the user's shell from the process tree, which a test runner does not control.
    result = run_tool(cwd=tmp_path, env={"_SCAFFOLD_GO_DOCKER_COMPLETE": f"source_{shell}"})

    assert result.returncode == 0, result.stderr
    assert "_SCAFFOLD_GO_DOCKER_COMPLETE" in result.stdout


def test_show_completion_run_from_bash_prints_the_bash_script(tmp_path: Path) -> None:
    command = shlex.join([sys.executable, "-m", "scaffold_go_docker", "--show-completion"])
    # `; exit` keeps bash from exec'ing the command: bash stays its parent, as at a prompt.
    result = subprocess.run(
        ["bash", "-c", f"{command}; exit $?"],
        cwd=tmp_path, env=clean_environ(), capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "complete -o default -F _scaffold_go_docker_completion" in result.stdout


def test_completion_protocol_completes_variant_names(tmp_path: Path) -> None:
    result = run_tool(
        "new", "--variant", "",
        cwd=tmp_path,
        env={
            "_SCAFFOLD_GO_DOCKER_COMPLETE": "complete_bash",
            "COMP_WORDS": "scaffold-go-docker new --variant ",
            "COMP_CWORD": "3",
        },
    )  # fmt: skip

    assert set(result.stdout.split()) >= {"bad", "better", "pro", "enterprise", "all"}


def test_version_and_exit_code_0(cli: Cli) -> None:
    outcome = cli("--version")

    assert (outcome.code, outcome.out.split()[0]) == (0, "scaffold-go-docker")
