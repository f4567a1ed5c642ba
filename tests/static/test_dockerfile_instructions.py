"""Rendered Dockerfiles, parsed by BuildKit's own parser, hold exactly the expected instructions."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings

from scaffold_go_docker.options import Base, Builder, Options, PrivateAuth, TzdataSource, Variant
from scaffold_go_docker.rendering import render_dockerfile, render_project

from .cases import MATRIX, OPTIONAL_CHOICES, VARIANT_DEFAULTS, Case, accepted, any_choices
from .expected import (
    BUILD_CACHE,
    CA_BUNDLE,
    MODULE_CACHE,
    NETRC_SECRET,
    SSH_AGENT,
    compare,
    expected_steps,
    parse,
)

ALL_CASES = VARIANT_DEFAULTS + MATRIX
MULTI_STAGE = [case for case in ALL_CASES if case.options.variant.value != "bad"]
PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)


def _ids(cases: list[Case]) -> list[str]:
    return [case.name for case in cases]


def _commands(case: Case) -> list[Any]:
    return parse(render_dockerfile(case.options))


def _of(commands: list[Any], cmd: str) -> list[Any]:
    return [command for command in commands if command.cmd == cmd]


@pytest.mark.parametrize("case", ALL_CASES, ids=_ids(ALL_CASES))
def test_instruction_sequence_is_the_expected_one(case: Case) -> None:
    expected = expected_steps(case.options)
    assert compare(_commands(case), expected) == expected


@given(any_choices)
@PROPERTY
def test_any_accepted_options_render_exactly_the_expected_instructions(
    choices: dict[str, Any],
) -> None:
    options = accepted(choices)
    assume(options is not None)
    assert options is not None
    expected = expected_steps(options)
    assert compare(parse(render_dockerfile(options)), expected) == expected


@given(any_choices)
@PROPERTY
def test_every_rendered_file_ends_with_one_newline_and_has_no_carriage_return(
    choices: dict[str, Any],
) -> None:
    options = accepted(choices)
    assume(options is not None)
    assert options is not None
    for path, text in render_project(options).items():
        assert text.endswith("\n"), path
        assert not text.endswith("\n\n"), path
        assert "\r" not in text, path


def test_the_choice_strategy_covers_every_option_of_the_model() -> None:
    assert set(OPTIONAL_CHOICES) | {"app_name", "variant"} == set(Options.model_fields)


def test_the_matrix_reaches_every_value_of_every_choice() -> None:
    options = [case.options for case in MATRIX]
    every_value: dict[str, set[object]] = {
        "base": {Base.ALPINE, Base.SCRATCH, Base.DISTROLESS},
        "builder": set(Builder),
        "private_auth": set(PrivateAuth),
        **{name: {False, True} for name in ("buildkit", "cross_compile", "comments", "cgo")},
    }
    for name, values in every_value.items():
        assert {getattr(o, name) for o in options} >= values, name
    ways = {o.effective_tzdata_source for o in options}
    assert ways >= {None, TzdataSource.PACKAGE, TzdataSource.COPY, TzdataSource.EMBED}
    assert any(o.builder_image and o.runtime_image for o in options)
    assert any(not o.comments and o.goprivate for o in options)
    assert {(o.variant, o.private_auth) for o in options} >= set(
        itertools.product([Variant.PRO, Variant.ENTERPRISE], PrivateAuth)
    )


@pytest.mark.parametrize("case", ALL_CASES, ids=_ids(ALL_CASES))
def test_entrypoint_cmd_and_healthcheck_use_exec_form(case: Case) -> None:
    commands = _commands(case)
    execs = [c for c in commands if c.cmd in ("ENTRYPOINT", "CMD", "HEALTHCHECK")]
    assert execs
    assert all(c.json for c in execs), [c.original for c in execs if not c.json]


@pytest.mark.parametrize("case", MULTI_STAGE, ids=_ids(MULTI_STAGE))
def test_user_is_numeric_and_not_root(case: Case) -> None:
    users = _of(_commands(case), "USER")
    if not case.options.non_root:
        assert users == []
        return
    (user,) = users
    assert re.fullmatch(r"[1-9][0-9]*:[1-9][0-9]*", user.value[0])


@pytest.mark.parametrize("case", ALL_CASES, ids=_ids(ALL_CASES))
def test_every_base_image_is_pinned(case: Case) -> None:
    for command in _of(_commands(case), "FROM"):
        image = command.value[0]
        if image == "scratch":
            continue
        name, _, digest = image.partition("@sha256:")
        tag = name.rsplit("/", 1)[-1].partition(":")[2]
        assert tag or digest, image
        assert tag != "latest" or digest, image


@pytest.mark.parametrize("case", ALL_CASES, ids=_ids(ALL_CASES))
def test_no_copy_relies_on_a_go_sum_glob_that_breaks_buildah(case: Case) -> None:
    sources = [v for c in _of(_commands(case), "COPY") for v in c.value[:-1]]
    assert not any("go.sum" in source for source in sources), sources


@pytest.mark.parametrize("case", MULTI_STAGE, ids=_ids(MULTI_STAGE))
def test_the_build_does_not_stamp_vcs_data(case: Case) -> None:
    builds = [c for c in _of(_commands(case), "RUN") if "go build" in c.value[0]]
    assert len(builds) == 1
    assert "-buildvcs=false" in builds[0].value[0]


@pytest.mark.parametrize("case", MULTI_STAGE, ids=_ids(MULTI_STAGE))
def test_only_the_builder_runs_on_the_build_platform(case: Case) -> None:
    builder, runtime = _of(_commands(case), "FROM")
    assert builder.value[1:] == ("AS", "builder")
    assert runtime.value[1:] == ("AS", "runtime")
    expected = ("--platform=$BUILDPLATFORM",) if case.options.cross_compile else ()
    assert builder.flags == expected
    assert runtime.flags == ()


@pytest.mark.parametrize("case", MULTI_STAGE, ids=_ids(MULTI_STAGE))
def test_the_runtime_stage_takes_files_only_from_the_builder(case: Case) -> None:
    commands = _commands(case)
    runtime_start = max(i for i, c in enumerate(commands) if c.cmd == "FROM")
    copies = _of(commands[runtime_start:], "COPY")
    assert copies
    assert all(c.flags == ("--from=builder",) for c in copies)


@pytest.mark.parametrize("case", ALL_CASES, ids=_ids(ALL_CASES))
def test_buildkit_syntax_line_and_mounts_only_with_buildkit(case: Case) -> None:
    text = render_dockerfile(case.options)
    mounts = {f for c in parse(text) for f in c.flags if f.startswith("--mount=")}
    if case.options.buildkit:
        assert text.startswith("# syntax=docker/dockerfile:1\n")
        assert {MODULE_CACHE, BUILD_CACHE} <= mounts
    else:
        assert "syntax=" not in text
        assert mounts == set()


@pytest.mark.parametrize("case", MULTI_STAGE, ids=_ids(MULTI_STAGE))
def test_private_module_credentials_come_only_through_mounts(case: Case) -> None:
    commands = _commands(case)
    mounts = {f for c in commands for f in c.flags}
    auth = case.options.private_auth.value
    assert (NETRC_SECRET in mounts) == (auth == "netrc")
    assert (SSH_AGENT in mounts) == (auth == "ssh")
    settings_ = [c.value[0] for c in commands if c.cmd in ("ARG", "ENV")]
    assert not any(re.search(r"TOKEN|PASSWORD|NETRC", s, re.IGNORECASE) for s in settings_)


@pytest.mark.parametrize("case", ALL_CASES, ids=_ids(ALL_CASES))
def test_without_comments_only_directives_remain_and_instructions_are_unchanged(
    case: Case,
) -> None:
    with_comments = Options.resolve({**case.choices, "comments": True})
    without = Options.resolve({**case.choices, "comments": False})
    bare = render_dockerfile(without)
    comments = [line for line in bare.splitlines() if line.lstrip().startswith("#")]
    assert all(re.match(r"# (syntax=|hadolint ignore=DL)", line) for line in comments), comments
    originals = [c.original for c in parse(render_dockerfile(with_comments))]
    assert [c.original for c in parse(bare)] == originals


def test_enterprise_on_scratch_keeps_what_the_alpine_enterprise_image_gives() -> None:
    """CA bundle, zoneinfo, a named numeric user and a writable /tmp, without a shell."""
    commands = parse(render_dockerfile(Options.resolve({"app_name": "svc", "base": "scratch"})))
    copies = {c.value for c in _of(commands, "COPY") if c.flags == ("--from=builder",)}
    assert (CA_BUNDLE, CA_BUNDLE) in copies
    assert ("/rootfs/", "/") in copies
    (build,) = [c.value[0] for c in _of(commands, "RUN") if "go build" in c.value[0]]
    assert "-tags timetzdata" in build
    (staging,) = [c.value[0] for c in _of(commands, "RUN") if "/rootfs" in c.value[0]]
    assert "/rootfs/etc/passwd" in staging
    assert "chmod 1777 /rootfs/tmp" in staging
    assert [c.value for c in _of(commands, "USER")] == [("10001:10001",)]


def test_distroless_runs_as_its_nonroot_user_by_default() -> None:
    options = Options.resolve({"app_name": "svc", "variant": "pro", "base": "distroless"})
    commands = parse(render_dockerfile(options))
    assert _of(commands, "FROM")[-1].value[0] == "gcr.io/distroless/static-debian12:nonroot"
    assert [c.value for c in _of(commands, "USER")] == [("65532:65532",)]
