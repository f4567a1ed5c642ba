"""Config and answers files someone else wrote: refused in one short line, never a hang,
a traceback or an explosion of memory, whatever they hold."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scaffold_go_docker.inputs.answers import ANSWERS_FILE

from .conftest import Cli, run_tool

# Short enough to read: the file's path (pytest's tmp_path, ~80 characters) and a reason.
SHORT = 300


def _refused(outcome_code: int, err: str, config: Path, *expected: str) -> None:
    assert outcome_code == 2, err
    assert err.count("\n") == 1, err[:2000]
    assert len(err) < SHORT, err[:2000]
    assert err.startswith(f"error: {config}: "), err
    for part in expected:
        assert part in err, err


def _alias_bomb(levels: int) -> str:
    """The "billion laughs": each level a list of nine aliases of the one before."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        aliases = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + f"\napp_name: *a{levels - 1}\n"


@pytest.mark.parametrize("levels", [7, 9], ids=["7-levels", "9-levels"])
def test_an_alias_bomb_is_refused_at_once(tmp_path: Path, levels: int) -> None:
    answers = tmp_path / ANSWERS_FILE
    answers.write_text(_alias_bomb(levels))

    # A separate process with a timeout: today's 33 s and 3 GB must fail, not stall the run.
    done = run_tool("render", "--config", str(answers), cwd=tmp_path, timeout=20)

    _refused(done.returncode, done.stderr, answers, "anchors (&name) are not accepted")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("port: &p 9000\n", "line 1: anchors (&name) are not accepted"),
        ("base: {<<: {port: 9000}}\n", "merge keys (<<) are not accepted"),
        ("port: 9000\nbase: alpine\nport: 8000\n", "line 3: key 'port' is given twice"),
        ("port: *nothing\n", "aliases (*nothing) are not accepted"),
    ],
    ids=["anchor", "merge-key", "duplicate-key", "alias"],
)
def test_yaml_anchors_aliases_merge_keys_and_duplicate_keys_are_refused(
    cli: Cli, tmp_path: Path, text: str, expected: str
) -> None:
    config = tmp_path / "options.yaml"
    config.write_text(text)

    outcome = cli("render", "--app-name", "svc", "--config", str(config))

    _refused(outcome.code, outcome.err, config, expected)


def _nested(kind: str, levels: int) -> str:
    if kind == "yaml":
        return "port: " + "[" * levels + "1" + "]" * levels + "\n"
    return "port = " + "[" * levels + "1" + "]" * levels + "\n"


@pytest.mark.parametrize("kind", ["yaml", "toml"])
@pytest.mark.parametrize("levels", [9, 350, 600])
def test_deep_nesting_is_refused_naming_file_and_key(
    cli: Cli, tmp_path: Path, kind: str, levels: int
) -> None:
    config = tmp_path / f"options.{kind}"
    config.write_text(_nested(kind, levels))

    outcome = cli("render", "--app-name", "svc", "--config", str(config))

    _refused(outcome.code, outcome.err, config, "key 'port", "nested deeper than 8 levels")


def test_eight_levels_of_nesting_are_read(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "options.yaml"
    config.write_text(_nested("yaml", 7))  # the top-level mapping is the eighth

    outcome = cli("render", "--app-name", "svc", "--config", str(config))

    _refused(outcome.code, outcome.err, config, "key 'port': [[[[[[[1]]]]]]] is not")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("decimal.yaml", "port: " + "9" * 5000 + "\n"),
        ("decimal.toml", "port = " + "9" * 5000 + "\n"),
        ("hex.yaml", "port: 0x" + "f" * 5000 + "\n"),
        ("hex.toml", "port = 0x" + "f" * 5000 + "\n"),
    ],
)
def test_a_huge_integer_is_refused_naming_file_and_key(
    cli: Cli, tmp_path: Path, name: str, text: str
) -> None:
    config = tmp_path / name
    config.write_text(text)

    outcome = cli("render", "--app-name", "svc", "--config", str(config))

    _refused(outcome.code, outcome.err, config, "key 'port'")


@pytest.mark.parametrize("name", ["long.yaml", "long.toml"])
def test_a_value_longer_than_4096_characters_is_refused_before_validation(
    cli: Cli, tmp_path: Path, name: str
) -> None:
    config = tmp_path / name
    separator = ":" if name.endswith(".yaml") else " ="
    config.write_text(f'goprivate{separator} "{"a" * 5000}"\n')

    outcome = cli("render", "--app-name", "svc", "--config", str(config))

    _refused(outcome.code, outcome.err, config, "key 'goprivate'", "longer than 4096 characters")


def test_an_error_quotes_only_a_cut_excerpt_of_a_long_value(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "options.yaml"
    config.write_text(f'app_name: "{"-" * 3000}"\n')

    outcome = cli("render", "--config", str(config))

    _refused(outcome.code, outcome.err, config, "key 'app_name'", "(3000 characters)")


def test_a_file_over_1_mib_is_refused_unread(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "options.yaml"
    config.write_text("port: 9000\n" + "# padding\n" * 110_000)

    outcome = cli("render", "--app-name", "svc", "--config", str(config))

    _refused(outcome.code, outcome.err, config, "larger than 1 MiB")


def test_a_toml_file_may_start_with_a_byte_order_mark(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "options.toml"
    config.write_text("\ufeffport = 9000\n", encoding="utf-8")

    outcome = cli("render", "--app-name", "svc", "--config", str(config))

    assert outcome.code == 0, outcome.err
    assert "EXPOSE 9000" in outcome.out


def test_the_audit_command_reads_its_section_through_the_same_bounds(
    cli: Cli, tmp_path: Path
) -> None:
    config = tmp_path / "team.yaml"
    config.write_text("audit: &a\n  fail_on: error\nother: *a\n")
    (tmp_path / "Dockerfile").write_text("FROM scratch\n")

    outcome = cli("audit", "--config", str(config), str(tmp_path / "Dockerfile"))

    _refused(outcome.code, outcome.err, config, "anchors (&name) are not accepted")


@pytest.mark.parametrize("what", ["config", "check"])
def test_a_fifo_is_refused_not_waited_on(tmp_path: Path, what: str) -> None:
    fifo = tmp_path / ("options.yaml" if what == "config" else "Dockerfile")
    os.mkfifo(fifo)

    # Nobody ever writes to the FIFO: today's run waits forever, so a timeout fails it.
    done = run_tool("render", "--app-name", "svc", f"--{what}", str(fifo), cwd=tmp_path, timeout=20)

    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert "not a regular file (a pipe)" in done.stderr


def test_check_of_stdin_from_a_silent_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    reading, writing = os.pipe()
    try:
        done = run_tool(
            "render",
            "--app-name",
            "svc",
            "--check",
            "/dev/stdin",
            cwd=tmp_path,
            timeout=20,
            stdin=reading,
        )
    finally:
        os.close(reading)
        os.close(writing)

    assert done.returncode == 2, done.stderr
    assert "not a regular file (a pipe)" in done.stderr


@pytest.mark.parametrize("what", ["config", "check"])
def test_dev_zero_is_refused_not_read_until_memory_runs_out(tmp_path: Path, what: str) -> None:
    path = tmp_path / "zero.yaml" if what == "config" else Path("/dev/zero")
    if what == "config":
        path.symlink_to("/dev/zero")

    done = run_tool("render", "--app-name", "svc", f"--{what}", str(path), cwd=tmp_path, timeout=20)

    assert done.returncode == 2, done.stderr
    named = f"--check {path}" if what == "check" else str(path)
    assert done.stderr == f"error: {named}: not a regular file (a character device)\n"
