"""With JSON output (`new --json`, `audit --format json`) an error is one JSON object on
stdout, `{"error": ..., "exit_code": ...}`, and the exit code; stderr keeps only progress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Cli, run_tool


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "abc"], "--port: 'abc' is not a whole number"),
        (
            ["--base", "scrach"],
            "--base: 'scrach' is not one of golang, alpine, scratch, distroless, "
            "distroless-base, debian; "
            "did you mean scratch?",
        ),
        (["--force", "--skip-existing"], "--force and --skip-existing contradict each other"),
        (["--variant", "pro", "--cgo", "--base", "scratch"], "--cgo with --base scratch: "),
        (["--no-such-flag"], "No such option: --no-such-flag"),
    ],
    ids=["bad-value", "misspelt-choice", "contradicting-flags", "combination", "unknown-flag"],
)
def test_new_json_prints_an_error_as_one_json_object_on_stdout(
    cli: Cli, tmp_path: Path, args: list[str], message: str
) -> None:
    outcome = cli("new", "demo", "--json", "--output-dir", str(tmp_path), *args)

    error = json.loads(outcome.out)
    assert outcome.code == 2
    assert set(error) == {"error", "exit_code"}
    assert error["error"].startswith(message)
    assert error["exit_code"] == 2
    assert outcome.err == ""
    assert list(tmp_path.iterdir()) == []


def test_new_json_over_an_existing_directory_is_a_json_error(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "main.go").write_text("package main\n")

    outcome = cli("new", "demo", "--json", "--output-dir", str(tmp_path))

    assert outcome.code == 2
    assert json.loads(outcome.out) == {
        "error": f"{tmp_path / 'demo'} exists and is not empty; use --force to replace the "
        "files this tool generates, or --skip-existing to keep them",
        "exit_code": 2,
    }
    assert outcome.err == ""


def test_new_json_success_gives_the_plan_on_stdout_and_notes_on_stderr(
    cli: Cli, tmp_path: Path
) -> None:
    outcome = cli("new", "demo", "--json", "--dry-run", "--output-dir", str(tmp_path))

    assert outcome.code == 0
    assert set(json.loads(outcome.out)) == {"target", "dry_run", "files", "options"}
    assert outcome.err.startswith("not prompting (")
    assert "defaults used: variant=enterprise" in outcome.err


def test_audit_json_prints_an_unreadable_path_as_a_json_error(cli: Cli, tmp_path: Path) -> None:
    outcome = cli("audit", "--format", "json", str(tmp_path / "missing"))

    assert outcome.code == 2
    assert json.loads(outcome.out) == {
        "error": f"{tmp_path / 'missing'}: no such file or directory",
        "exit_code": 2,
    }
    assert outcome.err == ""


def test_without_json_output_an_error_stays_one_line_on_stderr(cli: Cli, tmp_path: Path) -> None:
    outcome = cli("new", "demo", "--port", "abc", "--output-dir", str(tmp_path))

    assert (outcome.code, outcome.out) == (2, "")
    assert outcome.err == "error: --port: 'abc' is not a whole number\n"


def test_a_json_error_is_the_whole_stdout_of_the_process(tmp_path: Path) -> None:
    done = run_tool("new", "demo", "--json", "--bogus", cwd=tmp_path)

    assert done.returncode == 2
    assert json.loads(done.stdout)["exit_code"] == 2
    assert done.stderr == ""
