"""The base-image facts table: every family the issue names, mirrors, unknowns, pinning;
and agreement with what the generator writes today."""

from __future__ import annotations

import pytest

from scaffold_go_docker.facts.base_images import (
    NONROOT_UID,
    BaseImage,
    Libc,
    floating_tag,
    lookup,
    parse_image_ref,
)
from scaffold_go_docker.facts.go import cgo_module
from scaffold_go_docker.options import Options, defaults, versions

# reference -> (libc, /bin/sh, CA bundle, zoneinfo, UID)
KNOWN = {
    "scratch": (Libc.NONE, False, False, False, 0),
    "alpine:3.20": (Libc.MUSL, True, True, False, 0),
    "debian:bookworm-slim": (Libc.GLIBC, True, False, True, 0),
    "debian:13": (Libc.GLIBC, True, False, None, 0),
    "ubuntu:24.04": (Libc.GLIBC, True, False, False, 0),
    "busybox:1.36": (None, True, False, False, 0),
    "golang:1.22": (Libc.GLIBC, True, True, True, 0),
    "golang:1.22-bookworm": (Libc.GLIBC, True, True, True, 0),
    "golang:1.22-alpine3.20": (Libc.MUSL, True, True, True, 0),
    "gcr.io/distroless/static-debian12": (Libc.NONE, False, True, True, 0),
    "gcr.io/distroless/static-debian12:nonroot": (Libc.NONE, False, True, True, NONROOT_UID),
    "gcr.io/distroless/base-debian12": (Libc.GLIBC, False, True, True, 0),
    "gcr.io/distroless/base-debian12:nonroot": (Libc.GLIBC, False, True, True, NONROOT_UID),
    "gcr.io/distroless/cc-debian12": (Libc.GLIBC, False, True, True, 0),
    "gcr.io/distroless/cc-debian12:debug-nonroot": (Libc.GLIBC, False, True, True, NONROOT_UID),
    "cgr.dev/chainguard/static:latest": (Libc.NONE, False, True, True, NONROOT_UID),
}


def _summary(facts: BaseImage) -> tuple[object, ...]:
    return (facts.libc, facts.shell, facts.ca_bundle, facts.zoneinfo, facts.uid)


@pytest.mark.parametrize(("reference", "expected"), KNOWN.items())
def test_known_base_image_facts(reference: str, expected: tuple[object, ...]) -> None:
    facts = lookup(reference)

    assert facts is not None
    assert _summary(facts) == expected


def test_only_the_debian_golang_image_has_a_c_compiler() -> None:
    compilers = {ref for ref in KNOWN if (facts := lookup(ref)) and facts.c_compiler}

    assert compilers == {"golang:1.22", "golang:1.22-bookworm"}


@pytest.mark.parametrize(
    "reference",
    [
        "docker.io/library/alpine:3.20",
        "library/alpine:3.20",
        "registry.example.com:5000/mirror/alpine:3.20",
        "public.ecr.aws/docker/library/alpine:3.20",
        "alpine@sha256:" + "ab" * 32,
    ],
)
def test_alpine_is_recognised_on_docker_hub_and_on_mirrors(reference: str) -> None:
    facts = lookup(reference)

    assert facts is not None
    assert facts.name == "alpine"


@pytest.mark.parametrize(
    "reference",
    [
        "someone/alpine:3.20",
        "registry.example.com/team/runtime:1.4",
        "${BASE}",
        "golang:1.22-nanoserver",
    ],
)
def test_unknown_or_unresolved_images_have_no_facts(reference: str) -> None:
    assert lookup(reference) is None


@pytest.mark.parametrize(
    ("reference", "floating"),
    [
        ("alpine", True),
        ("alpine:latest", True),
        ("alpine:3", True),
        ("alpine:3.20", False),
        ("golang:alpine", True),
        ("golang:1-alpine", True),
        ("golang:1.22-alpine", False),
        ("debian:stable-slim", True),
        ("debian:bookworm", False),
        ("debian:12.5-slim", False),
        ("ubuntu:latest", True),
        ("ubuntu:noble", False),
        ("gcr.io/distroless/static:nonroot", True),
        ("gcr.io/distroless/static-debian12:nonroot", False),
        ("gcr.io/distroless/static-debian12:latest", True),
        ("cgr.dev/chainguard/static:latest", True),
        ("cgr.dev/chainguard/static@sha256:" + "0" * 64, False),
        ("registry.example.com/team/runtime:prod", False),  # unknown: only latest/no tag
        ("registry.example.com/team/runtime", True),
        ("scratch", False),
    ],
)
def test_floating_tags(reference: str, floating: bool) -> None:
    assert (floating_tag(reference, lookup(reference)) is not None) is floating


def test_image_reference_parts() -> None:
    ref = parse_image_ref("registry.example.com:5000/mirror/golang:1.22-alpine@sha256:" + "a" * 64)

    assert ref is not None
    assert (ref.registry, ref.path, ref.tag, ref.name) == (
        "registry.example.com:5000",
        "mirror/golang",
        "1.22-alpine",
        "golang",
    )


def test_generator_s_distroless_image_and_uid_agree_with_the_facts() -> None:
    facts = lookup(versions.DISTROLESS_IMAGE)

    assert facts is not None
    assert facts.uid == defaults.DISTROLESS_UID == NONROOT_UID
    assert facts.ca_bundle
    assert facts.zoneinfo
    assert facts.libc is Libc.NONE


@pytest.mark.parametrize("base", ["alpine", "scratch", "distroless"])
def test_every_image_the_generator_writes_is_known_and_pinned(base: str) -> None:
    options = Options.resolve({"app_name": "app", "base": base})

    for reference in (options.builder_image_ref, options.runtime_image_ref):
        assert reference is not None
        facts = lookup(reference)
        assert facts is not None, reference
        assert floating_tag(reference, facts) is None, reference


@pytest.mark.parametrize(
    ("module", "known"),
    [
        ("github.com/mattn/go-sqlite3", "github.com/mattn/go-sqlite3"),
        (
            "github.com/confluentinc/confluent-kafka-go/v2",
            "github.com/confluentinc/confluent-kafka-go",
        ),
        ("github.com/mattn/go-sqlite3-extra", None),
        ("modernc.org/sqlite", None),  # pure Go
    ],
)
def test_cgo_modules_match_by_path_and_major_version(module: str, known: str | None) -> None:
    assert cgo_module(module) == known
