"""SIGINT and SIGTERM, sent for real to `new` in a subprocess: the exit status says what is
on disk (0: the whole project; 130 or 143: nothing), no temporary file or new directory is
left, and no traceback is printed, whenever the signal arrives.

The deterministic cases pause the run at a chosen phase (a slow import, a slow write of
the temporaries, a slow placing) and signal it there; the random ones signal at any moment.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import load_script

from .conftest import clean_environ

stress = load_script("stress_interrupts")  # its `judge` holds the promises

# Runs the tool as `python -m` does, after making one phase slow: it touches MARKER when the
# phase starts, then sleeps there.
RUNNER = """
import importlib.abc, os, runpy, sys, time
phase, marker = sys.argv[1], sys.argv[2]
sys.argv = ["scaffold-go-docker", *sys.argv[3:]]
def pause(seconds):
    if not os.path.exists(marker):
        open(marker, "w").close()
    time.sleep(seconds)
if phase == "imports":
    class Slow(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "typer":
                pause(2)
            return None
    sys.meta_path.insert(0, Slow())
else:
    from scaffold_go_docker.writing import writer
    if phase == "writing":
        real_write = writer._write_all
        def slow_write(*args):
            pause(0.2)
            real_write(*args)
        writer._write_all = slow_write
    elif phase == "placing":
        real_place = writer._place_new
        def slow_place(*args):
            pause(0.2)
            real_place(*args)
        writer._place_new = slow_place
runpy.run_module("scaffold_go_docker", run_name="__main__", alter_sys=True)
"""


def _paused_run(tmp_path: Path, phase: str, signum: int) -> tuple[int, str, Path]:
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    marker = tmp_path / "marker"
    process = subprocess.Popen(
        [sys.executable, "-c", RUNNER, phase, str(marker), *stress.NEW],
        cwd=run_dir, env=clean_environ(), stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    return process.returncode, err, run_dir


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    files: dict[str, bytes] = stress.reference(tmp_path_factory.mktemp("reference"))[0]
    return files


def test_ctrl_c_during_start_up_exits_130_with_one_line(
    tmp_path: Path, expected: dict[str, bytes]
) -> None:
    code, err, run_dir = _paused_run(tmp_path, "imports", signal.SIGINT)
    assert (code, err) == (130, "interrupted (SIGINT): nothing written\n")
    assert stress.judge(code, err, run_dir, expected) == []


def test_sigterm_while_the_temporaries_are_written_exits_143_and_leaves_nothing(
    tmp_path: Path, expected: dict[str, bytes]
) -> None:
    code, err, run_dir = _paused_run(tmp_path, "writing", signal.SIGTERM)
    assert code == 143
    assert err.endswith("interrupted (SIGTERM): nothing written\n")
    assert list(run_dir.iterdir()) == []
    assert stress.judge(code, err, run_dir, expected) == []


def test_sigint_while_the_files_are_placed_completes_them_and_exits_0(
    tmp_path: Path, expected: dict[str, bytes]
) -> None:
    code, err, run_dir = _paused_run(tmp_path, "placing", signal.SIGINT)
    assert code == 0
    assert err.endswith("interrupted (SIGINT) after the files were written\n")
    assert stress.files_under(run_dir / stress.APP) == expected
    assert stress.judge(code, err, run_dir, expected) == []


def test_signals_at_random_moments_never_break_a_promise(
    tmp_path: Path, expected: dict[str, bytes]
) -> None:
    _, whole = stress.reference(tmp_path)
    generator = random.Random(14)
    broken = {}
    for number in range(30):
        signum = (signal.SIGINT, signal.SIGTERM)[number % 2]
        delay = generator.uniform(0, 1.2 * whole)
        run_dir = tmp_path / f"run{number}"
        code, problems, _ = stress.interrupted_run(run_dir, delay, signum, expected)
        if problems:
            broken[f"run{number} {signum!r} after {delay:.3f}s, exit {code}"] = problems
    assert broken == {}


def test_two_runs_started_together_on_one_directory_never_both_succeed(
    tmp_path: Path, expected: dict[str, bytes]
) -> None:
    broken = {}
    for number in range(8):
        codes, problems = stress.concurrent_pair(tmp_path / f"pair{number}", expected)
        if problems:
            broken[f"pair{number} exits {codes}"] = problems
    assert broken == {}
