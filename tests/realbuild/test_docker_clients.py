"""verify's verdict on each docker client installed here matches what that client really does.

verify asks a client its version and whether it has buildx, and from that decides how it can
build with BuildKit (or that it cannot). Here each docker on PATH is made to build a
Dockerfile that needs BuildKit both ways, and the outcome is compared with the verdict.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from scaffold_go_docker.verify import DockerBuilder, DockerBuildMode, probe_docker
from scaffold_go_docker.verify.builders import executables_named

pytestmark = [pytest.mark.realbuild, pytest.mark.docker]

#: `COPY --chmod` needs BuildKit: the classic builder of these engines refuses it.
NEEDS_BUILDKIT = "FROM scratch\nCOPY --chmod=0640 hello /hello\n"
TAG = f"localhost/sgd-client-probe:test-{os.getpid()}"


def _build(argv: list[str], context: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*argv, "-t", TAG, str(context)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def context(tmp_path: Path) -> Path:
    (tmp_path / "Dockerfile").write_text(NEEDS_BUILDKIT)
    (tmp_path / "hello").write_text("hello\n")
    return tmp_path


def test_each_docker_client_builds_exactly_as_verify_expects(
    docker_builder: DockerBuilder, context: Path
) -> None:
    clients = [probe_docker(executable) for executable in executables_named("docker")]
    assert clients, "the docker fixture found a client"
    try:
        for client in clients:
            assert client.version is not None, client
            assert client.daemon_error == "", client
            with_buildx = _build([client.executable, "buildx", "build", "--load"], context, {})
            with_env = _build([client.executable, "build"], context, {"DOCKER_BUILDKIT": "1"})
            outcome = (with_buildx.returncode == 0, with_env.returncode == 0)
            if client.build_mode is DockerBuildMode.BUILDX:
                assert outcome[0], with_buildx.stderr
            elif client.build_mode is DockerBuildMode.BUILDKIT:
                assert outcome == (False, True), (with_buildx.stderr, with_env.stderr)
            else:
                assert outcome == (False, False), client
                assert "buildx component is missing" in with_env.stderr
    finally:
        subprocess.run(
            [docker_builder.executable, "rmi", "--force", TAG], capture_output=True, check=False
        )
