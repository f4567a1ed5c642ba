"""Precedence, as a matrix: flag > environment > config file > variant preset > default."""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from .conftest import Cli

SOURCES = ("flag", "env", "config")
#: For each field: the value each source gives, and what applies when none does.
CASES = {
    # A field with a built-in default and no preset.
    "port": ({"flag": 1001, "env": 1002, "config": 1003}, (8080, "default")),
    # A field every variant presets.
    "uid": ({"flag": 2001, "env": 2002, "config": 2003}, (10001, "preset")),
}


def _option(
    cli: Cli, tmp_path: Path, field: str, given: Mapping[str, object]
) -> tuple[object, str]:
    config = tmp_path / "options.yaml"
    config.write_text(f"{field}: {given['config']}\n" if "config" in given else "{}\n")
    flag = [f"--{field}", str(given["flag"])] if "flag" in given else []
    env = {f"SCAFFOLD_GO_DOCKER_{field.upper()}": str(given["env"])} if "env" in given else {}
    outcome = cli(
        "new", "demo", "--dry-run", "--json", "--config", str(config),
        "--output-dir", str(tmp_path), *flag, env=env,
    )  # fmt: skip
    assert outcome.code == 0, outcome.err
    option = json.loads(outcome.out)["options"][field]
    return option["value"], option["source"]


@pytest.mark.parametrize("field", CASES)
@pytest.mark.parametrize(
    "present",
    [combo for size in range(4) for combo in itertools.combinations(SOURCES, size)],
    ids=lambda combo: "+".join(combo) or "none",
)
def test_the_highest_source_present_wins(
    cli: Cli, tmp_path: Path, field: str, present: tuple[str, ...]
) -> None:
    values, fallback = CASES[field]
    given = {source: values[source] for source in present}

    expected = (values[present[0]], present[0]) if present else fallback
    assert _option(cli, tmp_path, field, given) == expected


def test_a_config_variant_chooses_the_preset_below_it(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "options.toml"
    config.write_text('variant = "pro"\n')

    outcome = cli("new", "demo", "--dry-run", "--json", "--config", str(config))

    options = json.loads(outcome.out)["options"]
    assert options["variant"] == {"value": "pro", "source": "config"}
    assert options["base"] == {"value": "scratch", "source": "preset"}


def test_a_config_value_beats_the_preset_of_a_flag_variant(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "options.yaml"
    config.write_text("base: alpine\n")

    outcome = cli("new", "demo", "--dry-run", "--json", "--variant", "pro", "--config", str(config))

    assert json.loads(outcome.out)["options"]["base"] == {"value": "alpine", "source": "config"}


def test_the_environment_sets_variant_and_app_name(cli: Cli, tmp_path: Path) -> None:
    env = {"SCAFFOLD_GO_DOCKER_VARIANT": "better", "SCAFFOLD_GO_DOCKER_APP_NAME": "fromenv"}

    outcome = cli("new", "--dry-run", "--json", "--output-dir", str(tmp_path), env=env)

    plan = json.loads(outcome.out)
    assert plan["target"] == str(tmp_path / "fromenv")
    assert plan["options"]["variant"] == {"value": "better", "source": "env"}
    assert plan["options"]["app_name"] == {"value": "fromenv", "source": "env"}


def test_an_environment_boolean_beats_the_config_file(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "options.yaml"
    config.write_text("git: true\n")

    outcome = cli(
        "new", "demo", "--dry-run", "--json", "--config", str(config),
        env={"SCAFFOLD_GO_DOCKER_GIT": "false"},
    )  # fmt: skip

    assert json.loads(outcome.out)["options"]["git"] == {"value": False, "source": "env"}


def test_merged_sources_that_cannot_combine_are_rejected(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "options.yaml"
    config.write_text("cgo: true\n")

    outcome = cli(
        "new", "demo", "--no-input", "--config", str(config), "--base", "scratch",
        "--output-dir", str(tmp_path),
    )  # fmt: skip

    assert outcome.code == 2
    assert f"cgo: true in {config} with --base scratch: " in outcome.err
    assert not (tmp_path / "demo").exists()
