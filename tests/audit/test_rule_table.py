"""The rule table is the one home of each rule: its example raises it, its fix does not, and
the generator options it names are real flags that write a Dockerfile without it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer

from scaffold_go_docker.audit import RULES, Rule, Severity, audit_text
from scaffold_go_docker.cli.app import app
from scaffold_go_docker.errors import InvalidOptionsError
from scaffold_go_docker.options import Options
from scaffold_go_docker.rendering import render_dockerfile

from .conftest import rule_fixtures

#: Stable IDs: findings are suppressed and configured by them in users' files.
STABLE_IDS = [
    "SGD001",
    "SGD101",
    "SGD102",
    "SGD103",
    "SGD104",
    "SGD110",
    "SGD111",
    "SGD120",
    "SGD121",
    "SGD130",
    "SGD131",
    "SGD140",
    "SGD150",
    "SGD160",
    "SGD161",
    "SGD170",
    "SGD180",
    "SGD190",
    "SGD191",
]
RULE_LIST = list(RULES.values())
BASES = ("alpine", "scratch", "distroless")


def _audit_example(rule: Rule, text: str, tmp_path: Path) -> set[str]:
    path = None
    if rule.example_go_mod:
        (tmp_path / "go.mod").write_text(rule.example_go_mod)
        path = tmp_path / "Dockerfile"
    return {finding.rule for finding in audit_text(text, path=path).findings}


def test_rule_ids_are_the_stable_ones() -> None:
    assert list(RULES) == STABLE_IDS


@pytest.mark.parametrize("rule", RULE_LIST, ids=list(RULES))
def test_rule_example_raises_the_rule_and_its_fixed_version_does_not(
    rule: Rule, tmp_path: Path
) -> None:
    assert rule.id in _audit_example(rule, rule.example, tmp_path)
    assert rule.id not in _audit_example(rule, rule.fixed, tmp_path)


@pytest.mark.parametrize("rule", RULE_LIST, ids=list(RULES))
def test_rule_has_fixtures_that_raise_it_and_fixtures_that_do_not(rule: Rule) -> None:
    verdicts = {fixture.raises for fixture in rule_fixtures() if fixture.rule == rule.id}

    assert verdicts == {True, False}


def _new_flags() -> set[str]:
    command = typer.main.get_command(app).commands["new"]  # type: ignore[attr-defined]
    return {opt for param in command.params for opt in [*param.opts, *param.secondary_opts]}


@pytest.mark.parametrize("rule", [r for r in RULE_LIST if r.options], ids=lambda r: r.id)
def test_rule_options_are_flags_of_new(rule: Rule) -> None:
    flags = {flag.split()[0] for flag in rule.flags}

    assert flags <= _new_flags()


def _resolved(choices: dict[str, Any]) -> Options | None:
    try:
        return Options.resolve({"app_name": "app", **choices})
    except InvalidOptionsError:
        return None


@pytest.mark.parametrize("rule", [r for r in RULE_LIST if r.options], ids=lambda r: r.id)
@pytest.mark.parametrize("base", BASES)
def test_rule_options_write_a_dockerfile_without_the_rule(rule: Rule, base: str) -> None:
    options = _resolved({"base": base, **rule.options})
    if options is None:
        # The rule's options choose their own base (SGD131 needs a C library).
        options = _resolved(dict(rule.options))
        assert options is not None, f"{rule.id}: {dict(rule.options)} is refused"

    report = audit_text(render_dockerfile(options))

    assert rule.id not in {finding.rule for finding in report.findings}


def test_every_finding_carries_its_rule_s_fix_and_flags() -> None:
    report = audit_text(RULES["SGD110"].example)
    (finding,) = [f for f in report.findings if f.rule == "SGD110"]

    assert finding.options == ("--non-root",)
    assert finding.fix == RULES["SGD110"].fix
    assert finding.severity is Severity.WARNING
