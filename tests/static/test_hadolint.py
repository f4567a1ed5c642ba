"""hadolint, the real linter, really runs (every generated Dockerfile is linted by the
invariants), and the bad variant names the tutorial's three problems in comments instead."""

from __future__ import annotations

import re

from scaffold_go_docker.rendering import render_dockerfile

from .cases import VARIANT_DEFAULTS
from .conftest import Lint


def test_hadolint_does_find_problems_in_a_plainly_bad_dockerfile(lint: Lint) -> None:
    """The linter is really running: the anti-patterns it knows are reported."""
    codes = {f["code"] for f in lint("FROM golang\nRUN apk add git\nCMD go run .\n")}
    assert codes >= {"DL3006", "DL3018", "DL3019", "DL3025"}


def test_bad_variant_comments_name_the_tutorials_three_problems() -> None:
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
