"""Real builds: generated projects built and run with buildah and with the Docker Engine.

No registry is reachable here or on CI, so the golang and distroless images are local
stand-ins built by images/build_base_images.sh with buildah (its comments give the recipe),
and loaded into dockerd with `buildah push IMAGE docker-daemon:IMAGE`. A missing engine
skips its tests, saying why; where CI is set it fails them instead. Missing base images are
built; a dockerd that is installed but not running is started for the session and stopped
after it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import venv_tool

from realbuild.engines import (
    ENGINES,
    BuildahEngine,
    DockerEngine,
    Engine,
    StartedDaemon,
    run,
    start_dockerd,
    unavailable,
)
from realbuild.realbuild_support import (
    BASE_IMAGES_SCRIPT,
    GLIBC_IMAGE_SCRIPT,
    MEASURED_SIZES,
    PROBE_SOURCE,
    STORAGE_CONF,
    BaseImages,
    ImageCache,
)
from scaffold_go_docker.errors import NoBuilderError
from scaffold_go_docker.verify.builders import DockerBuilder, detect_engine, executables_named
from scaffold_go_docker.verify.report import format_size


@pytest.fixture(scope="session")
def buildah() -> str:
    found = shutil.which("buildah")
    if found is None:
        unavailable("buildah is not installed (apt-get install buildah): no real builds here")
    return found


@pytest.fixture(scope="session")
def storage_conf(buildah: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Points every buildah call of the session, ours and verify's, at the vfs store."""
    conf = tmp_path_factory.mktemp("containers") / "storage.conf"
    conf.write_text(STORAGE_CONF)
    previous = os.environ.get("CONTAINERS_STORAGE_CONF")
    os.environ["CONTAINERS_STORAGE_CONF"] = str(conf)
    yield conf
    if previous is None:
        os.environ.pop("CONTAINERS_STORAGE_CONF", None)
    else:
        os.environ["CONTAINERS_STORAGE_CONF"] = previous


@pytest.fixture(scope="session")
def base_images(storage_conf: Path) -> BaseImages:
    """The local golang and distroless images: the script builds them or finds them current."""
    go = venv_tool("go")
    env = {**os.environ, "PATH": f"{go.parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        [str(BASE_IMAGES_SCRIPT)], env=env, capture_output=True, text=True, timeout=1200
    )
    if done.returncode != 0:
        pytest.fail(f"{BASE_IMAGES_SCRIPT.name} failed:\n{done.stderr[-3000:]}")
    builder, distroless = done.stdout.split()[-2:]
    glibc = subprocess.run(
        [str(GLIBC_IMAGE_SCRIPT)], env=env, capture_output=True, text=True, timeout=600
    )
    if glibc.returncode != 0:
        pytest.fail(f"{GLIBC_IMAGE_SCRIPT.name} failed:\n{glibc.stderr[-3000:]}")
    return BaseImages(
        builder=builder, distroless=distroless, distroless_base=glibc.stdout.split()[-1]
    )


def _daemon_answers(docker: str) -> bool:
    done = subprocess.run(
        [docker, "version", "--format", "{{.Server.Version}}"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return done.returncode == 0


@pytest.fixture(scope="session")
def docker_builder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DockerBuilder]:
    """The docker client verify chooses, against a running daemon (started if need be)."""
    clients = executables_named("docker")
    if not clients:
        unavailable("docker is not installed (apt-get install docker.io): no Docker Engine builds")
    started: StartedDaemon | None = None
    can_start = "DOCKER_HOST" not in os.environ and shutil.which("dockerd") and os.geteuid() == 0
    if can_start and not _daemon_answers(clients[0]):
        log = tmp_path_factory.mktemp("dockerd") / "dockerd.log"
        outcome = start_dockerd(log, lambda: _daemon_answers(clients[0]))
        if isinstance(outcome, str):
            unavailable(outcome)
        assert isinstance(outcome, StartedDaemon)
        started = outcome
    try:
        try:
            choice = detect_engine("docker")
        except NoBuilderError as error:
            unavailable(str(error))
        assert isinstance(choice.builder, DockerBuilder)
        yield choice.builder
    finally:
        if started is not None:
            started.stop()


def load_into_docker(image: str, docker: str) -> None:
    """Copy a buildah image into dockerd, unless dockerd holds it with the same image ID."""
    wanted = run(["buildah", "inspect", "--type", "image", "--format", "{{.FromImageID}}", image])
    present = subprocess.run(
        [docker, "image", "inspect", "--format", "{{.Id}}", image],
        capture_output=True,
        text=True,
        check=False,
    )
    if present.stdout.strip().removeprefix("sha256:") != wanted.strip().removeprefix("sha256:"):
        run(["buildah", "push", "--quiet", image, f"docker-daemon:{image}"], timeout=900)


@pytest.fixture(scope="session")
def docker_base_images(base_images: BaseImages, docker_builder: DockerBuilder) -> BaseImages:
    """The stand-in base images, in dockerd too."""
    for image in (base_images.builder, base_images.distroless, base_images.distroless_base):
        load_into_docker(image, docker_builder.executable)
    return base_images


@pytest.fixture(
    scope="session",
    params=[
        pytest.param(name, marks=[pytest.mark.realbuild, getattr(pytest.mark, name)])
        for name in ENGINES
    ],
)
def engine(request: pytest.FixtureRequest) -> Engine:
    """Each engine in turn, ready to build on the stand-in base images."""
    if request.param == "docker":
        request.getfixturevalue("docker_base_images")
        return DockerEngine(request.getfixturevalue("docker_builder"))
    request.getfixturevalue("base_images")
    return BuildahEngine()


@pytest.fixture(scope="session")
def probe_binary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A static helper that checks time zones, the CA bundle and /tmp from inside an image."""
    out = tmp_path_factory.mktemp("probe") / "probe"
    env = {**os.environ, "CGO_ENABLED": "0", "GOFLAGS": "", "GOTOOLCHAIN": "local"}
    subprocess.run(
        [str(venv_tool("go")), "build", "-o", str(out), PROBE_SOURCE.name],
        env=env,
        check=True,
        capture_output=True,
        cwd=PROBE_SOURCE.parent,
        timeout=300,
    )
    return out


@pytest.fixture(scope="session")
def images(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ImageCache]:
    """Builds each case once per session and engine; removes the images afterwards."""
    cache = ImageCache(tmp_path_factory.mktemp(f"realbuild-{engine.name}"), engine)
    yield cache
    cache.remove_images()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The size of each image the session built, per engine."""
    if not MEASURED_SIZES:
        return
    terminalreporter.section("image sizes")
    engines = sorted({engine for engine, _ in MEASURED_SIZES})
    cases = sorted({case for _, case in MEASURED_SIZES})
    width = max(len(case) for case in cases)
    terminalreporter.write_line(f"{'case':<{width}}  " + "  ".join(f"{e:>10}" for e in engines))
    for case in cases:
        cells = [format_size(MEASURED_SIZES.get((engine, case))) for engine in engines]
        terminalreporter.write_line(f"{case:<{width}}  " + "  ".join(f"{c:>10}" for c in cells))
