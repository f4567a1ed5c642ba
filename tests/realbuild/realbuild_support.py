"""Building and running generated projects for real, shared by the realbuild tests.

Each image is built once per session and engine, and run once; the tests assert on what that
run observed.
"""

from __future__ import annotations

import hashlib
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from realbuild.engines import Engine
from scaffold_go_docker.generate import generate_files
from scaffold_go_docker.options import Options
from scaffold_go_docker.verify import Check, Limits, check_health
from scaffold_go_docker.verify.builders import Container, ImageFacts, port_is_free

BASE_IMAGES_SCRIPT = Path(__file__).parent / "images" / "build_base_images.sh"
GLIBC_IMAGE_SCRIPT = Path(__file__).parent / "images" / "build_glibc_base_image.sh"
PROBE_SOURCE = Path(__file__).parent / "probe" / "main.go"
#: Where the probe binary is copied inside a container under test.
PROBE_IN_IMAGE = "/sgd-probe"
HELLO = "Hello from Go!"
STOP_WITHIN = 5.0
#: The grace period between SIGTERM and SIGKILL (docker's default).
GRACE = 10.0
#: (engine, case) -> image size in bytes, of every image built this session (for the summary).
MEASURED_SIZES: dict[tuple[str, str], int] = {}

# vfs works everywhere (no overlay mounts in nested containers); all buildah calls share it.
STORAGE_CONF = """\
[storage]
driver = "vfs"
runroot = "/run/containers/storage"
graphroot = "/var/lib/containers/storage"
"""


@dataclass(frozen=True)
class BaseImages:
    builder: str
    distroless: str
    #: distroless base (glibc), for cgo binaries linked dynamically.
    distroless_base: str = ""


@dataclass(frozen=True)
class Case:
    """One image to build: generator choices plus what to change in the project first."""

    id: str
    choices: Mapping[str, Any]
    prepare: Callable[[Path], None] | None = None


@dataclass
class Built:
    case: Case
    tag: str
    project: Path
    options: Options
    facts: ImageFacts
    dockerfile: str
    log: Path


@dataclass
class Observed:
    """What one run of an image showed."""

    files: dict[str, int] = field(default_factory=dict)  # path in the image -> size
    executables: set[str] = field(default_factory=set)
    http_status: int | None = None
    http_body: str = ""
    http_error: str = ""
    process_ids: tuple[int, int] | None = None
    #: verify's health check: the engine's status (docker), else the command's exit status.
    health: Check | None = None
    stop_seconds: float | None = None
    exit_code: int | None = None
    still_answering_after_stop: bool = False
    probes: dict[str, tuple[int, str]] = field(default_factory=dict)
    build_info: str = ""
    left_running: list[int] = field(default_factory=list)


def write_project(target: Path, choices: Mapping[str, Any]) -> Options:
    files = generate_files(choices)
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Options.resolve(choices)


class ImageCache:
    """Builds each case once per session with one engine, and runs each image once."""

    def __init__(self, workdir: Path, engine: Engine) -> None:
        self.workdir = workdir
        self.engine = engine
        self.built: dict[str, Built] = {}
        self.observed: dict[str, Observed] = {}
        self.tags: set[str] = set()

    def attempt(self, case: Case) -> tuple[bool, Path]:
        """Generate and build `case` without judging the outcome: (built?, log file)."""
        project = self.project_dir(case)
        write_project(project, self.choices(case))
        if case.prepare:
            case.prepare(project)
        log = project.parent / "build.log"
        self.tags.add(self.tag(case))
        builder = self.engine.builder_for(Options.resolve(self.choices(case)))
        with log.open("w") as stream:
            ok = builder.build(project, project / "Dockerfile", self.tag(case), {}, stream, _ignore)
        return ok, log

    def build(self, case: Case) -> Built:
        """The built image of `case`, built on first use; a failed build fails the test."""
        if case.id in self.built:
            return self.built[case.id]
        ok, log = self.attempt(case)
        if not ok:
            pytest.fail(f"{case.id}: {self.engine.name} build failed:\n{log.read_text()[-4000:]}")
        project = self.project_dir(case)
        options = Options.resolve(self.choices(case))
        built = Built(
            case=case,
            tag=self.tag(case),
            project=project,
            options=options,
            facts=self.engine.builder_for(options).facts(self.tag(case)),
            dockerfile=(project / "Dockerfile").read_text(),
            log=log,
        )
        self.built[case.id] = built
        if built.facts.size_bytes is not None:
            MEASURED_SIZES[(self.engine.name, case.id)] = built.facts.size_bytes
        return built

    def choices(self, case: Case) -> dict[str, Any]:
        """The case's generator choices, with those the engine needs here."""
        return {**case.choices, **self.engine.generator_choices}

    def project_dir(self, case: Case) -> Path:
        return self.workdir / case.id / str(case.choices["app_name"])

    @staticmethod
    def tag(case: Case) -> str:
        # Per process: concurrent sessions on one machine must not remove each other's images.
        return f"localhost/sgd-realbuild-{case.id}:test-{os.getpid()}"

    def observe(self, built: Built, probe: Path) -> Observed:
        """Run the image once: its files, HTTP, user, health check, probes, then stop it."""
        if built.case.id in self.observed:
            return self.observed[built.case.id]
        seen = Observed()
        builder = self.engine.builder_for(built.options)
        with (self.workdir / built.case.id / "run.log").open("w") as log:
            container = builder.start(built.tag, built.facts, log)
            try:
                files = self.engine.files(container, built.options.binary_path)
                seen.files, seen.executables = files.sizes, files.executables
                seen.build_info = files.build_info
                url = f"http://127.0.0.1:{container.host_port(built.options.port)}/"
                _record_http(url, container, seen)
                seen.process_ids = container.process_ids()
                if built.facts.healthcheck:
                    seen.health = check_health(container, built.facts, Limits())
                _record_probes(self.engine, container, probe, seen)
                seen.stop_seconds = container.terminate(timeout=GRACE)
                seen.exit_code = container.exit_code()
                seen.still_answering_after_stop = _answers(url)
            finally:
                container.remove()
            seen.left_running = self.engine.leftovers(container)
        self.observed[built.case.id] = seen
        return seen

    def remove_images(self) -> None:
        self.engine.remove_images(self.tags)


def _ignore(_: str) -> None:
    pass


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except (OSError, urllib.error.URLError):
        return False


def _record_http(url: str, container: Container, seen: Observed) -> None:
    deadline = time.monotonic() + 120  # bad compiles with `go run` at start
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                seen.http_status = response.status
                seen.http_body = response.read().decode()
                return
        except (OSError, urllib.error.URLError) as error:
            seen.http_error = str(error)
        if not container.alive():
            seen.http_error += " (container exited)"
            return
        time.sleep(0.2)


def _record_probes(engine: Engine, container: Container, probe: Path, seen: Observed) -> None:
    engine.copy_in(container, probe, PROBE_IN_IMAGE)
    for name, argv in {
        "tz": [PROBE_IN_IMAGE, "tz", "Asia/Shanghai"],
        "ca": [PROBE_IN_IMAGE, "ca"],
        "tmp": [PROBE_IN_IMAGE, "tmp"],
    }.items():
        done = container.exec(argv, timeout=30)
        if done.returncode == 0 and not done.stdout:
            # The probe always prints; `buildah run` lost a short-lived command's output once
            # on a loaded CI machine (exit 0, nothing on stdout). Ask again, once.
            done = container.exec(argv, timeout=30)
        seen.probes[name] = (done.returncode, (done.stdout + done.stderr).strip())


def free_port(seed: str) -> int:
    """A distinct unused port per case: buildah's chroot containers share the host network."""
    port = 20000 + int(hashlib.sha256(seed.encode()).hexdigest(), 16) % 20000
    while not port_is_free(port):
        port += 1
    return port


MULTI_STAGE = [
    f"{variant}-{base}"
    for variant in ("better", "pro", "enterprise")
    for base in ("scratch", "distroless")
] + ["pro-scratch-tzcopy", "enterprise-scratch-classic"]
ALL_CASES = ["bad", *MULTI_STAGE]
#: Generated with --no-buildkit: docker builds them with its classic builder.
CLASSIC = ["bad", "enterprise-scratch-classic"]
WITH_HEALTHCHECK = [case for case in MULTI_STAGE if not case.startswith("better")]
WITH_CA = ["enterprise-scratch", "enterprise-scratch-classic", "pro-scratch-tzcopy"] + [
    case for case in MULTI_STAGE if case.endswith("distroless")
]
WITH_ZONEINFO_FILES = ["pro-scratch-tzcopy"] + [
    case for case in MULTI_STAGE if case.endswith("distroless")
]
WITH_TMP = ["enterprise-scratch", "enterprise-scratch-classic"] + [
    case for case in MULTI_STAGE if case.endswith("distroless")
]


def case_for(case_id: str, base: BaseImages) -> Case:
    """The generator choices of a case, with the image overrides pointing at local images."""
    choices: dict[str, object] = {
        "app_name": "hello",
        "port": free_port(case_id),
        "builder_image": base.builder,
    }
    if case_id == "bad":
        return Case(case_id, {**choices, "variant": "bad"})
    variant, runtime, *extra = case_id.split("-")
    choices.update(variant=variant, builder="debian", base=runtime)
    if runtime == "distroless":
        choices["runtime_image"] = base.distroless
    if extra == ["tzcopy"]:
        choices.update(ca_certificates=True, tzdata=True, tzdata_source="copy")
    if extra == ["classic"]:
        choices.update(buildkit=False, cross_compile=False)
    return Case(case_id, choices)


def built_and_run(
    case_id: str, images: ImageCache, base_images: BaseImages, probe: Path
) -> tuple[Built, Observed]:
    built = images.build(case_for(case_id, base_images))
    return built, images.observe(built, probe)
