"""verify's loopback check: a server that answers but listens on 127.0.0.1 or ::1 only is a
failure (unreachable once published), read from the container's /proc/net/tcp and tcp6.
Real sockets of this process stand in for a container's."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from scaffold_go_docker.verify import Check, Status
from scaffold_go_docker.verify.run import check_all_interfaces, listening_hosts

ANSWERED = Check(Status.PASS, "200 on :8080")


def own_tables() -> str:
    return Path("/proc/self/net/tcp").read_text() + Path("/proc/self/net/tcp6").read_text()


@pytest.mark.parametrize(
    ("family", "host", "seen"),
    [
        (socket.AF_INET, "127.0.0.1", "127.0.0.1"),
        (socket.AF_INET, "0.0.0.0", "0.0.0.0"),
        (socket.AF_INET6, "::1", "::1"),
        (socket.AF_INET6, "::", "::"),
    ],
)
def test_the_listening_address_of_a_port_is_read_from_proc_net(
    family: socket.AddressFamily, host: str, seen: str
) -> None:
    with socket.socket(family, socket.SOCK_STREAM) as server:
        server.bind((host, 0))
        server.listen()
        port = server.getsockname()[1]
        assert listening_hosts(own_tables(), port) == {seen}


def test_a_server_on_loopback_only_fails_the_http_check_saying_why() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        check = check_all_interfaces(own_tables(), port, ANSWERED)
    assert check.status is Status.FAIL
    assert check.summary == f"loopback :{port}"
    assert f"listens on 127.0.0.1 port {port} only" in check.detail
    assert "--cmd or --env" in check.detail


def test_a_server_on_every_interface_passes() -> None:
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as server:
        server.bind(("::", 0))
        server.listen()
        port = server.getsockname()[1]
        assert check_all_interfaces(own_tables(), port, ANSWERED) is ANSWERED


def test_without_the_socket_tables_the_http_check_stands() -> None:
    assert check_all_interfaces(None, 8080, ANSWERED) is ANSWERED
