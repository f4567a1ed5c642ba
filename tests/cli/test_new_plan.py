"""`new`: what it writes, --dry-run, --json, --output-dir, exit codes and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaffold_go_docker.inputs.answers import ANSWERS_FILE, SCHEMA_FILE

from .conftest import Cli

PROJECT_FILES = {
    "go.mod",
    "main.go",
    "main_test.go",
    ".dockerignore",
    "Dockerfile",
    ANSWERS_FILE,
    SCHEMA_FILE,
}


def test_new_writes_the_project_and_its_answers_file(cli: Cli, tmp_path: Path) -> None:
    outcome = cli("new", "demo", "--no-input", "--output-dir", str(tmp_path))

    assert outcome.code == 0, outcome.err
    assert {p.name for p in (tmp_path / "demo").iterdir()} == PROJECT_FILES


def test_dry_run_lists_each_file_as_create_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    outcome = cli("new", "demo", "--no-input", "--dry-run", "--output-dir", str(tmp_path))

    assert outcome.code == 0, outcome.err
    listed = {line.split()[1].split("/")[-1]: line.split()[0] for line in outcome.out.splitlines()}
    assert listed == dict.fromkeys(PROJECT_FILES, "create")
    assert not (tmp_path / "demo").exists()


def test_dry_run_after_new_reports_identical_and_overwrite(cli: Cli, tmp_path: Path) -> None:
    cli("new", "demo", "--no-input", "--output-dir", str(tmp_path))
    (tmp_path / "demo" / ".dockerignore").write_text("*\n")

    outcome = cli(
        "new", "demo", "--no-input", "--dry-run", "--force", "--output-dir", str(tmp_path)
    )

    actions = {line.split()[1].split("/")[-1]: line.split()[0] for line in outcome.out.splitlines()}
    assert actions[".dockerignore"] == "overwrite"
    assert actions["Dockerfile"] == "identical"
    assert (tmp_path / "demo" / ".dockerignore").read_text() == "*\n"


def test_skip_existing_dry_run_reports_skip(cli: Cli, tmp_path: Path) -> None:
    cli("new", "demo", "--no-input", "--output-dir", str(tmp_path))
    (tmp_path / "demo" / "Dockerfile").write_text("FROM scratch\n")

    outcome = cli(
        "new", "demo", "--no-input", "--dry-run", "--skip-existing", "--output-dir", str(tmp_path)
    )

    assert "skip" in next(line for line in outcome.out.splitlines() if "Dockerfile" in line)


def test_json_gives_the_plan_and_each_options_value_and_source(cli: Cli, tmp_path: Path) -> None:
    outcome = cli(
        "new", "demo", "--dry-run", "--json", "--port", "9000", "--output-dir", str(tmp_path)
    )

    plan = json.loads(outcome.out)
    assert plan["dry_run"] is True
    assert plan["target"] == str(tmp_path / "demo")
    assert {f["path"]: f["action"] for f in plan["files"]} == dict.fromkeys(PROJECT_FILES, "create")
    assert plan["options"]["port"] == {"value": 9000, "source": "flag"}
    assert plan["options"]["base"] == {"value": "alpine", "source": "preset"}
    assert plan["options"]["go_version"]["source"] == "default"
    assert not (tmp_path / "demo").exists()


def test_json_without_dry_run_writes_and_reports(cli: Cli, tmp_path: Path) -> None:
    outcome = cli("new", "demo", "--json", "--output-dir", str(tmp_path))

    assert json.loads(outcome.out)["dry_run"] is False
    assert (tmp_path / "demo" / "Dockerfile").is_file()


def test_output_dir_chooses_where_the_app_directory_goes(cli: Cli, tmp_path: Path) -> None:
    cli("new", "demo", "--no-input", "--output-dir", str(tmp_path / "nested" / "dir"))

    assert (tmp_path / "nested" / "dir" / "demo" / "Dockerfile").is_file()


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["new", "bad name", "--no-input"], "APP"),
        (["new", "demo", "--no-input", "--port", "70000"], "--port"),
        (["new", "demo", "--no-input", "--go-version", "2.0"], "--go-version"),
        (["new", "demo", "--no-input", "--variant", "pro", "--cgo", "--base", "scratch"], "--cgo"),
        (["new", "demo", "--no-input", "--force", "--skip-existing"], "--force"),
        (["new", "--no-input"], "APP"),
        (["new", "demo", "--no-input", "--no-such-flag"], "--no-such-flag"),
        (["new", "demo", "--no-input", "--ldflags", "-X main.x=$(id)"], "--ldflags"),
        (["new", "demo", "--no-input", "--ldflags", "-s"], "--ldflags"),
        (["new", "demo", "--no-input", "--tags", "a b"], "--tags"),
        (["new", "demo", "--no-input", "--platforms", "linux/sparc"], "--platforms"),
        (["new", "demo", "--no-input", "--syntax-image", "frontend"], "--syntax-image"),
    ],
)
def test_bad_input_is_one_line_naming_the_option_exit_2_nothing_written(
    cli: Cli, tmp_path: Path, args: list[str], names: str
) -> None:
    outcome = cli(*args, "--output-dir", str(tmp_path))

    assert outcome.code == 2
    assert len(outcome.err.strip().splitlines()) == 1, outcome.err
    assert names in outcome.err
    assert "Traceback" not in outcome.err
    assert list(tmp_path.iterdir()) == []


def test_a_non_empty_target_is_refused_before_anything_else(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "notes.txt").write_text("mine\n")

    outcome = cli("new", "demo", "--no-input", "--output-dir", str(tmp_path))

    assert outcome.code == 2
    assert "not empty" in outcome.err
    assert [p.name for p in (tmp_path / "demo").iterdir()] == ["notes.txt"]


def test_output_is_plain_when_not_on_a_terminal(cli: Cli, tmp_path: Path) -> None:
    outcome = cli("new", "demo", "--no-input", "--output-dir", str(tmp_path))

    assert "\x1b[" not in outcome.err + outcome.out
