"""A run builds the command it names; help, completion and the rest see the whole app."""

from __future__ import annotations

import pytest

from scaffold_go_docker.cli.app import click_command

from .conftest import Cli

COMMANDS = {"audit", "init", "new", "render", "schema", "verify"}


def _commands(args: list[str]) -> set[str]:
    command = click_command(args)
    return set(getattr(command, "commands", {}))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_run_whose_first_argument_names_a_command_builds_only_that_command(
    name: str,
) -> None:
    assert _commands([name, "--help"]) == {name}


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"], ["nwe", "app"], ["app", "new"]])
def test_any_other_run_gets_every_command(args: list[str]) -> None:
    assert _commands(args) == COMMANDS


def test_shell_completion_gets_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_SCAFFOLD_GO_DOCKER_COMPLETE", "complete_bash")

    assert _commands(["new"]) == COMMANDS


def test_top_level_help_lists_every_command(cli: Cli) -> None:
    outcome = cli("--help", env={"COLUMNS": "200"})

    assert outcome.code == 0
    assert [name for name in sorted(COMMANDS) if name not in outcome.out] == []


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_commands_help_names_it_under_the_tools_name(cli: Cli, name: str) -> None:
    outcome = cli(name, "--help", env={"COLUMNS": "200"})

    assert outcome.code == 0
    assert f"Usage: scaffold-go-docker {name}" in outcome.out


def test_a_misspelt_command_is_a_usage_error_that_suggests_the_right_one(cli: Cli) -> None:
    outcome = cli("nwe", "app")

    assert outcome.code == 2
    assert "new" in outcome.err
