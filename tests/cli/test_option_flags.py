"""Generated option flags: values from the command line and the environment are coerced."""

from __future__ import annotations

from .conftest import Cli


def test_a_set_option_with_a_bad_value_is_still_a_usage_error(cli: Cli) -> None:
    outcome = cli("render", "--app-name", "demo", "--port", "eighty")

    assert outcome.code == 2
    assert "--port" in outcome.err
    assert "Traceback" not in outcome.err


def test_an_option_set_by_its_environment_variable_is_coerced(cli: Cli) -> None:
    outcome = cli("render", "--app-name", "demo", env={"SCAFFOLD_GO_DOCKER_PORT": "9100"})

    assert outcome.code == 0, outcome.err
    assert "EXPOSE 9100" in outcome.out
