"""SARIF 2.1.0 for GitHub code scanning: every rule's metadata and help, then the results."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from scaffold_go_docker import __version__
from scaffold_go_docker.audit.engine import STDIN_NAME, AuditReport
from scaffold_go_docker.audit.findings import Severity
from scaffold_go_docker.audit.formats.fingerprint import fingerprints
from scaffold_go_docker.audit.rules import RULES, Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.INFO: "note", Severity.WARNING: "warning", Severity.ERROR: "error"}
FINGERPRINT_KEY = "scaffoldGoDockerFinding/v1"


def _help_markdown(rule: Rule) -> str:
    parts = [
        f"**{rule.summary[0].upper()}{rule.summary[1:]}.** {rule.why}",
        f"**Fix:** {rule.fix}",
    ]
    if rule.flags:
        parts.append(f"**scaffold-go-docker options:** `{' '.join(rule.flags)}`")
    if rule.with_module:
        parts.append(f"**With the Go module:** {rule.with_module}")
    parts.append(
        f"Example:\n\n```dockerfile\n{rule.example}```\n\nFixed:\n\n```dockerfile\n{rule.fixed}```"
    )
    return "\n\n".join(parts)


def _rule(rule: Rule) -> dict[str, Any]:
    text = f"{rule.summary}. {rule.why} Fix: {rule.fix}"
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {"text": text, "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["dockerfile", "go"], "precision": "high"},
    }


def _uri(file: str) -> str:
    if file == STDIN_NAME:
        return "stdin"
    return quote(PurePath(file).as_posix())


def document(report: AuditReport) -> dict[str, Any]:
    rule_ids = list(RULES)
    results = []
    for finding, fingerprint in fingerprints(report.findings):
        region: dict[str, Any] = {"startLine": finding.line, "startColumn": finding.column}
        if finding.snippet:
            region["snippet"] = {"text": finding.snippet}
        results.append(
            {
                "ruleId": finding.rule,
                "ruleIndex": rule_ids.index(finding.rule),
                "level": LEVELS[finding.severity],
                "message": {"text": f"{finding.message}. Fix: {finding.fix}"},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(finding.file)},
                            "region": region,
                        }
                    }
                ],
                "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
            }
        )
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "scaffold-go-docker audit",
                        "semanticVersion": __version__,
                        "rules": [_rule(rule) for rule in RULES.values()],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(report: AuditReport) -> str:
    return json.dumps(document(report), indent=2) + "\n"
