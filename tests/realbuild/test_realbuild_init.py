"""`init --no-input` on each fixture module, built and run for real on each engine: the image
builds, runs as a numeric non-root user, answers on the detected port (a program that
listens on nothing prints and exits 0) and stops on SIGTERM.

The stand-in base images (no registry here): the Debian golang builder and distroless
static for every case but cgo, which links glibc dynamically and runs on the distroless
base stand-in.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from realbuild.engines import Engine
from realbuild.realbuild_support import GRACE, BaseImages
from scaffold_go_docker.init_project import plan_init
from scaffold_go_docker.inputs.sources import Choices
from scaffold_go_docker.options import Source
from scaffold_go_docker.verify import Status
from scaffold_go_docker.verify.builders import DockerContainer
from scaffold_go_docker.verify.run import check_user, verify_dockerfile
from scaffold_go_docker.writing import write_planned

pytestmark = pytest.mark.realbuild

FIXTURES = Path(__file__).resolve().parents[1] / "detect" / "fixtures"


@dataclass(frozen=True)
class InitCase:
    fixture: str
    main: str
    #: The port detection must find and the server answer on; None: a CLI that prints.
    port: int | None
    #: What a CLI prints.
    prints: str = ""
    glibc: bool = False


CASES = [
    InitCase("rootmain", ".", 9090),
    InitCase("cmdlayout", "./cmd/api", 9000),
    InitCase("embeds", ".", 8080),
    InitCase("ports", "./cmd/envport", 3000),
    InitCase("workspace", "./api", 7070),
    InitCase("vendored", "./cmd/plain", None, prints="hello, plain"),
    # version and commit stamped with the build arguments' defaults (commit was "none").
    InitCase("versions", "./cmd/plain", None, prints="dev unknown unknown"),
    InitCase("cgo", ".", None, prints="5\n", glibc=True),
]


@dataclass
class Ran:
    options: Any
    user: str
    process_ids: tuple[int, int] | None
    http_status: int | None
    stop_seconds: float | None
    exit_code: int | None
    output: str


def _ignore(_: str) -> None:
    pass


def _http_status(url: str, alive: Any, timeout: float = 60) -> int | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)
        except (OSError, urllib.error.URLError):
            if not alive():
                return None
        time.sleep(0.2)
    return None


def build_and_run(case: InitCase, engine: Engine, base: BaseImages, workdir: Path) -> Ran:
    module = workdir / case.fixture
    shutil.copytree(FIXTURES / case.fixture, module)
    choices = Choices()
    given: dict[str, Any] = {
        "main_packages": (case.main,),
        "builder": "debian",
        "builder_image": base.builder,
        **engine.generator_choices,
    }
    if case.glibc:
        given.update(base="distroless-base", runtime_image=base.distroless_base)
    else:
        given.update(base="distroless", runtime_image=base.distroless)
    for name, value in given.items():
        choices.set(name, value, Source.FLAG)
    plan = plan_init(module, choices)
    write_planned(plan.target, plan.files)
    [options] = plan.plan.options.values()
    if case.port is not None:
        assert options.port == case.port
    builder = engine.builder_for(options)
    tag = f"localhost/sgd-init-{case.fixture}:test-{os.getpid()}"
    log_path = workdir / f"{case.fixture}.log"
    with log_path.open("w") as log:
        built = builder.build(plan.target, plan.target / "Dockerfile", tag, {}, log, _ignore)
        if not built:
            pytest.fail(f"{case.fixture}: build failed:\n{log_path.read_text()[-4000:]}")
        facts = builder.facts(tag)
    # The program's own output apart from the build's (buildah writes it to the stream).
    run_log_path = workdir / f"{case.fixture}.run.log"
    with run_log_path.open("w") as log:
        container = builder.start(tag, facts, log)
        try:
            status = stop = ids = None
            if case.port is not None:
                url = f"http://127.0.0.1:{container.host_port(case.port)}/"
                status = _http_status(url, container.alive)
                ids = container.process_ids()
                stop = container.terminate(timeout=GRACE)
            else:
                deadline = time.monotonic() + 60
                while container.alive() and time.monotonic() < deadline:
                    time.sleep(0.1)
            code = container.exit_code()
            if isinstance(container, DockerContainer):
                logs = subprocess.run(
                    [container.cli, "logs", container.container_id],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                log.write(logs.stdout + logs.stderr)
        finally:
            container.remove()
            engine.remove_images([tag])
        assert engine.leftovers(container) == [], "processes left running"
    return Ran(options, facts.user, ids, status, stop, code, run_log_path.read_text())


@pytest.mark.parametrize("case", CASES, ids=[c.fixture for c in CASES])
def test_init_output_builds_runs_as_non_root_answers_and_stops(
    case: InitCase,
    engine: Engine,
    base_images: BaseImages,
    tmp_path: Path,
) -> None:
    ran = build_and_run(case, engine, base_images, tmp_path)
    assert check_user(ran.user).status is Status.PASS, ran.user
    if ran.process_ids is not None:
        assert ran.process_ids[0] != 0
    if case.port is not None:
        assert ran.http_status is not None, ran.output[-2000:]
        assert ran.http_status < 500
        assert ran.stop_seconds is not None, "still running after SIGTERM"
    else:
        assert ran.exit_code == 0, ran.output[-2000:]
        assert case.prints in ran.output


def test_verify_fails_a_server_that_listens_on_loopback_only(
    engine: Engine, base_images: BaseImages, tmp_path: Path
) -> None:
    # ports/cmd/loopback listens on 127.0.0.1:8081 by default: buildah shares the host's
    # network, so only the container's sockets show it is unreachable from outside.
    module = tmp_path / "ports"
    shutil.copytree(FIXTURES / "ports", module)
    choices = Choices()
    for name, value in {
        "main_packages": ("./cmd/loopback",),
        "builder": "debian",
        "builder_image": base_images.builder,
        "base": "distroless",
        "runtime_image": base_images.distroless,
        **engine.generator_choices,
    }.items():
        choices.set(name, value, Source.FLAG)
    plan = plan_init(module, choices)
    write_planned(plan.target, plan.files)
    [options] = plan.plan.options.values()
    result = verify_dockerfile(
        engine.builder_for(options), module, "Dockerfile", tmp_path / "verify.log"
    )
    engine.remove_images([result.tag])
    assert result.checks["build"].status is Status.PASS
    http = result.checks["http"]
    assert http.status is Status.FAIL
    if engine.name == "buildah":
        assert http.summary == "loopback :8081", http.detail
