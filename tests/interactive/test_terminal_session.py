"""The installed command at a real terminal (tmux), used as a person would."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from scaffold_go_docker.inputs.answers import ANSWERS_FILE

from .tmux_session import Terminal, person_environ

pytestmark = pytest.mark.terminal
TOOL = [sys.executable, "-m", "scaffold_go_docker"]
OpenTerminal = Callable[..., Terminal]
PRO_DEFAULTS_ACCEPTED = (
    "Runtime base image",
    "Add CA certificates",
    "Time zone of the service",
    "Add time-zone data",
    "Run as a non-root user",
    "Install git",
    "Strip the binary",
    "Go version",
)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[OpenTerminal]:
    opened: list[Terminal] = []

    def open_terminal(*args: str, env: dict[str, str] | None = None) -> Terminal:
        # CI=true is set on CI; a person at a terminal does not have it.
        session = Terminal([*TOOL, *args], tmp_path, person_environ(env))
        opened.append(session)
        return session

    yield open_terminal
    for session in opened:
        session.close()


def test_a_person_answers_the_questions_and_gets_the_project(
    terminal: OpenTerminal, tmp_path: Path
) -> None:
    t = terminal("new", "demo")
    t.wait_for("Variant")
    t.send("Up", "Enter")  # pro, one above the default enterprise
    for question in PRO_DEFAULTS_ACCEPTED:
        t.wait_for(question)
        t.send("Enter")
    t.wait_for("Port the app listens on")
    t.send("C-u", "99999", "Enter")
    t.wait_for("less than or equal to 65535")
    t.send("C-u", "9000", "Enter")
    t.wait_for("Go module path")
    t.send("Enter")
    t.wait_for("More build options")
    t.send("Enter")
    screen = t.wait_for("Write these files?")
    assert "create  demo/Dockerfile" in screen
    t.send("Enter")
    t.wait_for("EXIT=0")

    answers = yaml.safe_load((tmp_path / "demo" / ANSWERS_FILE).read_text())
    assert (answers["variant"], answers["base"], answers["port"]) == ("pro", "scratch", 9000)
    assert "EXPOSE 9000" in (tmp_path / "demo" / "Dockerfile").read_text()


def test_ctrl_c_at_a_question_aborts_with_130_and_writes_nothing(
    terminal: OpenTerminal, tmp_path: Path
) -> None:
    t = terminal("new", "demo")
    t.wait_for("Variant")
    t.send("Enter")
    t.wait_for("Runtime base image")
    t.send("C-c")

    screen = t.wait_for("EXIT=130")
    assert "Aborted" in screen
    assert not (tmp_path / "demo").exists()


def test_with_ci_set_a_terminal_gets_no_questions(terminal: OpenTerminal, tmp_path: Path) -> None:
    t = terminal("new", "demo", env={"CI": "true"})

    screen = t.wait_for("EXIT=0")
    assert "not prompting (CI is set); defaults used: variant=enterprise" in screen
    assert "?" not in screen.split("not prompting")[0]
    assert (tmp_path / "demo" / "Dockerfile").is_file()


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False)])
def test_plan_is_coloured_on_a_terminal_unless_no_color(
    terminal: OpenTerminal, no_color: str | None, coloured: bool
) -> None:
    t = terminal("new", "demo", "--no-input", env={"NO_COLOR": no_color} if no_color else None)
    t.wait_for("EXIT=0")

    line = next(x for x in t.screen(escapes=True).splitlines() if "demo/Dockerfile" in x)
    assert ("\x1b[" in line) is coloured, repr(line)
