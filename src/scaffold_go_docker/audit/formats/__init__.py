"""Reports in the formats CI systems read: text, JSON, SARIF 2.1.0, GitLab Code Quality."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scaffold_go_docker.audit.engine import AuditReport


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    GITLAB = "gitlab"


def render(report: AuditReport, form: Format, *, colour: bool = False) -> str:
    """The report as text in `form`, ending with a newline."""
    from scaffold_go_docker.audit.formats import gitlab, json_report, sarif, text

    renderers: dict[Format, Callable[[AuditReport], str]] = {
        Format.JSON: json_report.render,
        Format.SARIF: sarif.render,
        Format.GITLAB: gitlab.render,
    }
    if form is Format.TEXT:
        return text.render(report, colour=colour)
    return renderers[form](report)
