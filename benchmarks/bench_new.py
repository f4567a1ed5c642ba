"""Time `scaffold-go-docker new APP --no-input` as a whole process, as a user runs it.

Each run starts a fresh process in an empty directory; wall time, CPU time and peak RSS
come from os.wait4's resource usage of that very child. Prints a table and writes
benchmarks/results/bench_new-<time>.json (gitignored).

    python benchmarks/bench_new.py [--runs 30] [-- extra new options]

It also times, the same way, a process that only imports the three libraries the command
line needs (typer, pydantic's BaseModel, jinja2): the floor under any run of the tool.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

FLOOR = "import typer, jinja2; from pydantic import BaseModel"
TARGET_MEDIAN_S = 0.20
TARGET_PEAK_MIB = 35.0
# Set on CI and build machines, not in a user's shell. Without bytecode every run would
# recompile the tool's modules, which pip compiles once at install time.
UNLIKE_A_USER = ("CI", "PYTHONDONTWRITEBYTECODE")
RESULTS = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Run:
    wall_s: float
    cpu_s: float
    peak_mib: float


def command() -> list[str]:
    """The installed console script beside this Python, else `python -m`."""
    script = Path(sys.executable).parent / "scaffold-go-docker"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "scaffold_go_docker"]


def run_once(argv: list[str], workdir: Path) -> Run:
    env = {key: value for key, value in os.environ.items() if key not in UNLIKE_A_USER}
    start = time.perf_counter()
    child = subprocess.Popen(
        argv,
        cwd=workdir,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"run failed ({child.returncode}): {stderr.strip()}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first (pyc, cache)")
    parser.add_argument("extra", nargs="*", help="more options for `new`")
    args = parser.parse_args()
    base = [*command(), "new", "app", "--no-input", *args.extra]

    runs, floor = [], []
    with tempfile.TemporaryDirectory(prefix="bench-new-") as scratch:
        for index in range(args.warmup + args.runs):
            workdir = Path(scratch) / str(index)
            workdir.mkdir()
            run = run_once(base, workdir)
            shutil.rmtree(workdir)
            floor_run = run_once([sys.executable, "-c", FLOOR], Path(scratch))
            if index >= args.warmup:
                runs.append(run)
                floor.append(floor_run)

    walls = sorted(r.wall_s for r in runs)
    median_wall = statistics.median(walls)
    median_cpu = statistics.median(r.cpu_s for r in runs)
    peak = max(r.peak_mib for r in runs)
    rows = [
        ("command", " ".join(["scaffold-go-docker", *base[len(command()) :]])),
        ("runs", str(len(runs))),
        ("wall median", f"{median_wall:.3f} s  (target <= {TARGET_MEDIAN_S:.2f} s)"),
        ("wall min / p90", f"{walls[0]:.3f} s / {walls[int(0.9 * (len(walls) - 1))]:.3f} s"),
        ("cpu median", f"{median_cpu:.3f} s  (user + sys)"),
        ("peak RSS (max)", f"{peak:.1f} MiB  (target <= {TARGET_PEAK_MIB:.0f} MiB)"),
        (
            "import floor",
            f"{statistics.median(r.wall_s for r in floor):.3f} s wall, "
            f"{statistics.median(r.cpu_s for r in floor):.3f} s cpu, "
            f"{max(r.peak_mib for r in floor):.1f} MiB  ({FLOOR})",
        ),
        ("load average", " ".join(f"{x:.2f}" for x in os.getloadavg())),
        (
            "verdict",
            "meets target"
            if median_wall <= TARGET_MEDIAN_S and peak <= TARGET_PEAK_MIB
            else "MISSES target",
        ),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")

    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    (RESULTS / f"bench_new-{stamp}.json").write_text(
        json.dumps(
            {
                "command": base,
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "load_average": os.getloadavg(),
                "median_wall_s": median_wall,
                "median_cpu_s": median_cpu,
                "peak_rss_mib": peak,
                "runs": [asdict(r) for r in runs],
                "import_floor_runs": [asdict(r) for r in floor],
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
