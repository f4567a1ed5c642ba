"""`audit`: find the Go-specific pitfalls in any Dockerfile.

Dockerfile text -> BuildKit's parser (parse.py) -> stages (stages.py) -> checks (checks.py,
one per rule of rules.py) -> findings, filtered by suppressions and settings (engine.py)
-> text, JSON, SARIF or GitLab Code Quality (formats/).

The names below are imported on first use, so that importing a light module of this
package (findings, formats' choices) from the command line costs no parser start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scaffold_go_docker.audit.config import AuditSettings, load_settings
    from scaffold_go_docker.audit.engine import AuditReport, FileReport, audit_paths, audit_text
    from scaffold_go_docker.audit.findings import Finding, Severity
    from scaffold_go_docker.audit.rules import RULES, Rule

_EXPORTS = {
    "AuditSettings": "config",
    "load_settings": "config",
    "AuditReport": "engine",
    "FileReport": "engine",
    "audit_paths": "engine",
    "audit_text": "engine",
    "Finding": "findings",
    "Severity": "findings",
    "RULES": "rules",
    "Rule": "rules",
}

__all__ = [
    "RULES",
    "AuditReport",
    "AuditSettings",
    "FileReport",
    "Finding",
    "Rule",
    "Severity",
    "audit_paths",
    "audit_text",
    "load_settings",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
