"""Build flags a user sets (--ldflags, --tags, --platforms) and the syntax line: what the
Dockerfile does with any accepted value, and every value that is refused."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scaffold_go_docker.errors import InvalidOptionsError
from scaffold_go_docker.options import Options
from scaffold_go_docker.rendering import render_dockerfile, render_project

from .cases import APP, accepted, build_tags, ldflags, platform_lists
from .expected import parse

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORKFLOW = ".github/workflows/docker-image.yml"


def _build_command(text: str) -> str:
    (run,) = [c for c in parse(text) if c.cmd == "RUN" and "go build" in c.value[0]]
    return str(run.value[0])


def _instructions(text: str) -> list[str]:
    return [command.cmd for command in parse(text)]


@given(value=ldflags, stamp=st.booleans(), strip=st.booleans())
@PROPERTY
def test_accepted_linker_flags_end_the_one_ldflags_argument_verbatim(
    value: str, stamp: bool, strip: bool
) -> None:
    choices = {"app_name": APP, "variant": "pro", "version_stamp": stamp, "strip": strip}
    options = accepted({**choices, "ldflags": value})
    assume(options is not None)
    assert options is not None
    text = render_dockerfile(options)

    command = _build_command(text)
    assert command.count("-ldflags=") == 1
    argument = command.split('-ldflags="', 1)[1].split('"', 1)[0]
    assert argument.endswith(value)
    assert argument.startswith("-s -w" if strip else "-X" if stamp else value)
    assert _instructions(text) == _instructions(render_dockerfile(Options.resolve(choices)))


@given(value=build_tags, embeds=st.booleans())
@PROPERTY
def test_build_tags_are_the_users_then_the_tools_once_each(value: str, embeds: bool) -> None:
    choices = {"app_name": APP, "variant": "pro", "tzdata": embeds}
    options = Options.resolve({**choices, "tags": value})
    text = render_dockerfile(options)

    tags = _build_command(text).split("-tags ", 1)[1].split(" ", 1)[0].split(",")
    assert tags[: len(value.split(","))] == value.split(",")
    assert len(tags) == len(set(tags))
    assert ("timetzdata" in tags) == (embeds or "timetzdata" in value.split(","))
    assert _instructions(text) == _instructions(render_dockerfile(Options.resolve(choices)))


@given(value=platform_lists, cross=st.booleans())
@PROPERTY
def test_the_platforms_reach_the_build_command_and_the_ci_workflow(value: str, cross: bool) -> None:
    choices = {
        "app_name": APP,
        "variant": "pro",
        "base": "scratch",
        "cross_compile": cross,
        "ci_workflow": True,
    }
    options = accepted({**choices, "platforms": value})
    assume(options is not None)
    assert options is not None
    files = render_project(options)

    assert f"#     --platform {value} \\\n" in files["Dockerfile"]
    assert f"          platforms: {value}\n" in files[WORKFLOW]
    assert ("docker/setup-qemu-action" in files[WORKFLOW]) == (not cross)
    assert _instructions(files["Dockerfile"]) == _instructions(
        render_dockerfile(Options.resolve(choices))
    )


def test_the_default_platforms_are_those_of_a_cross_compiling_build_only() -> None:
    native = render_dockerfile(Options.resolve({"app_name": APP, "variant": "better"}))
    cross = render_dockerfile(Options.resolve({"app_name": APP, "variant": "pro"}))
    assert "--platform" not in native
    assert "#     --platform linux/amd64,linux/arm64 \\\n" in cross


@pytest.mark.parametrize(
    ("choices", "named"),
    [
        ({"ldflags": "-s"}, "--strip"),
        ({"ldflags": "-X main.x=1 -w"}, "--strip"),
        ({"ldflags": "-X main.version=1.0"}, "version stamp"),
        ({"ldflags": "-X 'main.commit=abc'"}, "version stamp"),
        ({"ldflags": "-X main.x=$(id)"}, "linker flags"),
        ({"ldflags": "-X main.x=`id`"}, "linker flags"),
        ({"ldflags": '-X main.x="a"'}, "linker flags"),
        ({"ldflags": "-X main.x=a;id"}, "linker flags"),
        ({"ldflags": "-X main.x=a&b"}, "linker flags"),
        ({"ldflags": "-X main.x=a|b"}, "linker flags"),
        ({"ldflags": "-X main.x=a\\b"}, "linker flags"),
        ({"ldflags": "-X main.x=a\nRUN id"}, "linker flags"),
        ({"ldflags": "'-extldflags'"}, "only the name=value after -X"),
        ({"ldflags": "-X"}, "-X needs"),
        ({"ldflags": "-X main"}, "importpath.name=value"),
        ({"tags": "netgo osusergo"}, "build tags"),
        ({"tags": "netgo,netgo"}, "twice"),
        ({"tags": "net-go"}, "build tags"),
        ({"platforms": "windows/amd64"}, "Linux images"),
        ({"platforms": "linux/sparc"}, "does not build for sparc"),
        ({"platforms": "linux/arm/v9"}, "no variant v9"),
        ({"platforms": "linux/amd64,linux/amd64"}, "twice"),
        ({"platforms": "linux/arm,linux/arm/v7"}, "twice"),
        ({"platforms": "linux/riscv64", "base": "distroless"}, "not published for linux/riscv64"),
        (
            {"platforms": "linux/mips64le", "cross_compile": False, "builder": "alpine"},
            "not published for linux/mips64le",
        ),
        ({"syntax_image": "docker/dockerfile"}, "has no tag"),
        ({"syntax_image": "docker/dockerfile:1", "syntax_line": False}, "--syntax-line"),
        ({"syntax_image": "docker/dockerfile:1", "buildkit": False}, "--buildkit"),
        ({"variant": "bad", "ldflags": "-X main.x=1"}, "bad"),
    ],
)
def test_a_value_the_tool_cannot_use_is_refused_with_one_line(
    choices: dict[str, Any], named: str
) -> None:
    with pytest.raises(InvalidOptionsError) as caught:
        Options.resolve({"app_name": APP, "variant": "pro", **choices})
    message = str(caught.value)
    assert len(message.splitlines()) == 1, message
    assert named in message


def test_without_the_syntax_line_the_file_says_which_builders_read_it() -> None:
    text = render_dockerfile(Options.resolve({"app_name": APP, "syntax_line": False}))
    assert not text.startswith("# syntax=")
    assert "# No syntax line: the builder's built-in frontend parses this file" in text
    assert "Docker 20.10 or\n# newer with BuildKit" in text


def test_a_mirrored_frontend_is_named_by_the_syntax_line() -> None:
    mirror = "registry.internal:5000/docker/dockerfile:1"
    text = render_dockerfile(Options.resolve({"app_name": APP, "syntax_image": mirror}))
    assert text.startswith(f"# syntax={mirror}\n")
