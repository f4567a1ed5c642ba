"""Rendered Dockerfiles, parsed by BuildKit's own parser, hold exactly the expected
instructions, and every invariant, over an option matrix and over any accepted options."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings

from scaffold_go_docker.options import (
    Base,
    Builder,
    Lang,
    Options,
    PrivateAuth,
    TzdataSource,
    Variant,
)
from scaffold_go_docker.rendering import render_dockerfile

from .cases import (
    MATRIX,
    OPTIONAL_CHOICES,
    VARIANT_DEFAULTS,
    Case,
    accepted,
    any_render_choices,
)
from .conftest import Lint
from .expected import compare, expected_steps, parse
from .invariants import assert_invariants

ALL_CASES = VARIANT_DEFAULTS + MATRIX
PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)


@pytest.mark.parametrize("case", ALL_CASES, ids=[case.name for case in ALL_CASES])
def test_each_case_renders_the_expected_instructions_and_holds_every_invariant(
    case: Case, lint: Lint
) -> None:
    expected = expected_steps(case.options)
    assert compare(parse(render_dockerfile(case.options)), expected) == expected
    assert_invariants(case.options, lint)


@given(any_render_choices)
@PROPERTY
def test_any_accepted_options_render_the_expected_instructions_and_hold_every_invariant(
    lint: Lint, choices: dict[str, Any]
) -> None:
    options = accepted(choices)
    assume(options is not None)
    assert options is not None
    expected = expected_steps(options)
    assert compare(parse(render_dockerfile(options)), expected) == expected
    assert_invariants(options, lint)


def test_the_choice_strategy_covers_every_option_of_the_model() -> None:
    assert set(OPTIONAL_CHOICES) | {"app_name", "variant"} == set(Options.model_fields)


def test_the_matrix_reaches_every_value_of_every_choice() -> None:
    options = [case.options for case in MATRIX]
    every_value: dict[str, set[object]] = {
        "base": {Base.ALPINE, Base.SCRATCH, Base.DISTROLESS},
        "builder": set(Builder),
        "private_auth": set(PrivateAuth),
        **{name: {False, True} for name in ("buildkit", "cross_compile", "comments", "cgo")},
        "lang": set(Lang),
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
