"""The parsed go build step is what the builder's shell would run (checked against /bin/sh)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from .conftest import MakeProject
from .dockerfile_build import go_build_of
from .gotool import GoToolchain
from .shell_words import ShellSyntaxError, parse_simple_command

_RECORDER = """\
import json, os, sys
with open(os.environ["RECORD_TO"], "w") as out:
    json.dump({"argv": sys.argv[1:], "env": dict(os.environ)}, out)
"""
# Set by the shell or the recorder itself (LC_CTYPE: Python's C-locale coercion).
_NOT_FROM_RUN_LINE = {"PATH", "PWD", "OLDPWD", "SHLVL", "_", "RECORD_TO", "LC_CTYPE"}


def run_with_sh(
    command: str, env: Mapping[str, str], tmp_path: Path
) -> tuple[list[str], dict[str, str]]:
    """Run `command` with /bin/sh, a recorder standing in for `go`: its argv and environment."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    go = bin_dir / "go"
    go.write_text(f"#!{sys.executable}\n{_RECORDER}")
    go.chmod(0o755)
    record = tmp_path / "record.json"
    subprocess.run(
        ["/bin/sh", "-c", command],
        env={**env, "PATH": str(bin_dir), "RECORD_TO": str(record)},
        check=True,
        timeout=30,
    )
    recorded = json.loads(record.read_text())
    env_seen = {k: v for k, v in recorded["env"].items() if k not in _NOT_FROM_RUN_LINE}
    return ["go", *recorded["argv"]], env_seen


@pytest.mark.parametrize(
    ("choices", "build_args", "platform"),
    [
        ({"variant": "better"}, {}, "linux/amd64"),
        ({"variant": "pro"}, {}, "linux/amd64"),
        ({"variant": "pro"}, {"VERSION": "v1.2.3", "COMMIT": "abc"}, "linux/arm/v7"),
        ({"variant": "enterprise", "base": "scratch"}, {"VERSION": "two words"}, "linux/arm64"),
        ({"variant": "enterprise", "buildkit": False, "cross_compile": False}, {}, "linux/amd64"),
    ],
)
def test_go_build_step_matches_what_sh_runs(
    make_project: MakeProject,
    tmp_path: Path,
    choices: dict[str, object],
    build_args: dict[str, str],
    platform: str,
) -> None:
    step = make_project(**choices).go_build(build_args, platform)
    argv, env = run_with_sh(step.command, step.stage_env, tmp_path)
    assert (step.argv, step.env) == (argv, env)


@pytest.mark.parametrize(
    "command",
    [
        'A=1 B="${X#v} y" go build -ldflags="-X a=${V}" $W .',
        "A=${UNSET:-fallback} C=${X##*v} D=${V%.*} go build ${UNSET-} '$V' \"\" x\\ y",
        "go build $W$V -o${V}",
    ],
)
def test_word_expansion_matches_sh(command: str, tmp_path: Path) -> None:
    env = {"X": "vv7", "V": "1.2.3", "W": "  -tags  a  "}
    parsed = parse_simple_command(command, env)
    argv, seen = run_with_sh(command, env, tmp_path)
    assert (parsed.argv, {**env, **parsed.assignments}) == (argv, seen)


@pytest.mark.parametrize("command", ["go build . && rm -rf /", "go build $(pwd)", "go build *"])
def test_shell_syntax_beyond_a_simple_command_is_refused(command: str) -> None:
    with pytest.raises(ShellSyntaxError):
        parse_simple_command(command, {})


def test_stage_arg_without_value_takes_the_global_default(make_project: MakeProject) -> None:
    step = make_project(variant="pro").go_build()
    assert step.stage_env["VERSION"] == "dev"
    assert "-X 'main.version=dev'" in next(a for a in step.argv if a.startswith("-ldflags="))


def test_build_arg_overrides_the_global_default(make_project: MakeProject) -> None:
    step = make_project(variant="pro").go_build({"VERSION": "v9"})
    assert "-X 'main.version=v9'" in next(a for a in step.argv if a.startswith("-ldflags="))


@pytest.mark.parametrize(
    ("platform", "goos", "goarch", "goarm"),
    [("linux/amd64", "linux", "amd64", ""), ("linux/arm64", "linux", "arm64", ""),
     ("linux/arm/v7", "linux", "arm", "7"), ("linux/arm/v6", "linux", "arm", "6")],
)  # fmt: skip
def test_cross_compiling_run_line_targets_the_platform(
    make_project: MakeProject, platform: str, goos: str, goarch: str, goarm: str
) -> None:
    step = make_project(variant="pro").go_build(platform=platform)
    assert {k: step.assignments[k] for k in ("GOOS", "GOARCH", "GOARM")} == {
        "GOOS": goos,
        "GOARCH": goarch,
        "GOARM": goarm,
    }


@pytest.mark.parametrize("variant", ["better", "pro", "enterprise"])
def test_cache_mounts_are_the_golang_images_go_caches(
    make_project: MakeProject, go: GoToolchain, variant: str
) -> None:
    step = make_project(variant=variant).go_build()
    targets = {m["target"] for m in step.mounts if m.get("type") == "cache"}
    assert targets == set(go.image_cache_dirs().values())


def test_dockerfile_without_builder_go_build_is_rejected() -> None:
    with pytest.raises(AssertionError, match="go build"):
        go_build_of("FROM golang:1.27 AS builder\nRUN go vet ./...\n")
