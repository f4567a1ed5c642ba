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


#: One reviewed Dockerfile per option whose output the variants' defaults do not show.
OPTION_CASES: dict[str, dict[str, object]] = {
    "build-flags": {
        "variant": "pro",
        "version_stamp": False,
        "ldflags": "-X main.version=1.2.3 -X 'main.builtBy=ci pipeline' -extldflags -static",
        "tags": "netgo,osusergo",
    },
    "platforms": {"variant": "enterprise", "platforms": "linux/amd64,linux/arm/v6,linux/386"},
    "air-gapped": {"variant": "pro", "syntax_line": False},
    "mirrored-frontend": {
        "variant": "pro",
        "syntax_image": "registry.internal/docker/dockerfile:1",
    },
    "tutorial-readers": {
        "variant": "enterprise",
        "timezone": "Asia/Shanghai",
        "goproxy": "https://goproxy.cn,direct",
        "gosumdb": "sum.golang.google.cn",
        "apk_mirror": "mirrors.aliyun.com",
    },
}


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


@pytest.mark.parametrize("name", OPTION_CASES)
def test_an_options_output_matches_its_golden_file(name: str, update_golden: bool) -> None:
    golden = GOLDEN / "options" / name / "Dockerfile"
    rendered = generate_files({"app_name": APP, **OPTION_CASES[name]})["Dockerfile"]
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(rendered.encode())
    assert golden.read_bytes().decode() == rendered, f"options/{name} changed: --update-golden"


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
