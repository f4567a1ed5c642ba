"""The generated compose.yaml, checked by a real Compose implementation and brought up.

Debian 12 packages Compose v1 (`docker-compose` 1.29, Python), which reads the Compose
Specification's version-less files. Without `COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_BUILDKIT=1`
it builds through the Engine API with the classic builder, which cannot build the BuildKit
Dockerfiles; with them it runs `docker build`, so the docker client verify chose goes first
on PATH.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from realbuild.engines import unavailable
from realbuild.realbuild_support import HELLO, BaseImages, write_project
from scaffold_go_docker.verify.builders import DockerBuilder

pytestmark = [pytest.mark.realbuild, pytest.mark.docker]


@pytest.fixture(scope="module")
def docker_compose() -> str:
    found = shutil.which("docker-compose")
    if found is None:
        unavailable("docker-compose is not installed (apt-get install docker-compose)")
    return found


def compose(
    executable: str, project: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [executable, *args],
        cwd=project,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.parametrize("variant", ["bad", "better", "pro", "enterprise"])
def test_generated_compose_file_passes_docker_compose_config(
    docker_compose: str, tmp_path: Path, variant: str
) -> None:
    write_project(tmp_path, {"app_name": "hello", "variant": variant, "compose": True})
    done = compose(docker_compose, tmp_path, "-f", "compose.yaml", "config", "-q")
    assert (done.returncode, done.stderr) == (0, "")


def test_docker_compose_config_rejects_an_invalid_file(docker_compose: str, tmp_path: Path) -> None:
    """The control: `config -q` does check the file."""
    write_project(tmp_path, {"app_name": "hello", "compose": True})
    compose_file = tmp_path / "compose.yaml"
    compose_file.write_text(compose_file.read_text().replace("read_only: true", "read_only: 7"))
    done = compose(docker_compose, tmp_path, "-f", "compose.yaml", "config", "-q")
    assert done.returncode != 0
    assert "read_only" in done.stderr


#: Checks the health every second instead of every 30 s; nothing else changes.
FAST_HEALTH = "services:\n  hello:\n    healthcheck:\n      interval: 1s\n"


@pytest.fixture
def compose_project(
    docker_compose: str,
    docker_builder: DockerBuilder,
    docker_base_images: BaseImages,
    tmp_path: Path,
) -> Iterator[tuple[Path, list[str], dict[str, str]]]:
    """An enterprise/scratch project with compose.yaml (read-only root, tmpfs /tmp, health
    check), its port published on 127.0.0.1 only; taken down with its image afterwards."""
    project = tmp_path / "hello"
    write_project(
        project,
        {
            "app_name": "hello",
            "compose": True,
            "builder": "debian",
            "base": "scratch",
            "builder_image": docker_base_images.builder,
            "syntax_line": False,
        },
    )
    compose_file = project / "compose.yaml"
    text = compose_file.read_text()
    assert '- "8080:8080"' in text
    # The generated file publishes on every interface; the test touches only loopback.
    compose_file.write_text(text.replace('- "8080:8080"', '- "127.0.0.1::8080"'))
    (project / "fast-health.yaml").write_text(FAST_HEALTH)
    files = ["-p", f"sgdcompose{os.getpid()}", "-f", "compose.yaml", "-f", "fast-health.yaml"]
    env = {
        "COMPOSE_DOCKER_CLI_BUILD": "1",
        "DOCKER_BUILDKIT": "1",
        "PATH": f"{Path(docker_builder.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    yield project, files, env
    compose(docker_compose, project, *files, "down", "--rmi", "local", "--volumes", env=env)


def _state(docker: str, container: str) -> dict[str, object]:
    done = subprocess.run(
        [docker, "inspect", "--format", "{{json .State}}", container],
        capture_output=True,
        text=True,
        check=True,
    )
    state: dict[str, object] = json.loads(done.stdout)
    return state


def test_compose_up_builds_runs_healthy_and_stops_with_exit_status_0(
    docker_compose: str,
    docker_builder: DockerBuilder,
    compose_project: tuple[Path, list[str], dict[str, str]],
) -> None:
    project, files, env = compose_project
    up = compose(docker_compose, project, *files, "up", "--detach", "--build", env=env)
    assert up.returncode == 0, up.stderr[-3000:]
    container = compose(docker_compose, project, *files, "ps", "-q", env=env).stdout.strip()
    docker = docker_builder.executable
    deadline = time.monotonic() + 60
    while (health := _state(docker, container).get("Health")) and time.monotonic() < deadline:
        assert isinstance(health, dict)
        if health["Status"] != "starting":
            break
        time.sleep(0.5)
    assert isinstance(health, dict)
    assert health["Status"] == "healthy", health
    address = compose(docker_compose, project, *files, "port", "hello", "8080", env=env)
    with urllib.request.urlopen(f"http://{address.stdout.strip()}/", timeout=5) as response:
        assert response.read().decode().startswith(HELLO)
    stop = compose(docker_compose, project, *files, "stop", "--timeout", "10", env=env)
    assert stop.returncode == 0, stop.stderr
    assert _state(docker, container)["ExitCode"] == 0
