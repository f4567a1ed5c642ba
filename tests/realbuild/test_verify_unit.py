"""The parts of `verify` that need no engine: formatting, engine detection on fake PATHs,
judging health states, the command line's options and the environment engines get."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from scaffold_go_docker.errors import NoBuilderError, ScaffoldError
from scaffold_go_docker.verify import (
    BuildahBuilder,
    Check,
    DockerBuilder,
    DockerBuildMode,
    Limits,
    PodmanBuilder,
    Status,
    VerifyResult,
    check_health,
    detect_engine,
    dockerfiles_to_verify,
    format_bar_chart,
    format_failures,
    format_size,
    format_table,
)
from scaffold_go_docker.verify.builders import EngineHealth, ImageFacts
from scaffold_go_docker.verify.run import build_failure_detail, check_user, image_tag

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


# --- engine detection, on a PATH holding fake executables ---


def fake_tools(directory: Path, **scripts: str) -> str:
    """A directory of shell scripts named like the engines; returns it as a PATH."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, body in scripts.items():
        tool = directory / name
        tool.write_text(f"#!/bin/sh\n{body}\n")
        tool.chmod(0o755)
    return str(directory)


NO_DAEMON = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock."


def fake_docker(version: str = "28.2.2", buildx: bool = True, daemon: bool = True) -> str:
    """A docker client as `docker --version`, `docker buildx version` and `docker version`
    answer: the three questions detection asks."""
    server = "echo 28.2.2" if daemon else f"echo '{NO_DAEMON}' >&2; exit 1"
    return (
        f'case "$1" in\n'
        f'  --version) echo "Docker version {version}, build 0000000";;\n'
        f"  buildx) exit {0 if buildx else 1};;\n"
        f"  version) {server};;\n"
        f"esac"
    )


def test_docker_with_buildx_comes_first_and_builds_with_buildx(tmp_path: Path) -> None:
    path = fake_tools(tmp_path, docker=fake_docker(), buildah="exit 0", podman="exit 0")
    choice = detect_engine(path=path)
    assert isinstance(choice.builder, DockerBuilder)
    assert choice.builder.mode is DockerBuildMode.BUILDX
    assert choice.builder.build_command(tmp_path, tmp_path / "Dockerfile", "t")[1:4] == [
        "buildx", "build", "--load"
    ]  # fmt: skip
    assert choice.passed_over == ()


def test_docker_before_23_without_buildx_builds_with_docker_buildkit_1(tmp_path: Path) -> None:
    path = fake_tools(tmp_path, docker=fake_docker("20.10.24+dfsg1", buildx=False))
    builder = detect_engine(path=path).builder
    assert isinstance(builder, DockerBuilder)
    assert builder.mode is DockerBuildMode.BUILDKIT
    assert builder.build_environment() == {"DOCKER_BUILDKIT": "1"}
    assert builder.description.startswith("DOCKER_BUILDKIT=1 docker build (")


def test_docker_23_or_later_without_buildx_is_passed_over_saying_why(tmp_path: Path) -> None:
    path = fake_tools(tmp_path, docker=fake_docker("28.2.2", buildx=False), buildah="exit 0")
    choice = detect_engine(path=path)
    assert isinstance(choice.builder, BuildahBuilder)
    (note,) = choice.passed_over
    assert note.startswith(f"{tmp_path}/docker: client 28.2.2 has no buildx plugin")
    assert "install docker-buildx-plugin" in note


def test_the_first_docker_on_path_that_can_build_is_used(tmp_path: Path) -> None:
    newer = fake_tools(tmp_path / "local", docker=fake_docker("28.2.2", buildx=False))
    older = fake_tools(tmp_path / "usr", docker=fake_docker("20.10.24+dfsg1", buildx=False))
    choice = detect_engine("docker", path=os.pathsep.join([newer, older]))
    assert isinstance(choice.builder, DockerBuilder)
    assert choice.builder.executable == f"{older}/docker"
    assert [note.split(":")[0] for note in choice.passed_over] == [f"{newer}/docker"]


def test_docker_whose_daemon_does_not_answer_is_passed_over(tmp_path: Path) -> None:
    path = fake_tools(tmp_path, docker=fake_docker(daemon=False), buildah="exit 0")
    choice = detect_engine(path=path)
    assert isinstance(choice.builder, BuildahBuilder)
    assert choice.passed_over == (
        f"{tmp_path}/docker: the Docker daemon does not answer: {NO_DAEMON}",
    )


def test_a_docker_that_is_not_dockers_client_is_passed_over(tmp_path: Path) -> None:
    """podman-docker installs a `docker` that runs podman."""
    path = fake_tools(tmp_path, docker='echo "podman version 4.3.1"', podman="exit 0")
    choice = detect_engine(path=path)
    assert isinstance(choice.builder, PodmanBuilder)
    assert choice.passed_over == (f"{tmp_path}/docker: not Docker's command-line client",)


def test_chosen_docker_that_cannot_build_names_each_reason(tmp_path: Path) -> None:
    path = fake_tools(tmp_path, docker=fake_docker(buildx=False), buildah="exit 0")
    with pytest.raises(NoBuilderError, match=r"--engine docker: no docker here can build: .*"
                       r"client 28\.2\.2 has no buildx plugin"):  # fmt: skip
        detect_engine("docker", path=path)


def test_podman_is_used_when_it_is_the_only_engine(tmp_path: Path) -> None:
    choice = detect_engine(path=fake_tools(tmp_path, podman="exit 0"))
    assert isinstance(choice.builder, PodmanBuilder)
    assert choice.builder.description == f"podman build --format docker ({tmp_path}/podman)"


def test_the_chosen_engine_wins_over_detection(tmp_path: Path) -> None:
    path = fake_tools(tmp_path, docker=fake_docker(), podman="exit 0")
    assert isinstance(detect_engine("podman", path=path).builder, PodmanBuilder)


def test_a_chosen_engine_that_is_missing_is_named(tmp_path: Path) -> None:
    with pytest.raises(NoBuilderError, match="--engine buildah: buildah is not installed"):
        detect_engine("buildah", path=fake_tools(tmp_path, podman="exit 0"))


def test_no_engine_says_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(NoBuilderError, match=r"install Docker \(with the buildx plugin, or"):
        detect_engine(path=fake_tools(tmp_path))


@pytest.mark.parametrize(
    ("mode", "argv", "env"),
    [
        (DockerBuildMode.BUILDX, ["buildx", "build", "--load", "--progress", "plain"], {}),
        (DockerBuildMode.BUILDKIT, ["build", "--progress", "plain"], {"DOCKER_BUILDKIT": "1"}),
        # Newer clients' legacy builder refuses --progress.
        (DockerBuildMode.CLASSIC, ["build"], {"DOCKER_BUILDKIT": "0"}),
    ],
)
def test_each_docker_build_mode_has_its_command_and_environment(
    mode: DockerBuildMode, argv: list[str], env: dict[str, str]
) -> None:
    builder = DockerBuilder("/usr/bin/docker", mode)
    command = builder.build_command(Path("ctx"), Path("ctx/Dockerfile"), "t")
    assert command == ["/usr/bin/docker", *argv, "-f", "ctx/Dockerfile", "-t", "t", "ctx"]
    assert builder.build_environment() == env


FRONTEND_FAILED = """\
#3 resolve image config for docker.io/docker/dockerfile:1
#3 sha256:ac072d521901222eeef550f52282877f196e16b0247844be9ceb1ccc1eac391d
#3 ERROR: failed to do request: Head "https://registry-1.docker.io/v2/docker/dockerfile/manifests/1": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host
"""  # noqa: E501  (docker 20.10's plain progress, measured here)
WITH_SYNTAX = "# syntax=docker/dockerfile:1\n# Dockerfile for x\nFROM scratch\n"


def test_a_frontend_that_cannot_be_pulled_is_explained() -> None:
    detail = build_failure_detail("docker", FRONTEND_FAILED, WITH_SYNTAX)
    assert detail.startswith(
        "docker could not build it; see the log. BuildKit could not pull the Dockerfile "
        "frontend docker/dockerfile:1"
    )
    assert "--no-syntax-line" in detail


def test_newer_clients_frontend_error_is_explained_too() -> None:
    log = (
        "ERROR: failed to solve: docker/dockerfile:1: failed to resolve source metadata for "
        "docker.io/docker/dockerfile:1: dial tcp: i/o timeout\n"
    )
    assert "--no-syntax-line" in build_failure_detail("docker", log, WITH_SYNTAX)


@pytest.mark.parametrize(
    ("log", "dockerfile"),
    [
        ("#9 ERROR: process did not complete successfully: exit code: 1\n", WITH_SYNTAX),
        # The frontend resolved; the failure is elsewhere.
        ("#3 resolve image config for docker.io/docker/dockerfile:1\n#3 DONE 0.4s\n"
         "#9 ERROR: process did not complete successfully\n", WITH_SYNTAX),
        (FRONTEND_FAILED, "# Dockerfile without a syntax line\nFROM scratch\n"),
    ],
)  # fmt: skip
def test_other_build_failures_get_no_frontend_hint(log: str, dockerfile: str) -> None:
    assert build_failure_detail("docker", log, dockerfile) == (
        "docker could not build it; see the log"
    )


# --- the health check, judged from what the engine reports ---


@dataclass
class ScriptedContainer:
    """A container whose engine reports the given health states in turn (the last repeats)."""

    states: list[str | None]
    exec_status: int = 0

    def health_status(self) -> EngineHealth | None:
        state = self.states.pop(0) if len(self.states) > 1 else self.states[0]
        return None if state is None else EngineHealth(state, "probe said: down")

    def alive(self) -> bool:
        return True

    def exec(self, argv: Sequence[str], timeout: float) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(list(argv), self.exec_status, "", "refused")


FACTS = ImageFacts(None, "10001:10001", ("/app", "-healthcheck"), (8080,), ("/app",))


def _health(container: ScriptedContainer, seconds: float = 2) -> Check:
    return check_health(container, FACTS, Limits(health=seconds))  # type: ignore[arg-type]


def test_health_waits_for_the_engine_to_say_healthy() -> None:
    assert _health(ScriptedContainer(["starting", "starting", "healthy"])) == Check(
        Status.PASS, "healthy"
    )


def test_unhealthy_from_the_engine_fails_with_the_checks_output() -> None:
    check = _health(ScriptedContainer(["starting", "unhealthy"]))
    assert (check.status, check.summary) == (Status.FAIL, "unhealthy")
    assert check.detail.endswith("reports unhealthy: probe said: down")


def test_health_still_starting_at_the_limit_fails() -> None:
    check = _health(ScriptedContainer(["starting"]), seconds=0.5)
    assert (check.status, check.summary) == (Status.FAIL, "starting")


def test_without_engine_health_the_check_command_runs_in_the_container() -> None:
    assert _health(ScriptedContainer([None])) == Check(Status.PASS, "exit 0")
    failed = _health(ScriptedContainer([None], exec_status=1))
    assert (failed.status, failed.detail) == (Status.FAIL, "/app -healthcheck exited 1: refused")


# --- the command line ---


def verify_cli(
    args: list[str], path: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scaffold_go_docker", "verify", *args],
        env={**os.environ, "PATH": path, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "Dockerfile").write_text("FROM scratch\n")
    return tmp_path / "app"


@pytest.fixture
def no_tools(tmp_path: Path) -> str:
    return fake_tools(tmp_path / "bin")


def test_verify_without_any_engine_prints_one_line_and_exits_2(
    project: Path, no_tools: str
) -> None:
    done = verify_cli([str(project)], no_tools)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("error: no container engine found: install")


def test_builder_is_a_deprecated_alias_of_engine(project: Path, no_tools: str) -> None:
    done = verify_cli([str(project), "--builder", "buildah"], no_tools)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "warning: --builder is deprecated and will be removed: use --engine",
        "error: --engine buildah: buildah is not installed",
    ]


def test_builder_is_hidden_from_help(no_tools: str) -> None:
    done = verify_cli(["--help"], no_tools, {"COLUMNS": "200"})
    assert "--engine" in done.stdout
    assert "--builder" not in done.stdout


def test_the_old_environment_variable_still_works_with_a_warning(
    project: Path, no_tools: str
) -> None:
    done = verify_cli([str(project)], no_tools, {"SCAFFOLD_GO_DOCKER_VERIFY_BUILDER": "podman"})
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "warning: SCAFFOLD_GO_DOCKER_VERIFY_BUILDER is deprecated and will be removed: use "
        "SCAFFOLD_GO_DOCKER_VERIFY_ENGINE",
        "error: --engine podman: podman is not installed",
    ]


def test_the_new_environment_variable_wins_silently(project: Path, no_tools: str) -> None:
    done = verify_cli(
        [str(project)],
        no_tools,
        {"SCAFFOLD_GO_DOCKER_VERIFY_ENGINE": "buildah", "SCAFFOLD_GO_DOCKER_VERIFY_BUILDER": "x"},
    )
    assert done.stderr.splitlines() == ["error: --engine buildah: buildah is not installed"]


def test_engine_and_a_different_builder_are_refused(project: Path, no_tools: str) -> None:
    done = verify_cli([str(project), "--engine", "docker", "--builder", "buildah"], no_tools)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "error: --engine docker and --builder buildah: --builder is the old name of --engine; "
        "give only --engine"
    )


def test_an_unknown_engine_is_a_usage_error(project: Path, no_tools: str) -> None:
    done = verify_cli([str(project), "--engine", "kaniko"], no_tools)
    assert done.returncode == 2
    assert "kaniko" in done.stderr


@pytest.mark.parametrize(
    ("users_value", "child_sees"),
    [(None, None), ("__all__", "__all__"), ("some-plugin", "some-plugin")],
)
def test_engines_get_the_users_environment_not_the_tools(
    tmp_path: Path, project: Path, users_value: str | None, child_sees: str | None
) -> None:
    """The start-up disables pydantic plugins in its own environment; an engine verify starts
    sees the variable only as the user had it."""
    dump = tmp_path / "env.json"
    path = fake_tools(
        tmp_path / "bin",
        buildah=f'"{sys.executable}" -c "import json, os; '
        f"json.dump(dict(os.environ), open('{dump}', 'w'))\"; exit 1",
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if users_value is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = users_value
    done = subprocess.run(
        [sys.executable, "-m", "scaffold_go_docker", "verify", str(project), "--engine",
         "buildah", "--log-dir", str(tmp_path / "logs")],
        env={**env, "PATH": f"{path}{os.pathsep}{env['PATH']}"},
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    child = json.loads(dump.read_text())
    assert child.get("PYDANTIC_DISABLE_PLUGINS") == child_sees
    assert child["PATH"].startswith(path)
