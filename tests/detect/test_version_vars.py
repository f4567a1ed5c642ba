"""Version variables: which ones `-ldflags -X` sets (checked by building and running the
fixtures with -X), and the versions a project fixes itself, which a build must keep."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from scaffold_go_docker.detect import MainFacts, detect

from .conftest import FIXTURES, WriteModule
from .gotool import Go

VERSIONS = FIXTURES / "versions"


def facts(package: str) -> MainFacts:
    return detect(VERSIONS).for_main(package)


def stamped_output(go: Go, tmp_path: Path, package: str, symbols: list[str]) -> list[str]:
    """What the program prints when built with -X symbol=X-<symbol> for each symbol."""
    flags = " ".join(f"-X {symbol}=X-{symbol}" for symbol in symbols)
    binary = tmp_path / "program"
    command = ["build", "-buildvcs=false", "-ldflags", flags, "-o", str(binary), package]
    go.run(command, VERSIONS, "-mod=mod")
    return subprocess.run([binary], capture_output=True, text=True, check=True).stdout.split()


def test_the_settable_variables_are_the_ones_x_sets(go: Go, tmp_path: Path) -> None:
    found = facts("./cmd/plain")
    strings = [v for v in found.version_vars if "not string" not in v.reason]
    printed = stamped_output(go, tmp_path, "./cmd/plain", [v.symbol for v in strings])
    # main prints version, commit, buildTime, gitBranch, Version, buildNumber, greeting.
    took = {symbol for symbol in (v.symbol for v in strings) if f"X-{symbol}" in printed}
    assert took == {v.symbol for v in found.settable_version_vars}
    assert {v.symbol for v in found.settable_version_vars} == {
        "main.version",
        "main.commit",
        "main.buildTime",
        "main.gitBranch",
    }


def test_a_variable_set_from_a_call_is_not_settable_and_says_why() -> None:
    [unsettable] = [v for v in facts("./cmd/plain").version_vars if v.name == "Version"]
    assert not unsettable.settable
    assert (
        unsettable.reason
        == 'it starts from strings.ToUpper("dev"), which runs at init after -X sets it'
    )
    assert str(unsettable.origin) == "cmd/plain/main.go:21"


def test_x_on_a_non_string_version_variable_fails_the_link(go: Go, tmp_path: Path) -> None:
    [number] = [v for v in facts("./cmd/plain").version_vars if v.name == "buildNumber"]
    assert not number.settable
    assert "fails the link" in number.reason
    command = [
        "build",
        "-ldflags",
        f"-X {number.symbol}=1",
        "-o",
        str(tmp_path / "x"),
        "./cmd/plain",
    ]
    assert go.run(command, VERSIONS, "-mod=mod", check=False).returncode != 0


def test_initial_values_are_reported() -> None:
    initial = {v.name: v.initial for v in facts("./cmd/plain").version_vars}
    assert (initial["version"], initial["buildTime"], initial["commit"]) == (None, "unknown", None)


def test_names_that_are_not_version_like_are_left_alone() -> None:
    assert "greeting" not in {v.name for v in facts("./cmd/plain").version_vars}


def test_a_const_version_is_the_projects_own() -> None:
    found = facts("./cmd/constver")
    assert found.embedded_version is not None
    assert (found.embedded_version.kind, found.embedded_version.value) == ("const", "1.2.3")
    assert found.settable_version_vars == ()


def test_an_embedded_version_file_is_the_projects_own() -> None:
    found = facts("./cmd/embedver")
    assert found.embedded_version is not None
    embedded = found.embedded_version
    assert (embedded.kind, embedded.symbol, embedded.file) == (
        "embed",
        "main.version",
        "cmd/embedver/VERSION",
    )
    assert found.version_vars == ()


def test_a_version_in_another_package_is_a_hint_with_its_import_path(
    go: Go, tmp_path: Path
) -> None:
    found = facts("./cmd/pkgver")
    assert found.version_vars == ()
    hints = [(v.symbol, v.settable) for v in found.version_hints]
    assert hints == [
        ("example.com/versions/internal/version.Version", True),
        ("example.com/versions/internal/version.Commit", True),
    ]
    printed = stamped_output(go, tmp_path, "./cmd/pkgver", [symbol for symbol, _ in hints])
    assert printed == [f"X-{symbol}" for symbol, _ in hints]


@pytest.mark.parametrize(
    ("declaration", "settable"),
    [
        ("var version string", True),
        ('var version = "dev"', True),
        ('var version string = "dev" + "-" + suffix\n\nconst suffix = "x"', True),
        ('var version = getVersion()\n\nfunc getVersion() string { return "" }', False),
        ("var version, commit = split()", False),
        ("type Ver string\n\nvar version Ver", False),
    ],
)
def test_declarations_x_can_or_cannot_set(
    declaration: str, settable: bool, write_module: WriteModule
) -> None:
    root = write_module(
        {
            "go.mod": "module example.com/v\n\ngo 1.22\n",
            "main.go": f"package main\n\n{declaration}\n\nfunc main() {{}}\n",
        }
    )
    [version] = [v for v in detect(root).for_main(".").version_vars if v.name == "version"]
    assert version.settable is settable
