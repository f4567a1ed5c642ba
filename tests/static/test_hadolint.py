"""hadolint, the real linter, on every Dockerfile we generate."""

from __future__ import annotations

import re

import pytest

from scaffold_go_docker.rendering import render_dockerfile

from .cases import MATRIX, VARIANT_DEFAULTS, Case
from .conftest import Lint

LINTED = [case for case in VARIANT_DEFAULTS + MATRIX if case.options.variant.value != "bad"]


@pytest.mark.parametrize("case", LINTED, ids=[case.name for case in LINTED])
def test_no_findings_on_any_non_bad_output(lint: Lint, case: Case) -> None:
    findings = lint(render_dockerfile(case.options))
    assert [(f["code"], f["line"], f["message"]) for f in findings] == []


def test_hadolint_does_find_problems_in_a_plainly_bad_dockerfile(lint: Lint) -> None:
    """The linter is really running: the anti-patterns it knows are reported."""
    codes = {f["code"] for f in lint("FROM golang\nRUN apk add git\nCMD go run .\n")}
    assert codes >= {"DL3006", "DL3018", "DL3019", "DL3025"}


def test_bad_variant_has_no_lint_findings_its_problems_are_design_problems(lint: Lint) -> None:
    """The seed's three problems (compiler image, source in the image, `go run`) are valid
    Dockerfile syntax with a pinned tag and exec-form CMD: no hadolint rule covers them,
    so its comments name them instead."""
    bad = render_dockerfile(VARIANT_DEFAULTS[0].options)
    assert lint(bad) == []


def test_bad_variant_comments_name_the_seeds_three_problems() -> None:
    bad = render_dockerfile(VARIANT_DEFAULTS[0].options)
    problems = {
        int(match.group(1)): match.group(2)
        for match in re.finditer(r"^# Problem (\d): (.*)$", bad, re.MULTILINE)
    }
    assert sorted(problems) == [1, 2, 3]
    assert "full golang image (~800 MB" in problems[1]
    assert "source code ships inside the image" in problems[2]
    assert "downloads every dependency again" in bad
    assert "`go run` compiles at every start" in problems[3]
