"""docs/variants.md quotes generated Dockerfiles truly: each fragment is in its command's output."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "variants.md"
COMMAND = Path(sys.executable).parent / "scaffold-go-docker"
_BLOCK = re.compile(r"^( *)```dockerfile\n(.*?)^\1```", flags=re.DOTALL | re.MULTILINE)
_MARK = "# scaffold-go-docker "


def _generated_fragments() -> list[tuple[list[str], list[str]]]:
    """(command argv, fragment lines) for each block that names the command producing it."""
    fragments = []
    for indent, body in _BLOCK.findall(DOC.read_text(encoding="utf-8")):
        lines = [line.removeprefix(indent).rstrip() for line in body.splitlines()]
        if lines and lines[0].startswith(_MARK):
            kept = [line for line in lines[1:] if line and line != "..."]
            fragments.append((shlex.split(lines[0].removeprefix("# ")), kept))
    return fragments


def _is_in_order(wanted: list[str], lines: list[str]) -> bool:
    remaining = iter(lines)
    return all(any(line == want for line in remaining) for want in wanted)


def test_variants_doc_quotes_generated_output_in_several_places() -> None:
    assert len(_generated_fragments()) >= 3


@pytest.mark.parametrize(
    ("argv", "fragment"), _generated_fragments(), ids=lambda value: " ".join(value)[:60]
)
def test_fragment_lines_appear_in_order_in_the_commands_output(
    argv: list[str], fragment: list[str]
) -> None:
    rendered = subprocess.run(
        [str(COMMAND), *argv[1:]], capture_output=True, text=True, timeout=30, check=True
    ).stdout
    assert _is_in_order(fragment, rendered.splitlines())
