"""Detection agrees with the real Go toolchain on every fixture module: the main packages
`go list` reports, the binaries `go build` writes, the cgo verdict (a package the program
builds has CgoFiles) and the //go:embed patterns and files of every package it builds."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from scaffold_go_docker.detect import Detection, detect

from .conftest import FIXTURES
from .gotool import Go


@dataclass(frozen=True)
class Case:
    name: str
    #: Where detect() runs, relative to the fixtures.
    directory: str
    goflags: str
    #: What `go list` is given there (a workspace root that is not a module has no "./...").
    patterns: tuple[str, ...] = ("./...",)

    def __str__(self) -> str:
        return self.name


CASES = [
    Case("root main", "rootmain", "-mod=mod"),
    Case("cmd layout", "cmdlayout", "-mod=mod"),
    Case("vendored", "vendored", "-mod=vendor"),
    Case("workspace root", "workspace", "", ("./api/...", "./lib/...")),
    Case("workspace member", "workspace/api", ""),
    Case("cgo", "cgo", "-mod=mod"),
    Case("embeds", "embeds", "-mod=mod"),
    Case("ports", "ports", "-mod=mod"),
    Case("versions", "versions", "-mod=mod"),
]


@pytest.fixture(scope="module", params=CASES, ids=str)
def case(request: pytest.FixtureRequest) -> Case:
    param: Case = request.param
    return param


@pytest.fixture(scope="module")
def detection(case: Case) -> Detection:
    return detect(FIXTURES / case.directory)


@pytest.fixture(scope="module")
def listed(case: Case, go: Go) -> list[dict[str, Any]]:
    packages = go.list(FIXTURES / case.directory, list(case.patterns), case.goflags)
    errors = [p["Error"]["Err"] for p in packages if p.get("Error")]
    assert not errors, errors
    return packages


def _dependencies(go: Go, case: Case, import_path: str) -> list[dict[str, Any]]:
    """The non-standard packages a main package builds, by `go list -deps`."""
    packages = go.list(FIXTURES / case.directory, [import_path], case.goflags, deps=True)
    return [p for p in packages if not p.get("Standard")]


def test_main_packages_are_the_ones_go_list_names_main(
    detection: Detection, listed: list[dict[str, Any]]
) -> None:
    expected = sorted(p["ImportPath"] for p in listed if p["Name"] == "main")
    assert sorted(main.import_path for main in detection.main_packages) == expected


def test_main_package_paths_are_the_directories_go_list_gives(
    case: Case, detection: Detection, listed: list[dict[str, Any]]
) -> None:
    root = (FIXTURES / case.directory).resolve()
    expected = {
        p["ImportPath"]: _package_path(root, Path(p["Dir"])) for p in listed if p["Name"] == "main"
    }
    assert {main.import_path: main.package for main in detection.main_packages} == expected


def test_binary_names_are_the_ones_go_install_would_write(
    detection: Detection, listed: list[dict[str, Any]]
) -> None:
    # Target is $GOBIN/<name>, with go's own naming rule (the /vN element skipped).
    expected = {p["ImportPath"]: Path(p["Target"]).name for p in listed if p["Name"] == "main"}
    assert {main.import_path: main.binary for main in detection.main_packages} == expected


@pytest.mark.parametrize(
    ("directory", "goflags"),
    [("vendored", "-mod=vendor"), ("cgo", "-mod=mod"), ("workspace/api", "")],
)
def test_fixture_builds_for_real(directory: str, goflags: str, go: Go, tmp_path: Path) -> None:
    """The hand-vendored, cgo and workspace fixtures are modules go build accepts."""
    go.run(
        ["build", "-buildvcs=false", "-o", f"{tmp_path}/", "./..."], FIXTURES / directory, goflags
    )
    assert any(tmp_path.iterdir())


def test_cgo_verdict_is_whether_a_built_package_has_cgo_files(
    case: Case, detection: Detection, go: Go
) -> None:
    for facts in detection.mains:
        dependencies = _dependencies(go, case, facts.main.import_path)
        with_cgo = [p["ImportPath"] for p in dependencies if p.get("CgoFiles")]
        assert (facts.cgo is not None) == bool(with_cgo), (facts.main.package, with_cgo)
        if facts.cgo is not None:
            assert any(path in facts.cgo.reason for path in with_cgo)


def test_embed_patterns_and_files_are_go_lists(case: Case, detection: Detection, go: Go) -> None:
    root = (FIXTURES / case.directory).resolve()
    for facts in detection.mains:
        expected_patterns: set[tuple[str, str]] = set()
        expected_files: set[str] = set()
        for package in _dependencies(go, case, facts.main.import_path):
            if "/vendor/" in package["Dir"] + "/":
                continue
            for pattern in package.get("EmbedPatterns", []):
                expected_patterns.add((package["ImportPath"], pattern))
            for file in package.get("EmbedFiles", []):
                expected_files.add(_relative(root, Path(package["Dir"]) / file))
        assert {(e.package, e.pattern) for e in facts.embeds} == expected_patterns
        assert {file for e in facts.embeds for file in e.files} == expected_files
        assert all(e.problem is None for e in facts.embeds)


def _package_path(root: Path, directory: Path) -> str:
    relative = _relative(root, directory)
    return "." if relative == "." else f"./{relative}"


def _relative(root: Path, path: Path) -> str:
    return os.path.relpath(path.resolve(), root).replace(os.sep, "/")
