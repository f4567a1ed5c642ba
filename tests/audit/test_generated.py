"""What scaffold-go-docker writes passes its own audit.

A project as `new` writes it (Dockerfile beside the sample app's go.mod) has no warning or
error, for every non-bad variant and base, with and without comments, compose and CI
files. A Dockerfile rendered alone (`render`) has none either: where the options leave a
protection out on purpose (no non-root user, SGD110; no CA bundle on a base without one,
SGD120), the file says so and suppresses exactly that rule, and no other.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from static.cases import MATRIX, VARIANT_DEFAULTS, Case, accepted, any_choices

from scaffold_go_docker.audit import Severity, audit_paths, audit_text
from scaffold_go_docker.facts.base_images import lookup
from scaffold_go_docker.options import Base, Options, Variant
from scaffold_go_docker.rendering import render_dockerfile, render_project

MULTI_STAGE = [v.value for v in Variant if v is not Variant.BAD]
PROJECTS = list(
    itertools.product(MULTI_STAGE, [b.value for b in Base if b is not Base.GOLANG], [True, False])
)


def _write(directory: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _serious(findings: Any) -> list[tuple[str, str]]:
    return [
        (finding.rule, finding.message)
        for finding in findings
        if finding.severity is not Severity.INFO
    ]


@pytest.mark.parametrize(("variant", "base", "extras"), PROJECTS)
def test_project_written_by_new_audits_without_warnings(
    variant: str, base: str, extras: bool, tmp_path: Path
) -> None:
    options = Options.resolve(
        {
            "app_name": "svc",
            "variant": variant,
            "base": base,
            "comments": extras,
            "compose": extras,
            "ci_workflow": extras,
        }
    )
    _write(tmp_path, render_project(options))

    report = audit_paths([str(tmp_path)])

    assert [file.file for file in report.files] == [str(tmp_path / "Dockerfile")]
    assert _serious(report.findings) == []


def _consistent(options: Options) -> bool:
    """Image overrides that name the chosen base and builder (a mirror, a digest pin);
    an override naming another image is a different Dockerfile than the options say."""
    if options.base is Base.GOLANG:
        return False
    default = Options.resolve(
        {"app_name": "x", "base": options.base.value, "builder": options.builder.value}
    )
    pairs = [
        (options.runtime_image_ref, default.runtime_image_ref),
        (options.builder_image_ref, default.builder_image_ref),
    ]
    for ref, expected in pairs:
        facts, wanted = lookup(ref or ""), lookup(expected or "")
        if facts is None or wanted is None or facts.name != wanted.name:
            return False
    return True


def expected_warnings(options: Options) -> set[str]:
    """The rules a rendered Dockerfile would warn about, from the options alone."""
    facts = lookup(options.runtime_image_ref or "")
    assert facts is not None
    expected = set()
    if not options.non_root and facts.uid == 0:
        expected.add("SGD110")
    bundle_added = options.ca_certificates and options.base is not Base.DISTROLESS
    if facts.ca_bundle is False and not bundle_added:
        expected.add("SGD120")
    return expected


def _warned(options: Options) -> set[str]:
    report = audit_text(render_dockerfile(options))
    return {rule for rule, _ in _serious(report.findings)}


def _suppressed(options: Options) -> set[str]:
    """The rules the rendered file suppresses with `# scaffold-go-docker ignore=...`."""
    text = render_dockerfile(options)
    return set(re.findall(r"^# scaffold-go-docker ignore=(SGD\d+)", text, re.MULTILINE))


CASES = [
    case
    for case in VARIANT_DEFAULTS + MATRIX
    if case.options.variant is not Variant.BAD and _consistent(case.options)
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_rendered_dockerfile_audits_clean_and_suppresses_only_the_protections_left_out(
    case: Case,
) -> None:
    assert _warned(case.options) == set()
    assert _suppressed(case.options) == expected_warnings(case.options)


def test_matrix_covers_both_verdicts() -> None:
    verdicts = {frozenset(expected_warnings(case.options)) for case in CASES}

    assert frozenset() in verdicts
    assert {frozenset({"SGD120"}), frozenset({"SGD110", "SGD120"})} <= verdicts


@given(any_choices)
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
def test_any_accepted_options_render_a_dockerfile_the_audit_agrees_with(
    choices: dict[str, Any],
) -> None:
    options = accepted(choices)
    assume(options is not None and options.variant is not Variant.BAD)
    assert options is not None
    assume(_consistent(options))

    assert _warned(options) == set()
    assert _suppressed(options) == expected_warnings(options)


def test_bad_variant_raises_the_tutorial_s_three_problems() -> None:
    options = Options.resolve({"app_name": "svc", "variant": "bad"})

    report = audit_text(render_dockerfile(options))

    assert {"SGD101", "SGD102", "SGD103"} <= {finding.rule for finding in report.findings}
