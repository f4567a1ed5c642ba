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


# List options: a flag per entry, comma-separated entries in the variable, a shell text for
# --cmd; each entry checked as it arrives, named as given.

ADOPTED = ("render", "--app-name", "svc", "--source-module", "--module-path", "example.com/svc")


def test_a_list_flag_repeats_one_entry_each_in_order(cli: Cli) -> None:
    outcome = cli(*ADOPTED, "--main", "./cmd/b", "--main", "./cmd/a", "--env", "A=x,y")

    assert outcome.code == 0, outcome.err
    assert "-o /out/ ./cmd/b ./cmd/a" in outcome.out
    assert 'ENV A="x,y"' in outcome.out  # a flag's entry keeps its commas


def test_a_list_variable_separates_entries_with_commas_and_keeps_spaces(cli: Cli) -> None:
    env = {
        "SCAFFOLD_GO_DOCKER_MAIN_PACKAGES": "./cmd/a,./cmd/b",
        "SCAFFOLD_GO_DOCKER_ENV": "GREETING=hello world,MODE=prod",
    }
    outcome = cli(*ADOPTED, env=env)

    assert outcome.code == 0, outcome.err
    assert "-o /out/ ./cmd/a ./cmd/b" in outcome.out
    assert 'ENV GREETING="hello world" \\\n    MODE="prod"' in outcome.out


def test_cmd_is_one_text_split_like_a_shell(cli: Cli) -> None:
    outcome = cli(*ADOPTED, "--cmd", "serve --addr '0.0.0.0:3000' --name \"a b\"")

    assert outcome.code == 0, outcome.err
    assert 'CMD ["serve", "--addr", "0.0.0.0:3000", "--name", "a b"]' in outcome.out


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--main", "./cmd/a", "--main", "../x"], {}, "error: --main: '../x' is not a main"),
        ([], {"SCAFFOLD_GO_DOCKER_WRITABLE_DIRS": "/data,tmp"},
         "error: SCAFFOLD_GO_DOCKER_WRITABLE_DIRS: 'tmp' is not a clean absolute"),
        (["--env", "A=1", "--env", "A=2"], {}, "error: --env: A is set twice"),
        (["--cmd", "serve 'unclosed"], {},
         "error: --cmd: \"serve 'unclosed\" cannot be split like a shell"),
    ],
)  # fmt: skip
def test_a_bad_list_entry_names_the_flag_or_variable(
    cli: Cli, args: list[str], env: dict[str, str], message: str
) -> None:
    outcome = cli(*ADOPTED, *args, env=env)

    assert outcome.code == 2
    assert outcome.err.startswith(message), outcome.err
    assert outcome.out == ""
