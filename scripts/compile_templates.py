"""Compile the templates ahead of time, per language, into the package.

    .venv/bin/python scripts/compile_templates.py          # write them
    .venv/bin/python scripts/compile_templates.py --check  # exit 1 if they are out of date

Writes `src/scaffold_go_docker/rendering/compiled/<lang>/tmpl_*.py` with Jinja's own
`Environment.compile_templates`, from the environment rendering uses, and the manifest that
says what they were compiled from (see `scaffold_go_docker.rendering.precompiled`). Run it
after changing a template, the environment or the English folding; until then rendering
compiles the sources (same output, slower), and tests/static/test_precompiled.py fails.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
from pathlib import Path

from scaffold_go_docker.options.enums import Lang
from scaffold_go_docker.rendering import precompiled
from scaffold_go_docker.rendering.environment import source_environment


def compile_all(target: Path) -> None:
    for lang in Lang:
        precompiled.compile_into(source_environment(lang), target / lang.value)


def differences(left: Path, right: Path) -> list[str]:
    """Files that differ between two compilations, or that only one of them has."""
    found: list[str] = []
    for lang in Lang:
        compared = filecmp.dircmp(left / lang.value, right / lang.value, ignore=["__pycache__"])
        found += compared.left_only + compared.right_only + compared.diff_files
        _, mismatched, errors = filecmp.cmpfiles(
            left / lang.value, right / lang.value, compared.common_files, shallow=False
        )
        found += mismatched + errors
    return sorted(set(found))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if out of date")
    args = parser.parse_args()
    if not args.check:
        compile_all(precompiled.COMPILED_DIR)
        precompiled.write_manifest()
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        compile_all(Path(scratch))
        stale = differences(precompiled.COMPILED_DIR, Path(scratch))
    if precompiled.recorded_manifest() != precompiled.current_manifest():
        stale.append(precompiled.MANIFEST.name)
    if stale:
        print(f"out of date: {', '.join(stale)}; run {sys.argv[0]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
