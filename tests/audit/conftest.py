"""Fixtures for the audit tests: the fixture tree and a helper to audit one fixture."""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

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


class Outcome(NamedTuple):
    code: int
    out: str
    err: str


@pytest.fixture
def audit_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> Callable[..., Outcome]:
    """`scaffold-go-docker audit ARGS` in-process from `tmp_path`, as main() runs it."""
    from scaffold_go_docker.cli.app import main

    monkeypatch.chdir(tmp_path)
    for key in list(os.environ):
        if key.startswith("SCAFFOLD_GO_DOCKER_") or key in ("CI", "NO_COLOR"):
            monkeypatch.delenv(key)

    def invoke(*args: str, stdin: str | None = None) -> Outcome:
        with monkeypatch.context() as scoped:
            scoped.setattr(sys, "argv", ["scaffold-go-docker", "audit", *args])
            if stdin is not None:
                scoped.setattr(sys, "stdin", io.StringIO(stdin))
            with pytest.raises(SystemExit) as exited:
                main()
        captured = capsys.readouterr()
        code = exited.value.code
        return Outcome(code if isinstance(code, int) else 0, captured.out, captured.err)

    return invoke
