"""Plan, then write: decide per file what happens, and only then touch the disk."""

from scaffold_go_docker.writing.plan import (
    Action,
    ConflictPolicy,
    FileKind,
    PlannedFile,
    check_target,
    plan_files,
)
from scaffold_go_docker.writing.writer import write_planned

__all__ = [
    "Action",
    "ConflictPolicy",
    "FileKind",
    "PlannedFile",
    "check_target",
    "plan_files",
    "write_planned",
]
