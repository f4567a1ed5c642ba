"""Command-line PATHs -> the Dockerfiles to audit."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from scaffold_go_docker.audit.errors import AuditInputError

STDIN = "-"
#: File names audited when a directory is searched.
DOCKERFILE_PATTERNS = ("Dockerfile", "Dockerfile.*", "*.Dockerfile", "Containerfile")
#: Directories a search never enters.
SKIPPED_DIRS = frozenset({".git", "vendor", "node_modules"})
#: `Dockerfile.*` names that are not Dockerfiles: documentation, BuildKit's per-Dockerfile
#: ignore files, templates and editor leftovers. Named on the command line, they are read.
NOT_DOCKERFILES = (
    ".dockerignore", ".md", ".txt", ".rst", ".j2", ".jinja", ".jinja2", ".tmpl", ".tpl",
    ".template", ".in", ".orig", ".bak", ".swp", "~",
)  # fmt: skip


def is_dockerfile_name(name: str) -> bool:
    if name.endswith(NOT_DOCKERFILES):
        return False
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in DOCKERFILE_PATTERNS)


def dockerfiles(paths: Sequence[str]) -> Iterator[str]:
    """Each PATH as given (`-` for stdin, a file), or the Dockerfiles under a directory
    in a stable order. Raises AuditInputError for a PATH that does not exist."""
    for given in paths or ["."]:
        if given == STDIN:
            yield STDIN
            continue
        path = Path(given)
        if path.is_dir():
            found = sorted(_search(path))
            if not found:
                raise AuditInputError(
                    f"{given}: no Dockerfile here ({', '.join(DOCKERFILE_PATTERNS)})"
                )
            yield from (str(each) for each in found)
        elif path.exists():
            yield given
        else:
            raise AuditInputError(f"{given}: no such file or directory")


def _search(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(name for name in dirs if name not in SKIPPED_DIRS)
        for name in files:
            if is_dockerfile_name(name):
                yield Path(root) / name
