"""`file:line:col  SGD1xx  severity  message`, the fix under it, then a summary line."""

from __future__ import annotations

from scaffold_go_docker.audit.engine import AuditReport
from scaffold_go_docker.audit.findings import Severity

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def render(report: AuditReport, *, colour: bool = False) -> str:
    lines = []
    for finding in report.findings:
        severity = _paint(f"{finding.severity.value:<7}", _COLOURS[finding.severity], colour)
        rule = _paint(finding.rule, "1", colour)
        lines.append(
            f"{finding.file}:{finding.line}:{finding.column}  {rule}  {severity}  {finding.message}"
        )
        how = f" (scaffold-go-docker: {' '.join(finding.options)})" if finding.options else ""
        lines.append(_paint(f"    fix: {finding.fix}{how}", "2", colour))
    lines.append(summary(report))
    for file in report.files:
        if file.init_command:
            lines.append(f"A Dockerfile without these findings ({file.file}): {file.init_command}")
    return "\n".join(lines) + "\n"


def _counted(count: int, severity: Severity) -> str:
    plural = "s" if count != 1 and severity is not Severity.INFO else ""
    return f"{count} {severity.value}{plural}"


def summary(report: AuditReport) -> str:
    files = len(report.files)
    where = f"{files} Dockerfile{'s' if files != 1 else ''}"
    total = len(report.findings)
    if not total:
        return f"no findings in {where}"
    counts = ", ".join(
        _counted(report.count(severity), severity) for severity in reversed(Severity)
    )
    verdict = (
        f"failing: something is at or above {report.fail_on.value}"
        if report.failed
        else f"nothing at or above {report.fail_on.value}"
    )
    return f"{total} finding{'s' if total != 1 else ''} in {where} ({counts}); {verdict}"
