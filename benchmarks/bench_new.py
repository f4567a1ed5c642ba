"""Time `scaffold-go-docker new APP --no-input` beside cookiecutter writing the same files.

Both run as whole processes, as a user runs them, interleaved run by run so that machine
noise falls on both alike. cookiecutter renders a template made here from the very files
`new` writes, as a cookiecutter template for them would be written: the app name (also
the module path and the directory), the port and the Go version are cookiecutter
variables, everything else is literal text. Wall time, CPU time and peak RSS come from
os.wait4's resource usage of each child.

    python benchmarks/bench_new.py [--runs 30] [-- extra new options]

Targets (issue 9): median wall time at most 0.70x cookiecutter's, peak RSS at most 35 MiB.
A third process in the same rounds, dependency_floor.py, imports typer, pydantic and Jinja2
and uses each once: the least any `new` on these dependencies can cost, printed beside.
Needs cookiecutter (`pip install -e '.[bench]'`). Writes benchmarks/results/bench_new-<time>.json.
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

TARGET_RATIO = 0.70
TARGET_PEAK_MIB = 35.0
APP = "benchapp"  # a name that occurs in the files only where the app name belongs
# Set on CI and build machines, not in a user's shell. Without bytecode every run would
# recompile the tool's modules, which pip compiles once at install time.
UNLIKE_A_USER = ("CI", "PYTHONDONTWRITEBYTECODE")
RESULTS = Path(__file__).resolve().parent / "results"
FLOOR = Path(__file__).resolve().parent / "dependency_floor.py"


@dataclass(frozen=True)
class Run:
    wall_s: float
    cpu_s: float
    peak_mib: float


def beside_python(name: str) -> Path:
    script = Path(sys.executable).parent / name
    if not script.exists():
        raise SystemExit(f"{name} is not installed beside {sys.executable}")
    return script


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
        raise SystemExit(f"{' '.join(argv)} failed ({child.returncode}): {stderr.strip()}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def cookiecutter_template(new: list[str], root: Path) -> Path:
    """A cookiecutter template of exactly the files `new` writes."""
    generated = root / "generated"
    generated.mkdir()
    run_once(new, generated)
    variables = {"app_name": APP, "port": "8080", "go_version": "1.27"}
    template = root / "template"
    project = template / "{{cookiecutter.app_name}}"
    for path in (generated / APP).rglob("*"):
        if path.is_file():
            target = project / path.relative_to(generated / APP)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_as_template(path.read_text(), variables))
    (template / "cookiecutter.json").write_text(json.dumps(variables))
    return template


def _as_template(text: str, variables: dict[str, str]) -> str:
    """`text` with Jinja's own markers escaped and each variable's value replaced by it."""
    for marker in ("{{", "{%", "{#"):
        text = text.replace(marker, "{{ '" + marker + "' }}")
    for name, value in variables.items():
        text = text.replace(value, "{{ cookiecutter." + name + " }}")
    return text


def same_files(new: list[str], peer: list[str], root: Path) -> None:
    """Both commands write the same files, byte for byte: the comparison is fair."""
    written = []
    for name, command in (("ours", new), ("peer", [*peer, "-o", str(root / "peer")])):
        (root / name).mkdir(exist_ok=True)
        run_once(command, root / name)
        project = root / name / APP
        written.append({p.relative_to(project): p.read_bytes() for p in project.rglob("*")})
    if written[0] != written[1]:
        raise SystemExit("cookiecutter's files differ from new's: the comparison would be unfair")


def summary(runs: list[Run]) -> dict[str, float]:
    walls = sorted(r.wall_s for r in runs)
    return {
        "median_wall_s": statistics.median(walls),
        "p90_wall_s": walls[int(0.9 * (len(walls) - 1))],
        "median_cpu_s": statistics.median(r.cpu_s for r in runs),
        "peak_rss_mib": max(r.peak_mib for r in runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first (pyc)")
    parser.add_argument("extra", nargs="*", help="more options for `new`")
    args = parser.parse_args()
    new = [str(beside_python("scaffold-go-docker")), "new", APP, "--no-input", *args.extra]

    floor = [sys.executable, str(FLOOR), APP]

    ours: list[Run] = []
    theirs: list[Run] = []
    floors: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="bench-new-") as scratch:
        template = cookiecutter_template(new, Path(scratch))
        peer = [str(beside_python("cookiecutter")), "--no-input", str(template)]
        same_files(new, peer, Path(scratch))
        for index in range(args.warmup + args.runs):
            for command, into in ((new, ours), (peer, theirs), (floor, floors)):
                workdir = Path(scratch) / f"run-{index}"
                workdir.mkdir()
                run = run_once(
                    [*command, *(["-o", str(workdir)] if command is peer else [])], workdir
                )
                shutil.rmtree(workdir)
                if index >= args.warmup:
                    into.append(run)

    mine, peer_stats, floor_stats = summary(ours), summary(theirs), summary(floors)
    ratio = mine["median_wall_s"] / peer_stats["median_wall_s"]
    floor_ratio = floor_stats["median_wall_s"] / peer_stats["median_wall_s"]
    met = ratio <= TARGET_RATIO and mine["peak_rss_mib"] <= TARGET_PEAK_MIB
    rows = [
        ("command", " ".join(["scaffold-go-docker", *new[1:]])),
        ("peer", "cookiecutter --no-input TEMPLATE (the same files)"),
        ("runs", f"{args.runs} each, interleaved"),
        (
            "wall median",
            f"{mine['median_wall_s']:.3f} s vs {peer_stats['median_wall_s']:.3f} s  "
            f"= {ratio:.2f}x  (target <= {TARGET_RATIO:.2f}x)",
        ),
        ("wall p90", f"{mine['p90_wall_s']:.3f} s vs {peer_stats['p90_wall_s']:.3f} s"),
        ("cpu median", f"{mine['median_cpu_s']:.3f} s vs {peer_stats['median_cpu_s']:.3f} s"),
        (
            "peak RSS (max)",
            f"{mine['peak_rss_mib']:.1f} MiB vs {peer_stats['peak_rss_mib']:.1f} MiB  "
            f"(target <= {TARGET_PEAK_MIB:.0f} MiB)",
        ),
        (
            "dependencies",
            f"{floor_stats['median_wall_s']:.3f} s = {floor_ratio:.2f}x, "
            f"{floor_stats['peak_rss_mib']:.1f} MiB: {FLOOR.name} (typer, pydantic and "
            "Jinja2 imported, one use each)",
        ),
        (
            "own work",
            f"{mine['median_wall_s'] - floor_stats['median_wall_s']:.3f} s, "
            f"{mine['peak_rss_mib'] - floor_stats['peak_rss_mib']:.1f} MiB above that",
        ),
        ("load average", " ".join(f"{x:.2f}" for x in os.getloadavg())),
        ("verdict", "meets target" if met else "MISSES target"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")

    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    (RESULTS / f"bench_new-{stamp}.json").write_text(
        json.dumps(
            {
                "command": new,
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "load_average": os.getloadavg(),
                "ratio": ratio,
                "scaffold_go_docker": mine,
                "cookiecutter": peer_stats,
                "dependency_floor": floor_stats,
                "dependency_floor_ratio": floor_ratio,
                "runs": [asdict(r) for r in ours],
                "cookiecutter_runs": [asdict(r) for r in theirs],
                "dependency_floor_runs": [asdict(r) for r in floors],
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
