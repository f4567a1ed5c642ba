"""What a verification found: one result per Dockerfile, one check per property."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Status(StrEnum):
    PASS = "ok"
    FAIL = "FAIL"
    SKIP = "-"


#: The checks in report order, each with its column title.
CHECKS: dict[str, str] = {
    "build": "build",
    "user": "user",
    "http": "HTTP",
    "health": "health",
    "sigterm": "SIGTERM",
}


@dataclass(frozen=True)
class Check:
    """One property of the image: `summary` fits a table cell, `detail` explains a failure."""

    status: Status
    summary: str = ""
    detail: str = ""


@dataclass
class VerifyResult:
    """Everything verify learned about one Dockerfile."""

    dockerfile: str
    tag: str
    log_path: Path
    checks: dict[str, Check] = field(default_factory=dict)
    size_bytes: int | None = None
    seconds: float = 0.0
    http_body: str = ""

    @property
    def ok(self) -> bool:
        return all(check.status is not Status.FAIL for check in self.checks.values())

    def check(self, name: str) -> Check:
        return self.checks.get(name, Check(Status.SKIP))
