"""Reading Dockerfiles with BuildKit's parser: syntax errors located, the rest still checked;
suppression comments; where findings point."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import venv_tool

from scaffold_go_docker.audit import RULES, audit_text
from scaffold_go_docker.audit.parse import parse_dockerfile

SCRATCH_AS_ROOT = RULES["SGD110"].example.replace("alpine:3.20\nCOPY", "scratch\nCOPY")


def _rules(text: str) -> list[tuple[str, int]]:
    return [(finding.rule, finding.line) for finding in audit_text(text).findings]


def test_syntax_error_is_one_finding_at_its_line_and_the_rest_is_still_checked() -> None:
    text = "FROM alpine:latest\nENV PORT\nUSER app\n"

    found = _rules(text)

    assert ("SGD001", 2) in found
    assert ("SGD140", 1) in found  # before the bad line
    assert ("SGD111", 3) in found  # after it


def test_each_of_several_syntax_errors_is_reported_once() -> None:
    text = "FROM alpine:3.20\nENV A\nLABEL x\nUSER 1\nENV B\n"

    assert [line for rule, line in _rules(text) if rule == "SGD001"] == [2, 3, 5]


def test_syntax_error_deep_in_a_long_file_is_found_at_its_line() -> None:
    runs = "".join(f"RUN echo {n}\n" for n in range(400))
    heredoc = "RUN <<EOF\nset -e\nENV NOT_AN_INSTRUCTION_HERE\nEOF\n"
    text = f"FROM alpine:3.20\n{runs}{heredoc}{runs}ENV A\n{runs}USER app\n"

    found = _rules(text)

    assert [line for rule, line in found if rule == "SGD001"] == [1 + 400 + 4 + 400 + 1]
    assert ("SGD111", len(text.splitlines())) in found


def test_a_file_that_is_no_dockerfile_gives_a_bounded_number_of_findings() -> None:
    markdown = "# Notes\n\nSome *text*.\n\n```\ncode\n```\n" * 50

    problems = [rule for rule, _ in _rules(markdown) if rule == "SGD001"]

    assert len(problems) == 20
    assert "is this a Dockerfile?" in audit_text(markdown).findings[-1].message


def test_unknown_instruction_is_a_finding_not_a_reason_to_stop() -> None:
    found = _rules("FROM alpine:3.20\nCOPPY app /app\nUSER app\n")

    assert ("SGD001", 2) in found
    assert ("SGD111", 3) in found


def test_file_without_instructions_is_one_finding() -> None:
    assert _rules("# nothing here\n\n") == [("SGD001", 1)]


def test_heredocs_and_bind_mount_without_target_parse_cleanly() -> None:
    text = (
        "FROM golang:1.22-alpine3.20 AS build\n"
        "RUN --mount=type=bind,source=. <<EOF\nset -e\ngo build -o /out/app .\nEOF\n"
        "COPY <<EOF /etc/app.conf\nport=8080\nEOF\n"
    )
    parsed = parse_dockerfile(text)

    assert parsed.problems == ()
    assert [i.keyword for i in parsed.instructions] == ["FROM", "RUN", "COPY"]
    assert parsed.instructions[1].heredocs == ("set -e\ngo build -o /out/app .\n",)


def test_crlf_line_endings_give_the_same_findings() -> None:
    text = SCRATCH_AS_ROOT

    assert _rules(text.replace("\n", "\r\n")) == _rules(text)


def test_finding_points_at_the_offending_word() -> None:
    text = "FROM golang:1.22-alpine3.20 AS build\nRUN GOOS=linux \\\n    go build -o /app .\n"
    text += 'FROM scratch\nCOPY --from=build /app /app\nUSER 1:1\nENTRYPOINT ["/app"]\n'

    (finding,) = [f for f in audit_text(text).findings if f.rule == "SGD190"]

    assert (finding.line, finding.column) == (3, 5)
    assert finding.snippet == "go build -o /app ."


def test_suppression_comment_above_an_instruction_silences_those_rules_there() -> None:
    text = SCRATCH_AS_ROOT.replace(
        "FROM scratch",
        "# scaffold-go-docker ignore=SGD110,SGD120 root is fine in this sandbox\nFROM scratch",
    )

    found = {rule for rule, _ in _rules(text)}

    assert "SGD110" not in found
    assert "SGD120" not in found
    assert "SGD121" in found  # not named


def test_suppression_separated_by_a_blank_line_does_not_apply() -> None:
    text = SCRATCH_AS_ROOT.replace(
        "FROM scratch", "# scaffold-go-docker ignore=SGD110\n\nFROM scratch"
    )

    assert "SGD110" in {rule for rule, _ in _rules(text)}


def test_suppression_applies_to_findings_on_continuation_lines() -> None:
    text = RULES["SGD190"].example.replace(
        "RUN CGO_ENABLED=0 go build",
        "# scaffold-go-docker ignore=SGD190\nRUN CGO_ENABLED=0 \\\n  go build",
    )

    assert "SGD190" not in {rule for rule, _ in _rules(text)}


def test_global_suppression_silences_a_rule_in_the_whole_file() -> None:
    text = "# scaffold-go-docker global ignore=SGD121 logs are UTC by design\n" + SCRATCH_AS_ROOT

    found = {rule for rule, _ in _rules(text)}

    assert "SGD121" not in found
    assert "SGD110" in found


def test_hadolint_style_comment_for_another_tool_does_not_suppress() -> None:
    text = SCRATCH_AS_ROOT.replace("FROM scratch", "# hadolint ignore=SGD110\nFROM scratch")

    assert "SGD110" in {rule for rule, _ in _rules(text)}


def test_bind_mount_without_target_stops_hadolint_but_not_the_audit(tmp_path: Path) -> None:
    # hadolint 2.x fails to parse this valid BuildKit flag (DL1000) and checks nothing else.
    text = (
        "FROM golang:1.22-alpine3.20 AS build\n"
        "RUN --mount=type=bind,source=. go build -o /out/app .\n"
        'FROM alpine:latest\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n'
    )
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(text)
    linted = subprocess.run(
        [str(venv_tool("hadolint")), "--no-fail", "--format", "json", str(dockerfile)],
        capture_output=True, text=True, cwd=tmp_path, timeout=60, check=True,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip

    assert {item["code"] for item in json.loads(linted.stdout)} == {"DL1000"}
    assert {"SGD110", "SGD140"} <= {rule for rule, _ in _rules(text)}
    assert "SGD001" not in {rule for rule, _ in _rules(text)}
