"""`{"findings": [...], "summary": {...}}`."""

from __future__ import annotations

import json
from typing import Any

from scaffold_go_docker.audit.engine import AuditReport
from scaffold_go_docker.audit.findings import Severity


def document(report: AuditReport) -> dict[str, Any]:
    return {
        "findings": [
            {
                "file": finding.file,
                "line": finding.line,
                "column": finding.column,
                "rule": finding.rule,
                "severity": finding.severity.value,
                "message": finding.message,
                "fix": finding.fix,
                "options": list(finding.options),
            }
            for finding in report.findings
        ],
        "summary": {
            "files": len(report.files),
            "findings": len(report.findings),
            **{severity.value: report.count(severity) for severity in Severity},
            "fail_on": report.fail_on.value,
            "failed": report.failed,
            "init_commands": {
                file.file: file.init_command for file in report.files if file.init_command
            },
        },
    }


def render(report: AuditReport) -> str:
    return json.dumps(document(report), indent=2) + "\n"
