"""GitLab Code Quality: a JSON array of issues (a subset of the Code Climate format)."""

from __future__ import annotations

import json

from scaffold_go_docker.audit.engine import STDIN_NAME, AuditReport
from scaffold_go_docker.audit.findings import Severity
from scaffold_go_docker.audit.formats.fingerprint import fingerprints

#: GitLab's severities are info, minor, major, critical, blocker.
SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "major", Severity.ERROR: "critical"}


def render(report: AuditReport) -> str:
    issues = [
        {
            "description": f"{finding.rule}: {finding.message}",
            "check_name": finding.rule,
            "fingerprint": fingerprint,
            "severity": SEVERITIES[finding.severity],
            "location": {
                "path": "stdin" if finding.file == STDIN_NAME else finding.file,
                "lines": {"begin": finding.line},
            },
        }
        for finding, fingerprint in fingerprints(report.findings)
    ]
    return json.dumps(issues, indent=2) + "\n"
