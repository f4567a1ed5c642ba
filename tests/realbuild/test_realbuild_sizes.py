"""Image sizes and compilers, measured on the built images (the benchmark prints the table)."""

from __future__ import annotations

from pathlib import Path

import pytest

from realbuild.realbuild_support import (
    ALL_CASES,
    MULTI_STAGE,
    BaseImages,
    ImageCache,
    built_and_run,
)

pytestmark = pytest.mark.realbuild

MB = 1_000_000
COMPILERS = {"go", "gcc", "cc", "compile"}  # `compile` is the Go compiler under pkg/tool


@pytest.mark.parametrize("case", [case for case in MULTI_STAGE if "-scratch" in case])
def test_scratch_image_is_the_binary_plus_at_most_1_mb(
    case: str, images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    built, seen = built_and_run(case, images, base_images, probe_binary)
    binary = seen.files[built.options.binary_path]
    assert built.facts.size_bytes is not None
    assert binary <= built.facts.size_bytes <= binary + MB


@pytest.mark.parametrize("case", ALL_CASES)
def test_only_bad_carries_a_compiler(
    case: str, images: ImageCache, base_images: BaseImages, probe_binary: Path
) -> None:
    _, seen = built_and_run(case, images, base_images, probe_binary)
    compilers = sorted(p for p in seen.executables if p.rsplit("/", 1)[1] in COMPILERS)
    assert bool(compilers) == (case == "bad"), compilers
