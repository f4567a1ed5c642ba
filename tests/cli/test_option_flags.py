"""Generated option flags: values from the command line and the environment are coerced."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--port", "eighty"], {}, "error: --port: 'eighty' is not a whole number\n"),
        (
            ["--base", "scrach"],
            {},
            "error: --base: 'scrach' is not one of golang, alpine, scratch, distroless, "
            "distroless-base, debian; "
            "did you mean scratch?\n",
        ),
        (
            [],
            {"SCAFFOLD_GO_DOCKER_VARIANT": "prod"},
            "error: SCAFFOLD_GO_DOCKER_VARIANT: 'prod' is not one of bad, better, pro, "
            "enterprise; did you mean pro?\n",
        ),
        (["--uid", "0"], {}, "error: --uid: '0' is too small: at least 1\n"),
    ],
)
def test_a_bad_value_names_the_flag_or_variable_as_given_in_the_tools_words(
    cli: Cli, args: list[str], env: dict[str, str], message: str
) -> None:
    outcome = cli("render", "--app-name", "demo", *args, env=env)

    assert (outcome.code, outcome.err) == (2, message)


def test_render_refuses_all_given_on_its_command_line(cli: Cli) -> None:
    outcome = cli("render", "--app-name", "demo", "--variant", "all")

    assert outcome.code == 2
    assert outcome.err == "error: render prints one Dockerfile: choose a single --variant\n"
