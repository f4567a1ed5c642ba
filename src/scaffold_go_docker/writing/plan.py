"""Decide, for each file of a run, what happens to it; read the disk, write nothing.

Each file has a policy by its kind: the user's own files (the sample app, go.mod) are
created once and never replaced; generated files follow the run's conflict policy; the
answers file and its schema record what the run leaves on disk.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from scaffold_go_docker.errors import ScaffoldError, TargetExistsError


class Action(StrEnum):
    CREATE = "create"
    OVERWRITE = "overwrite"
    IDENTICAL = "identical"
    #: A generated file kept as it is (--skip-existing).
    SKIP = "skip"
    #: One of the user's own files: it exists, so it stays, whatever the policy.
    KEEP = "keep"


class ConflictPolicy(StrEnum):
    """What to do with an existing generated file whose content differs."""

    REFUSE = "refuse"
    OVERWRITE = "overwrite"
    SKIP = "skip"


class FileKind(StrEnum):
    #: Written for the user to edit (main.go, go.mod): created once, never replaced.
    USERS = "users"
    #: Derived from the options (Dockerfile, .dockerignore, ...): follows the policy.
    GENERATED = "generated"
    #: Records the options behind the generated files (the answers file and its schema).
    RECORD = "record"


class PlannedFile(NamedTuple):
    path: str
    action: Action
    content: str
    kind: FileKind = FileKind.GENERATED

    @property
    def writes(self) -> bool:
        return self.action in (Action.CREATE, Action.OVERWRITE)


def target_occupied(target: Path) -> bool:
    """Whether `target` exists with something in it (a file counts as occupied too)."""
    try:
        if target.exists() and not target.is_dir():
            return True
        return target.is_dir() and any(target.iterdir())
    except OSError as error:
        raise TargetExistsError(f"{target} cannot be read: {error.strerror}") from None


def check_target(target: Path, policy: ConflictPolicy) -> None:
    """Refuse a target that cannot take the files, before anything is asked or rendered.

    With the REFUSE policy an existing non-empty `target` is an error, so a typo cannot
    mix generated files into an unrelated directory.
    """
    try:
        not_a_directory = target.exists() and not target.is_dir()
    except OSError as error:
        raise TargetExistsError(f"{target} cannot be read: {error.strerror}") from None
    if not_a_directory:
        raise TargetExistsError(f"{target} exists and is not a directory")
    nearest = next(d for d in (target, *target.parents) if d.exists() or d == Path(d.anchor))
    if not os.access(nearest, os.W_OK | os.X_OK):  # say so before any question or report
        raise TargetExistsError(f"cannot write {target}: Permission denied")
    if policy is ConflictPolicy.REFUSE and target_occupied(target):
        _refuse_occupied(target)


def _refuse_occupied(target: Path) -> None:
    raise TargetExistsError(
        f"{target} exists and is not empty; use --force to replace the files this tool "
        "generates, or --skip-existing to keep them"
    )


def plan_files(
    target: Path,
    files: Mapping[str, str],
    policy: ConflictPolicy = ConflictPolicy.REFUSE,
    kinds: Mapping[str, FileKind] | None = None,
) -> list[PlannedFile]:
    """The plan for writing `files` under `target`, each by its kind (default: generated).

    Record files are written only while they tell the truth: when a generated file is kept
    although it differs from what the options give, the records on disk stay as they are.
    """
    kinds = kinds or {}
    try:
        check_target(target, policy)
        for path in files:
            _check_parents(target, path)
        planned = [
            PlannedFile(
                path,
                _action(target / path, content, policy, kinds.get(path, FileKind.GENERATED)),
                content,
                kinds.get(path, FileKind.GENERATED),
            )
            for path, content in files.items()
        ]
    except OSError as error:  # a directory on the way that this user may not read
        unreadable = error.filename or target
        raise ScaffoldError(f"{unreadable} cannot be read: {error.strerror}") from None
    if policy is ConflictPolicy.REFUSE and any(p.action is not Action.CREATE for p in planned):
        _refuse_occupied(target)  # files appeared while planning: another run's, perhaps
    generated_kept = any(p.kind is FileKind.GENERATED and p.action is Action.SKIP for p in planned)
    if generated_kept:
        planned = [
            p._replace(action=Action.SKIP) if p.kind is FileKind.RECORD and p.writes else p
            for p in planned
        ]
    return planned


def _check_parents(target: Path, path: str) -> None:
    """Refuse a file whose directory, below `target`, is a symbolic link or not a directory:
    writing through it would put the file outside the project."""
    parent = target
    for part in PurePosixPath(path).parent.parts:
        parent = parent / part
        if parent.is_symlink():
            raise TargetExistsError(
                f"{parent} is a symbolic link; this tool writes no file through one "
                f"({path} would go there)"
            )
        if parent.exists() and not parent.is_dir():
            raise TargetExistsError(f"{parent} exists and is not a directory ({path} goes there)")


def _action(destination: Path, content: str, policy: ConflictPolicy, kind: FileKind) -> Action:
    if destination.is_symlink() or (destination.exists() and not destination.is_file()):
        if kind is FileKind.USERS:
            return Action.KEEP
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
    if kind is FileKind.USERS:
        return Action.KEEP
    if kind is FileKind.RECORD:
        return Action.OVERWRITE
    return Action.SKIP if policy is ConflictPolicy.SKIP else Action.OVERWRITE
