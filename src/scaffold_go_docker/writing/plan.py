"""Decide, for each file to generate, whether it is created, overwritten, identical or skipped."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from scaffold_go_docker.errors import TargetExistsError


class Action(StrEnum):
    CREATE = "create"
    OVERWRITE = "overwrite"
    IDENTICAL = "identical"
    SKIP = "skip"


class ConflictPolicy(StrEnum):
    """What to do with an existing file whose content differs."""

    REFUSE = "refuse"
    OVERWRITE = "overwrite"
    SKIP = "skip"


class PlannedFile(NamedTuple):
    path: str
    action: Action
    content: str


def plan_files(
    target: Path, files: Mapping[str, str], policy: ConflictPolicy = ConflictPolicy.REFUSE
) -> list[PlannedFile]:
    """The plan for writing `files` under `target`; reads the disk, writes nothing.

    With the REFUSE policy an existing non-empty `target` is an error, so a typo cannot
    mix generated files into an unrelated directory.
    """
    if target.exists() and not target.is_dir():
        raise TargetExistsError(f"{target} exists and is not a directory")
    if policy is ConflictPolicy.REFUSE and target.is_dir() and any(target.iterdir()):
        raise TargetExistsError(
            f"{target} exists and is not empty; use --force to replace the files this tool "
            "writes, or --skip-existing to keep them"
        )
    return [
        PlannedFile(path, _action(target / path, content, policy), content)
        for path, content in files.items()
    ]


def _action(destination: Path, content: str, policy: ConflictPolicy) -> Action:
    if destination.is_symlink() or (destination.exists() and not destination.is_file()):
        if policy is ConflictPolicy.SKIP:
            return Action.SKIP
        raise TargetExistsError(f"{destination} exists and is not a regular file")
    if not destination.exists():
        return Action.CREATE
    try:
        if destination.read_bytes() == content.encode():
            return Action.IDENTICAL
    except OSError as error:
        raise TargetExistsError(f"{destination} cannot be read: {error.strerror}") from None
    return Action.SKIP if policy is ConflictPolicy.SKIP else Action.OVERWRITE
