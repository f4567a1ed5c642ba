"""Why a directory cannot be detected: one line each, naming the file and the fix."""

from __future__ import annotations

from scaffold_go_docker.errors import ScaffoldError


class DetectionError(ScaffoldError):
    """The directory is not a Go module that detection can read."""


class NoModuleError(DetectionError):
    """Neither the directory nor any parent holds a go.mod (or a go.work naming it)."""


class GoModError(DetectionError):
    """A go.mod or go.work file cannot be read or breaks its syntax."""


class UnbuildableGoError(DetectionError):
    """A go or toolchain line asks for a Go that no release is."""


class NoMainPackageError(DetectionError):
    """A main package was asked for that the module does not have."""
