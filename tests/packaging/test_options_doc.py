"""docs/options.md is the options reference generated from the code, and what it shows is true."""

from __future__ import annotations

import inspect
import shlex
import subprocess
import sys
from pathlib import Path

import options_doc
import pytest

from scaffold_go_docker.options.model import _combination_problems

COMMAND = Path(sys.executable).parent / "scaffold-go-docker"


def test_committed_options_reference_is_the_generated_one(update_golden: bool) -> None:
    generated = options_doc.render()
    if update_golden:
        options_doc.DOC.write_text(generated, encoding="utf-8")
    assert options_doc.DOC.read_text(encoding="utf-8") == generated, (
        "docs/options.md is stale: run `python -m pytest tests/packaging --update-golden`"
    )


def test_every_combination_rule_has_its_own_documented_example() -> None:
    rules = inspect.getsource(_combination_problems).count("problems.append(")
    messages = {message for _, message in options_doc.rejection_messages()}
    assert len(messages) == rules


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (options_doc._as_flags(example), message)
        for example, message in options_doc.rejection_messages()
    ],
)
def test_documented_rejection_is_what_the_command_prints(flags: str, message: str) -> None:
    result = subprocess.run(
        [COMMAND, "render", "--app-name", "demo", *shlex.split(flags)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"error: {message}\n")
