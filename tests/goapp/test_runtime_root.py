"""The runtime stage, assembled as its COPY lines say in an empty root, runs the service.

The root holds only what the stage brings (plus, for distroless, a stand-in for its base
image); the binary runs there with chroot as the stage's numeric USER and its ENV.
"""

from __future__ import annotations

import json
import os
import signal
import socket
from typing import Any

import pytest

from .conftest import AssembleRoot, MakeProject, Root
from .rootfs import run_in_root, started_in_root, user_spec
from .service import free_port, get, only_child, status_fields, wait_until_serving

ROOTS: dict[str, dict[str, Any]] = {
    "pro-scratch": {"variant": "pro"},
    "enterprise-scratch": {"variant": "enterprise", "base": "scratch"},
    "enterprise-scratch-tz-copy": {
        "variant": "enterprise",
        "base": "scratch",
        "tzdata_source": "copy",
    },
    "enterprise-distroless": {"variant": "enterprise", "base": "distroless"},
    "better-scratch-root-user": {"variant": "better", "base": "scratch", "non_root": False},
}


#: The roots whose stage has a HEALTHCHECK (the better preset has none).
WITH_HEALTHCHECK = ["pro-scratch", "enterprise-scratch", "enterprise-distroless"]


@pytest.fixture(scope="module")
def roots(make_project: MakeProject, assemble_root: AssembleRoot) -> dict[str, Root]:
    """Each root assembled once, on first use."""

    class Roots(dict[str, Root]):
        def __missing__(self, name: str) -> Root:
            self[name] = assemble_root(make_project(**ROOTS[name]))
            return self[name]

    return Roots()


@pytest.mark.parametrize("name", list(ROOTS))
def test_service_answers_hello_on_port(roots: dict[str, Root], name: str) -> None:
    root = roots[name]
    port = free_port()
    with started_in_root(root.path, root.stage, root.stage.entrypoint, PORT=str(port)) as proc:
        wait_until_serving(proc, port)
        assert get(port) == f"Hello from Go! Host: {socket.gethostname()}\n"


@pytest.mark.parametrize("name", list(ROOTS))
def test_service_runs_as_the_stages_numeric_user(roots: dict[str, Root], name: str) -> None:
    root = roots[name]
    uid, gid = user_spec(root.stage)
    port = free_port()
    with started_in_root(root.path, root.stage, root.stage.entrypoint, PORT=str(port)) as proc:
        wait_until_serving(proc, port)
        ids = status_fields(proc.pid)
    assert ids["Uid"] == [uid] * 4
    assert ids["Gid"] == [gid] * 4
    assert ids["Groups"] == []


@pytest.mark.parametrize("name", list(ROOTS))
def test_sigterm_stops_the_service_cleanly(roots: dict[str, Root], name: str) -> None:
    root = roots[name]
    port = free_port()
    with started_in_root(root.path, root.stage, root.stage.entrypoint, PORT=str(port)) as proc:
        wait_until_serving(proc, port)
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=5)
    assert proc.returncode == 0
    assert json.loads(out.splitlines()[-1])["msg"] == "stopped"


def test_sigint_stops_the_service_cleanly(roots: dict[str, Root]) -> None:
    root = roots["pro-scratch"]
    port = free_port()
    with started_in_root(root.path, root.stage, root.stage.entrypoint, PORT=str(port)) as proc:
        wait_until_serving(proc, port)
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=5)
    assert proc.returncode == 0
    assert json.loads(out.splitlines()[-1])["msg"] == "stopped"


@pytest.mark.parametrize("name", ["pro-scratch", "enterprise-distroless"])
def test_sigterm_stops_the_service_running_as_pid_1(roots: dict[str, Root], name: str) -> None:
    """As in a container: the exec-form ENTRYPOINT makes the binary PID 1 of its namespace,
    where the kernel delivers only signals the process handles."""
    root = roots[name]
    port = free_port()
    with started_in_root(
        root.path, root.stage, root.stage.entrypoint, pid1=True, PORT=str(port)
    ) as proc:
        wait_until_serving(proc, port)
        service = only_child(proc.pid)
        assert status_fields(service)["NSpid"][-1] == 1
        os.kill(service, signal.SIGTERM)
        out, _ = proc.communicate(timeout=5)
    assert proc.returncode == 0
    assert json.loads(out.splitlines()[-1])["msg"] == "stopped"


@pytest.mark.parametrize("name", WITH_HEALTHCHECK)
def test_healthcheck_passes_against_the_running_service(roots: dict[str, Root], name: str) -> None:
    root = roots[name]
    assert root.stage.healthcheck is not None
    port = free_port()
    with started_in_root(root.path, root.stage, root.stage.entrypoint, PORT=str(port)) as proc:
        wait_until_serving(proc, port)
        result = run_in_root(root.path, root.stage, root.stage.healthcheck, PORT=str(port))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", WITH_HEALTHCHECK)
def test_healthcheck_fails_when_nothing_listens(roots: dict[str, Root], name: str) -> None:
    root = roots[name]
    assert root.stage.healthcheck is not None
    result = run_in_root(root.path, root.stage, root.stage.healthcheck, PORT=str(free_port()))
    assert result.returncode == 1
    assert "unhealthy" in result.stderr


def test_service_exits_non_zero_with_a_logged_error_when_the_port_is_taken(
    roots: dict[str, Root],
) -> None:
    root = roots["pro-scratch"]
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with started_in_root(root.path, root.stage, root.stage.entrypoint, PORT=str(port)) as proc:
            out, _ = proc.communicate(timeout=10)
    assert proc.returncode == 1
    record = json.loads(out.splitlines()[-1])
    assert (record["level"], record["msg"]) == ("ERROR", "server failed")
    assert "address already in use" in record["error"]
