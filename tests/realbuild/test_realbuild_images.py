"""Each generated Dockerfile that the local base images can serve is built and run for real,
on each engine.

buildah: `buildah bud --isolation chroot --format docker` (docker format keeps HEALTHCHECK),
run with `buildah run --isolation chroot`, which shares the host's network: each case listens
on its own port. docker: the client verify picks (`docker buildx build --load`, or
`DOCKER_BUILDKIT=1 docker build` without buildx), the classic builder (`DOCKER_BUILDKIT=0`)
for Dockerfiles generated with `--no-buildkit`; `docker run` publishes on 127.0.0.1 only.
Cases: bad (single stage on the local golang image), and better, pro and enterprise with
`--builder debian` on scratch and on distroless, plus enterprise `--no-buildkit`.

Not exercised here: the Alpine package steps, which need Alpine's repositories
(`RUN apk add --no-cache git` in the alpine builder; `RUN apk add --no-cache ca-certificates
tzdata`, `addgroup` and `adduser` in the alpine runtime). See
test_only_the_alpine_package_steps_go_unexercised, which derives that list from the templates.
"""

from __future__ import annotations

import re
import signal
from pathlib import Path

import dockerfile
import pytest

from realbuild.realbuild_support import (
    ALL_CASES,
    CLASSIC,
    HELLO,
    MULTI_STAGE,
    STOP_WITHIN,
    WITH_CA,
    WITH_HEALTHCHECK,
    WITH_TMP,
    WITH_ZONEINFO_FILES,
    BaseImages,
    ImageCache,
    Observed,
    built_and_run,
    case_for,
)
from scaffold_go_docker.generate import generate_files
from scaffold_go_docker.verify import Check, Status

pytestmark = pytest.mark.realbuild


@pytest.mark.parametrize("case", ALL_CASES)
def test_answers_http_with_the_hello_text(
    case: str, images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    _, seen = built_and_run(case, images, base_images, probe_binary)
    assert seen.http_status == 200, seen.http_error
    assert seen.http_body.startswith(HELLO)


@pytest.mark.parametrize("case", MULTI_STAGE)
def test_runs_as_the_declared_numeric_non_root_user(
    case: str, images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    built, seen = built_and_run(case, images, base_images, probe_binary)
    uid = built.options.uid
    assert uid != 0
    assert built.facts.user == f"{uid}:{uid}"
    assert seen.process_ids == (uid, uid)


def test_bad_runs_as_root(images: ImageCache, base_images: BaseImages, probe_binary: Path) -> None:
    built, seen = built_and_run("bad", images, base_images, probe_binary)
    assert built.facts.user == ""
    assert seen.process_ids == (0, 0)


def _toolchain_and_sources(seen: Observed) -> list[str]:
    return sorted(
        path
        for path in seen.files
        if path.startswith("/usr/local/go/")
        or path.endswith((".go", "/go.mod", "/go.sum"))
        or (path in seen.executables and path.rsplit("/", 1)[1] in {"go", "gofmt", "gcc", "cc"})
    )


@pytest.mark.parametrize("case", MULTI_STAGE)
def test_final_image_has_no_go_toolchain_or_sources(
    case: str, images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    _, seen = built_and_run(case, images, base_images, probe_binary)
    assert _toolchain_and_sources(seen) == []


def test_bad_image_carries_the_toolchain_and_the_sources(
    images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    _, seen = built_and_run("bad", images, base_images, probe_binary)
    found = _toolchain_and_sources(seen)
    assert "/usr/local/go/bin/go" in found
    assert "/app/main.go" in found
    assert "/app/go.mod" in found


#: What the health check reports on each engine: docker runs HEALTHCHECK itself and reports
#: its status; buildah never runs it, so the check's command is run in the container.
HEALTHY = {"docker": "healthy", "buildah": "exit 0"}


@pytest.mark.parametrize("case", WITH_HEALTHCHECK)
def test_health_check_reports_healthy(
    case: str, images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    built, seen = built_and_run(case, images, base_images, probe_binary)
    assert built.facts.healthcheck == (built.options.binary_path, "-healthcheck")
    assert seen.health == Check(Status.PASS, HEALTHY[images.engine.name])


@pytest.mark.parametrize("case", MULTI_STAGE)
def test_sigterm_stops_it_within_seconds_with_exit_status_0(
    case: str, images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    _, seen = built_and_run(case, images, base_images, probe_binary)
    assert seen.stop_seconds is not None
    assert seen.stop_seconds < STOP_WITHIN
    assert seen.exit_code == 0
    assert not seen.still_answering_after_stop


#: The command each image is built with (the build log's first line): on docker, BuildKit
#: (through buildx, or DOCKER_BUILDKIT=1 on a client without it), and for Dockerfiles
#: generated with --no-buildkit the classic builder, as where BuildKit is unavailable.
BUILD_COMMAND = {
    ("docker", True): r"\$ (DOCKER_BUILDKIT=1 \S+ build --progress plain|\S+ buildx build --load) ",
    ("docker", False): r"\$ DOCKER_BUILDKIT=0 \S+ build -f ",
    ("buildah", True): r"\$ \S+ bud --isolation chroot --format docker ",
    ("buildah", False): r"\$ \S+ bud --isolation chroot --format docker ",
}


@pytest.mark.parametrize("case", ALL_CASES)
def test_each_image_is_built_by_the_builder_its_dockerfile_needs(
    case: str, images: ImageCache, base_images: BaseImages
) -> None:
    built = images.build(case_for(case, base_images))
    assert built.options.buildkit == (case not in CLASSIC)
    command = built.log.read_text().splitlines()[0]
    assert re.match(BUILD_COMMAND[images.engine.name, built.options.buildkit], command), command


@pytest.mark.parametrize("case", WITH_CA)
def test_ca_bundle_is_found_where_promised(
    case: str, images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    _, seen = built_and_run(case, images, base_images, probe_binary)
    code, output = seen.probes["ca"]
    assert code == 0, output


@pytest.mark.parametrize("case", WITH_ZONEINFO_FILES)
def test_zoneinfo_in_the_image_loads_a_time_zone(
    case: str, images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    _, seen = built_and_run(case, images, base_images, probe_binary)
    code, output = seen.probes["tz"]
    assert code == 0, output
    assert output == "2024-01-01T08:00:00+08:00"


def test_enterprise_scratch_embeds_zoneinfo_in_the_binary(
    images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    _, seen = built_and_run("enterprise-scratch", images, base_images, probe_binary)
    assert "-tags=timetzdata" in seen.build_info


def test_plain_pro_scratch_has_neither_zoneinfo_nor_ca_bundle(
    images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    """The seed's pitfalls A and B, reproduced: what the hardened options are for."""
    _, seen = built_and_run("pro-scratch", images, base_images, probe_binary)
    assert seen.probes["tz"][0] != 0
    assert "unknown time zone" in seen.probes["tz"][1]
    assert seen.probes["ca"][0] != 0


@pytest.mark.parametrize("case", WITH_TMP)
def test_tmp_is_writable_for_the_non_root_user(
    case: str, images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    _, seen = built_and_run(case, images, base_images, probe_binary)
    code, output = seen.probes["tmp"]
    assert code == 0, output


def test_stdlib_app_without_go_sum_builds(
    images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    """podman/buildah fail on `COPY go.sum* ./` when nothing matches; the template avoids it."""
    built = images.build(case_for("pro-scratch", base_images))
    assert not (built.project / "go.sum").exists()
    assert "COPY go.* ./" in built.dockerfile
    assert built.facts.command == (built.options.binary_path,)


def test_only_the_alpine_package_steps_go_unexercised(base_images: BaseImages) -> None:
    """Every instruction of the default (alpine) Dockerfiles, bar FROM, is built above, except
    the Alpine package steps listed here, which need Alpine's repositories."""
    unexercised: set[str] = set()
    for variant in ("better", "pro", "enterprise"):
        # The built cases differ from the defaults in their port only by EXPOSE.
        exercised = {
            line
            for base in ("scratch", "distroless")
            for line in _instructions(
                generate_files(
                    {**case_for(f"{variant}-{base}", base_images).choices, "port": 8080}
                )["Dockerfile"]
            )
        }
        alpine = generate_files({"app_name": "hello", "variant": variant})["Dockerfile"]
        unexercised |= {
            line for line in _instructions(alpine) if line not in exercised and line[:4] != "FROM"
        }
    assert unexercised == {
        "RUN apk add --no-cache git",
        "RUN apk add --no-cache ca-certificates tzdata && addgroup -S -g 10001 app && "
        "adduser -S -D -H -u 10001 -G app -h /nonexistent -s /sbin/nologin app",
    }


def _instructions(text: str) -> list[str]:
    return [" ".join(command.original.split()) for command in dockerfile.parse_string(text)]


#: The exit status of a container whose main process a signal killed: docker reports
#: 128 + the signal; `buildah run` reports any such death as 1.
KILLED_BY_SIGTERM = {"docker": 128 + signal.SIGTERM, "buildah": 1}


def test_bad_sigterm_kills_the_go_tool_instead_of_stopping_the_server(
    images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    """The seed's problem 3: PID 1 is the go tool, not the service. SIGTERM kills it rather
    than the server shutting down, as the multi-stage images do (exit status 0)."""
    _, seen = built_and_run("bad", images, base_images, probe_binary)
    assert seen.stop_seconds is not None
    assert seen.exit_code == KILLED_BY_SIGTERM[images.engine.name]


#: Whether the server `go run` compiled outlives the go tool: buildah's chroot isolation
#: shares the host's PID namespace, so it runs on as an orphan (until the container is
#: removed); docker's PID namespace ends with its PID 1, killing the server without a
#: graceful shutdown.
SERVER_ORPHANED = {"buildah": True, "docker": False}


def test_bad_server_outlives_go_run_only_without_a_pid_namespace(
    images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    _, seen = built_and_run("bad", images, base_images, probe_binary)
    assert seen.still_answering_after_stop is SERVER_ORPHANED[images.engine.name]


@pytest.mark.parametrize("case", ALL_CASES)
def test_no_process_outlives_the_container(
    case: str, images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    """Removing the container kills what SIGTERM left, such as the server `go run` orphans."""
    _, seen = built_and_run(case, images, base_images, probe_binary)
    assert seen.left_running == []
