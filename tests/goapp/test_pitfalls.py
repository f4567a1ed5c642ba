"""The tutorial's pitfalls, reproduced in an assembled root and shown fixed by the options.

Each probe is a stdlib-only Go program built with the Dockerfile's own go build step (same
environment, flags and tags), placed in the root beside the service, and run as its USER.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import HOST_CA_BUNDLE, AssembleRoot, Build, MakeProject, PrivateCA, Project, Root
from .rootfs import run_in_root, started_in_root
from .service import free_port

ZONE = "Asia/Shanghai"
#: 2024-01-01T00:00Z in Asia/Shanghai: UTC+8 all year, so only real zone data gives it.
SHANGHAI_NEW_YEAR = "2024-01-01T08:00:00+08:00"


def with_probe(
    name: str,
    project: Project,
    assemble_root: AssembleRoot,
    build: Build,
    probe_source: Path,
    **kwargs: Path,
) -> tuple[Root, list[str]]:
    """The project's root with a probe built by its go build step; the probe's argv."""
    probe = build(project, source=probe_source)
    target = f"/usr/local/bin/{name}"
    return assemble_root(project, extra={target: probe}, **kwargs), [target]


# Pitfall B: time zones.


@pytest.mark.parametrize(
    "choices",
    [{"variant": "pro"}, {"variant": "enterprise", "base": "scratch", "tzdata": False}],
    ids=["pro", "enterprise-scratch-no-tzdata"],
)
def test_time_zone_fails_to_load_in_an_empty_root_without_tzdata(
    make_project: MakeProject,
    assemble_root: AssembleRoot,
    build: Build,
    probes: Path,
    choices: dict[str, object],
) -> None:
    project = make_project(**choices)
    root, probe = with_probe("tzprobe", project, assemble_root, build, probes / "tzprobe")
    result = run_in_root(root.path, root.stage, [*probe, ZONE])
    assert result.returncode == 1
    assert f"unknown time zone {ZONE}" in result.stderr


@pytest.mark.parametrize(
    "choices",
    [
        {"variant": "pro", "tzdata": True},
        {"variant": "enterprise", "base": "scratch"},
        {"variant": "enterprise", "base": "scratch", "tzdata_source": "copy"},
        {"variant": "enterprise", "base": "distroless"},
    ],
    ids=["pro-tzdata-embed", "enterprise-scratch-embed", "enterprise-scratch-copy", "distroless"],
)
def test_time_zone_loads_with_the_tzdata_option(
    make_project: MakeProject,
    assemble_root: AssembleRoot,
    build: Build,
    probes: Path,
    choices: dict[str, object],
) -> None:
    project = make_project(**choices)
    root, probe = with_probe("tzprobe", project, assemble_root, build, probes / "tzprobe")
    result = run_in_root(root.path, root.stage, [*probe, ZONE])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == SHANGHAI_NEW_YEAR


def _start_line_time(root: Root, timezone: str | None = None) -> str:
    """The `time` of the service's first log line, run in `root` as its USER (with TZ)."""
    port = str(free_port())
    started = (
        started_in_root(root.path, root.stage, root.stage.entrypoint, PORT=port, TZ=timezone)
        if timezone
        else started_in_root(root.path, root.stage, root.stage.entrypoint, PORT=port)
    )
    with started as process:
        assert process.stdout is not None
        record = json.loads(process.stdout.readline())
    assert record["msg"] == "server starting"
    return str(record["time"])


@pytest.mark.parametrize(
    "choices",
    [
        {"variant": "pro", "timezone": ZONE},
        {"variant": "enterprise", "base": "scratch", "timezone": ZONE},
        {"variant": "enterprise", "base": "distroless", "timezone": ZONE},
    ],
    ids=["pro-embed", "enterprise-scratch-embed", "distroless"],
)
def test_the_chosen_time_zone_is_the_services_local_time(
    make_project: MakeProject, assemble_root: AssembleRoot, choices: dict[str, object]
) -> None:
    root = assemble_root(make_project(**choices))

    assert root.stage.env["TZ"] == ZONE
    assert _start_line_time(root).endswith("+08:00")


@pytest.mark.parametrize(
    "choices",
    [{"variant": "pro"}, {"variant": "enterprise", "base": "scratch", "tzdata_source": "copy"}],
    ids=["no-tzdata", "copied-archive"],
)
def test_without_data_go_reads_for_tz_the_same_zone_is_silently_utc(
    make_project: MakeProject, assemble_root: AssembleRoot, choices: dict[str, object]
) -> None:
    """Why a zone needs embedded or system zoneinfo: the copied archive is not read for TZ."""
    root = assemble_root(make_project(**choices))

    assert "TZ" not in root.stage.env
    assert _start_line_time(root, timezone=ZONE).endswith("Z")


# Pitfall A: outbound TLS needs a CA bundle.

HARDENED: dict[str, object] = {"variant": "enterprise", "base": "scratch"}


def https_probe(
    choices: dict[str, object],
    ca_bundle: Path,
    url: str,
    make_project: MakeProject,
    assemble_root: AssembleRoot,
    build: Build,
    probes: Path,
) -> tuple[int, str]:
    project = make_project(**choices)
    root, probe = with_probe(
        "httpsprobe", project, assemble_root, build, probes / "httpsprobe", ca_bundle=ca_bundle
    )
    result = run_in_root(root.path, root.stage, [*probe, url])
    return result.returncode, result.stdout + result.stderr


def test_https_succeeds_when_the_copied_bundle_holds_the_ca(
    make_project: MakeProject,
    assemble_root: AssembleRoot,
    build: Build,
    probes: Path,
    bundle_with_private_ca: Path,
    https_url: str,
) -> None:
    code, output = https_probe(
        HARDENED, bundle_with_private_ca, https_url, make_project, assemble_root, build, probes
    )
    assert (code, output) == (0, "200 secure hello\n")


def test_https_fails_when_the_copied_bundle_lacks_the_ca(
    make_project: MakeProject,
    assemble_root: AssembleRoot,
    build: Build,
    probes: Path,
    https_url: str,
) -> None:
    code, output = https_probe(
        HARDENED, HOST_CA_BUNDLE, https_url, make_project, assemble_root, build, probes
    )
    assert code == 1
    assert "x509: certificate signed by unknown authority" in output


def test_https_fails_without_the_ca_certificates_option(
    make_project: MakeProject,
    assemble_root: AssembleRoot,
    build: Build,
    probes: Path,
    bundle_with_private_ca: Path,
    https_url: str,
) -> None:
    choices: dict[str, object] = {**HARDENED, "ca_certificates": False}
    code, output = https_probe(
        choices, bundle_with_private_ca, https_url, make_project, assemble_root, build, probes
    )
    assert code == 1
    assert "x509: certificate signed by unknown authority" in output


def test_private_ca_is_not_in_the_host_bundle(private_ca: PrivateCA) -> None:
    """Guards the negative cases above: the CA is private to this session."""
    assert private_ca.ca_cert.read_text() not in HOST_CA_BUNDLE.read_text()
