"""Without a terminal the tool never prompts: it takes defaults and says which, and never hangs."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from scaffold_go_docker.inputs.terminal import use_colour, why_no_prompts

from .conftest import run_tool

DEFAULTS_LINE = "defaults used: variant=enterprise, base=alpine"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_new_with_stdin_from_dev_null_finishes_with_defaults(tmp_path: Path) -> None:
    result = run_tool("new", "demo", cwd=tmp_path, stdin=open(os.devnull), timeout=30)  # noqa: SIM115

    assert result.returncode == 0, result.stderr
    assert f"not prompting (stdin is not a terminal); {DEFAULTS_LINE}" in result.stderr
    assert (tmp_path / "demo" / "Dockerfile").is_file()


def test_new_with_an_open_pipe_that_never_writes_does_not_hang(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    try:
        result = run_tool("new", "demo", cwd=tmp_path, stdin=read_end, timeout=30)
    finally:
        os.close(read_end)
        os.close(write_end)  # held open until the run ended: the pipe stayed silent

    assert result.returncode == 0, result.stderr
    assert DEFAULTS_LINE in result.stderr
    assert (tmp_path / "demo" / "Dockerfile").is_file()


def test_defaults_message_lists_only_what_was_not_given(tmp_path: Path) -> None:
    result = run_tool(
        "new", "demo", "--variant", "pro", "--port", "9000", "--no-input", cwd=tmp_path
    )

    line = next(x for x in result.stderr.splitlines() if "defaults used" in x)
    assert line.startswith("not prompting (--no-input); defaults used: base=scratch")
    assert "port=" not in line
    assert "variant=" not in line


def test_no_defaults_message_when_everything_was_given(tmp_path: Path) -> None:
    result = run_tool(
        "new", "demo", "--variant", "all", "--go-version", "1.27", "--port", "1",
        "--module-path", "m", "--no-compose", "--no-ci-workflow", "--no-input", cwd=tmp_path,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "defaults used" not in result.stderr


@pytest.mark.parametrize(
    ("no_input", "ci", "stdin", "stdout", "reason"),
    [
        (False, None, _Tty(), _Tty(), None),
        (True, None, _Tty(), _Tty(), "--no-input"),
        (False, "true", _Tty(), _Tty(), "CI is set"),
        (False, "false", _Tty(), _Tty(), None),
        (False, None, io.StringIO(), _Tty(), "stdin is not a terminal"),
        (False, None, _Tty(), io.StringIO(), "stdout is not a terminal"),
    ],
)
def test_prompting_needs_a_terminal_both_ways_no_ci_and_no_no_input(
    monkeypatch: pytest.MonkeyPatch,
    no_input: bool,
    ci: str | None,
    stdin: io.StringIO,
    stdout: io.StringIO,
    reason: str | None,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    if ci is not None:
        monkeypatch.setenv("CI", ci)

    assert why_no_prompts(no_input, stdin, stdout) == reason


@pytest.mark.parametrize(
    ("stream", "no_color", "expected"),
    [(_Tty(), None, True), (_Tty(), "1", False), (io.StringIO(), None, False)],
)
def test_colour_only_on_a_terminal_and_never_with_no_color(
    monkeypatch: pytest.MonkeyPatch, stream: io.StringIO, no_color: str | None, expected: bool
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    if no_color is not None:
        monkeypatch.setenv("NO_COLOR", no_color)

    assert use_colour(stream) is expected
