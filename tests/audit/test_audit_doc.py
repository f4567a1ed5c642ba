"""docs/audit.md is generated from the rule table, and every rule is in it."""

from __future__ import annotations

from scaffold_go_docker.audit import RULES

from . import audit_doc


def test_committed_audit_reference_is_the_generated_one(update_golden: bool) -> None:
    generated = audit_doc.render()
    if update_golden:
        audit_doc.DOC.write_text(generated, encoding="utf-8")
    assert audit_doc.DOC.read_text(encoding="utf-8") == generated, (
        "docs/audit.md is stale: run `python -m pytest tests/audit --update-golden`"
    )


def test_every_rule_has_its_section_with_example_output() -> None:
    text = audit_doc.render()

    for rule in RULES.values():
        section = text.split(f"### {rule.id} {rule.name}\n", 1)[1].split("\n### ", 1)[0]
        assert f"  {rule.id}  " in section, f"{rule.id}: the example's output is missing"


def test_readme_shows_the_same_code_scanning_workflow_as_the_reference() -> None:
    readme = (audit_doc.REPO_ROOT / "README.md").read_text(encoding="utf-8")

    assert "## Audit an existing Dockerfile" in readme
    assert f"```yaml\n{audit_doc.GITHUB_WORKFLOW}```" in readme
