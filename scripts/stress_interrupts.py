"""Interrupt `new` at random moments, or start two at once, and count broken promises.

    python scripts/stress_interrupts.py [--runs 300] [--mode interrupt|concurrent]

`interrupt`: each run starts `scaffold-go-docker new APP -y --compose --ci-workflow` in a
fresh directory and sends it SIGINT or SIGTERM (alternately) after a random delay between
0 and 1.2 times an uninterrupted run's duration. `concurrent`: each run starts two such
commands on the same directory together. `judge` says which promises a run broke: the
exit status must say what is on disk (0: the whole project; 2, 130, 143: nothing), with
no temporary file left, no traceback, and a last line on stderr that says why when
nothing was written.

Runs the tool as `python -m scaffold_go_docker` with this interpreter (set PYTHONPATH to
test a checkout). Prints the counts as JSON; exit status 1 if any run broke a promise.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

APP = "stressapp"
NEW = ("new", APP, "-y", "--compose", "--ci-workflow")
NOTHING_WRITTEN = {2, 128 + signal.SIGINT, 128 + signal.SIGTERM}


def command(args: Sequence[str] = NEW) -> list[str]:
    return [sys.executable, "-m", "scaffold_go_docker", *args]


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCAFFOLD_GO_DOCKER_")}
    env.pop("CI", None)
    return env


def start(args: Sequence[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        args,
        cwd=cwd,
        env=environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def files_under(root: Path) -> dict[str, bytes]:
    """Every file under `root` (hidden ones too), by its path relative to `root`."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else b""
        for p in root.rglob("*")
        if not p.is_dir()
    }


def reference(workdir: Path) -> tuple[dict[str, bytes], float]:
    """What an uninterrupted run writes, and how long it takes."""
    run_dir = workdir / "reference"
    run_dir.mkdir()
    started = time.monotonic()
    subprocess.run(command(), cwd=run_dir, env=environment(), capture_output=True, check=True)
    return files_under(run_dir / APP), time.monotonic() - started


def judge(code: int, stderr: str, run_dir: Path, expected: Mapping[str, bytes]) -> list[str]:
    """The promises a finished run broke (empty: none). `run_dir` held nothing before it."""
    problems = []
    if "Traceback" in stderr and not before_the_tool(stderr):
        problems.append("traceback")
    if set(files_under(run_dir)) - {f"{APP}/{path}" for path in expected}:
        problems.append("temporary file")
    if code == 0:
        if files_under(run_dir / APP) != expected:
            problems.append("exit 0 without the whole project")
    elif code in NOTHING_WRITTEN or code < 0:  # < 0: killed before the tool's first line
        if list(run_dir.iterdir()):
            problems.append(f"exit {code} but something was written")
        last = (stderr.strip().splitlines() or [""])[-1]
        if code > 0 and not last.startswith(("error: ", "interrupted (", "Aborted")):
            problems.append(f"exit {code} without a last line that says why")
    elif not (before_the_tool(stderr) and not list(run_dir.iterdir())):
        problems.append(f"exit {code}")
    return problems


def before_the_tool(stderr: str) -> bool:
    """Interrupted in the interpreter's own start-up (site, runpy), before the tool's first
    line could handle the signal: Python prints a KeyboardInterrupt traceback of its own."""
    return stderr.rstrip().endswith("KeyboardInterrupt") and "scaffold_go_docker" not in stderr


def interrupted_run(
    run_dir: Path, delay: float, signum: int, expected: Mapping[str, bytes]
) -> tuple[int, list[str], str]:
    """Exit status, broken promises, stderr of one run signalled after `delay` seconds."""
    run_dir.mkdir()
    process = start(command(), run_dir)
    time.sleep(delay)
    if process.poll() is None:
        process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    return process.returncode, judge(process.returncode, stderr, run_dir, expected), stderr


def concurrent_pair(run_dir: Path, expected: Mapping[str, bytes]) -> tuple[list[int], list[str]]:
    run_dir.mkdir()
    processes = [start(command(), run_dir) for _ in range(2)]
    errors = [process.communicate(timeout=60)[1] for process in processes]
    codes = [process.returncode for process in processes]
    problems = []
    if codes.count(0) > 1:
        problems.append("both exited 0")
    if codes.count(0) == 0:
        problems.append("neither exited 0")
    if any(code not in (0, 2) for code in codes):
        problems.append(f"exit {codes}")
    if any("Traceback" in err for err in errors):
        problems.append("traceback")
    if set(files_under(run_dir)) - {f"{APP}/{path}" for path in expected}:
        problems.append("temporary file")
    if files_under(run_dir / APP) != expected:
        problems.append("the project on disk is not one whole run's")
    return codes, problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--mode", choices=["interrupt", "concurrent"], default="interrupt")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--keep", action="store_true", help="keep the run directories")
    options = parser.parse_args(argv)
    generator = random.Random(options.seed)
    workdir = Path(tempfile.mkdtemp(prefix="stress-interrupts-"))
    expected, whole = reference(workdir)
    broken: Counter[str] = Counter()  # problem -> runs that had it
    exits: Counter[str] = Counter()
    runs_broken = 0
    for number in range(options.runs):
        run_dir = workdir / f"run{number}"
        if options.mode == "interrupt":
            signum = (signal.SIGINT, signal.SIGTERM)[number % 2]
            delay = generator.uniform(0, 1.2 * whole)
            code, problems, stderr = interrupted_run(run_dir, delay, signum, expected)
            early = " (in Python's start-up)" if before_the_tool(stderr) or code < 0 else ""
            exits[f"{signal.Signals(signum).name} -> {code}{early}"] += 1
            detail = f"{signal.Signals(signum).name} after {delay:.3f}s: exit {code}"
        else:
            codes, problems = concurrent_pair(run_dir, expected)
            exits[" and ".join(map(str, sorted(codes)))] += 1
            detail = f"exits {codes}"
        broken.update(problems)
        runs_broken += bool(problems)
        if problems:
            print(f"run{number}: {detail}: {', '.join(problems)}", file=sys.stderr)
    report = {
        "mode": options.mode,
        "runs": options.runs,
        "uninterrupted_seconds": round(whole, 3),
        "exits": dict(sorted(exits.items())),
        "runs_broken": runs_broken,
        "broken": dict(broken),
    }
    print(json.dumps(report, indent=2))
    if not options.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
