"""Each generated Dockerfile that the local base images can serve is built and run for real.

Built with `buildah bud --isolation chroot --format docker` (docker format keeps HEALTHCHECK)
and run with `buildah run --isolation chroot`, which shares the host's network: each case
listens on its own port. Cases: bad (single stage on the local golang image), and better, pro
and enterprise with `--builder debian` on scratch and on distroless.

Not exercised here: the Alpine package steps, which need Alpine's repositories
(`RUN apk add --no-cache git` in the alpine builder; `RUN apk add --no-cache ca-certificates
tzdata`, `addgroup` and `adduser` in the alpine runtime). See
test_only_the_alpine_package_steps_go_unexercised, which derives that list from the templates.
"""

from __future__ import annotations

from pathlib import Path

import dockerfile
import pytest

from realbuild.realbuild_support import (
    ALL_CASES,
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


@pytest.mark.parametrize("case", WITH_HEALTHCHECK)
def test_health_check_command_succeeds(
    case: str, images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    built, seen = built_and_run(case, images, base_images, probe_binary)
    assert built.facts.healthcheck == (built.options.binary_path, "-healthcheck")
    assert seen.health_exit == 0, seen.health_output


@pytest.mark.parametrize("case", MULTI_STAGE)
def test_sigterm_stops_it_within_seconds(
    case: str, images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    _, seen = built_and_run(case, images, base_images, probe_binary)
    assert seen.stop_seconds is not None
    assert seen.stop_seconds < STOP_WITHIN
    assert not seen.still_answering_after_stop


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


def test_bad_sigterm_ends_go_run_but_not_the_server(
    images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    """The seed's problem 3: PID 1 is the go tool, which dies on SIGTERM and orphans the
    server it compiled; a container engine then has to kill it after the grace period."""
    _, seen = built_and_run("bad", images, base_images, probe_binary)
    assert seen.stop_seconds is not None
    assert seen.still_answering_after_stop


@pytest.mark.parametrize("case", ALL_CASES)
def test_no_process_outlives_the_container(
    case: str, images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    """Removing the container kills what SIGTERM left, such as the server `go run` orphans."""
    _, seen = built_and_run(case, images, base_images, probe_binary)
    assert seen.left_running == []
