"""Generate docs/audit.md from the rule table, the facts table and the audit itself.

Every rule's text comes from audit/rules.py, every message shown is what the audit prints
for the rule's example, and the base-image table is what facts/base_images.py answers, so
the page cannot drift from the code. Rewrite the committed copy with
`python tests/audit/audit_doc.py` or `python -m pytest tests/audit --update-golden`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from scaffold_go_docker.audit import RULES, Rule, audit_text
from scaffold_go_docker.audit.config import DEFAULT_CONFIG
from scaffold_go_docker.audit.discover import DOCKERFILE_PATTERNS, NOT_DOCKERFILES, SKIPPED_DIRS
from scaffold_go_docker.facts.base_images import BaseImage, lookup

REPO_ROOT = Path(__file__).resolve().parents[2]
DOC = REPO_ROOT / "docs" / "audit.md"

#: One reference per row of the base-image table.
IMAGES = (
    "scratch",
    "alpine:3.20",
    "debian:bookworm-slim",
    "ubuntu:24.04",
    "busybox:1.36",
    "golang:1.22-bookworm",
    "golang:1.22-alpine3.20",
    "gcr.io/distroless/static-debian12",
    "gcr.io/distroless/static-debian12:nonroot",
    "gcr.io/distroless/base-debian12:nonroot",
    "gcr.io/distroless/cc-debian12:nonroot",
    "cgr.dev/chainguard/static",
)


#: The README shows the same workflow (a test keeps them equal).
GITHUB_WORKFLOW = """\
name: dockerfile-audit
on: [push, pull_request]
permissions:
  contents: read
  security-events: write  # upload-sarif writes code-scanning alerts
jobs:
  audit:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install scaffold-go-docker
      - run: scaffold-go-docker audit --format sarif > audit.sarif
      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with:
          sarif_file: audit.sarif
          category: scaffold-go-docker-audit
"""


def _yes(value: bool | None) -> str:
    return "?" if value is None else "yes" if value else "no"


def _image_row(reference: str) -> str:
    facts = lookup(reference)
    assert isinstance(facts, BaseImage), reference
    libc = "?" if facts.libc is None else facts.libc.value
    tools = ", ".join(tool for tool in ("curl", "wget") if getattr(facts, tool)) or "none"
    cells = [
        f"`{reference}`",
        libc,
        _yes(facts.shell),
        _yes(facts.ca_bundle),
        _yes(facts.zoneinfo),
        str(facts.uid),
        tools,
        _yes(facts.c_compiler),
    ]
    return "| " + " | ".join(cells) + " |"


def _image_table() -> str:
    header = [
        "| image | libc | /bin/sh | CA bundle | zoneinfo | user | curl/wget | C compiler |",
        "|---|---|---|---|---|---|---|---|",
    ]
    return "\n".join(header + [_image_row(reference) for reference in IMAGES])


def _printed(rule: Rule) -> list[str]:
    """What the audit prints for the rule's example (its own findings only)."""
    with tempfile.TemporaryDirectory() as directory:
        path = None
        if rule.example_go_mod:
            (Path(directory) / "go.mod").write_text(rule.example_go_mod)
            path = Path(directory) / "Dockerfile"
        report = audit_text(rule.example, path=path)
    return [
        f"Dockerfile:{f.line}:{f.column}  {f.rule}  {f.severity.value:<7}  {f.message}"
        for f in report.findings
        if f.rule == rule.id
    ]


def _rule_section(rule: Rule) -> str:
    lines = [
        f"### {rule.id} {rule.name}",
        "",
        f"**{rule.summary[0].upper()}{rule.summary[1:]}** ({rule.severity.value}). {rule.why}",
        "",
        f"- Fix: {rule.fix}",
    ]
    if rule.flags:
        lines.append(
            f"- scaffold-go-docker writes a Dockerfile without it with `{' '.join(rule.flags)}`."
        )
    else:
        lines.append("- Every Dockerfile scaffold-go-docker writes is free of it.")
    if rule.with_module:
        lines.append(f"- With the Go module: {rule.with_module}")
    if rule.related:
        lines.append(f"- Related: {', '.join(rule.related)}.")
    lines += ["", "Raises it:", ""]
    if rule.example_go_mod:
        lines += ["```", "# go.mod", rule.example_go_mod.rstrip(), "```", ""]
    lines += ["```dockerfile", rule.example.rstrip(), "```", "", "```console"]
    lines += _printed(rule)
    lines += ["```", "", "Fixed:", "", "```dockerfile", rule.fixed.rstrip(), "```"]
    return "\n".join(lines)


def _index() -> str:
    rows = ["| rule | severity | what |", "|---|---|---|"]
    for rule in RULES.values():
        anchor = f"{rule.id}-{rule.name}".lower()
        rows.append(f"| [{rule.id}](#{anchor}) | {rule.severity.value} | {rule.summary} |")
    return "\n".join(rows)


def render() -> str:
    patterns = ", ".join(f"`{pattern}`" for pattern in DOCKERFILE_PATTERNS)
    skipped = ", ".join(f"`{name}`" for name in sorted(SKIPPED_DIRS))
    parts = [
        "# Auditing existing Dockerfiles",
        "",
        "<!-- Generated by tests/audit/audit_doc.py from the rule table, the base-image facts "
        "and the audit itself; do not edit by hand. Regenerate: "
        "`.venv/bin/python -m pytest tests/audit --update-golden`. -->",
        "",
        "`scaffold-go-docker audit` finds the Go-specific pitfalls that general Dockerfile "
        "linters do not see: the toolchain or the source in the final image, no cached "
        "module layer, root or unverifiable users, missing CA certificates or time zones, "
        "cgo binaries on a base that cannot run them, floating tags, shell-form entry "
        "points, cross-compilation mistakes and health checks calling tools the image "
        "lacks.",
        "",
        "```sh",
        "scaffold-go-docker audit                      # every Dockerfile under .",
        "scaffold-go-docker audit build/Dockerfile -   # a file, and standard input",
        "scaffold-go-docker audit --format sarif > audit.sarif",
        "scaffold-go-docker audit --fail-on error --src ./service deploy/",
        "```",
        "",
        "## How it reads a Dockerfile",
        "",
        "A PATH is a Dockerfile, `-` for standard input, or a directory searched recursively "
        f"for {patterns} (never entering {skipped}, and leaving out names ending in "
        f"{', '.join(f'`{end}`' for end in NOT_DOCKERFILES)}: documentation, ignore files, "
        "templates).",
        "",
        "Each file is parsed with BuildKit's own parser (the `dockerfile` package), so "
        "heredocs, `RUN --mount` flags and escape directives read as `docker build` reads "
        "them. A syntax error, or an instruction BuildKit would refuse, is one SGD001 "
        "finding at its line; that instruction is skipped and the rest of the file is still "
        "checked.",
        "",
        "The file is then read stage by stage: what each stage is built on (build "
        "arguments' defaults applied, a stage built on another inheriting its base), its "
        "variables, what it copies from which stage, which `go build` commands run with "
        "which CGO_ENABLED, GOOS and GOARCH. The final image is the last stage. What a "
        "verdict needs to know about a base comes from the table below; a base it does not "
        "know (say `registry.example.com/team/runtime:1.4`) gives no verdict that depends "
        "on it. Docker Official Images are recognised on Docker Hub and, by their last path "
        "component, on any other registry (a mirror such as "
        "`registry.example.com/mirror/alpine:3.20`).",
        "",
        _image_table(),
        "",
        "`?` means the table does not know: Debian from trixie on (tzdata left the "
        "required set) and busybox's libc, which depends on the variant. The `:debug` "
        "variants of distroless add busybox under /busybox (wget on PATH), still no "
        "/bin/sh.",
        "",
        "### With the Go module",
        "",
        "When a go.mod lies beside the Dockerfile (or above it, within the same repository), "
        "or `--src DIR` names one, some rules read the module: its requirements and, "
        "textually, the imports and a few call shapes of its non-test Go files (vendor/ and "
        "testdata/ excluded). The rules say below what this changes. It never builds or "
        "downloads anything.",
        "",
        "## Output and exit codes",
        "",
        "- `--format text` (default): `file:line:col  SGD1xx  severity  message`, the fix "
        "on the next line, then a summary line; coloured on a terminal (not with "
        "`NO_COLOR`). Beside a go.mod the report ends with the one `scaffold-go-docker init` "
        "command that would write a Dockerfile without these findings, keeping the base "
        "and builder the file chose where the generator has them.",
        '- `--format json`: `{"findings": [{"file", "line", "column", "rule", "severity", '
        '"message", "fix", "options"}], "summary": {...}}`; `options` are the '
        "scaffold-go-docker flags that avoid the finding.",
        "- `--format sarif`: SARIF 2.1.0 with every rule's description and help, for GitHub "
        "code scanning (validated in the tests against the official schema).",
        "- `--format gitlab`: a GitLab Code Quality report (info, major, critical).",
        "",
        "Exit status: 0 when no finding is at or above `--fail-on` (info, warning or error; "
        "default warning), 1 when one is, 2 for bad usage, an unreadable path or a bad "
        "config file (one line on stderr; with `--format json`, "
        '`{"error": "...", "exit_code": 2}` on stdout instead).',
        "",
        "## Suppressing and configuring",
        "",
        "A comment on the line(s) right above an instruction suppresses rules for that "
        "instruction; a global one, anywhere, for the whole file. Say why after the IDs:",
        "",
        "```dockerfile",
        "# scaffold-go-docker global ignore=SGD121 logs and times are UTC by design",
        "# scaffold-go-docker ignore=SGD110,SGD120 a throw-away debugging image",
        "FROM scratch",
        "```",
        "",
        f"The `audit:` section of a config file (`--config FILE`, or `{DEFAULT_CONFIG}` in "
        "the current directory when it has one) sets rules to ignore, per-rule severities "
        "(`off` ignores) and the default `--fail-on`; `--ignore RULE` on the command line "
        "adds to it:",
        "",
        "```yaml",
        "audit:",
        "  ignore: [SGD191]",
        "  severity: {SGD121: warning, SGD190: off}",
        "  fail_on: error",
        "```",
        "",
        "## In CI",
        "",
        "GitHub code scanning: the findings appear as alerts on the pull request, and the "
        "job still fails on them (the upload runs either way).",
        "",
        "```yaml",
        GITHUB_WORKFLOW.rstrip(),
        "```",
        "",
        "GitLab:",
        "",
        "```yaml",
        "dockerfile-audit:",
        "  script: scaffold-go-docker audit --format gitlab > gl-code-quality.json",
        "  artifacts:",
        "    when: always   # the job fails on findings; the report is still wanted",
        "    reports:",
        "      codequality: gl-code-quality.json",
        "```",
        "",
        "## Rules",
        "",
        _index(),
        "",
        "\n\n".join(_rule_section(rule) for rule in RULES.values()),
    ]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {DOC.relative_to(REPO_ROOT)}\n")
