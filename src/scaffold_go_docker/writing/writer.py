"""Carry out a plan atomically: every file goes to a temporary sibling, then all are renamed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from scaffold_go_docker.errors import ScaffoldError
from scaffold_go_docker.writing.plan import Action, PlannedFile

_FILE_MODE = 0o644


def write_planned(target: Path, planned: Sequence[PlannedFile]) -> None:
    """Write the CREATE and OVERWRITE entries of `planned` under `target`.

    All contents are written to temporary files first, so an interrupted or failed run
    leaves no half-written file; only then are they renamed into place.
    """
    to_write = [entry for entry in planned if entry.action in (Action.CREATE, Action.OVERWRITE)]
    staged: list[tuple[Path, Path]] = []
    try:
        for entry in to_write:
            destination = target / entry.path
            destination.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_write_temporary(destination, entry.content), destination))
        for temporary, destination in staged:
            os.replace(temporary, destination)
    except OSError as error:
        raise ScaffoldError(f"cannot write {error.filename or target}: {error.strerror}") from None
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


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
