"""Container engines behind one protocol: docker, buildah and podman.

Each builds a Dockerfile, describes the image (size, user, health check, port) and starts a
container from it that the checks can probe and stop. Every program is started with the
user's own environment (`child_environment`), not this process's.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import IO, Any, Protocol

from scaffold_go_docker.cli.startup import child_environment
from scaffold_go_docker.errors import NoBuilderError

#: Auto-detection order; the first one that can build is used.
ENGINE_NAMES = ("docker", "buildah", "podman")


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

    def socket_tables(self) -> str | None:
        """/proc/PID/net/tcp and tcp6 of the main process (its network namespace's TCP
        sockets), when the host can see it."""

    def alive(self) -> bool: ...

    def exec(self, argv: Sequence[str], timeout: float) -> subprocess.CompletedProcess[str]:
        """Run `argv` inside the container, as its configured user."""

    def health_status(self) -> EngineHealth | None:
        """The engine's own health-check status; None when the engine runs no health checks."""

    def terminate(self, timeout: float) -> float | None:
        """Stop the container as its engine does (SIGTERM, then SIGKILL after `timeout`).

        Seconds until the main process exited, or None if SIGTERM did not end it in time.
        """

    def exit_code(self) -> int | None:
        """The main process's exit status once it has exited, when the engine reports it."""

    def remove(self) -> None:
        """Kill whatever is left and delete the container."""


@dataclass(frozen=True)
class EngineHealth:
    """What an engine that runs HEALTHCHECK reports: starting, healthy or unhealthy."""

    status: str
    #: The output of the latest check, for the report when it fails.
    last_output: str = ""


class ImageBuilder(Protocol):
    name: str

    @property
    def description(self) -> str:
        """How it builds, for the report: the command and which executable."""

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


def _run(
    argv: Sequence[str], timeout: float = 120, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(argv),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
        env={**child_environment(), **(env or {})},
    )


def _checked(argv: Sequence[str], timeout: float = 120) -> str:
    done = _run(argv, timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:3])}: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def stream_to_log(
    argv: Sequence[str],
    log: IO[str],
    on_line: Callable[[str], None],
    env: Mapping[str, str] | None = None,
) -> bool:
    """Run `argv`, copying each output line to `log` and to `on_line` (progress)."""
    with subprocess.Popen(
        list(argv),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        errors="replace",
        env={**child_environment(), **(env or {})},
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


def _read_socket_tables(pid: int) -> str | None:
    tables = []
    for name in ("tcp", "tcp6"):
        try:
            tables.append(Path(f"/proc/{pid}/net/{name}").read_text())
        except OSError:
            continue
    return "".join(tables) if tables else None


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

    def socket_tables(self) -> str | None:
        pid = int(self._inspect()["State"].get("Pid") or 0)
        return _read_socket_tables(pid) if pid else None

    def alive(self) -> bool:
        return bool(self._inspect()["State"].get("Running"))

    def exec(self, argv: Sequence[str], timeout: float) -> subprocess.CompletedProcess[str]:
        return _run([self.cli, "exec", self.container_id, *argv], timeout)

    def health_status(self) -> EngineHealth | None:
        return None  # podman runs health checks from systemd timers, which verify cannot rely on

    def terminate(self, timeout: float) -> float | None:
        _checked([self.cli, "kill", "--signal", "TERM", self.container_id])
        return _wait_gone(self.alive, timeout)

    def exit_code(self) -> int | None:
        state = self._inspect()["State"]
        return None if state.get("Running") else int(state.get("ExitCode", 0))

    def remove(self) -> None:
        _run([self.cli, "rm", "--force", self.container_id])


@dataclass
class DockerContainer(_EngineContainer):
    """A container of the Docker Engine, which runs the image's HEALTHCHECK itself."""

    def health_status(self) -> EngineHealth | None:
        health = self._inspect()["State"].get("Health")
        if not health:
            return None
        log = health.get("Log") or [{}]
        return EngineHealth(str(health.get("Status", "")), str(log[-1].get("Output", "")).strip())

    def terminate(self, timeout: float) -> float | None:
        # `docker stop` as a user or an orchestrator stops it: the image's STOPSIGNAL (SIGTERM
        # by default), then SIGKILL once the grace period is over.
        started = time.monotonic()
        _checked(
            [self.cli, "stop", "--time", str(max(1, round(timeout))), self.container_id],
            timeout=timeout + 60,
        )
        seconds = time.monotonic() - started
        # 137 = 128 + SIGKILL: the grace period ran out.
        return None if self.exit_code() == 128 + signal.SIGKILL else seconds


#: `docker run` checks the image's health this often, so that its status arrives within
#: seconds; the check's command, timeout, start period and retries stay the image's.
HEALTH_INTERVAL = "1s"


@dataclass
class _EngineBuilder:
    """The docker-compatible command line that docker and podman share."""

    name: str
    executable: str

    @property
    def description(self) -> str:
        argv = self.build_command(Path(), Path("Dockerfile"), "TAG")
        return " ".join([self.name, *argv[1 : argv.index("-f")]]) + f" ({self.executable})"

    def build_command(self, context: Path, dockerfile: Path, tag: str) -> list[str]:
        raise NotImplementedError

    def build_environment(self) -> dict[str, str]:
        return {}

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
        env = self.build_environment()
        shown = " ".join(f"{key}={value}" for key, value in env.items())
        log.write(f"$ {shown + ' ' if shown else ''}{' '.join(argv)}\n")
        return stream_to_log(argv, log, on_line, env)

    def facts(self, tag: str) -> ImageFacts:
        data = json.loads(_checked([self.executable, "image", "inspect", tag]))[0]
        return _facts_from_config(data.get("Config") or {}, data.get("Size"))

    def run_options(self, facts: ImageFacts) -> list[str]:
        # Published on this host's loopback only, each on a free port the engine picks.
        return [arg for port in facts.ports for arg in ("-p", f"127.0.0.1::{port}")]

    def start(self, tag: str, facts: ImageFacts, log: IO[str]) -> Container:
        argv = [self.executable, "run", "--detach", *self.run_options(facts), tag]
        log.write(f"$ {' '.join(argv)}\n")
        log.flush()
        return self.container(_checked(argv).strip())

    def container(self, container_id: str) -> _EngineContainer:
        return _EngineContainer(self.executable, container_id)


class DockerBuildMode(StrEnum):
    """How a docker client builds."""

    #: `docker buildx build --load`: BuildKit through the buildx plugin (Docker 23+ installs).
    BUILDX = "buildx"
    #: `DOCKER_BUILDKIT=1 docker build`: the BuildKit client built into docker before 23.0.
    BUILDKIT = "buildkit"
    #: `DOCKER_BUILDKIT=0 docker build`: the legacy builder, for `--no-buildkit` Dockerfiles.
    CLASSIC = "classic"


class DockerBuilder(_EngineBuilder):
    def __init__(
        self,
        executable: str = "docker",
        mode: DockerBuildMode = DockerBuildMode.BUILDX,
        client_version: str = "",
    ) -> None:
        super().__init__("docker", executable)
        self.mode = mode
        self.client_version = client_version

    @property
    def description(self) -> str:
        command = {
            DockerBuildMode.BUILDX: "docker buildx build --load",
            DockerBuildMode.BUILDKIT: "DOCKER_BUILDKIT=1 docker build",
            DockerBuildMode.CLASSIC: "DOCKER_BUILDKIT=0 docker build (the classic builder)",
        }[self.mode]
        client = f", client {self.client_version}" if self.client_version else ""
        why = ", no buildx plugin" if self.mode is DockerBuildMode.BUILDKIT else ""
        return f"{command} ({self.executable}{client}{why})"

    def build_command(self, context: Path, dockerfile: Path, tag: str) -> list[str]:
        if self.mode is DockerBuildMode.BUILDX:
            # --load puts the result in the local image store, where `docker run` finds it.
            head = [self.executable, "buildx", "build", "--load", "--progress", "plain"]
        elif self.mode is DockerBuildMode.BUILDKIT:
            head = [self.executable, "build", "--progress", "plain"]
        else:  # the classic builder has no --progress (newer clients refuse the flag)
            head = [self.executable, "build"]
        return [*head, "-f", str(dockerfile), "-t", tag, str(context)]

    def build_environment(self) -> dict[str, str]:
        if self.mode is DockerBuildMode.BUILDX:
            return {}
        return {"DOCKER_BUILDKIT": "1" if self.mode is DockerBuildMode.BUILDKIT else "0"}

    def run_options(self, facts: ImageFacts) -> list[str]:
        health = ["--health-interval", HEALTH_INTERVAL] if facts.healthcheck else []
        return [*super().run_options(facts), *health]

    def container(self, container_id: str) -> _EngineContainer:
        return DockerContainer(self.executable, container_id)


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

    def socket_tables(self) -> str | None:
        pid = self._find_main()
        return _read_socket_tables(pid) if pid else None

    def alive(self) -> bool:
        pid = self._find_main(timeout=0)
        return self.process.poll() is None and (pid is None or _pid_alive(pid))

    def exec(self, argv: Sequence[str], timeout: float) -> subprocess.CompletedProcess[str]:
        return _run(
            [self.executable, "run", "--isolation", "chroot", self.name, "--", *argv], timeout
        )

    def health_status(self) -> EngineHealth | None:
        return None  # buildah records HEALTHCHECK in the image but never runs it

    def terminate(self, timeout: float) -> float | None:
        # Signalling `buildah run` itself kills the container at once; the service must get
        # the SIGTERM a container engine would send it.
        pid = self._find_main()
        if pid is None:
            return 0.0 if self.process.poll() is not None else None
        os.kill(pid, signal.SIGTERM)
        return _wait_gone(lambda: _pid_alive(pid), timeout)

    def exit_code(self) -> int | None:
        """`buildah run` exits with its command's status (1 when a signal killed it)."""
        pid = self._find_main(timeout=0)
        if pid is not None and _pid_alive(pid):
            return None
        with contextlib.suppress(subprocess.TimeoutExpired):
            return self.process.wait(timeout=5)
        return None

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

    @property
    def description(self) -> str:
        return f"buildah bud --isolation {self._isolation()} --format docker ({self.executable})"

    @staticmethod
    def _isolation() -> str:
        return os.environ.get("BUILDAH_ISOLATION", "chroot")

    def build(
        self,
        context: Path,
        dockerfile: Path,
        tag: str,
        build_args: Mapping[str, str],
        log: IO[str],
        on_line: Callable[[str], None],
    ) -> bool:
        argv = [self.executable, "bud", "--isolation", self._isolation(), "--format", "docker"]
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
            env=child_environment(),
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


# --- finding an engine that can build here ---


@dataclass(frozen=True)
class DockerClient:
    """What a `docker` executable can do, as found by asking it."""

    executable: str
    #: The client's version; None when the executable is not Docker's CLI (podman-docker).
    version: str | None
    buildx: bool
    #: Why the daemon did not answer; empty when it did.
    daemon_error: str

    @property
    def build_mode(self) -> DockerBuildMode | None:
        """How this client builds with BuildKit; None when it cannot."""
        if self.version is None:
            return None
        if self.buildx:
            return DockerBuildMode.BUILDX
        major = re.match(r"\d+", self.version)
        # Docker 23.0 moved the BuildKit client into buildx: a newer client without the plugin
        # refuses `DOCKER_BUILDKIT=1 docker build` ("BuildKit is enabled but the buildx
        # component is missing or broken") and builds only with the legacy builder.
        if major and int(major.group()) < 23:
            return DockerBuildMode.BUILDKIT
        return None

    def unusable_because(self) -> str:
        """Why this client cannot build here; empty when it can."""
        if self.version is None:
            return "not Docker's command-line client"
        if self.build_mode is None:
            return (
                f"client {self.version} has no buildx plugin, without which Docker 23+ clients "
                "cannot build with BuildKit (install docker-buildx-plugin)"
            )
        if self.daemon_error:
            return f"the Docker daemon does not answer: {self.daemon_error}"
        return ""

    def builder(self) -> DockerBuilder:
        mode = self.build_mode
        assert mode is not None, self.unusable_because()
        return DockerBuilder(self.executable, mode, self.version or "")


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def probe_docker(executable: str) -> DockerClient:
    """Ask `executable` its version, whether it has buildx, and whether the daemon answers."""
    try:
        banner = _run([executable, "--version"], timeout=20).stdout
        version = re.match(r"Docker version ([^\s,]+)", banner.strip())
        buildx = _run([executable, "buildx", "version"], timeout=20).returncode == 0
        server = _run([executable, "version", "--format", "{{.Server.Version}}"], timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return DockerClient(executable, None, False, str(error))
    answered = server.returncode == 0 and server.stdout.strip()
    daemon_error = "" if answered else _first_line(server.stderr) or "no answer"
    return DockerClient(executable, version.group(1) if version else None, buildx, daemon_error)


def executables_named(name: str, path: str | None = None) -> list[str]:
    """Every executable called `name` on `path` (default: PATH), in order, each file once."""
    found: list[str] = []
    seen: set[str] = set()
    for directory in (path if path is not None else os.environ.get("PATH", os.defpath)).split(
        os.pathsep
    ):
        candidate = shutil.which(name, path=directory) if directory else None
        if candidate and os.path.realpath(candidate) not in seen:
            seen.add(os.path.realpath(candidate))
            found.append(candidate)
    return found


@dataclass(frozen=True)
class EngineChoice:
    """The engine to build with, and why engines found before it were passed over."""

    builder: ImageBuilder
    passed_over: tuple[str, ...] = ()


INSTALL_HINT = (
    "no container engine found: install Docker (with the buildx plugin, or Debian's docker.io), "
    "buildah or podman (e.g. `apt-get install buildah`)"
)


def detect_engine(
    preferred: str | None = None,
    path: str | None = None,
    probe: Callable[[str], DockerClient] = probe_docker,
) -> EngineChoice:
    """The chosen engine, or the first that can build of docker, buildah and podman.

    For docker, every `docker` on PATH is asked in turn and the first that can build with
    BuildKit against a running daemon is used: `docker buildx build --load` when it has the
    buildx plugin, else `DOCKER_BUILDKIT=1 docker build` (clients before 23.0).
    """
    if preferred is not None and preferred not in ENGINE_NAMES:
        raise NoBuilderError(f"unknown engine {preferred!r}: choose {', '.join(ENGINE_NAMES)}")
    passed_over: list[str] = []
    for name in (preferred,) if preferred else ENGINE_NAMES:
        found = executables_named(name, path)
        if name != "docker":
            if found:
                builder = BuildahBuilder(found[0]) if name == "buildah" else PodmanBuilder(found[0])
                return EngineChoice(builder, tuple(passed_over))
            continue
        for executable in found:
            client = probe(executable)
            reason = client.unusable_because()
            if not reason:
                return EngineChoice(client.builder(), tuple(passed_over))
            passed_over.append(f"{executable}: {reason}")
    if preferred:
        if passed_over:
            raise NoBuilderError(
                f"--engine {preferred}: no docker here can build: " + "; ".join(passed_over)
            )
        raise NoBuilderError(f"--engine {preferred}: {preferred} is not installed")
    if passed_over:
        raise NoBuilderError(f"{INSTALL_HINT}; passed over {'; '.join(passed_over)}")
    raise NoBuilderError(INSTALL_HINT)
