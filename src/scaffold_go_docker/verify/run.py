"""Build one Dockerfile, run the image and check it: the side-effecting half of verify."""

from __future__ import annotations

import re
import signal
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from scaffold_go_docker.errors import ScaffoldError
from scaffold_go_docker.options import ALL_VARIANTS
from scaffold_go_docker.rendering.project import DOCKERFILE_NAMES
from scaffold_go_docker.verify.builders import Container, ImageBuilder, ImageFacts
from scaffold_go_docker.verify.result import Check, Status, VerifyResult

Progress = Callable[[str], None]

#: Port tried when the image declares none (the generated app's default).
FALLBACK_PORT = 8080


@dataclass(frozen=True)
class Limits:
    """How long each step may take, in seconds."""

    build: float = 1800
    #: Until the server answers: the bad variant compiles at start (`go run`).
    http: float = 90
    health: float = 30
    #: From SIGTERM to exit: a container engine's default grace period.
    stop: float = 10


def image_tag(project: Path, dockerfile: str) -> str:
    """A local tag per project and Dockerfile, e.g. localhost/verify-hello:pro."""
    name = re.sub(r"[^a-z0-9._-]+", "-", project.resolve().name.lower()).strip(".-_") or "app"
    flavour = dockerfile.partition(".")[2].lower() or "latest"
    return f"localhost/verify-{name}:{re.sub(r'[^a-z0-9_.-]+', '-', flavour)}"


def check_user(user: str) -> Check:
    """Kubernetes runAsNonRoot accepts only a numeric, non-zero user."""
    name = user.partition(":")[0]
    if not name:
        return Check(Status.FAIL, "root", "no USER: the process runs as root")
    if not name.isdigit():
        return Check(
            Status.FAIL,
            user,
            f"USER {user} is not numeric: Kubernetes runAsNonRoot cannot verify it",
        )
    if int(name) == 0:
        return Check(Status.FAIL, user, "USER 0 is root")
    return Check(Status.PASS, user)


def _get(url: str, timeout: float) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read(4096).decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read(4096).decode(errors="replace")


def wait_for_http(url: str, container: Container, timeout: float) -> tuple[int, str] | str:
    """The first HTTP answer, or why none came."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            return _get(url, timeout=2)
        except (OSError, urllib.error.URLError) as error:
            last = str(getattr(error, "reason", error))
        if not container.alive():
            return f"the container exited before answering ({last})"
        time.sleep(0.2)
    return f"no answer within {timeout:.0f}s ({last})"


def _check_http(container: Container, url: str, port: int, limits: Limits) -> tuple[Check, str]:
    answer = wait_for_http(url, container, limits.http)
    if isinstance(answer, str):
        return Check(Status.FAIL, f":{port}", f"GET {url}: {answer}"), ""
    status, body = answer
    check = (
        Check(Status.PASS, f"{status} on :{port}")
        if status < 500
        else Check(Status.FAIL, f"{status} on :{port}", f"GET {url} answered {status}")
    )
    return check, body


#: /proc/net/tcp's state column for a listening socket.
_TCP_LISTEN = "0A"


def listening_hosts(tables: str, port: int) -> set[str]:
    """The local addresses with a listening TCP socket on `port`, from /proc/net/tcp and
    /proc/net/tcp6 text: "0.0.0.0", "::", "127.0.0.1", "::1", ..."""
    import ipaddress

    hosts: set[str] = set()
    for line in tables.splitlines():
        fields = line.split()
        if len(fields) < 4 or fields[3] != _TCP_LISTEN or ":" not in fields[1]:
            continue
        address, _, port_hex = fields[1].partition(":")
        try:
            if int(port_hex, 16) != port:
                continue
            raw = bytes.fromhex(address)
        except ValueError:
            continue
        # The kernel prints each 32-bit word in host (little-endian) byte order.
        words = [raw[i : i + 4][::-1] for i in range(0, len(raw), 4)]
        hosts.add(str(ipaddress.ip_address(b"".join(words))))
    return hosts


def check_all_interfaces(tables: str | None, port: int, answered: Check) -> Check:
    """A server bound to loopback only is unreachable once published; engines that share
    the host's network (buildah) hide that from the HTTP check, so the sockets tell."""
    if answered.status is not Status.PASS or tables is None:
        return answered
    hosts = listening_hosts(tables, port)
    if not hosts:
        return answered
    import ipaddress

    if all(ipaddress.ip_address(host).is_loopback for host in hosts):
        bound = ", ".join(sorted(hosts))
        return Check(
            Status.FAIL,
            f"loopback :{port}",
            f"listens on {bound} port {port} only: unreachable from outside the container; "
            "make it listen on all interfaces (an address like :PORT or 0.0.0.0:PORT, through "
            "its flag or environment variable: init --cmd or --env)",
        )
    return answered


def _check_process_user(container: Container, declared: Check, user: str) -> Check:
    """The running process's ids must be the declared ones (when the host can see them)."""
    ids = container.process_ids()
    if ids is None or declared.status is not Status.PASS:
        return declared
    uid, gid = ids
    name, _, group = user.partition(":")
    if str(uid) != name or (group.isdigit() and str(gid) != group):
        return Check(Status.FAIL, user, f"USER {user}, but the process runs as {uid}:{gid}")
    return Check(Status.PASS, f"{uid}:{gid}")


def check_health(container: Container, facts: ImageFacts, limits: Limits) -> Check:
    """The image's HEALTHCHECK: the engine's own status where the engine runs health checks
    (docker), else the check's command run in the container (its exit status)."""
    if not facts.healthcheck:
        return Check(Status.SKIP, "none")
    health = container.health_status()
    if health is None:
        return _run_health_command(container, facts, limits)
    deadline = time.monotonic() + limits.health
    while True:
        if health.status == "healthy":
            return Check(Status.PASS, health.status)
        if health.status == "unhealthy":
            return Check(
                Status.FAIL,
                health.status,
                f"the engine's health check ({' '.join(facts.healthcheck)}) reports unhealthy: "
                + (health.last_output.splitlines()[-1] if health.last_output else "no output"),
            )
        if time.monotonic() > deadline or not container.alive():
            return Check(
                Status.FAIL,
                health.status or "no status",
                f"health status still {health.status or 'unknown'!r} after {limits.health:.0f}s",
            )
        time.sleep(0.25)
        health = container.health_status() or health


def _run_health_command(container: Container, facts: ImageFacts, limits: Limits) -> Check:
    done = container.exec(facts.healthcheck, timeout=limits.health)
    if done.returncode == 0:
        return Check(Status.PASS, "exit 0")
    output = (done.stdout + done.stderr).strip().splitlines()
    return Check(
        Status.FAIL,
        f"exit {done.returncode}",
        f"{' '.join(facts.healthcheck)} exited {done.returncode}: "
        + (output[-1] if output else "no output"),
    )


def _still_answers(url: str) -> bool:
    try:
        _get(url, timeout=1)
    except (OSError, urllib.error.URLError):
        return False
    return True


def _check_stop(container: Container, url: str, limits: Limits) -> Check:
    seconds = container.terminate(limits.stop)
    if seconds is None:
        return Check(
            Status.FAIL,
            "ignored",
            f"still running {limits.stop:.0f}s after SIGTERM: PID 1 does not handle it "
            "(shell-form CMD or `go run`?)",
        )
    if container.alive() or _still_answers(url):
        return Check(
            Status.FAIL,
            "orphan",
            "the main process exited but the server still answers: PID 1 did not pass "
            "SIGTERM on (`go run` leaves the compiled server running)",
        )
    code = container.exit_code()
    if code:
        return Check(
            Status.FAIL,
            f"exit {code}",
            f"exited {code} on SIGTERM"
            + (
                ": it died of the signal instead of shutting down (is PID 1 the service, and "
                "does it handle SIGTERM?)"
                if code == 128 + signal.SIGTERM
                else ": a clean shutdown exits 0"
            ),
        )
    return Check(Status.PASS, f"{seconds:.1f}s")


def _syntax_image(dockerfile_text: str) -> str | None:
    """The frontend image a leading `# syntax=IMAGE` directive names."""
    for line in dockerfile_text.splitlines():
        directive = re.match(r"#\s*syntax\s*=\s*(\S+)", line.strip(), re.IGNORECASE)
        if directive:
            return directive.group(1)
        if not line.startswith("#"):  # directives come before any other line
            return None
    return None


def _frontend_pull_failed(image: str, log_text: str) -> bool:
    """Whether BuildKit failed to fetch the frontend `image`: with plain progress, the step
    that resolves it ends in ERROR; newer clients say it in their final error."""
    name = re.escape(image)
    if re.search(rf"failed to resolve source metadata for \S*{name}", log_text):
        return True
    step = re.search(rf"^#(\d+) resolve image config for \S*{name}", log_text, re.MULTILINE)
    return bool(step and re.search(rf"^#{step.group(1)} ERROR", log_text, re.MULTILINE))


def build_failure_detail(engine: str, log_text: str, dockerfile_text: str) -> str:
    """Why the build failed, as far as the log tells: a hint for failures we can name."""
    detail = f"{engine} could not build it; see the log"
    image = _syntax_image(dockerfile_text)
    if image and _frontend_pull_failed(image, log_text):
        detail += (
            f". BuildKit could not pull the Dockerfile frontend {image} that the `# syntax=` "
            "line names (is a registry reachable?): leave the line out (--no-syntax-line: "
            "BuildKit's built-in frontend builds it) or point it at a mirror (--syntax-image)"
        )
    return detail


def verify_dockerfile(
    builder: ImageBuilder,
    project: Path,
    dockerfile: str,
    log_path: Path,
    build_args: Mapping[str, str] | None = None,
    progress: Progress = lambda _: None,
    on_build_line: Progress = lambda _: None,
    limits: Limits | None = None,
) -> VerifyResult:
    """Build `project/dockerfile`, run it, and check user, HTTP, health check and SIGTERM.

    `progress` hears each phase; `on_build_line` each line of the builder's output.
    """
    limits = limits or Limits()
    tag = image_tag(project, dockerfile)
    result = VerifyResult(dockerfile=dockerfile, tag=tag, log_path=log_path)
    started = time.monotonic()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w", encoding="utf-8") as log:
        progress(f"building {dockerfile} with {builder.name}")
        built = builder.build(
            project, project / dockerfile, tag, build_args or {}, log, on_build_line
        )
        if not built:
            log.flush()
            result.checks["build"] = Check(
                Status.FAIL,
                "",
                build_failure_detail(
                    builder.name, log_path.read_text(), (project / dockerfile).read_text()
                ),
            )
            result.seconds = time.monotonic() - started
            return result
        result.checks["build"] = Check(Status.PASS)
        facts = builder.facts(tag)
        result.size_bytes = facts.size_bytes
        declared = check_user(facts.user)
        port = facts.ports[0] if facts.ports else FALLBACK_PORT
        progress(f"running {tag}")
        log.write(f"\n--- running {tag}: {' '.join(facts.command)}\n")
        log.flush()
        try:
            container = builder.start(tag, facts, log)
        except RuntimeError as error:
            result.checks["user"] = declared
            result.checks["http"] = Check(Status.FAIL, "", f"could not start: {error}")
            result.seconds = time.monotonic() - started
            return result
        try:
            url = f"http://127.0.0.1:{container.host_port(port)}/"
            result.checks["http"], result.http_body = _check_http(container, url, port, limits)
            result.checks["http"] = check_all_interfaces(
                container.socket_tables(), port, result.checks["http"]
            )
            result.checks["user"] = _check_process_user(container, declared, facts.user)
            if container.alive():
                progress("running the health check")
                result.checks["health"] = check_health(container, facts, limits)
                progress("stopping with SIGTERM")
                result.checks["sigterm"] = _check_stop(container, url, limits)
        finally:
            container.remove()
    # Checks are listed in report order whatever order they ran in.
    result.checks = {
        name: result.checks[name]
        for name in ("build", "user", "http", "health", "sigterm")
        if name in result.checks
    }
    result.seconds = time.monotonic() - started
    return result


def dockerfiles_to_verify(project: Path, variant: str | None) -> list[str]:
    """`Dockerfile`, a variant's file as `new --variant all` names it, or with `all` each one;
    each one readable, or a ScaffoldError says which cannot be read."""
    try:
        names = _dockerfiles(project, variant)
        for name in names:
            with (project / name).open("rb"):
                pass
    except OSError as error:
        unreadable = error.filename or project
        raise ScaffoldError(f"{unreadable} cannot be read: {error.strerror}") from None
    return names


def _dockerfiles(project: Path, variant: str | None) -> list[str]:
    if not project.is_dir():
        raise ScaffoldError(f"{project} is not a directory")
    if variant == ALL_VARIANTS:
        names = sorted(p.name for p in project.glob("Dockerfile.*") if p.is_file())
        names += ["Dockerfile"] if (project / "Dockerfile").is_file() else []
    else:
        by_variant = {v.value: name for v, name in DOCKERFILE_NAMES.items()}
        names = [by_variant.get(variant, f"Dockerfile.{variant}") if variant else "Dockerfile"]
    missing = [name for name in names if not (project / name).is_file()]
    if missing or not names:
        raise ScaffoldError(f"no {missing[0] if missing else 'Dockerfile'} in {project}")
    return names
