"""Multi-arch: the RUN line's environment for each target platform cross-compiles the app."""

from __future__ import annotations

import subprocess

import pytest

from .conftest import APP, STAMP, Build, MakeProject
from .elf import MACHINE_OF_GOARCH, Elf
from .gotool import GoToolchain

PLATFORMS = ["linux/amd64", "linux/arm64", "linux/arm/v7"]


@pytest.mark.parametrize("platform", PLATFORMS)
def test_binary_targets_the_platform_being_built(
    make_project: MakeProject, build: Build, go: GoToolchain, platform: str
) -> None:
    _, arch, *variant = platform.split("/")
    binary = build(make_project(variant="pro"), platform=platform)
    elf = Elf.read(binary)
    settings = go.build_info(binary)
    assert elf.machine == MACHINE_OF_GOARCH[arch]
    assert elf.bits == (32 if arch == "arm" else 64)
    assert (settings["GOOS"], settings["GOARCH"]) == ("linux", arch)
    assert settings.get("GOARM", "") == (variant[0].removeprefix("v") if variant else "")


@pytest.mark.parametrize("platform", PLATFORMS)
def test_cross_compiled_binary_is_static_and_stripped(
    make_project: MakeProject, build: Build, platform: str
) -> None:
    elf = Elf.read(build(make_project(variant="pro"), platform=platform))
    assert elf.is_static
    assert elf.is_stripped


def version_output(binary_args: list[str]) -> str:
    return subprocess.run(
        binary_args, capture_output=True, text=True, check=True, timeout=10
    ).stdout.strip()


def test_version_prints_the_version_and_commit_build_args(
    make_project: MakeProject, build: Build
) -> None:
    out = version_output([str(build(make_project(variant="pro"), STAMP)), "-version"])
    assert out.split()[:2] == [APP, STAMP["VERSION"]]
    assert STAMP["COMMIT"] in out


def test_version_defaults_to_the_dockerfiles_arg_defaults(
    make_project: MakeProject, build: Build
) -> None:
    project = make_project(variant="pro")
    defaults = project.go_build({}).stage_env
    out = version_output([str(build(project, {})), "-version"])
    assert out.split()[:2] == [APP, defaults["VERSION"]]
    assert defaults["COMMIT"] in out


def test_version_with_a_space_is_stamped_verbatim(make_project: MakeProject, build: Build) -> None:
    args = {**STAMP, "VERSION": "1.0 beta"}
    out = version_output([str(build(make_project(variant="pro"), args)), "-version"])
    assert "1.0 beta" in out
