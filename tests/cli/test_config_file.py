"""--config FILE: YAML or TOML options; bad files fail with one line naming file and key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Cli


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("options.yaml", "variant: pro\nport: 9000\ngo_version: '1.26'\nhealthcheck: false\n"),
        ("options.yml", "variant: pro\nport: 9000\ngo_version: '1.26'\nhealthcheck: false\n"),
        (
            "options.toml",
            'variant = "pro"\nport = 9000\ngo_version = "1.26"\nhealthcheck = false\n',
        ),
    ],
)
def test_yaml_and_toml_set_options(cli: Cli, tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text)

    outcome = cli("new", "demo", "--dry-run", "--json", "--config", str(tmp_path / name))

    options = {k: v["value"] for k, v in json.loads(outcome.out)["options"].items()}
    assert (options["variant"], options["port"], options["go_version"]) == ("pro", 9000, "1.26")
    assert options["healthcheck"] is False


def test_an_empty_yaml_file_sets_nothing(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "empty.yaml").write_text("")

    outcome = cli("new", "demo", "--dry-run", "--json", "--config", str(tmp_path / "empty.yaml"))

    assert json.loads(outcome.out)["options"]["port"]["source"] == "default"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("unknown.yaml", "prot: 80\n", "unknown key 'prot'; did you mean 'port'?"),
        ("type.yaml", "port: eighty\n", "key 'port': 'eighty' is text, not a number"),
        ("quoted.yaml", "port: '80'\n", "key 'port': '80' is text, not a number"),
        ("range.toml", "port = 70000\n", "key 'port': 70000 is too big: at most 65535"),
        ("bool.toml", 'git = "yes"\n', "key 'git': 'yes' is text, not true or false"),
        ("enum.yaml", "base: ubuntu\n", "key 'base': 'ubuntu' is not one of golang, alpine"),
        ("hostile.yaml", 'app_name: "x\\nRUN evil"\n', "key 'app_name': "),
        ("date.yaml", "go_version: 2024-01-01\n", "key 'go_version': date is not a valid"),
        ("syntax.yaml", "port: [1, 2\n", "invalid YAML: "),
        ("syntax.toml", "port = = 1\n", "invalid TOML: "),
        ("list.yaml", "- port\n", "expected a mapping of option names to values, found a list"),
        ("options.json", "{}", "unknown config format '.json'"),
        ("chosen.yaml", "chosen: port\n", "key 'chosen': expected a list of option names"),
        ("chosen.toml", 'chosen = ["prot"]\n', "key 'chosen': 'prot' is no option; did you mean"),
        ("variant.yaml", "chosen: [variant]\n", "key 'chosen': lists options, not the variant"),
    ],
)
def test_a_bad_config_file_is_one_line_naming_file_and_key_exit_2(
    cli: Cli, tmp_path: Path, name: str, text: str, expected: str
) -> None:
    config = tmp_path / name
    config.write_text(text)

    outcome = cli(
        "new", "demo", "--no-input", "--config", str(config), "--output-dir", str(tmp_path / "out")
    )

    assert outcome.code == 2
    assert outcome.err.count("\n") == 1, outcome.err
    assert outcome.err.startswith(f"error: {config}: ")
    assert expected in outcome.err
    assert not (tmp_path / "out").exists()


def test_a_missing_config_file_is_reported_exit_2(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"

    outcome = cli("render", "--app-name", "x", "--config", str(missing))

    assert (outcome.code, outcome.err) == (2, f"error: {missing}: no such file\n")


def test_the_config_file_path_can_come_from_the_environment(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "o.yaml").write_text("app_name: envconfig\nport: 7000\n")

    outcome = cli("render", env={"SCAFFOLD_GO_DOCKER_CONFIG": str(tmp_path / "o.yaml")})

    assert outcome.code == 0, outcome.err
    assert "EXPOSE 7000" in outcome.out


def test_an_audit_section_is_left_to_the_audit_command(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "team.yaml"
    config.write_text("port: 9000\naudit:\n  fail_on: error\n  ignore: [SGD191]\n")

    rendered = cli("render", "--app-name", "api", "--config", str(config))
    (tmp_path / "Dockerfile").write_text(rendered.out)
    audited = cli("audit", "--config", str(config), str(tmp_path / "Dockerfile"))

    assert rendered.code == 0, rendered.err
    assert "EXPOSE 9000" in rendered.out
    assert audited.code == 0, audited.out + audited.err


@pytest.mark.parametrize(
    ("name", "text", "quoted"),
    [
        ("options.yaml", "go_version: 1.30\n", 'quote it: go_version: "1.30"'),
        ("options.toml", "go_version = 1.30\n", 'quote it: go_version = "1.30"'),
    ],
)
def test_an_unquoted_go_version_is_refused_as_written_with_how_to_quote_it(
    cli: Cli, tmp_path: Path, name: str, text: str, quoted: str
) -> None:
    config = tmp_path / name
    config.write_text(text)

    outcome = cli("render", "--app-name", "svc", "--config", str(config))

    assert outcome.code == 2
    assert outcome.err == (
        f"error: {config}: key 'go_version': 1.30 is read as the number 1.3; {quoted}\n"
    )
