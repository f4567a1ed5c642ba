"""Run the checks over Dockerfiles and apply suppressions and settings: the library entry."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple, TextIO

from scaffold_go_docker.audit.checks import CHECKS, Context
from scaffold_go_docker.audit.config import AuditSettings
from scaffold_go_docker.audit.discover import STDIN, dockerfiles
from scaffold_go_docker.audit.errors import AuditInputError
from scaffold_go_docker.audit.findings import Finding, Severity
from scaffold_go_docker.audit.gomodule import find_module
from scaffold_go_docker.audit.parse import ParsedDockerfile, parse_dockerfile, suppressions
from scaffold_go_docker.audit.stages import build_stages

#: How findings on standard input name their file.
STDIN_NAME = "<stdin>"


class FileReport(NamedTuple):
    file: str
    findings: tuple[Finding, ...]
    #: `scaffold-go-docker init DIR ...` writing a Dockerfile without these findings, when
    #: asked for and a Go module is beside the Dockerfile.
    init_command: str | None = None


class AuditReport(NamedTuple):
    files: tuple[FileReport, ...]
    fail_on: Severity

    @property
    def findings(self) -> list[Finding]:
        return [finding for report in self.files for finding in report.findings]

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)

    @property
    def failed(self) -> bool:
        """Something at or above `fail_on`: the command exits 1."""
        return any(finding.severity.rank >= self.fail_on.rank for finding in self.findings)


def audit_text(
    text: str,
    *,
    file: str = "Dockerfile",
    path: Path | None = None,
    src: Path | None = None,
    settings: AuditSettings | None = None,
    with_init_command: bool = False,
) -> FileReport:
    """Audit one Dockerfile's text; `path` (where it lives) finds the Go module beside it."""
    settings = settings or AuditSettings()
    parsed = parse_dockerfile(text)
    build = build_stages(parsed.instructions)
    module = find_module(path, src)
    context = Context(file, parsed, build, module)
    found = [finding for check in CHECKS for finding in check(context)]
    findings = _settled(found, parsed, settings)
    command = None
    if with_init_command and module is not None and findings:
        from scaffold_go_docker.audit.init_command import init_command, init_options

        options = init_options(build, findings)
        if options is not None:
            command = init_command(_shown(module.directory), options)
    return FileReport(file, tuple(findings), command)


def _settled(
    found: list[Finding], parsed: ParsedDockerfile, settings: AuditSettings
) -> list[Finding]:
    """Without suppressed or ignored findings, with configured severities, once each, in
    file order."""
    suppressed = suppressions(parsed)
    starts = {}
    for instruction in parsed.instructions:
        for line in range(instruction.line, instruction.end_line + 1):
            starts[line] = instruction.line
    kept: dict[tuple[int, int, str], Finding] = {}
    for finding in found:
        if finding.rule in settings.ignore:
            continue
        if suppressed.covers(finding.rule, starts.get(finding.line, finding.line)):
            continue
        severity = settings.severities.get(finding.rule)
        if severity is not None:
            finding = finding._replace(severity=severity)
        kept.setdefault((finding.line, finding.column, finding.rule), finding)
    return sorted(kept.values(), key=lambda f: (f.line, f.column, f.rule))


def audit_paths(
    paths: Sequence[str],
    *,
    src: Path | None = None,
    settings: AuditSettings | None = None,
    stdin: TextIO | None = None,
    with_init_command: bool = False,
) -> AuditReport:
    """Audit each PATH (a Dockerfile, `-` for stdin, or a directory searched for them).

    Raises AuditInputError for a path that does not exist or cannot be read.
    """
    settings = settings or AuditSettings()
    if src is not None and not (src / "go.mod").is_file():
        raise AuditInputError(f"--src {src}: no go.mod there")
    reports = []
    for name in dockerfiles(paths):
        if name == STDIN:
            text = (stdin or sys.stdin).read()
            path, shown = None, STDIN_NAME
        else:
            path = Path(name)
            text = _read(path)
            shown = _shown(path)
        reports.append(
            audit_text(
                text,
                file=shown,
                path=path,
                src=src,
                settings=settings,
                with_init_command=with_init_command,
            )
        )
    return AuditReport(tuple(reports), settings.fail_on)


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise AuditInputError(f"{path}: cannot read: {error.strerror or error}") from None
    return data.decode("utf-8", errors="replace")


def _shown(path: Path) -> str:
    """A path as messages show it: relative to the current directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative
