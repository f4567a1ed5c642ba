"""The builder image is a golang tag that exists: an old Go is not paired with a newer
Alpine or Debian than its images were published on."""

from __future__ import annotations

import pytest

from scaffold_go_docker.options import Options
from scaffold_go_docker.options.versions import ALPINE_VERSION, GO_VERSION


@pytest.mark.parametrize(
    ("go_version", "builder", "image"),
    [
        (GO_VERSION, "alpine", f"golang:{GO_VERSION}-alpine{ALPINE_VERSION}"),
        ("1.21", "alpine", "golang:1.21-alpine3.20"),
        ("1.22", "alpine", "golang:1.22-alpine3.21"),
        ("1.24", "alpine", "golang:1.24-alpine3.23"),
        ("1.16", "alpine", "golang:1.16-alpine3.15"),
        ("1.22.4", "alpine", "golang:1.22.4-alpine"),
        ("1.22", "debian", "golang:1.22-bookworm"),
        ("1.20.3", "debian", "golang:1.20.3-bullseye"),
        ("1.18", "debian", "golang:1.18-bullseye"),
    ],
)
def test_the_builder_image_is_a_tag_the_golang_images_were_published_with(
    go_version: str, builder: str, image: str
) -> None:
    choices = {"app_name": "svc", "source_module": True, "go_version": go_version}
    base = "alpine" if builder == "alpine" else "distroless"
    options = Options.resolve({**choices, "builder": builder, "base": base})
    assert options.builder_image_ref == image
