"""Carry out a plan as a set: every file goes to a temporary sibling, then all are renamed."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from scaffold_go_docker.errors import ScaffoldError
from scaffold_go_docker.writing.plan import PlannedFile

_FILE_MODE = 0o644


def write_planned(target: Path, planned: Sequence[PlannedFile]) -> None:
    """Write the entries of `planned` that create or overwrite a file under `target`.

    All contents are written to temporary files first, so a failure before the renames
    leaves nothing changed: the temporary files and any directory this call created are
    removed again. Only then are the files renamed into place.
    """
    created: list[Path] = []
    staged: list[tuple[Path, Path]] = []
    done = False
    try:
        for entry in planned:
            if not entry.writes:
                continue
            destination = target / entry.path
            _make_parents(destination.parent, created)
            staged.append((_write_temporary(destination, entry.content), destination))
        for temporary, destination in staged:
            os.replace(temporary, destination)
        done = True
    except OSError as error:
        raise ScaffoldError(f"cannot write {error.filename or target}: {error.strerror}") from None
    finally:
        if not done:
            for temporary, _ in staged:
                temporary.unlink(missing_ok=True)
            _remove_empty(created)


def _make_parents(directory: Path, created: list[Path]) -> None:
    """Create `directory` and its missing parents, outermost first, noting each in `created`."""
    missing = [d for d in (directory, *directory.parents) if not d.exists()]
    for path in reversed(missing):
        path.mkdir()
        created.append(path)


def _remove_empty(directories: list[Path]) -> None:
    for directory in reversed(directories):
        with contextlib.suppress(OSError):
            directory.rmdir()


def _write_temporary(destination: Path, content: str) -> Path:
    descriptor, name = tempfile.mkstemp(prefix=f".{destination.name}.", dir=destination.parent)
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content.encode())
        temporary.chmod(_FILE_MODE)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary
