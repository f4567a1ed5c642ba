"""The one-shot start-up: pydantic plugins are off for the tool itself, through pydantic's
public switch only, and the programs the tool runs see the user's own environment.

Each case runs in a fresh process, so the switch is decided as the console entry does it.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import clean_environ

SWITCH = "PYDANTIC_DISABLE_PLUGINS"

# Imports the CLI as the console entry point does, builds the model, parses a command,
# then reports on the switch, pydantic's loader, typer's options and the child environment.
PROBE = """
import json, os, sys, types
from scaffold_go_docker.cli.startup import child_environment, one_shot_imports
with one_shot_imports():
    import scaffold_go_docker.cli.app as app
from scaffold_go_docker.options import Options
Options.resolve({"app_name": "demo"})
command = app.click_command(["render"])
context = command.make_context("scaffold-go-docker", ["render", "--app-name", "demo"])
loader = sys.modules.get("pydantic.plugin._loader")
print(json.dumps({
    "switch": os.environ.get("PYDANTIC_DISABLE_PLUGINS"),
    "child_switch": child_environment().get("PYDANTIC_DISABLE_PLUGINS"),
    "loader_is_pydantics": loader is None or type(loader) is types.ModuleType,
    "option_classes": sorted({
        type(p).__module__ + "." + type(p).__name__
        for sub in command.commands.values() for p in sub.params
    }),
}))
"""


def _probe(switch: str | None) -> dict[str, object]:
    env = clean_environ()
    env.pop(SWITCH, None)
    if switch is not None:
        env[SWITCH] = switch
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_plugins_are_disabled_for_the_tool_unless_the_user_says_otherwise() -> None:
    assert _probe(None)["switch"] == "__all__"


@pytest.mark.parametrize("switch", ["", "some-plugin", "__all__"])
def test_the_users_own_setting_of_the_switch_is_kept(switch: str) -> None:
    report = _probe(switch)

    assert report["switch"] == switch
    assert report["child_switch"] == switch


def test_programs_the_tool_runs_do_not_inherit_the_switch_it_set_for_itself() -> None:
    assert _probe(None)["child_switch"] is None


def test_pydantics_plugin_loader_and_typers_options_are_their_own() -> None:
    report = _probe(None)

    assert report["loader_is_pydantics"] is True
    option_classes = report["option_classes"]
    assert isinstance(option_classes, list)
    assert all(name.startswith(("typer.", "click.")) for name in option_classes), option_classes
