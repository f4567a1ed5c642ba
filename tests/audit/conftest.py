"""Fixtures for the audit tests: the fixture tree and a helper to audit one fixture."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from scaffold_go_docker.audit import FileReport, Severity, audit_text

FIXTURES = Path(__file__).parent / "fixtures"
RULE_FIXTURES = FIXTURES / "rules"
TUTORIAL = FIXTURES / "tutorial"
_NAME = re.compile(r"(?P<verdict>raises|passes)(?:-(?P<severity>error|warning|info))?-(?P<what>.+)")


class RuleFixture(NamedTuple):
    """tests/audit/fixtures/rules/<RULE>/<raises|passes>[-severity]-<what>[.Dockerfile|/]"""

    rule: str
    path: Path
    raises: bool
    severity: Severity | None

    @property
    def dockerfile(self) -> Path:
        return self.path / "Dockerfile" if self.path.is_dir() else self.path

    @property
    def id(self) -> str:
        return f"{self.rule}/{self.path.name.removesuffix('.Dockerfile')}"


def rule_fixtures() -> list[RuleFixture]:
    found = []
    for rule_dir in sorted(RULE_FIXTURES.iterdir()):
        for path in sorted(rule_dir.iterdir()):
            match = _NAME.fullmatch(path.name.removesuffix(".Dockerfile"))
            assert match, f"fixture {path} is not named raises-... or passes-..."
            severity = match.group("severity")
            found.append(
                RuleFixture(
                    rule_dir.name,
                    path,
                    match.group("verdict") == "raises",
                    Severity(severity) if severity else None,
                )
            )
    return found


def audit_file(path: Path) -> FileReport:
    """Audit a Dockerfile where it lies, so a go.mod beside it is read."""
    return audit_text(path.read_text(encoding="utf-8"), file=path.name, path=path)


def rules_of(report: FileReport) -> set[str]:
    return {finding.rule for finding in report.findings}
