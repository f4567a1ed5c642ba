"""`init --no-input` on every fixture module: the Dockerfile it writes is the one its options
render, parses with BuildKit's parser and holds every invariant, hadolint included."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold_go_docker.detect import detect
from scaffold_go_docker.init_project import plan_init
from scaffold_go_docker.inputs.sources import Choices
from scaffold_go_docker.options import Source
from scaffold_go_docker.rendering import render_dockerfile

from .expected import parse
from .invariants import Lint, assert_invariants

FIXTURES = Path(__file__).resolve().parents[1] / "detect" / "fixtures"


def fixture_mains() -> list[tuple[str, str]]:
    return [
        (fixture.name, main.package)
        for fixture in sorted(FIXTURES.iterdir())
        for main in detect(fixture).main_packages
    ]


@pytest.mark.parametrize(("fixture", "main"), fixture_mains())
def test_init_writes_a_dockerfile_that_parses_and_holds_every_invariant(
    lint: Lint, fixture: str, main: str
) -> None:
    choices = Choices()
    choices.set("main_packages", (main,), Source.FLAG)
    plan = plan_init(FIXTURES / fixture, choices, dry_run=True, why_no_asker="--no-input")
    [options] = plan.plan.options.values()
    dockerfile = next(entry.content for entry in plan.files if entry.path == "Dockerfile")
    assert dockerfile == render_dockerfile(options)
    assert parse(dockerfile)
    assert_invariants(options, lint)
