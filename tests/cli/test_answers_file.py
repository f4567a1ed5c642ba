"""The answers file `new` writes reproduces the project's Dockerfiles through `render`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scaffold_go_docker import __version__
from scaffold_go_docker.inputs.answers import ANSWERS_FILE, SCHEMA_FILE
from scaffold_go_docker.inputs.config_file import CHOSEN_KEY
from scaffold_go_docker.options import Options
from scaffold_go_docker.rendering import DOCKERFILE_NAMES

from .conftest import Cli

VARIANT_RUNS = {
    "bad": ["--variant", "bad"],
    "better": ["--variant", "better", "--port", "9000"],
    "pro": ["--variant", "pro", "--no-healthcheck", "--module-path", "example.com/acme/demo"],
    "enterprise": ["--variant", "enterprise", "--base", "distroless", "--go-version", "1.26"],
    "enterprise-zh": ["--lang", "zh", "--timezone", "Asia/Shanghai", "--apk-mirror", "m.example"],
    # An existing module's options: lists, quoting, a Go release the sample app refuses.
    "adopted": [
        "--source-module", "--module-path", "example.com/acme/demo/v2", "--go-version", "1.21.5",
        "--main", "./cmd/api", "--main", ".", "--vendor", "--healthcheck-path", "/healthz",
        "--env", 'GREETING=say "hi", $USER', "--env", "MODE=prod", "--cmd", "serve -x 'a b'",
        "--writable-dir", "/data", "--version-var", "main.version", "--dockerignore-keep",
        "static", "--base", "distroless",
    ],
}  # fmt: skip


@pytest.mark.parametrize("variant", VARIANT_RUNS)
def test_render_with_the_answers_file_reproduces_the_dockerfile_byte_for_byte(
    cli: Cli, tmp_path: Path, variant: str
) -> None:
    cli("new", "demo", "--no-input", "--output-dir", str(tmp_path), *VARIANT_RUNS[variant])
    project = tmp_path / "demo"

    outcome = cli("render", "--config", str(project / ANSWERS_FILE))

    assert outcome.code == 0, outcome.err
    assert outcome.out.encode() == (project / "Dockerfile").read_bytes()


def test_an_existing_modules_project_gets_no_sample_app_and_records_lists_as_lists(
    cli: Cli, tmp_path: Path
) -> None:
    outcome = cli(
        "new", "demo", "--no-input", "--output-dir", str(tmp_path), *VARIANT_RUNS["adopted"]
    )

    assert outcome.code == 0, outcome.err
    project = tmp_path / "demo"
    assert not list(project.glob("*.go"))
    assert not (project / "go.mod").exists()
    values = yaml.safe_load((project / ANSWERS_FILE).read_text())
    assert values["main_packages"] == ["./cmd/api", "."]
    assert values["env"] == ['GREETING=say "hi", $USER', "MODE=prod"]
    assert values["cmd"] == ["serve", "-x", "a b"]
    assert "!static" in (project / ".dockerignore").read_text().splitlines()


def test_answers_file_holds_every_resolved_option_and_the_tool_version(
    cli: Cli, tmp_path: Path
) -> None:
    cli("new", "demo", "--no-input", "--variant", "pro", "--output-dir", str(tmp_path))
    text = (tmp_path / "demo" / ANSWERS_FILE).read_text()

    assert text.splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_FILE}"
    values = yaml.safe_load(text)
    assert values.pop("scaffold_go_docker_version") == __version__
    values.pop(CHOSEN_KEY)
    resolved = Options.resolve({"app_name": "demo", "variant": "pro"})
    assert values == resolved.model_dump(mode="json", exclude_none=True)


def test_an_all_project_records_variant_all_and_only_what_the_four_share(
    cli: Cli, tmp_path: Path
) -> None:
    cli(
        "new",
        "demo",
        "--no-input",
        "--variant",
        "all",
        "--port",
        "9000",
        "--output-dir",
        str(tmp_path),
    )

    values = yaml.safe_load((tmp_path / "demo" / ANSWERS_FILE).read_text())

    assert values["variant"] == "all"
    assert values["port"] == 9000
    assert "base" not in values  # each variant's preset applies again when rendered


@pytest.mark.parametrize("variant", ["bad", "better", "pro", "enterprise"])
def test_an_all_projects_answers_render_each_dockerfile_with_variant(
    cli: Cli, tmp_path: Path, variant: str
) -> None:
    cli("new", "demo", "--no-input", "--variant", "all", "--git", "--output-dir", str(tmp_path))
    project = tmp_path / "demo"
    dockerfile = (
        project / DOCKERFILE_NAMES[Options.resolve({"app_name": "x", "variant": variant}).variant]
    )

    outcome = cli("render", "--config", str(project / ANSWERS_FILE), "--variant", variant)

    assert outcome.code == 0, outcome.err
    assert outcome.out.encode() == dockerfile.read_bytes()


def test_an_all_projects_answers_check_each_dockerfile_by_its_name(
    cli: Cli, tmp_path: Path
) -> None:
    cli("new", "demo", "--no-input", "--variant", "all", "--output-dir", str(tmp_path))
    project = tmp_path / "demo"

    codes = [
        cli("render", "--config", str(project / ANSWERS_FILE), "--check", str(project / name)).code
        for name in DOCKERFILE_NAMES.values()
    ]

    assert codes == [0, 0, 0, 0]


def test_an_all_projects_answers_without_a_variant_are_refused(cli: Cli, tmp_path: Path) -> None:
    cli("new", "demo", "--no-input", "--variant", "all", "--output-dir", str(tmp_path))

    outcome = cli("render", "--config", str(tmp_path / "demo" / ANSWERS_FILE))

    assert outcome.code == 2
    assert "choose a single --variant (the config file says all)" in outcome.err


def test_new_from_the_answers_file_recreates_an_identical_project(cli: Cli, tmp_path: Path) -> None:
    cli(
        "new",
        "demo",
        "--no-input",
        "--variant",
        "better",
        "--compose",
        "--output-dir",
        str(tmp_path),
    )
    answers = tmp_path / "demo" / ANSWERS_FILE

    outcome = cli(
        "new",
        "--no-input",
        "--config",
        str(answers),
        "--dry-run",
        "--force",
        "--output-dir",
        str(tmp_path),
    )

    actions = {line.split()[0] for line in outcome.out.splitlines()}
    assert actions == {"identical"}


def _recorded_by(answers: Path, version: str) -> None:
    text = answers.read_text()
    answers.write_text(text.replace(f'"{__version__}"', f'"{version}"'))


def test_answers_written_by_a_newer_release_warn_once(cli: Cli, tmp_path: Path) -> None:
    cli("new", "demo", "--no-input", "--output-dir", str(tmp_path))
    answers = tmp_path / "demo" / ANSWERS_FILE
    _recorded_by(answers, "99.1.0")

    outcome = cli("render", "--config", str(answers))

    assert outcome.code == 0, outcome.err
    assert outcome.err == (
        f"warning: {answers} was written by scaffold-go-docker '99.1.0', newer than this "
        f"{__version__}: it may hold keys or values this version does not know\n"
    )


def test_answers_written_by_an_older_release_read_silently(cli: Cli, tmp_path: Path) -> None:
    cli("new", "demo", "--no-input", "--output-dir", str(tmp_path))
    answers = tmp_path / "demo" / ANSWERS_FILE
    _recorded_by(answers, "0.0.9")

    outcome = cli("render", "--config", str(answers))

    assert (outcome.code, outcome.err) == (0, "")


def test_an_unknown_key_in_a_newer_releases_file_says_where_the_file_comes_from(
    cli: Cli, tmp_path: Path
) -> None:
    config = tmp_path / "team.toml"
    config.write_text('scaffold_go_docker_version = "2.0"\nsbom = true\n')

    outcome = cli("render", "--app-name", "svc", "--config", str(config))

    assert outcome.code == 2
    assert outcome.err.count("\n") == 1
    assert "unknown key 'sbom'" in outcome.err
    assert "written by scaffold-go-docker '2.0', newer than this" in outcome.err


def test_new_over_a_project_from_a_newer_release_warns(cli: Cli, tmp_path: Path) -> None:
    cli("new", "demo", "--no-input", "--output-dir", str(tmp_path))
    _recorded_by(tmp_path / "demo" / ANSWERS_FILE, "99.0")

    outcome = cli("new", "demo", "--no-input", "--force", "--output-dir", str(tmp_path))

    assert outcome.code == 0, outcome.err
    assert outcome.err.count("newer than this") == 1
