"""Time `scaffold-go-docker init --no-input` on a module of 2,000 Go files, as whole processes.

Issue 10's target: within 0.5 s (a benchmark, not a timed test). The module is the one
bench_detect.py builds (many packages, several main packages importing most of them,
embeds, listen addresses, version variables, tests, comments). Each run copies nothing:
init writes Dockerfile, .dockerignore and the answers file with --force, so every run does
the whole job (detect, resolve, render, plan, write). `--main ./cmd/api` chooses one of the
module's main packages, as a user without a terminal must.

    python benchmarks/bench_init.py [--runs 15] [--files 2000] [--keep DIR]

Writes benchmarks/results/bench_init-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_detect import RESULTS, Run, build_module, run_once

BUDGET_S = 0.5


def summary(runs: list[Run]) -> dict[str, float]:
    return {
        "median_wall_s": statistics.median(r.wall_s for r in runs),
        "min_wall_s": min(r.wall_s for r in runs),
        "max_wall_s": max(r.wall_s for r in runs),
        "median_cpu_s": statistics.median(r.cpu_s for r in runs),
        "peak_mib": max(r.peak_mib for r in runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="build the module here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = args.keep or Path(scratch) / "bigservice"
        root.mkdir(parents=True, exist_ok=True)
        written = build_module(root, args.files)
        argv = [
            sys.executable,
            "-m",
            "scaffold_go_docker",
            "init",
            str(root),
            "--no-input",
            "--force",
            "--main",
            "./cmd/api",
        ]
        run_once(argv)  # warm the page cache and the bytecode
        runs = [run_once(argv) for _ in range(args.runs)]
    result = {
        "files": written,
        "runs": args.runs,
        "budget_s": BUDGET_S,
        "python": platform.python_version(),
        "machine": platform.machine(),
        **summary(runs),
    }
    verdict = "within" if result["median_wall_s"] <= BUDGET_S else "OVER"
    print(
        f"init --no-input on {written} Go files: median {result['median_wall_s']:.3f} s "
        f"(min {result['min_wall_s']:.3f}, max {result['max_wall_s']:.3f}; "
        f"CPU {result['median_cpu_s']:.3f} s; peak {result['peak_mib']:.1f} MiB): "
        f"{verdict} the {BUDGET_S} s budget"
    )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench_init-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
