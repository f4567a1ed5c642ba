"""Time detection on a large synthetic Go module, as whole processes.

`init --no-input` must finish within 0.5 s on a module of 2,000 Go files, so detection must
take well under that. This builds such a module (many packages, a few main packages that
import most of them, embeds, listen addresses, version variables, tests, comments) in a
temporary directory and runs, as separate processes, interleaved run by run:

- `python -c "import scaffold_go_docker.detect"`: the import alone;
- the same with the options model imported too (init imports it anyway, and detection
  reads the newest Go from options.versions);
- the same and a whole detection: the difference is detection's own cost.

It also times detect() inside one process (the import already paid) and reports medians,
CPU time and peak RSS (from os.wait4).

    python benchmarks/bench_detect.py [--runs 15] [--files 2000] [--keep DIR]

Writes benchmarks/results/bench_detect-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

BUDGET_S = 0.5
RESULTS = Path(__file__).resolve().parent / "results"
MODULE = "example.com/bigservice"
FILES_PER_PACKAGE = 10
TESTS_PER_PACKAGE = 2
MAINS = ("api", "worker", "admin", "migrate", "cli")
UNLIKE_A_USER = ("CI", "PYTHONDONTWRITEBYTECODE")


@dataclass(frozen=True)
class Run:
    wall_s: float
    cpu_s: float
    peak_mib: float


def library_file(package: str, index: int, imports: list[str]) -> str:
    """An ordinary Go file: types, methods, comments, strings, a little of everything."""
    imported = "".join(f'\t"{MODULE}/internal/{name}"\n' for name in imports)
    uses = "".join(f"\t_ = {name}.Name\n" for name in imports)
    listen = ""
    if index == 0 and package.endswith("3"):
        listen = (
            "\n// Serve starts the package's admin endpoint.\n"
            "func Serve() error {\n"
            '\tsrv := &http.Server{Addr: ":9090", ReadHeaderTimeout: time.Second}\n'
            "\treturn srv.ListenAndServe()\n}\n"
        )
    embed = ""
    if index == 1 and package.endswith("7"):
        embed = "\n//go:embed testdata/*.json\nvar fixtures embed.FS\n"
    embed_import = '\t"embed"\n' if embed else ""
    name_const = (
        f'// Name names the package in logs.\nconst Name = "{package}"\n\n' if index == 0 else ""
    )
    return f'''// Copyright 2025 The Big Service Authors.
// Package {package} does one part of the work.

package {package}

import (
{embed_import}	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

{imported})

{name_const}var errNotFound{index} = errors.New("{package}: not found")

// Record{index} is a row of the {package} store.
type Record{index} struct {{
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	Tags      []string  `json:"tags,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}}

// Store{index} keeps records in memory.
type Store{index} struct {{
	records map[int64]Record{index}
	client  *http.Client
}}

// New{index} returns an empty store.
func New{index}() *Store{index} {{
	return &Store{index}{{records: map[int64]Record{index}{{}}, client: http.DefaultClient}}
}}

// Get returns the record with the id.
func (s *Store{index}) Get(id int64) (Record{index}, error) {{
	record, ok := s.records[id]
	if !ok {{
		return Record{index}{{}}, fmt.Errorf("get %d: %w", id, errNotFound{index})
	}}
	return record, nil
}}

// Put stores a record; /* not a comment */ and // not one either, inside strings.
func (s *Store{index}) Put(r Record{index}) {{
	r.Title = strings.TrimSpace(r.Title + " /* x */ // y")
	s.records[r.ID] = r
}}

// Search finds records whose title holds the text.
func (s *Store{index}) Search(text string) []Record{index} {{
	var found []Record{index}
	for _, record := range s.records {{
		if strings.Contains(strings.ToLower(record.Title), strings.ToLower(text)) {{
			found = append(found, record)
		}}
	}}
	return found
}}

func describe{index}(r Record{index}) string {{
{uses}	switch {{
	case len(r.Tags) > 3:
		return fmt.Sprintf("%s (%d tags)", r.Title, len(r.Tags))
	case r.CreatedAt.IsZero():
		return `untimed: ` + r.Title
	default:
		return r.Title
	}}
}}
{listen}{embed}'''


def test_file(package: str, index: int) -> str:
    return f"""package {package}

import "testing"

func TestGet{index}(t *testing.T) {{
	s := New{index}()
	if _, err := s.Get(1); err == nil {{
		t.Fatal("want an error")
	}}
}}
"""


def main_file(name: str, imports: list[str]) -> str:
    imported = "".join(f'\t"{MODULE}/internal/{package}"\n' for package in imports)
    uses = "".join(f"\t_ = {package}.Name\n" for package in imports)
    return f'''// Command {name} is one of the service's programs.
package main

import (
	"flag"
	"log"
	"net/http"
	"os"

{imported})

var (
	version = "dev"
	commit  string
)

func main() {{
	addr := flag.String("addr", ":8080", "listen address")
	flag.Parse()
{uses}	port := os.Getenv("PORT")
	if port == "" {{
		port = "8080"
	}}
	log.Printf("{name} %s (%s) on %s", version, commit, *addr)
	log.Fatal(http.ListenAndServe(*addr, nil))
}}
'''


def build_module(root: Path, files: int) -> int:
    """A module of `files` Go files (tests included); returns how many were written."""
    (root / "go.mod").write_text(f"module {MODULE}\n\ngo 1.24\n\ntoolchain go1.25.1\n")
    per_package = FILES_PER_PACKAGE + TESTS_PER_PACKAGE
    packages, extra = divmod(files - len(MAINS), per_package)
    names = [f"pkg{number}" for number in range(max(packages, 1))]
    written = 0
    for number, package in enumerate(names):
        directory = root / "internal" / package
        (directory / "testdata").mkdir(parents=True)
        (directory / "testdata" / "a.json").write_text("{}\n")
        # Each package imports the next two: a main importing pkg0 builds most of them.
        imports = names[number + 1 : number + 3]
        library = FILES_PER_PACKAGE + (extra if number == 0 else 0)
        for index in range(library):
            (directory / f"file{index}.go").write_text(library_file(package, index, imports))
            written += 1
        for index in range(TESTS_PER_PACKAGE):
            (directory / f"file{index}_test.go").write_text(test_file(package, index))
            written += 1
    for number, name in enumerate(MAINS):
        directory = root / "cmd" / name
        directory.mkdir(parents=True)
        start = number * len(names) // len(MAINS)
        (directory / "main.go").write_text(main_file(name, names[start : start + 2]))
        written += 1
    return written


def run_once(argv: list[str]) -> Run:
    env = {key: value for key, value in os.environ.items() if key not in UNLIKE_A_USER}
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    stderr = child.stderr.read().decode() if child.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {stderr.strip()}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def summary(runs: list[Run]) -> dict[str, float]:
    return {
        "median_wall_s": statistics.median(run.wall_s for run in runs),
        "min_wall_s": min(run.wall_s for run in runs),
        "median_cpu_s": statistics.median(run.cpu_s for run in runs),
        "peak_mib": max(run.peak_mib for run in runs),
    }


def in_process(root: Path, runs: int) -> dict[str, float]:
    """detect() timed inside this process, the imports already paid."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from scaffold_go_docker.detect import detect

    detection = detect(root)
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        detect(root)
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return {
        "median_wall_s": statistics.median(walls),
        "median_cpu_s": statistics.median(cpus),
        "min_cpu_s": min(cpus),
        "main_packages": len(detection.main_packages),
        "problems": len(detection.problems),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="build the module here and keep it")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as temporary:
        root = options.keep or Path(temporary) / "bigservice"
        root.mkdir(parents=True, exist_ok=True)
        go_files = build_module(root, options.files)
        python = sys.executable
        # init imports the options model anyway (detection reads GO_VERSION from it):
        # detection's own cost is the difference between the last two.
        imports = "import sys; import scaffold_go_docker.options.versions; "
        commands = {
            "import detect": [python, "-c", "import scaffold_go_docker.detect"],
            "+ options": [python, "-c", imports + "import scaffold_go_docker.detect"],
            "+ detect()": [
                python,
                "-c",
                imports + "from scaffold_go_docker.detect import detect; "
                "assert detect(sys.argv[1]).main_packages",
                str(root),
            ],
        }
        for argv in commands.values():
            run_once(argv)  # warm the page cache and bytecode
        measured: dict[str, list[Run]] = {name: [] for name in commands}
        for _ in range(options.runs):
            for name, argv in commands.items():
                measured[name].append(run_once(argv))
        inside = in_process(root, options.runs)

    result = {
        "go_files": go_files,
        "runs": options.runs,
        "budget_s": BUDGET_S,
        "processes": {name: summary(runs) for name, runs in measured.items()},
        "in_process_detect": inside,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "raw": {name: [asdict(run) for run in runs] for name, runs in measured.items()},
    }
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench_detect-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")

    whole = result["processes"]["+ detect()"]
    imported = result["processes"]["+ options"]
    print(f"synthetic module: {go_files} Go files, {inside['main_packages']} main packages")
    for name, figures in result["processes"].items():
        print(
            f"  {name:>14}: median {figures['median_wall_s'] * 1000:6.0f} ms wall, "
            f"{figures['median_cpu_s'] * 1000:6.0f} ms CPU, peak {figures['peak_mib']:.1f} MiB"
        )
    print(
        f"  detect() in-process: median {inside['median_wall_s'] * 1000:.0f} ms wall, "
        f"{inside['median_cpu_s'] * 1000:.0f} ms CPU (min {inside['min_cpu_s'] * 1000:.0f} ms)"
    )
    wall = whole["median_wall_s"] - imported["median_wall_s"]
    cpu = whole["median_cpu_s"] - imported["median_cpu_s"]
    print(
        f"  detection's own cost, whole process: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms "
        f"CPU, {wall / BUDGET_S:.0%} of init's {BUDGET_S:.1f} s budget"
    )
    print(f"results: {out}")


if __name__ == "__main__":
    main()
