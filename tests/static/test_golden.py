"""Each variant's default output, byte for byte, as reviewed in tests/golden/ (English)
and tests/golden/zh/ (Simplified Chinese comments).

After an intended template change: `pytest tests/static --update-golden`, then read the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold_go_docker.generate import generate_files
from scaffold_go_docker.inputs.answers import ANSWERS_FILE, SCHEMA_FILE
from scaffold_go_docker.options import Lang, Variant
from scaffold_go_docker.rendering.project import USER_FILES

from .cases import APP

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
#: Where each language's golden files are.
GOLDEN_DIRS = {Lang.EN: GOLDEN, Lang.ZH: GOLDEN / "zh"}


def golden_set(variant: Variant, lang: Lang = Lang.EN) -> dict[str, str]:
    """The Dockerfile of each variant; the other files once, from enterprise (the schema has
    its own test). A translation leaves out the sample app, which has no translated text."""
    given = {"app_name": APP, "lang": lang.value}
    if variant is not Variant.ENTERPRISE:
        return {"Dockerfile": generate_files(given, variant.value)["Dockerfile"]}
    files = generate_files({**given, "compose": True, "ci_workflow": True}, variant.value)
    del files[SCHEMA_FILE]
    if lang is not Lang.EN:
        for path in USER_FILES:
            del files[path]
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
    # An existing module (init): a cmd/ layout server on alpine, checked through wget.
    "adopted-service": {
        "variant": "enterprise",
        "source_module": True,
        "module_path": "github.com/acme/shop",
        "main_packages": ["./cmd/api"],
        "port": 3000,
        "healthcheck_path": "/healthz",
        "version_var": "github.com/acme/shop/internal/build.Version",
        "cmd": ["serve", "--addr", "0.0.0.0:3000"],
        "env": ["SHOP_MODE=production"],
        "writable_dirs": ["/var/lib/shop"],
    },
    # Vendored, two binaries as two targets on scratch, checked through the probe binary.
    "adopted-targets": {
        "variant": "pro",
        "source_module": True,
        "module_path": "github.com/acme/tool/v2",
        "main_packages": ["./cmd/worker", "."],
        "vendor": True,
        "healthcheck_path": "/healthz",
        "version_var": "main.version",
        "commit_var": "main.commit",
    },
    # A workspace member with a static cgo link on distroless static.
    "adopted-workspace-cgo": {
        "variant": "pro",
        "base": "distroless",
        "source_module": True,
        "module_path": "example.com/ws/api",
        "module_dir": "api",
        "workspace_modules": ["api", "lib"],
        "cgo_link": "static",
        "listens": False,
    },
}


def _on_disk(directory: Path) -> set[str]:
    return {p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file()}


@pytest.mark.parametrize("lang", list(Lang), ids=[lang.value for lang in Lang])
@pytest.mark.parametrize("variant", list(Variant), ids=[v.value for v in Variant])
def test_default_output_matches_the_golden_files(
    variant: Variant, lang: Lang, update_golden: bool
) -> None:
    directory = GOLDEN_DIRS[lang] / variant.value
    rendered = golden_set(variant, lang)
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


@pytest.mark.parametrize("lang", list(Lang), ids=[lang.value for lang in Lang])
@pytest.mark.parametrize("name", OPTION_CASES)
def test_an_options_output_matches_its_golden_file(
    name: str, lang: Lang, update_golden: bool
) -> None:
    golden = GOLDEN_DIRS[lang] / "options" / name / "Dockerfile"
    choices = {"app_name": APP, "lang": lang.value, **OPTION_CASES[name]}
    rendered = generate_files(choices)["Dockerfile"]
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


def test_a_translation_leaves_the_sample_app_as_it_is() -> None:
    english, chinese = (generate_files({"app_name": APP, "lang": lang.value}) for lang in Lang)
    assert {path: chinese[path] for path in USER_FILES} == {p: english[p] for p in USER_FILES}
