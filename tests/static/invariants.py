"""What every project the generator writes must hold, whatever the options: one checker that
the option matrix and the property tests both call."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from scaffold_go_docker.options import Lang, Options, Variant
from scaffold_go_docker.rendering import render_dockerfile, render_project

from .expected import BUILD_CACHE, MODULE_CACHE, NETRC_SECRET, SSH_AGENT, env_values, parse

Lint = Callable[[str], list[dict[str, Any]]]


def assert_invariants(options: Options, lint: Lint) -> None:
    """Every invariant of the Dockerfile and of the project's files, for `options`."""
    files = render_project(options)
    text = files["Dockerfile"]
    assert text == render_dockerfile(options)
    _files_end_with_one_newline(files)
    commands = parse(text)
    _exec_form(commands)
    _pinned_bases(commands)
    _no_go_sum_glob(commands)
    _buildkit_only_with_buildkit(options, text, commands)
    _comments_change_no_instruction(options, text)
    _explanations_in_the_options_language(options, files)
    if options.variant is Variant.BAD:
        assert lint(text) == []  # its problems are design problems no lint rule covers
        return
    _numeric_non_root_user(options, commands)
    _one_build_without_vcs_stamping(options, commands)
    _only_the_builder_on_the_build_platform(options, commands)
    _runtime_takes_files_only_from_the_builder(commands)
    _credentials_only_through_mounts(options, commands)
    _user_environment_as_given(options, commands)
    findings = lint(text)
    assert [(f["code"], f["line"], f["message"]) for f in findings] == []


def _of(commands: list[Any], cmd: str) -> list[Any]:
    return [command for command in commands if command.cmd == cmd]


def _files_end_with_one_newline(files: dict[str, str]) -> None:
    for path, text in files.items():
        assert text.endswith("\n"), path
        assert not text.endswith("\n\n"), path
        assert "\r" not in text, path


def _exec_form(commands: list[Any]) -> None:
    execs = [c for c in commands if c.cmd in ("ENTRYPOINT", "CMD", "HEALTHCHECK")]
    assert execs
    assert all(c.json for c in execs), [c.original for c in execs if not c.json]


def _pinned_bases(commands: list[Any]) -> None:
    stages = {c.value[2].lower() for c in _of(commands, "FROM") if len(c.value) == 3}
    for command in _of(commands, "FROM"):
        image = command.value[0]
        if image == "scratch" or image.lower() in stages:
            continue
        name, _, digest = image.partition("@sha256:")
        tag = name.rsplit("/", 1)[-1].partition(":")[2]
        assert tag or digest, image
        assert tag != "latest" or digest, image


def _no_go_sum_glob(commands: list[Any]) -> None:
    """A `go.sum*` pattern that matches nothing fails on buildah and podman."""
    sources = [v for c in _of(commands, "COPY") for v in c.value[:-1]]
    assert not any("go.sum" in source for source in sources), sources


def _buildkit_only_with_buildkit(options: Options, text: str, commands: list[Any]) -> None:
    """Cache mounts with BuildKit; a syntax line only with BuildKit and unless left out."""
    mounts = {f for c in commands for f in c.flags if f.startswith("--mount=")}
    if options.buildkit and options.syntax_line:
        frontend = options.syntax_image or "docker/dockerfile:1"
        assert text.startswith(f"# syntax={frontend}\n")
    else:
        assert "syntax=" not in text
    if options.buildkit:
        # A vendored module reads no module cache: the build cache alone.
        assert ({BUILD_CACHE} if options.vendor else {MODULE_CACHE, BUILD_CACHE}) <= mounts
    else:
        assert mounts == set()


def _comments_change_no_instruction(options: Options, text: str) -> None:
    """Without comments only directives remain, and the instructions are the same."""
    with_comments = render_dockerfile(options.model_copy(update={"comments": True}))
    bare = render_dockerfile(options.model_copy(update={"comments": False}))
    assert text == (with_comments if options.comments else bare)
    comments = [line for line in bare.splitlines() if line.lstrip().startswith("#")]
    pragmas = r"# (syntax=|hadolint ignore=DL|scaffold-go-docker ignore=SGD)"
    assert all(re.match(pragmas, line) for line in comments), comments
    assert [c.original for c in parse(bare)] == [c.original for c in parse(with_comments)]


#: Comment lines that are not prose: directives, pragmas, the header's build command.
_NOT_PROSE = re.compile(r"\s*#(\s*$| (syntax=|hadolint ignore=|scaffold-go-docker ignore=)|   )")


def _prose(files: dict[str, str]) -> set[str]:
    return {
        line
        for text in files.values()
        for line in text.splitlines()
        if line.lstrip().startswith("#") and not _NOT_PROSE.match(line)
    }


def _explanations_in_the_options_language(options: Options, files: dict[str, str]) -> None:
    """English comments are ASCII; a translation shares no comment line with the English
    (a line left in English would be one a template forgot to mark for translation)."""
    if options.lang is Lang.EN:
        assert all(line.isascii() for line in _prose(files))
        return
    english = _prose(render_project(options.model_copy(update={"lang": Lang.EN})))
    assert _prose(files) & english == set()


def _numeric_non_root_user(options: Options, commands: list[Any]) -> None:
    users = _of(commands, "USER")
    if not options.non_root:
        assert users == []
        return
    (user,) = users
    assert re.fullmatch(r"[1-9][0-9]*:[1-9][0-9]*", user.value[0])


def _one_build_without_vcs_stamping(options: Options, commands: list[Any]) -> None:
    """One go build of the service (the health-check probe aside), without VCS stamping:
    turned off where Go stamps (1.18 and later), and no flag that Go lacks before."""
    builds = [c for c in _of(commands, "RUN") if "go build" in c.value[0]]
    service = [c for c in builds if "http-probe" not in c.value[0]]
    assert len(service) == 1
    stamps = int(options.go_version.split(".")[1]) >= 18
    assert all(("-buildvcs=false" in c.value[0]) is stamps for c in builds)
    assert all(("-buildvcs" in c.value[0]) is stamps for c in builds)


def _only_the_builder_on_the_build_platform(options: Options, commands: list[Any]) -> None:
    """builder, then runtime, then (one image per binary) a target on the runtime for each."""
    builder, runtime, *targets = _of(commands, "FROM")
    assert builder.value[1:] == ("AS", "builder")
    assert runtime.value[1:] == ("AS", "runtime")
    assert all(t.value[:2] == ("runtime", "AS") and t.flags == () for t in targets)
    assert len({t.value[2].lower() for t in targets}) == len(targets)
    expected = ("--platform=$BUILDPLATFORM",) if options.cross_compile else ()
    assert builder.flags == expected
    assert runtime.flags == ()


def _runtime_takes_files_only_from_the_builder(commands: list[Any]) -> None:
    """Every COPY after the builder takes files from it, root-owned unless chowned to a
    numeric owner (a writable directory)."""
    runtime_start = [i for i, c in enumerate(commands) if c.cmd == "FROM"][1]
    copies = _of(commands[runtime_start:], "COPY")
    assert copies
    for c in copies:
        assert c.flags[0] == "--from=builder"
        assert all(re.fullmatch(r"--chown=[1-9][0-9]*:[1-9][0-9]*", f) for f in c.flags[1:])


def _user_environment_as_given(options: Options, commands: list[Any]) -> None:
    """The service's ENV holds exactly the given KEY=VALUE entries, quoted so that nothing
    in a value is expanded."""
    tool = {"ZONEINFO", "TZ"}
    runtime_start = [i for i, c in enumerate(commands) if c.cmd == "FROM"][1]
    given = [c for c in _of(commands[runtime_start:], "ENV") if c.value[0] not in tool]
    if not options.env:
        assert not given
        return
    (env,) = given
    assert env_values(env) == list(options.env)


def _credentials_only_through_mounts(options: Options, commands: list[Any]) -> None:
    mounts = {f for c in commands for f in c.flags}
    auth = options.private_auth.value
    assert (NETRC_SECRET in mounts) == (auth == "netrc")
    assert (SSH_AGENT in mounts) == (auth == "ssh")
    settings = [c.value[0] for c in commands if c.cmd in ("ARG", "ENV")]
    assert not any(re.search(r"TOKEN|PASSWORD|NETRC", s, re.IGNORECASE) for s in settings)
