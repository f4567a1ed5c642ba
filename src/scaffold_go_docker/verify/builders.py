"""Image builders behind one protocol: docker buildx, buildah and podman.

Each builds a Dockerfile, describes the image (size, user, health check, port) and starts a
container from it that the checks can probe and stop.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from scaffold_go_docker.errors import NoBuilderError

#: Auto-detection order; the first one installed is used.
BUILDER_NAMES = ("docker", "buildah", "podman")

Which = Callable[[str], str | None]


@dataclass(frozen=True)
class ImageFacts:
    """What verify reads from an image's configuration."""

    size_bytes: int | None
    user: str
    healthcheck: tuple[str, ...]
    ports: tuple[int, ...]
    command: tuple[str, ...]
    env: Mapping[str, str] = field(default_factory=dict)


class Container(Protocol):
    """A running container started by a builder."""

    def host_port(self, port: int) -> int:
        """Where the container's `port` is reachable on this host's loopback."""

    def process_ids(self) -> tuple[int, int] | None:
        """uid and gid of the container's main process, when the host can see it."""

    def alive(self) -> bool: ...

    def exec(self, argv: Sequence[str], timeout: float) -> subprocess.CompletedProcess[str]:
        """Run `argv` inside the container, as its configured user."""

    def terminate(self, timeout: float) -> float | None:
        """Send SIGTERM to the main process; seconds until it exited, or None if it did not."""

    def remove(self) -> None:
        """Kill whatever is left and delete the container."""


class ImageBuilder(Protocol):
    name: str

    def build(
        self,
        context: Path,
        dockerfile: Path,
        tag: str,
        build_args: Mapping[str, str],
        log: IO[str],
        on_line: Callable[[str], None],
    ) -> bool:
        """Build `dockerfile` as `tag`, its output into `log`; True when it built."""

    def facts(self, tag: str) -> ImageFacts: ...

    def start(self, tag: str, facts: ImageFacts, log: IO[str]) -> Container: ...


def _run(argv: Sequence[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(argv), capture_output=True, text=True, timeout=timeout, check=False)


def _checked(argv: Sequence[str], timeout: float = 120) -> str:
    done = _run(argv, timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:3])}: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def stream_to_log(argv: Sequence[str], log: IO[str], on_line: Callable[[str], None]) -> bool:
    """Run `argv`, copying each output line to `log` and to `on_line` (progress)."""
    with subprocess.Popen(
        list(argv),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        errors="replace",
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            log.write(line)
            on_line(line.rstrip("\n"))
        log.flush()
        return process.wait() == 0


def _ports(exposed: Mapping[str, Any] | None) -> tuple[int, ...]:
    ports = []
    for key in exposed or {}:
        number, _, protocol = key.partition("/")
        if protocol in ("", "tcp") and number.isdigit():
            ports.append(int(number))
    return tuple(sorted(ports))


def _facts_from_config(config: Mapping[str, Any], size: int | None) -> ImageFacts:
    health = config.get("Healthcheck") or {}
    test = tuple(health.get("Test") or ())
    if test[:1] == ("CMD",):
        healthcheck = test[1:]
    elif test[:1] == ("CMD-SHELL",):
        healthcheck = ("/bin/sh", "-c", *test[1:])
    else:  # absent, or ["NONE"]
        healthcheck = ()
    env = dict(item.partition("=")[::2] for item in config.get("Env") or ())
    return ImageFacts(
        size_bytes=size,
        user=config.get("User") or "",
        healthcheck=healthcheck,
        ports=_ports(config.get("ExposedPorts")),
        command=(*(config.get("Entrypoint") or ()), *(config.get("Cmd") or ())),
        env=env,
    )


def _read_ids(pid: int) -> tuple[int, int] | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    ids = {}
    for line in status.splitlines():
        key, _, value = line.partition(":")
        if key in ("Uid", "Gid"):
            ids[key] = int(value.split()[0])
    return (ids["Uid"], ids["Gid"]) if len(ids) == 2 else None


def _pid_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _wait_gone(alive: Callable[[], bool], timeout: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if not alive():
            return time.monotonic() - started
        time.sleep(0.05)
    return None


# --- docker and podman: a daemon (or podman's equivalent) runs detached containers ---


@dataclass
class _EngineContainer:
    cli: str
    container_id: str

    def _inspect(self) -> dict[str, Any]:
        data: list[dict[str, Any]] = json.loads(
            _checked([self.cli, "container", "inspect", self.container_id])
        )
        return data[0]

    def host_port(self, port: int) -> int:
        out = _checked([self.cli, "port", self.container_id, f"{port}/tcp"])
        return int(out.splitlines()[0].rsplit(":", 1)[1])

    def process_ids(self) -> tuple[int, int] | None:
        # Only when the engine runs on this host (not a VM, as Docker Desktop's does).
        pid = int(self._inspect()["State"].get("Pid") or 0)
        return _read_ids(pid) if pid else None

    def alive(self) -> bool:
        return bool(self._inspect()["State"].get("Running"))

    def exec(self, argv: Sequence[str], timeout: float) -> subprocess.CompletedProcess[str]:
        return _run([self.cli, "exec", self.container_id, *argv], timeout)

    def terminate(self, timeout: float) -> float | None:
        _checked([self.cli, "kill", "--signal", "TERM", self.container_id])
        return _wait_gone(self.alive, timeout)

    def remove(self) -> None:
        _run([self.cli, "rm", "--force", self.container_id])


@dataclass
class _EngineBuilder:
    """The docker-compatible command line that docker and podman share."""

    name: str
    executable: str

    def build_command(self, context: Path, dockerfile: Path, tag: str) -> list[str]:
        raise NotImplementedError

    def build(
        self,
        context: Path,
        dockerfile: Path,
        tag: str,
        build_args: Mapping[str, str],
        log: IO[str],
        on_line: Callable[[str], None],
    ) -> bool:
        argv = self.build_command(context, dockerfile, tag)
        for key, value in build_args.items():
            argv[-1:-1] = ["--build-arg", f"{key}={value}"]
        log.write(f"$ {' '.join(argv)}\n")
        return stream_to_log(argv, log, on_line)

    def facts(self, tag: str) -> ImageFacts:
        data = json.loads(_checked([self.executable, "image", "inspect", tag]))[0]
        return _facts_from_config(data.get("Config") or {}, data.get("Size"))

    def start(self, tag: str, facts: ImageFacts, log: IO[str]) -> Container:
        publish = [arg for port in facts.ports for arg in ("-p", f"127.0.0.1::{port}")]
        container_id = _checked([self.executable, "run", "--detach", *publish, tag]).strip()
        return _EngineContainer(self.executable, container_id)


class DockerBuilder(_EngineBuilder):
    def __init__(self, executable: str = "docker") -> None:
        super().__init__("docker", executable)

    def build_command(self, context: Path, dockerfile: Path, tag: str) -> list[str]:
        # --load puts the result in the local image store, where `docker run` finds it.
        return [
            self.executable, "buildx", "build", "--load", "--progress", "plain",
            "-f", str(dockerfile), "-t", tag, str(context),
        ]  # fmt: skip


class PodmanBuilder(_EngineBuilder):
    def __init__(self, executable: str = "podman") -> None:
        super().__init__("podman", executable)

    def build_command(self, context: Path, dockerfile: Path, tag: str) -> list[str]:
        # Docker format keeps HEALTHCHECK (the OCI format has no field for it).
        return [
            self.executable, "build", "--format", "docker",
            "-f", str(dockerfile), "-t", tag, str(context),
        ]  # fmt: skip


# --- buildah: no daemon; `buildah run` runs the container in the foreground ---


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text(errors="replace").split("\0")
    except OSError:
        return []


def _root_of(pid: int) -> str | None:
    try:
        return os.readlink(f"/proc/{pid}/root")
    except OSError:
        return None


@dataclass
class BuildahContainer:
    executable: str
    name: str
    process: subprocess.Popen[str]
    main_pid: int | None = None
    #: The main process's root directory, which every process of the container shares.
    root: str | None = None

    def _find_main(self, timeout: float = 10) -> int | None:
        """The entrypoint's process: the first one below buildah's own helper processes."""
        deadline = time.monotonic() + timeout
        while self.main_pid is None and time.monotonic() < deadline:
            queue = [self.process.pid]
            while queue and self.main_pid is None:
                pid = queue.pop(0)
                for child in _children(pid):
                    command = _cmdline(child)[:1]
                    if command and not os.path.basename(command[0]).startswith("buildah"):
                        self.main_pid = child
                        self.root = _root_of(child)
                        break
                    queue.append(child)
            if self.main_pid is None:
                if self.process.poll() is not None:
                    return None
                time.sleep(0.05)
        return self.main_pid

    def host_port(self, port: int) -> int:
        return port  # chroot isolation shares the host's network

    def process_ids(self) -> tuple[int, int] | None:
        pid = self._find_main()
        return _read_ids(pid) if pid else None

    def alive(self) -> bool:
        pid = self._find_main(timeout=0)
        return self.process.poll() is None and (pid is None or _pid_alive(pid))

    def exec(self, argv: Sequence[str], timeout: float) -> subprocess.CompletedProcess[str]:
        return _run(
            [self.executable, "run", "--isolation", "chroot", self.name, "--", *argv], timeout
        )

    def terminate(self, timeout: float) -> float | None:
        # Signalling `buildah run` itself kills the container at once; the service must get
        # the SIGTERM a container engine would send it.
        pid = self._find_main()
        if pid is None:
            return 0.0 if self.process.poll() is not None else None
        os.kill(pid, signal.SIGTERM)
        return _wait_gone(lambda: _pid_alive(pid), timeout)

    def leftovers(self) -> list[int]:
        """Processes still running inside the container's root (e.g. orphans of `go run`)."""
        root = self.root
        if not root or root == "/":
            return []
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and _root_of(int(entry.name)) == root:
                found.append(int(entry.name))
        return found

    def remove(self) -> None:
        for pid in self.leftovers():
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)
        _run([self.executable, "rm", self.name])


@dataclass
class BuildahBuilder:
    """buildah with chroot isolation: works without a daemon, as root or rootless.

    Storage comes from the usual containers configuration (CONTAINERS_STORAGE_CONF, e.g. with
    `driver = "vfs"` where overlay is unavailable).
    """

    executable: str = "buildah"
    name: str = "buildah"

    def build(
        self,
        context: Path,
        dockerfile: Path,
        tag: str,
        build_args: Mapping[str, str],
        log: IO[str],
        on_line: Callable[[str], None],
    ) -> bool:
        isolation = os.environ.get("BUILDAH_ISOLATION", "chroot")
        argv = [self.executable, "bud", "--isolation", isolation, "--format", "docker"]
        for key, value in build_args.items():
            argv += ["--build-arg", f"{key}={value}"]
        argv += ["-f", str(dockerfile), "-t", tag, str(context)]
        log.write(f"$ {' '.join(argv)}\n")
        return stream_to_log(argv, log, on_line)

    def facts(self, tag: str) -> ImageFacts:
        data = json.loads(_checked([self.executable, "inspect", "--type", "image", tag]))
        config = (data.get("Docker") or {}).get("config") or data["OCIv1"].get("config") or {}
        return _facts_from_config(config, self.content_size(tag))

    def content_size(self, tag: str) -> int:
        """Bytes of the image's files (buildah prints sizes only rounded)."""
        container = _checked([self.executable, "from", "--pull-never", tag]).strip()
        try:
            root = Path(_checked([self.executable, "mount", container]).strip())
            return tree_size(root)
        finally:
            _run([self.executable, "rm", container])

    def start(self, tag: str, facts: ImageFacts, log: IO[str]) -> Container:
        for port in facts.ports:
            if not port_is_free(port):
                raise RuntimeError(
                    f"port {port} is already in use on this host, where buildah runs the "
                    "container (it shares the host's network): stop what listens there"
                )
        if not facts.command:
            raise RuntimeError("the image has no ENTRYPOINT or CMD to run")
        name = _checked([self.executable, "from", "--pull-never", tag]).strip()
        process = subprocess.Popen(
            [self.executable, "run", "--isolation", "chroot", name, "--", *facts.command],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        return BuildahContainer(self.executable, name, process)


def tree_size(root: Path) -> int:
    """Apparent size of the regular files under `root`, each hard link counted once."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for directory, _, files in os.walk(root):
        for name in files:
            stat = os.lstat(os.path.join(directory, name))
            if (stat.st_dev, stat.st_ino) in seen:
                continue
            seen.add((stat.st_dev, stat.st_ino))
            if not os.path.islink(os.path.join(directory, name)):
                total += stat.st_size
    return total


def port_is_free(port: int) -> bool:
    """Nothing listens on `port` (connections lingering in TIME_WAIT do not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As servers (Go's included) do: TIME_WAIT from the last run must not block the next.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _docker_has_buildx(executable: str) -> bool:
    try:
        return _run([executable, "buildx", "version"], timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


INSTALL_HINT = (
    "no image builder found: install Docker with the buildx plugin, buildah or podman "
    "(e.g. `apt-get install buildah`)"
)


def detect_builder(
    preferred: str | None = None,
    which: Which = shutil.which,
    has_buildx: Callable[[str], bool] = _docker_has_buildx,
) -> ImageBuilder:
    """The chosen builder, or the first installed of docker buildx, buildah, podman."""
    if preferred is not None and preferred not in BUILDER_NAMES:
        raise NoBuilderError(f"unknown builder {preferred!r}: choose {', '.join(BUILDER_NAMES)}")
    for name in (preferred,) if preferred else BUILDER_NAMES:
        executable = which(name)
        if executable is None:
            continue
        if name == "docker":
            if has_buildx(executable):
                return DockerBuilder(executable)
            continue
        return BuildahBuilder(executable) if name == "buildah" else PodmanBuilder(executable)
    if preferred:
        what = "docker with the buildx plugin" if preferred == "docker" else preferred
        raise NoBuilderError(f"--builder {preferred}: {what} is not installed")
    raise NoBuilderError(INSTALL_HINT)
