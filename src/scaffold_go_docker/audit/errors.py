"""The audit's user errors (exit 2, one line); findings themselves are not errors."""

from __future__ import annotations

from scaffold_go_docker.errors import ConfigFileError, ScaffoldError


class AuditInputError(ScaffoldError):
    """A PATH does not exist, cannot be read, or holds no Dockerfile."""


class AuditConfigError(ConfigFileError):
    """The `audit:` section of a config file holds an unknown key or a bad value."""
