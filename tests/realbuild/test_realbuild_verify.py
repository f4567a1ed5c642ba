"""`scaffold-go-docker verify` end to end with buildah, on projects the CLI generated."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from realbuild.realbuild_support import BaseImages, free_port, write_project

pytestmark = pytest.mark.realbuild

VERIFY_TAGS = (
    "localhost/verify-hello:latest",
    "localhost/verify-hello:enterprise-distroless",
    "localhost/verify-broken:latest",
)


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
def remove_verified_images() -> Iterator[None]:
    """verify keeps what it built (the user may run it); the tests do not."""
    yield
    for tag in VERIFY_TAGS:
        subprocess.run(["buildah", "rmi", tag], capture_output=True, check=False)


@pytest.fixture(scope="module")
def two_variant_project(base_images: BaseImages, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`new` writes a pro/scratch project; an enterprise/distroless Dockerfile.* joins it."""
    parent = tmp_path_factory.mktemp("verify")
    port = free_port("verify-e2e")
    done = cli(
        "new", "hello", "--no-input", "--output-dir", str(parent),
        "--variant", "pro", "--builder", "debian", "--base", "scratch",
        "--builder-image", base_images.builder, "--port", str(port),
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
        },
    )
    (project / "Dockerfile.enterprise-distroless").write_text((other / "Dockerfile").read_text())
    return project


def test_verify_all_passes_reports_each_dockerfile_and_charts_the_sizes(
    two_variant_project: Path, tmp_path: Path
) -> None:
    done = cli(
        "verify", str(two_variant_project), "--builder", "buildah", "--variant", "all",
        "--log-dir", str(tmp_path),
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    table, chart_text = done.stdout.split("\nImage sizes:\n")
    rows = {line.split()[0]: line for line in table.splitlines()[2:]}
    assert set(rows) == {"Dockerfile", "Dockerfile.enterprise-distroless"}
    assert re.search(r"ok\s+10001:10001\s+200 on :\d+\s+ok\s+\d+\.\ds", rows["Dockerfile"])
    assert re.search(r"ok\s+65532:65532\s+200 on", rows["Dockerfile.enterprise-distroless"])
    chart = chart_text.splitlines()
    assert [line.split()[0] for line in chart] == [
        "Dockerfile.enterprise-distroless",
        "Dockerfile",
    ]
    assert all("█" in line and line.endswith("MB") for line in chart)
    assert "building Dockerfile with buildah..." in done.stderr


def test_verify_of_a_broken_build_exits_1_and_points_at_the_log(
    base_images: BaseImages, tmp_path: Path
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
        },
    )
    main = project / "main.go"
    main.write_text(main.read_text() + "\nfunc broken() { undefinedName() }\n")
    done = cli("verify", str(project), "--builder", "buildah", "--log-dir", str(tmp_path / "l"))
    assert done.returncode == 1
    assert "FAIL" in done.stdout.splitlines()[2]
    log = tmp_path / "l" / "Dockerfile.log"
    assert f"log: {log}" in done.stderr
    assert "undefined: undefinedName" in log.read_text()
