"""The engines the real-build tests run on, behind what the tests need from each.

Building, describing, starting and stopping go through verify's own builders (so those are
tested for real); reading an image's files, copying a probe in and finding processes left
behind are the tests' business and differ per engine.
"""

from __future__ import annotations

import os
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NoReturn, Protocol

import pytest
from conftest import venv_tool

from scaffold_go_docker.options import Options
from scaffold_go_docker.verify.builders import (
    BuildahBuilder,
    BuildahContainer,
    Container,
    DockerBuilder,
    DockerBuildMode,
    DockerContainer,
    ImageBuilder,
    detect_engine,
)

#: The engines every real-build test that takes `engine` runs on, each with its marker.
ENGINES = ("buildah", "docker")


@dataclass
class ImageFiles:
    """The files of a container's root: path -> size, which are executable, the binary's
    `go version -m` build information."""

    sizes: dict[str, int]
    executables: set[str]
    build_info: str


class Engine(Protocol):
    name: str

    @property
    def builder(self) -> ImageBuilder:
        """verify's builder for this engine, as it builds BuildKit Dockerfiles."""

    def builder_for(self, options: Options) -> ImageBuilder:
        """The builder for a project generated with `options`."""

    #: Generator choices every project built with this engine gets.
    generator_choices: Mapping[str, object]

    def files(self, container: Container, binary: str) -> ImageFiles: ...

    def copy_in(self, container: Container, source: Path, target: str) -> None:
        """Copy an executable into the running container."""

    def leftovers(self, container: Container) -> list[int]:
        """Processes of the container still alive after it was removed."""

    def derive_image(self, base: str, command: str, tag: str) -> None:
        """Commit `base` with shell `command` run in it as `tag`."""

    def remove_images(self, tags: Iterable[str]) -> None: ...


def go_build_info(binary: Path) -> str:
    done = subprocess.run(
        [str(venv_tool("go")), "version", "-m", str(binary)],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout


def run(argv: list[str], timeout: float = 300) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(argv[:3])}: {done.stderr.strip()}")
    return done.stdout


class BuildahEngine:
    """`buildah bud --isolation chroot --format docker`, run with `buildah run`."""

    name = "buildah"

    def __init__(self) -> None:
        builder = detect_engine("buildah").builder
        assert isinstance(builder, BuildahBuilder)
        self.builder = builder

    def builder_for(self, options: Options) -> ImageBuilder:
        return self.builder

    #: buildah reads `# syntax=` as a comment: the default output is built as it is.
    generator_choices: Mapping[str, object] = {}

    def files(self, container: Container, binary: str) -> ImageFiles:
        assert isinstance(container, BuildahContainer)
        root = Path(run(["buildah", "mount", container.name]).strip())
        found = ImageFiles({}, set(), "")
        for directory, _, names in os.walk(root):
            for name in names:
                path = Path(directory, name)
                inside = "/" + str(path.relative_to(root))
                stat = path.lstat()
                found.sizes[inside] = stat.st_size
                if not path.is_symlink() and stat.st_mode & 0o111:
                    found.executables.add(inside)
        if (root / binary.lstrip("/")).is_file():
            found.build_info = go_build_info(root / binary.lstrip("/"))
        return found

    def copy_in(self, container: Container, source: Path, target: str) -> None:
        assert isinstance(container, BuildahContainer)
        run(["buildah", "copy", "--chmod", "0755", container.name, str(source), target])

    def leftovers(self, container: Container) -> list[int]:
        assert isinstance(container, BuildahContainer)
        return container.leftovers()

    def derive_image(self, base: str, command: str, tag: str) -> None:
        container = run(["buildah", "from", "--pull-never", base]).strip()
        try:
            run(["buildah", "run", "--isolation", "chroot", container, "--", "sh", "-c", command])
            run(["buildah", "commit", "--quiet", container, tag])
        finally:
            run(["buildah", "rm", container])

    def remove_images(self, tags: Iterable[str]) -> None:
        for tag in tags:
            subprocess.run(["buildah", "rmi", tag], capture_output=True, check=False)


class DockerEngine:
    """The Docker Engine, through the docker client verify chose (BuildKit), or the classic
    builder (`DOCKER_BUILDKIT=0`) for projects generated with `--no-buildkit`."""

    name = "docker"

    def __init__(self, builder: DockerBuilder) -> None:
        self.builder = builder
        self.classic = DockerBuilder(
            builder.executable, DockerBuildMode.CLASSIC, builder.client_version
        )

    def builder_for(self, options: Options) -> ImageBuilder:
        return self.builder if options.buildkit else self.classic

    #: No registry is reachable here, so BuildKit could not pull the frontend that
    #: `# syntax=docker/dockerfile:1` names; without the line it uses its built-in one.
    generator_choices: Mapping[str, object] = {"syntax_line": False}

    def files(self, container: Container, binary: str) -> ImageFiles:
        assert isinstance(container, DockerContainer)
        found = ImageFiles({}, set(), "")
        with (
            subprocess.Popen(
                [self.builder.executable, "export", container.container_id],
                stdout=subprocess.PIPE,
            ) as export,
            tempfile.TemporaryDirectory() as scratch,
        ):
            assert export.stdout is not None
            with tarfile.open(fileobj=export.stdout, mode="r|") as archive:
                for member in archive:
                    if member.isdir():
                        continue
                    inside = "/" + member.name.removeprefix("./").lstrip("/")
                    found.sizes[inside] = member.size
                    if member.isfile() and member.mode & 0o111:
                        found.executables.add(inside)
                    if inside == binary and member.isfile():
                        archive.extract(member, scratch, filter="data")
                        found.build_info = go_build_info(Path(scratch, member.name))
            assert export.wait() == 0, "docker export failed"
        return found

    def copy_in(self, container: Container, source: Path, target: str) -> None:
        assert isinstance(container, DockerContainer)
        assert source.stat().st_mode & 0o755 == 0o755  # `docker cp` keeps the mode
        run([self.builder.executable, "cp", str(source), f"{container.container_id}:{target}"])

    def leftovers(self, container: Container) -> list[int]:
        assert isinstance(container, DockerContainer)
        return processes_in_cgroup(container.container_id)

    def derive_image(self, base: str, command: str, tag: str) -> None:
        done = subprocess.run(
            [self.builder.executable, "build", "--quiet", "-t", tag, "-"],
            input=f"FROM {base}\nRUN {command}\n",
            env={**os.environ, "DOCKER_BUILDKIT": "0"},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr

    def remove_images(self, tags: Iterable[str]) -> None:
        subprocess.run(
            [self.builder.executable, "rmi", "--force", *tags], capture_output=True, check=False
        )


def processes_in_cgroup(container_id: str) -> list[int]:
    """Processes whose cgroup names the container (cgroup v1 and v2, either driver)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if container_id in (entry / "cgroup").read_text():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


# --- the Docker daemon for a test session ---


@dataclass
class StartedDaemon:
    """A dockerd this session started, and so stops."""

    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)


def start_dockerd(
    log: Path, answers: Callable[[], bool], timeout: float = 60
) -> StartedDaemon | str:
    """Start `dockerd` in the background and wait until `answers()`; or why it did not come."""
    stream: IO[bytes]
    with log.open("wb") as stream:
        process = subprocess.Popen(
            ["dockerd"],
            stdout=stream,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    daemon = StartedDaemon(process, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if answers():
            return daemon
        if process.poll() is not None:
            break
        time.sleep(0.5)
    daemon.stop()
    tail = log.read_text(errors="replace").strip().splitlines()[-5:]
    return f"dockerd did not answer within {timeout:.0f}s: " + " | ".join(tail)


def unavailable(reason: str) -> NoReturn:
    """Skip a test whose engine is missing; on CI (CI set) fail it: there they must run."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: these tests must run here, not skip)")
    pytest.skip(reason)
