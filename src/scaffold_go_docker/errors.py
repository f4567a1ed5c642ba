"""User-facing errors: each carries a one-line message and a process exit code."""

from __future__ import annotations


class ScaffoldError(Exception):
    """Base for errors a user can fix; the CLI prints the message, never a traceback."""

    exit_code = 2


class InvalidOptionsError(ScaffoldError):
    """The options cannot be combined or a value is malformed."""


class ConfigFileError(ScaffoldError):
    """A config or answers file is missing, unreadable or holds bad values."""


class TargetExistsError(ScaffoldError):
    """The destination holds files the tool would overwrite."""


class DriftError(ScaffoldError):
    """A committed file no longer matches what its options render."""

    exit_code = 1


class NoBuilderError(ScaffoldError):
    """No image builder (docker buildx, buildah, podman) is installed."""


class AbortedError(Exception):
    """The person at the terminal chose to stop; nothing was written (exit status 130)."""
