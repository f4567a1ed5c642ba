"""The parts of `verify` that need no builder: formatting, detection, the no-builder exit."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold_go_docker.errors import NoBuilderError, ScaffoldError
from scaffold_go_docker.verify import (
    BuildahBuilder,
    Check,
    DockerBuilder,
    PodmanBuilder,
    Status,
    VerifyResult,
    detect_builder,
    dockerfiles_to_verify,
    format_bar_chart,
    format_failures,
    format_size,
    format_table,
)
from scaffold_go_docker.verify.run import check_user, image_tag

PASSING = {
    "build": Check(Status.PASS),
    "user": Check(Status.PASS, "10001:10001"),
    "http": Check(Status.PASS, "200 on :8080"),
    "health": Check(Status.PASS),
    "sigterm": Check(Status.PASS, "0.1s"),
}


def result(name: str, size: int | None = 7_300_000, **checks: Check) -> VerifyResult:
    return VerifyResult(
        dockerfile=name,
        tag=f"localhost/verify-x:{name}",
        log_path=Path(f"/logs/{name}.log"),
        checks={**PASSING, **checks},
        size_bytes=size,
        seconds=23.04,
    )


@pytest.mark.parametrize(
    ("size", "shown"),
    [(None, "-"), (999, "999 B"), (7_254_176, "7.3 MB"), (673_000_000, "673.0 MB")],
)
def test_sizes_are_shown_in_decimal_units(size: int | None, shown: str) -> None:
    assert format_size(size) == shown


def test_table_has_a_row_per_dockerfile_with_each_check_size_and_time() -> None:
    lines = format_table([result("Dockerfile.pro"), result("Dockerfile")]).splitlines()
    assert lines[0].split() == [
        "Dockerfile", "build", "user", "HTTP", "health", "SIGTERM", "size", "time"
    ]  # fmt: skip
    assert lines[2].split() == [
        "Dockerfile.pro", "ok", "10001:10001", "200", "on", ":8080", "ok", "0.1s", "7.3", "MB",
        "23.0s",
    ]  # fmt: skip
    assert lines[3].startswith("Dockerfile ")


def test_table_marks_a_failed_check_fail() -> None:
    row = format_table([result("Dockerfile", user=Check(Status.FAIL, "root"))]).splitlines()[2]
    assert "FAIL root" in row


def test_failures_name_the_check_the_reason_and_the_log() -> None:
    failed = result("Dockerfile.bad", http=Check(Status.FAIL, ":8080", "no answer within 90s"))
    assert format_failures([result("Dockerfile"), failed]) == (
        "Dockerfile.bad:\n  HTTP: no answer within 90s\n  log: /logs/Dockerfile.bad.log\n"
    )


def test_no_failures_format_to_nothing() -> None:
    assert format_failures([result("Dockerfile")]) == ""


def test_a_skipped_check_does_not_fail_the_result() -> None:
    assert result("Dockerfile", health=Check(Status.SKIP, "none")).ok
    assert not result("Dockerfile", health=Check(Status.FAIL, "exit 1")).ok


def test_bar_chart_bars_are_proportional_to_size() -> None:
    chart = format_bar_chart([("big", 800), ("half", 400), ("tiny", 1)], width=10)
    bars = {line.split()[0]: line.split()[1] for line in chart.splitlines()}
    assert bars["big"] == "█" * 10
    assert bars["half"] == "█" * 5
    assert bars["tiny"] == "▏"  # the smallest still shows
    assert chart.splitlines()[0].endswith("800 B")


def test_bar_chart_of_nothing_is_empty() -> None:
    assert format_bar_chart([]) == ""


@pytest.mark.parametrize(
    ("user", "status"),
    [("10001:10001", Status.PASS), ("65532", Status.PASS), ("app", Status.FAIL),
     ("", Status.FAIL), ("0:0", Status.FAIL)],
)  # fmt: skip
def test_only_a_numeric_non_root_user_passes(user: str, status: Status) -> None:
    assert check_user(user).status is status


def test_variant_all_verifies_each_dockerfile_variant_then_the_main_one(tmp_path: Path) -> None:
    for name in ("Dockerfile", "Dockerfile.pro", "Dockerfile.bad", "Dockerfile.better"):
        (tmp_path / name).write_text("FROM scratch\n")
    assert dockerfiles_to_verify(tmp_path, "all") == [
        "Dockerfile.bad", "Dockerfile.better", "Dockerfile.pro", "Dockerfile"
    ]  # fmt: skip
    assert dockerfiles_to_verify(tmp_path, "pro") == ["Dockerfile.pro"]
    assert dockerfiles_to_verify(tmp_path, "enterprise") == ["Dockerfile"]
    assert dockerfiles_to_verify(tmp_path, None) == ["Dockerfile"]


def test_a_missing_dockerfile_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(ScaffoldError, match=r"no Dockerfile\.pro in"):
        dockerfiles_to_verify(tmp_path, "pro")


def test_image_tags_are_local_and_name_project_and_variant(tmp_path: Path) -> None:
    assert image_tag(tmp_path / "My App", "Dockerfile.pro") == "localhost/verify-my-app:pro"
    assert image_tag(tmp_path / "hello", "Dockerfile") == "localhost/verify-hello:latest"


# --- builder detection, on a PATH holding fake executables ---


def fake_path(tmp_path: Path, **scripts: str) -> functools.partial[str | None]:
    """A directory with shell scripts named like the builders; returns `which` limited to it."""
    for name, body in scripts.items():
        tool = tmp_path / name
        tool.write_text(f"#!/bin/sh\n{body}\n")
        tool.chmod(0o755)
    return functools.partial(shutil.which, path=str(tmp_path))


def test_docker_with_buildx_comes_first(tmp_path: Path) -> None:
    which = fake_path(tmp_path, docker="exit 0", buildah="exit 0", podman="exit 0")
    assert isinstance(detect_builder(which=which), DockerBuilder)


def test_docker_without_buildx_is_passed_over_for_buildah(tmp_path: Path) -> None:
    which = fake_path(tmp_path, docker="exit 1", buildah="exit 0", podman="exit 0")
    assert isinstance(detect_builder(which=which), BuildahBuilder)


def test_podman_is_used_when_it_is_the_only_builder(tmp_path: Path) -> None:
    assert isinstance(detect_builder(which=fake_path(tmp_path, podman="exit 0")), PodmanBuilder)


def test_the_chosen_builder_wins_over_detection(tmp_path: Path) -> None:
    which = fake_path(tmp_path, docker="exit 0", podman="exit 0")
    assert isinstance(detect_builder("podman", which=which), PodmanBuilder)


def test_a_chosen_builder_that_is_missing_is_named(tmp_path: Path) -> None:
    with pytest.raises(NoBuilderError, match="--builder buildah: buildah is not installed"):
        detect_builder("buildah", which=fake_path(tmp_path, podman="exit 0"))


def test_no_builder_says_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(NoBuilderError, match="install Docker with the buildx plugin, buildah"):
        detect_builder(which=fake_path(tmp_path))


def test_verify_without_any_builder_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM scratch\n")
    empty = tmp_path / "bin"
    empty.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "scaffold_go_docker", "verify", str(tmp_path)],
        env={**os.environ, "PATH": str(empty)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("error: no image builder found: install")
