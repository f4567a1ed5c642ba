"""Each variant's default output, byte for byte, as reviewed in tests/golden/.

After an intended template change: `pytest tests/static --update-golden`, then read the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold_go_docker.generate import generate_files
from scaffold_go_docker.inputs.answers import ANSWERS_FILE, SCHEMA_FILE
from scaffold_go_docker.options import Variant

from .cases import APP

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def golden_set(variant: Variant) -> dict[str, str]:
    """The Dockerfile of each variant; the other files once, from enterprise (the schema has
    its own test)."""
    if variant is not Variant.ENTERPRISE:
        return {"Dockerfile": generate_files({"app_name": APP}, variant.value)["Dockerfile"]}
    choices = {"app_name": APP, "compose": True, "ci_workflow": True}
    files = generate_files(choices, variant.value)
    del files[SCHEMA_FILE]
    return files


def _on_disk(directory: Path) -> set[str]:
    return {p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file()}


@pytest.mark.parametrize("variant", list(Variant), ids=[v.value for v in Variant])
def test_default_output_matches_the_golden_files(variant: Variant, update_golden: bool) -> None:
    directory = GOLDEN / variant.value
    rendered = golden_set(variant)
    if update_golden:
        for stale in _on_disk(directory) - set(rendered) if directory.exists() else set():
            (directory / stale).unlink()
        for path, text in rendered.items():
            (directory / path).parent.mkdir(parents=True, exist_ok=True)
            (directory / path).write_bytes(text.encode())
    assert _on_disk(directory) == set(rendered), "run pytest --update-golden and review"
    for path, text in rendered.items():
        golden = (directory / path).read_bytes().decode()
        assert text == golden, f"{variant.value}/{path} changed: run --update-golden and review"


def test_golden_set_holds_the_whole_enterprise_project() -> None:
    assert set(golden_set(Variant.ENTERPRISE)) == {
        "Dockerfile",
        ".dockerignore",
        "go.mod",
        "main.go",
        "main_test.go",
        "compose.yaml",
        ".github/workflows/docker-image.yml",
        ANSWERS_FILE,
    }
