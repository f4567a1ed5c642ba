"""//go:embed patterns of a main package and its local dependencies, resolved as Go
resolves them: checked against go list on generated file trees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaffold_go_docker.detect import detect
from scaffold_go_docker.detect.embeds import EmbedPatternError, resolve

from .conftest import FIXTURES, WriteModule
from .gotool import Go


def test_embeds_name_their_paths_relative_to_the_module() -> None:
    facts = detect(FIXTURES / "embeds").for_main(".")
    assert [(e.pattern, e.path, e.all, str(e.origin)) for e in facts.embeds] == [
        ("static", "static", False, "main.go:14"),
        ("templates/*.html", "templates/*.html", False, "main.go:17"),
        ("VERSION", "VERSION", False, "main.go:22"),
        ("all:public", "internal/assets/public", True, "internal/assets/assets.go:8"),
        ("files/*.json", "internal/assets/files/*.json", False, "internal/assets/assets.go:8"),
    ]


def test_all_prefix_embeds_dot_and_underscore_files_a_plain_directory_leaves_out() -> None:
    embeds = {e.pattern: e.files for e in detect(FIXTURES / "embeds").for_main(".").embeds}
    assert embeds["static"] == ("static/css/site.css", "static/index.html")
    assert embeds["all:public"] == (
        "internal/assets/public/.keep",
        "internal/assets/public/_partial.html",
        "internal/assets/public/app.js",
    )


def test_embeds_of_a_workspace_member_are_named_from_the_detected_directory() -> None:
    [embed] = detect(FIXTURES / "workspace" / "api").for_main(".").embeds
    assert (embed.package, embed.files) == (
        "example.com/lib/greeting",
        ("../lib/greeting/greeting.txt",),
    )


def test_a_main_without_embeds_has_none() -> None:
    assert detect(FIXTURES / "cmdlayout").for_main("./cmd/api").embeds == ()


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("missing.txt", "no matching files found"),
        ("../outside", "invalid pattern syntax"),
        ("sub", "cannot embed directory sub: in different module"),
        ("empty", "cannot embed directory empty: contains no embeddable files"),
    ],
)
def test_a_pattern_go_would_refuse_carries_its_problem(
    pattern: str, problem: str, write_module: WriteModule
) -> None:
    root = write_module(
        {
            "go.mod": "module example.com/m\n\ngo 1.22\n",
            "main.go": f'package main\n\nimport "embed"\n\n//go:embed {pattern}\nvar f embed.FS\n\n'
            "func main() {}\n",
            "sub/go.mod": "module example.com/sub\n",
            "sub/x.txt": "x",
            "empty/.gitkeep": "",
        }
    )
    [embed] = detect(root).for_main(".").embeds
    assert (embed.files, embed.problem) == ((), problem)


# -- against go list, on generated trees -------------------------------------------------------

NAMES = ["a.txt", "b.html", ".hidden", "_draft", "c.json", "x[1].txt", "d"]
PATTERNS = [
    "*", "d", "all:d", "d/*", "*.txt", "*.html", "[a-b]*", "?.txt", "d/*.json", "all:*",
    "[^a]*", "x\\[1\\].txt", "d/e", "d/e/*.txt",
]  # fmt: skip


@st.composite
def trees(draw: st.DrawFn) -> list[str]:
    files = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=5, unique=True))
    nested = draw(st.lists(st.sampled_from(NAMES[:-1]), max_size=4, unique=True))
    deeper = draw(st.lists(st.sampled_from(NAMES[:-1]), max_size=3, unique=True))
    paths = [name for name in files if name != "d"]
    paths += [f"d/{name}" for name in nested]
    paths += [f"d/e/{name}" for name in deeper]
    return paths


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=trees(), pattern=st.sampled_from(PATTERNS))
def test_resolution_is_go_lists(
    files: list[str], pattern: str, go: Go, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("tree")
    (root / "go.mod").write_text("module example.com/tree\n\ngo 1.22\n")
    (root / "p.go").write_text(
        f'package p\n\nimport "embed"\n\n//go:embed {pattern}\nvar f embed.FS\n'
    )
    for file in files:
        (root / file).parent.mkdir(parents=True, exist_ok=True)
        (root / file).write_text("x")
    [listed] = json.loads("[" + go.run(["list", "-e", "-json", "."], root, "-mod=mod").stdout + "]")
    try:
        ours = sorted(path.relative_to(root).as_posix() for path in resolve(root, pattern))
    except EmbedPatternError:
        ours = None
    if listed.get("Error"):
        assert ours is None, listed["Error"]["Err"]
    else:
        assert ours == sorted(listed["EmbedFiles"])


def test_glob_classes_and_escapes(tmp_path: Path) -> None:
    for name in ["a1", "b2", "c3", "[x]"]:
        (tmp_path / name).write_text("x")
    assert [p.name for p in resolve(tmp_path, "[a-b][0-9]")] == ["a1", "b2"]
    assert [p.name for p in resolve(tmp_path, "[^a-b]?")] == ["c3"]
    assert [p.name for p in resolve(tmp_path, "\\[x\\]")] == ["[x]"]
