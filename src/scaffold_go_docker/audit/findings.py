"""A finding, and the severities findings carry."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Severity(StrEnum):
    """How bad a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Finding(NamedTuple):
    """One problem at one place in one Dockerfile."""

    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    #: How to fix it here; the rule's general fix when the check has nothing more precise.
    fix: str
    #: scaffold-go-docker flags that write a Dockerfile without this problem.
    options: tuple[str, ...]
    #: The source line the finding points at, stripped (for fingerprints and snippets).
    snippet: str = ""
