"""The sample app builds with the generated Dockerfile's own go build step (real Go)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Any

import pytest

from scaffold_go_docker.options import Options, TzdataSource

from .conftest import APP, STAMP, Build, MakeProject
from .dockerfile_build import stages_of
from .elf import MACHINE_OF_GOARCH, Elf
from .gotool import GoToolchain
from .service import free_port, get, wait_until_serving
from .shell_words import parse_simple_command

#: Variants and option combinations whose build steps differ (flags, tags, env, mounts).
#: Each distinct set of compile flags (-trimpath, -tags, CGO_ENABLED) recompiles the standard
#: library, ~25 s of CPU; link-only differences (-s -w, -X) cost a second.
MATRIX: list[dict[str, Any]] = [
    {"variant": "better"},
    {"variant": "better", "strip": True},
    {"variant": "pro"},
    {"variant": "pro", "strip": False},
    {"variant": "pro", "trimpath": False},
    {"variant": "pro", "tzdata": True},
    {"variant": "pro", "version_stamp": False, "labels": False},
    {"variant": "enterprise"},
    {"variant": "enterprise", "base": "scratch"},
    {"variant": "enterprise", "base": "scratch", "tzdata_source": "copy"},
    {"variant": "enterprise", "base": "distroless"},
    {"variant": "enterprise", "builder": "debian"},
    {"variant": "enterprise", "buildkit": False, "cross_compile": False},
    {"variant": "better", "cgo": True},
]


def _id(choices: dict[str, Any]) -> str:
    return ",".join(f"{k}={v}" for k, v in choices.items())


@pytest.fixture(params=MATRIX, ids=_id, scope="module")
def case(
    request: pytest.FixtureRequest, make_project: MakeProject, build: Build, go: GoToolchain
) -> tuple[Options, Elf, dict[str, str], str]:
    """One option set: its options, the built binary's ELF, build settings and -version."""
    choices: dict[str, Any] = request.param
    project = make_project(**choices)
    binary = build(project, STAMP)
    version = subprocess.run(
        [str(binary), "-version"], capture_output=True, text=True, check=True, timeout=10
    ).stdout
    options = Options.resolve({"app_name": APP, **choices})
    return options, Elf.read(binary), go.build_info(binary), version


def test_binary_is_for_the_build_platform(case: tuple[Options, Elf, dict[str, str], str]) -> None:
    _, elf, settings, _ = case
    assert settings["GOOS"] == "linux"
    assert elf.machine == MACHINE_OF_GOARCH[settings["GOARCH"]] == MACHINE_OF_GOARCH["amd64"]


def test_binary_is_static_unless_cgo(case: tuple[Options, Elf, dict[str, str], str]) -> None:
    options, elf, settings, _ = case
    assert settings["CGO_ENABLED"] == str(int(options.cgo))
    assert elf.is_static is not options.cgo


def test_binary_is_stripped_as_the_strip_option_says(
    case: tuple[Options, Elf, dict[str, str], str],
) -> None:
    options, elf, _, _ = case
    assert elf.is_stripped is options.strip


def test_build_paths_are_trimmed_as_the_trimpath_option_says(
    case: tuple[Options, Elf, dict[str, str], str],
) -> None:
    options, _, settings, _ = case
    assert (settings.get("-trimpath") == "true") is options.trimpath


def test_zoneinfo_is_embedded_exactly_when_the_tz_option_embeds_it(
    case: tuple[Options, Elf, dict[str, str], str],
) -> None:
    options, _, settings, _ = case
    embedded = "timetzdata" in settings.get("-tags", "").split(",")
    assert embedded is (options.effective_tzdata_source is TzdataSource.EMBED)


def test_version_build_args_are_stamped_when_the_option_is_on(
    case: tuple[Options, Elf, dict[str, str], str],
) -> None:
    options, _, _, version = case
    stamped = STAMP["VERSION"] in version and STAMP["COMMIT"] in version
    assert stamped is options.version_stamp


@pytest.mark.parametrize("variant", ["pro", "enterprise"])
def test_pro_and_enterprise_binaries_are_static_and_stripped(
    make_project: MakeProject, build: Build, variant: str
) -> None:
    elf = Elf.read(build(make_project(variant=variant)))
    assert elf.is_static
    assert elf.is_stripped


def test_generated_app_passes_go_vet(make_project: MakeProject, go: GoToolchain) -> None:
    go.run(["vet", "./..."], cwd=make_project(variant="enterprise").path)


def test_generated_app_passes_go_test(make_project: MakeProject, go: GoToolchain) -> None:
    result = go.run(
        ["test", "-count=1", "-vet=off", "./..."], cwd=make_project(variant="enterprise").path
    )
    assert result.stdout.startswith("ok")


def test_bad_variant_cmd_runs_the_app_with_go_run(
    make_project: MakeProject, go: GoToolchain
) -> None:
    """The bad variant builds nothing: its CMD compiles and runs the source at start."""
    project = make_project(variant="bad")
    _, (stage,) = stages_of(project.dockerfile)
    (cmd,) = [c for c in stage.commands if c.cmd.upper() == "CMD"]
    assert cmd.json
    assert cmd.value[0] == "go"
    port = free_port()
    process = subprocess.Popen(
        [str(go.go), *cmd.value[1:]],
        cwd=project.path,
        env={**go.env, "PORT": str(port)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        wait_until_serving(process, port, seconds=120)
        assert get(port).startswith("Hello from Go! Host: ")
    finally:
        # `go run` leaves the built program as its child: end the whole process group.
        os.killpg(process.pid, signal.SIGTERM)
        process.communicate(timeout=30)


@pytest.mark.parametrize("variant", ["better", "pro", "enterprise"])
def test_dependency_step_runs_with_only_the_files_copied_before_it(
    make_project: MakeProject, go: GoToolchain, tmp_path: Path, variant: str
) -> None:
    """`COPY go.* ./` then `go mod download`, on a stdlib-only module without go.sum."""
    project = make_project(variant=variant)
    _, stages = stages_of(project.dockerfile)
    builder = next(stage for stage in stages if stage.name == "builder")
    commands = list(builder.commands)
    download = next(c for c in commands if c.cmd.upper() == "RUN" and "go mod" in c.value[0])
    copies = [c for c in commands[: commands.index(download)] if c.cmd.upper() == "COPY"]
    for copy in copies:
        *sources, target = copy.value
        assert target == "./"
        for pattern in sources:
            matched = sorted(project.context.glob(pattern))
            assert matched, f"COPY {pattern} matches nothing: a build error on buildah"
            for path in matched:
                shutil.copy2(path, tmp_path / path.name)
    env = project.go_build().stage_env
    step = parse_simple_command(download.value[0], env)
    assert step.argv[:3] == ["go", "mod", "download"]
    go.run(step.argv[1:], cwd=tmp_path, env={**env, **step.assignments})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["go.mod"]


def test_build_context_leaves_out_what_dockerignore_lists(make_project: MakeProject) -> None:
    project = make_project(variant="enterprise")
    sent = {p.name for p in project.context.iterdir()}
    assert not {"Dockerfile", ".dockerignore"} & sent
    assert all(name.endswith(".go") or name in ("go.mod", "go.sum") for name in sent)
