"""Generated option flags: unset ones pass through as None without typer's coercion."""

from __future__ import annotations

from typing import Any

import pytest
from typer.core import TyperOption

from scaffold_go_docker.cli.option_flags import option_fields

from .conftest import Cli


@pytest.fixture
def coerced(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Records every option value that reaches typer's own processing."""
    seen: dict[str, Any] = {}
    original = TyperOption.process_value

    def spy(self: TyperOption, ctx: Any, value: Any) -> Any:
        seen[self.name or ""] = value
        return original(self, ctx, value)

    monkeypatch.setattr(TyperOption, "process_value", spy)
    return seen


def test_unset_options_skip_typers_coercion_and_set_ones_go_through_it(
    cli: Cli, coerced: dict[str, Any]
) -> None:
    outcome = cli("render", "--app-name", "demo", "--port", "9000", "--no-git")

    assert outcome.code == 0, outcome.err
    assert "EXPOSE 9000" in outcome.out
    assert coerced["port"] == "9000"  # a string from the command line, coerced by typer
    assert coerced["git"] is False
    assert set(coerced) & set(option_fields()) == {"port", "git"}  # nothing unset


def test_a_set_option_with_a_bad_value_is_still_a_usage_error(cli: Cli) -> None:
    outcome = cli("render", "--app-name", "demo", "--port", "eighty")

    assert outcome.code == 2
    assert "--port" in outcome.err
    assert "Traceback" not in outcome.err


def test_an_option_set_by_its_environment_variable_is_coerced(cli: Cli) -> None:
    outcome = cli("render", "--app-name", "demo", env={"SCAFFOLD_GO_DOCKER_PORT": "9100"})

    assert outcome.code == 0, outcome.err
    assert "EXPOSE 9100" in outcome.out
