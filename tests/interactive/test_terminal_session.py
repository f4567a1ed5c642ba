"""The installed command at a real terminal (tmux), used as a person would."""

from __future__ import annotations

import re
import shutil
import sys
import time
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
    "Add a HEALTHCHECK",
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
    t.wait_for("is too big: at most 65535")
    t.send("C-u", "9000", "Enter")
    for question in (
        "Go module path",
        "Also write compose.yaml",
        "Also write a GitHub Actions",
        "More build options",
    ):
        t.wait_for(question)
        t.send("Enter")
    screen = t.wait_for("Write these files?")
    assert re.search(r"create +go\.mod, .*Dockerfile", screen)
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


def test_a_long_validation_message_is_shown_whole_under_the_question(
    terminal: OpenTerminal,
) -> None:
    t = terminal("new", "demo", "--variant", "better", "--port", "8080")
    for question in ("Runtime base image", "Add CA certificates", "Time zone", "Add time-zone data",
                     "Run as a non-root user", "Install git", "Strip the binary",
                     "Add a HEALTHCHECK", "Go version"):  # fmt: skip
        t.wait_for(question)
        t.send("Enter")
    t.wait_for("Go module path")
    t.send("C-u", "a..b", "Enter")

    end = "and neither starts nor ends with '.'"
    deadline = time.monotonic() + 30
    while end not in (screen := " ".join(t.screen().split())) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "'a..b' is not a Go module path: each '/'-separated element uses letters" in screen
    assert end in screen
    t.send("C-c")


def test_init_asks_which_main_package_when_it_finds_several(
    terminal: OpenTerminal, tmp_path: Path
) -> None:
    fixture = Path(__file__).parents[1] / "detect" / "fixtures" / "cmdlayout"
    shutil.copytree(fixture, tmp_path / "svc")
    go_files = {p: p.read_bytes() for p in (tmp_path / "svc").rglob("*") if p.is_file()}

    t = terminal("init", "svc")
    t.wait_for("Main package to build (several were found)")
    t.send("Down", "Enter")  # ./cmd/worker, a program that listens on nothing
    screen = t.wait_for("Write these files?")
    assert "answered   main_packages=./cmd/worker" in screen
    t.send("Enter")
    t.wait_for("EXIT=0")

    dockerfile = (tmp_path / "svc" / "Dockerfile").read_text()
    assert re.search(r"-o /out/worker \./cmd/worker\n", dockerfile)
    assert not re.search(r"^EXPOSE", dockerfile, re.MULTILINE)
    assert {p: p.read_bytes() for p in go_files} == go_files
