"""`scaffold-go-docker verify --engine ENGINE` end to end, on projects the CLI generated."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from realbuild.engines import Engine
from realbuild.realbuild_support import BaseImages, free_port, write_project
from scaffold_go_docker.verify.builders import executables_named

pytestmark = pytest.mark.realbuild

VERIFY_TAGS = (
    "localhost/verify-hello:latest",
    "localhost/verify-hello:enterprise-distroless",
    "localhost/verify-broken:latest",
    "localhost/verify-frontend:latest",
    "localhost/verify-bad:bad",
)
#: The health column: docker's own status; buildah never runs HEALTHCHECK, so verify runs
#: the check's command in the container.
HEALTH_CELL = {"docker": "healthy", "buildah": "exit 0"}


def flags_for(choices: Mapping[str, object]) -> list[str]:
    """Generator choices as `new` takes them on its command line (booleans only)."""
    flags = []
    for key, value in choices.items():
        assert isinstance(value, bool), key
        flags.append(f"--{'' if value else 'no-'}{key.replace('_', '-')}")
    return flags


def cli(*args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """The installed command (its module), with the session's buildah storage."""
    return subprocess.run(
        [sys.executable, "-m", "scaffold_go_docker", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )


@pytest.fixture(scope="module", autouse=True)
def remove_verified_images(engine: Engine) -> Iterator[None]:
    """verify keeps what it built (the user may run it); the tests do not."""
    yield
    engine.remove_images(VERIFY_TAGS)


@pytest.fixture(scope="module")
def two_variant_project(
    engine: Engine, base_images: BaseImages, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """`new` writes a pro/scratch project; an enterprise/distroless Dockerfile.* joins it."""
    parent = tmp_path_factory.mktemp("verify")
    port = free_port("verify-e2e")
    done = cli(
        "new", "hello", "--no-input", "--output-dir", str(parent),
        "--variant", "pro", "--builder", "debian", "--base", "scratch",
        "--builder-image", base_images.builder, "--port", str(port),
        *flags_for(engine.generator_choices),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    project = parent / "hello"
    other = tmp_path_factory.mktemp("other")
    write_project(
        other,
        {
            "app_name": "hello",
            "variant": "enterprise",
            "builder": "debian",
            "base": "distroless",
            "port": port,
            "builder_image": base_images.builder,
            "runtime_image": base_images.distroless,
            **engine.generator_choices,
        },
    )
    (project / "Dockerfile.enterprise-distroless").write_text((other / "Dockerfile").read_text())
    return project


def test_verify_all_passes_reports_each_dockerfile_and_charts_the_sizes(
    engine: Engine, two_variant_project: Path, tmp_path: Path
) -> None:
    done = cli(
        "verify", str(two_variant_project), "--engine", engine.name, "--variant", "all",
        "--log-dir", str(tmp_path),
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    table, chart_text = done.stdout.split("\nImage sizes:\n")
    rows = {line.split()[0]: line for line in table.splitlines()[2:]}
    assert set(rows) == {"Dockerfile", "Dockerfile.enterprise-distroless"}
    health = HEALTH_CELL[engine.name]
    assert re.search(
        rf"ok\s+10001:10001\s+200 on :\d+\s+{health}\s+\d+\.\ds", rows["Dockerfile"]
    ), rows["Dockerfile"]
    assert re.search(
        rf"ok\s+65532:65532\s+200 on :\d+\s+{health}\s+\d+\.\ds",
        rows["Dockerfile.enterprise-distroless"],
    )
    chart = chart_text.splitlines()
    assert [line.split()[0] for line in chart] == [
        "Dockerfile.enterprise-distroless",
        "Dockerfile",
    ]
    assert all("█" in line and line.endswith("MB") for line in chart)
    assert f"building Dockerfile with {engine.name}..." in done.stderr


def test_verify_says_which_engine_and_client_it_uses(
    engine: Engine, two_variant_project: Path, tmp_path: Path
) -> None:
    """With docker, also each docker on PATH before the one used, and why it was passed over."""
    done = cli(
        "verify", str(two_variant_project), "--engine", engine.name, "--log-dir", str(tmp_path)
    )
    assert done.returncode == 0, done.stdout + done.stderr
    used = engine.builder.description
    assert f"engine: {used}\n" in done.stderr
    if engine.name == "docker":
        executables = executables_named("docker")
        chosen = next(e for e in executables if f"({e}," in used)
        for earlier in executables[: executables.index(chosen)]:
            assert f"passed over {earlier}: " in done.stderr


def test_verify_of_a_broken_build_exits_1_and_points_at_the_log(
    engine: Engine, base_images: BaseImages, tmp_path: Path
) -> None:
    project = tmp_path / "broken"
    write_project(
        project,
        {
            "app_name": "broken",
            "variant": "pro",
            "builder": "debian",
            "base": "scratch",
            "builder_image": base_images.builder,
            "port": free_port("verify-broken"),
            **engine.generator_choices,
        },
    )
    main = project / "main.go"
    main.write_text(main.read_text() + "\nfunc broken() { undefinedName() }\n")
    done = cli("verify", str(project), "--engine", engine.name, "--log-dir", str(tmp_path / "l"))
    assert done.returncode == 1
    assert "FAIL" in done.stdout.splitlines()[2]
    log = tmp_path / "l" / "Dockerfile.log"
    assert f"log: {log}" in done.stderr
    assert "undefined: undefinedName" in log.read_text()


@pytest.mark.docker
def test_verify_explains_a_syntax_frontend_that_cannot_be_pulled(
    docker_base_images: BaseImages, tmp_path: Path
) -> None:
    """The `# syntax=` line makes BuildKit pull its frontend image; where no registry answers
    (here: a mirror whose name cannot resolve) the build fails, and verify says how to avoid
    it."""
    project = tmp_path / "frontend"
    write_project(
        project,
        {
            "app_name": "frontend",
            "variant": "pro",
            "builder": "debian",
            "base": "scratch",
            "builder_image": docker_base_images.builder,
            "syntax_image": "registry.invalid/docker/dockerfile:1",
        },
    )
    assert (
        (project / "Dockerfile")
        .read_text()
        .startswith("# syntax=registry.invalid/docker/dockerfile:1\n")
    )
    done = cli("verify", str(project), "--engine", "docker", "--log-dir", str(tmp_path / "l"))
    assert done.returncode == 1
    assert "BuildKit could not pull the Dockerfile frontend" in done.stderr
    assert "--no-syntax-line" in done.stderr


@pytest.mark.docker
def test_verify_fails_the_bad_variant_for_root_and_for_dying_of_sigterm(
    docker_base_images: BaseImages, tmp_path: Path
) -> None:
    """The seed's problems, as verify reports them on docker: no USER, and PID 1 is `go run`,
    which dies of SIGTERM (exit status 143) instead of shutting the server down."""
    done = cli(
        "new", "bad", "--no-input", "--output-dir", str(tmp_path), "--variant", "all",
        "--builder-image", docker_base_images.builder, "--port", str(free_port("verify-bad")),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    done = cli(
        "verify", str(tmp_path / "bad"), "--engine", "docker", "--variant", "bad",
        "--log-dir", str(tmp_path / "l"),
    )  # fmt: skip
    assert done.returncode == 1
    row = done.stdout.splitlines()[2].split()
    assert row[:4] == ["Dockerfile.bad", "ok", "FAIL", "root"]
    assert "FAIL exit 143" in done.stdout.splitlines()[2]
    assert "exited 143 on SIGTERM: it died of the signal instead of shutting down" in done.stderr
