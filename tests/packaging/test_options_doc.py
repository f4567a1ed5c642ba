"""docs/options.md is the options reference generated from the code, and what it shows is true."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import options_doc
import pytest

from scaffold_go_docker.options.rules import RULES

COMMAND = Path(sys.executable).parent / "scaffold-go-docker"


def test_committed_options_reference_is_the_generated_one(update_golden: bool) -> None:
    generated = options_doc.render()
    if update_golden:
        options_doc.DOC.write_text(generated, encoding="utf-8")
    assert options_doc.DOC.read_text(encoding="utf-8") == generated, (
        "docs/options.md is stale: run `python -m pytest tests/packaging --update-golden`"
    )


@pytest.mark.parametrize(
    ("rule_id", "flags", "message"),
    [
        (rule.id, options_doc.as_flags(rule.example), message)
        for rule, message in options_doc.rejection_messages()
    ],
    ids=[rule.id for rule in RULES],
)
def test_each_rules_example_is_refused_by_the_command_as_documented(
    rule_id: str, flags: str, message: str
) -> None:
    result = subprocess.run(
        [COMMAND, "render", "--app-name", "demo", *shlex.split(flags)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"error: {message}\n")
