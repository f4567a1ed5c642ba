"""`render --check PATH`: a CI gate for committed Dockerfiles."""

from __future__ import annotations

from pathlib import Path

from .conftest import Cli


def _committed(cli: Cli, tmp_path: Path) -> Path:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(cli("render", "--app-name", "svc", "--variant", "pro").out)
    return dockerfile


def test_check_exits_0_when_the_file_matches(cli: Cli, tmp_path: Path) -> None:
    dockerfile = _committed(cli, tmp_path)

    outcome = cli("render", "--app-name", "svc", "--variant", "pro", "--check", str(dockerfile))

    assert (outcome.code, outcome.out) == (0, "")
    assert "up to date" in outcome.err


def test_check_exits_1_with_a_unified_diff_when_the_file_drifted(cli: Cli, tmp_path: Path) -> None:
    dockerfile = _committed(cli, tmp_path)
    dockerfile.write_text(dockerfile.read_text().replace("USER 10001:10001", "USER root"))

    outcome = cli("render", "--app-name", "svc", "--variant", "pro", "--check", str(dockerfile))

    assert outcome.code == 1
    assert outcome.out.startswith(
        f"--- {dockerfile}\n+++ {dockerfile} (rendered from the options)\n"
    )
    assert "\n-USER root\n" in outcome.out
    assert "\n+USER 10001:10001\n" in outcome.out
    assert (
        outcome.err
        == f"error: {dockerfile} has drifted from what the options render (diff above)\n"
    )


def test_check_reports_drift_from_changed_options(cli: Cli, tmp_path: Path) -> None:
    dockerfile = _committed(cli, tmp_path)

    outcome = cli(
        "render",
        "--app-name",
        "svc",
        "--variant",
        "pro",
        "--port",
        "9000",
        "--check",
        str(dockerfile),
    )

    assert outcome.code == 1
    assert "+EXPOSE 9000" in outcome.out


def test_check_of_a_missing_file_is_bad_input(cli: Cli, tmp_path: Path) -> None:
    outcome = cli("render", "--app-name", "svc", "--check", str(tmp_path / "Dockerfile"))

    assert outcome.code == 2
    assert "No such file" in outcome.err


def test_render_prints_the_dockerfile_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    outcome = cli("render", "--app-name", "svc")  # the fixture runs it in tmp_path

    assert outcome.code == 0
    assert outcome.out.startswith("# syntax=")
    assert list(tmp_path.iterdir()) == []
