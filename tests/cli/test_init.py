"""`init` as a user runs it on an existing Go module: what it writes (never a Go file),
what it says it detected and where, how it treats existing files, and what it refuses;
`new` pointing to `init`; `render` finding the answers file by itself."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from scaffold_go_docker.detect import detect
from scaffold_go_docker.init_project import GoFileWriteError, _never_go_files

from .conftest import Cli

FIXTURES = Path(__file__).resolve().parents[1] / "detect" / "fixtures"
WRITTEN = {
    "Dockerfile",
    ".dockerignore",
    ".scaffold-go-docker.yaml",
    ".scaffold-go-docker.schema.json",
}


def fixture_mains() -> list[tuple[str, str]]:
    """Every main package of every fixture module, as (fixture, package)."""
    return [
        (fixture.name, main.package)
        for fixture in sorted(FIXTURES.iterdir())
        for main in detect(fixture).main_packages
    ]


def copy_fixture(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    return target


def digests(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize(("fixture", "main"), fixture_mains())
def test_init_adds_only_the_docker_files_and_leaves_every_other_file_byte_identical(
    cli: Cli, tmp_path: Path, fixture: str, main: str
) -> None:
    module = copy_fixture(fixture, tmp_path)
    before = digests(module)
    outcome = cli("init", str(module), "--no-input", "--main", main)
    assert outcome.code == 0, outcome.err
    after = digests(module)
    assert set(after) - set(before) == WRITTEN
    assert {path: after[path] for path in before} == before


@pytest.mark.parametrize(("fixture", "main"), fixture_mains())
def test_render_check_without_config_passes_on_what_init_wrote(
    cli: Cli, tmp_path: Path, fixture: str, main: str
) -> None:
    module = copy_fixture(fixture, tmp_path)
    assert cli("init", str(module), "-y", "--main", main).code == 0
    checked = cli("render", "--check", str(module / "Dockerfile"))
    assert checked.code == 0, checked.out + checked.err
    assert f"using {module / '.scaffold-go-docker.yaml'} (no --config given)" in checked.err


def test_the_summary_shows_each_detected_value_with_where_it_was_read(
    cli: Cli, tmp_path: Path
) -> None:
    module = copy_fixture("cmdlayout", tmp_path)
    outcome = cli("init", str(module), "-y", "--main", "./cmd/api", "--dry-run")
    assert outcome.code == 0, outcome.err
    assert "  port=9000  (internal/server/server.go:16, Addr field)" in outcome.err
    assert "  module_path=example.com/cmdlayout  (go.mod:1)" in outcome.err
    assert not (module / "Dockerfile").exists()


def test_without_a_terminal_the_defaults_taken_for_what_was_not_detected_are_named(
    cli: Cli, tmp_path: Path
) -> None:
    module = tmp_path / "svc"
    module.mkdir()
    (module / "go.mod").write_text("module example.com/svc\n\ngo 1.22\n")
    (module / "main.go").write_text(
        'package main\n\nimport (\n\t"net/http"\n\t"os"\n)\n\n'
        "func main() { _ = http.ListenAndServe(os.Args[1], nil) }\n"
    )
    outcome = cli("init", str(module), "--no-input")
    assert outcome.code == 0, outcome.err
    assert (
        "not detected (--no-input); defaults used: port=8080 (no port found in the code)"
        in outcome.err
    )


def test_a_value_given_by_flag_wins_over_the_detected_one_and_the_summary_says_so(
    cli: Cli, tmp_path: Path
) -> None:
    module = copy_fixture("cmdlayout", tmp_path)
    outcome = cli("init", str(module), "-y", "--main", "./cmd/api", "--port", "9100")
    assert outcome.code == 0, outcome.err
    assert "port=9100 (detected 9000 at internal/server/server.go:16)" in outcome.err
    assert "EXPOSE 9100" in (module / "Dockerfile").read_text()


def test_an_existing_dockerfile_is_not_replaced_without_force(cli: Cli, tmp_path: Path) -> None:
    module = copy_fixture("rootmain", tmp_path)
    (module / "Dockerfile").write_text("FROM scratch\n")
    outcome = cli("init", str(module), "-y")
    assert outcome.code == 2
    assert outcome.err.strip().splitlines() == [
        f"error: Dockerfile already in {module} and different from what init writes: "
        "--dry-run shows the diff, --force replaces it"
    ]
    assert (module / "Dockerfile").read_text() == "FROM scratch\n"
    assert not (module / ".dockerignore").exists()


def test_dry_run_shows_a_unified_diff_against_the_existing_dockerfile(
    cli: Cli, tmp_path: Path
) -> None:
    module = copy_fixture("rootmain", tmp_path)
    (module / "Dockerfile").write_text("FROM scratch\n")
    outcome = cli("init", str(module), "-y", "--dry-run")
    assert outcome.code == 0, outcome.err
    assert "--- Dockerfile (on disk)\n+++ Dockerfile (init)\n" in outcome.out
    assert "-FROM scratch\n" in outcome.out
    assert "Dockerfile differs from what init writes; --force replaces it" in outcome.err
    assert (module / "Dockerfile").read_text() == "FROM scratch\n"


def test_force_replaces_an_existing_dockerfile(cli: Cli, tmp_path: Path) -> None:
    module = copy_fixture("rootmain", tmp_path)
    (module / "Dockerfile").write_text("FROM scratch\n")
    assert cli("init", str(module), "-y", "--force").code == 0
    assert (module / "Dockerfile").read_text() != "FROM scratch\n"


def test_several_main_packages_without_main_exit_2_listing_them(cli: Cli, tmp_path: Path) -> None:
    module = copy_fixture("cmdlayout", tmp_path)
    outcome = cli("init", str(module), "--no-input")
    assert outcome.code == 2
    assert outcome.err == (
        "error: 2 main packages here (./cmd/api, ./cmd/worker): choose with --main ./cmd/api "
        "(repeat --main for several binaries)\n"
    )
    assert not (module / "Dockerfile").exists()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"main.go": "package main\n\nfunc main() {}\n"}, "no go.mod in"),
        ({"go.mod": "module example.com/m\n\ngo 1.99\n"}, "1.99"),
        ({"go.mod": "module example.com/m\n\ngo 1.22\n", "lib.go": "package m\n"}, "no main"),
    ],
    ids=["no-go-mod", "unreleased-go", "no-main-package"],
)
def test_an_unusable_module_exits_2_with_one_line(
    cli: Cli, tmp_path: Path, files: dict[str, str], message: str
) -> None:
    module = tmp_path / "m"
    module.mkdir()
    for name, text in files.items():
        (module / name).write_text(text)
    outcome = cli("init", str(module), "--no-input")
    assert outcome.code == 2
    [line] = outcome.err.splitlines()
    assert line.startswith("error: ")
    assert message in line
    assert sorted(p.name for p in module.iterdir()) == sorted(files)


def test_a_go_file_or_go_mod_in_the_plan_is_a_bug_caught_before_writing() -> None:
    for path in ("main.go", "cmd/x/x.go", "go.mod", "go.sum"):
        with pytest.raises(GoFileWriteError):
            _never_go_files({"Dockerfile": "", path: ""})


def test_init_on_a_project_new_made_gives_the_dockerfile_new_wrote(
    cli: Cli, tmp_path: Path
) -> None:
    assert cli("new", "hello", "-y", "--port", "9000").code == 0
    written = (tmp_path / "hello" / "Dockerfile").read_text()
    (tmp_path / "hello" / "Dockerfile").unlink()
    outcome = cli("init", "hello", "-y")
    assert outcome.code == 0, outcome.err
    assert (tmp_path / "hello" / "Dockerfile").read_text() == written


def test_new_on_a_directory_holding_someones_go_module_points_to_init(
    cli: Cli, tmp_path: Path
) -> None:
    module = copy_fixture("rootmain", tmp_path)
    before = digests(module)
    outcome = cli("new", "rootmain", "-y", "--skip-existing")
    assert outcome.code == 2
    assert "scaffold-go-docker init rootmain" in outcome.err
    assert digests(module) == before


def test_new_dot_is_refused_pointing_to_init(cli: Cli, tmp_path: Path) -> None:
    outcome = cli("new", ".", "-y")
    assert outcome.code == 2
    assert "scaffold-go-docker init ." in outcome.err


def test_render_without_config_uses_the_answers_file_of_the_current_directory(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("new", "hello", "-y", "--port", "9000", "--base", "scratch").code == 0
    monkeypatch.chdir(tmp_path / "hello")
    outcome = cli("render")
    assert outcome.code == 0, outcome.err
    assert outcome.out == (tmp_path / "hello" / "Dockerfile").read_text()
    assert "using .scaffold-go-docker.yaml (no --config given)" in outcome.err


@pytest.mark.parametrize("how", ["flag", "env", "config"])
def test_flag_environment_and_config_each_beat_a_detected_value(
    cli: Cli, tmp_path: Path, how: str
) -> None:
    module = copy_fixture("cmdlayout", tmp_path)
    args = ["init", str(module), "-y", "--main", "./cmd/api", "--dry-run", "--json"]
    env = {}
    if how == "flag":
        args += ["--port", "9100"]
    elif how == "env":
        env["SCAFFOLD_GO_DOCKER_PORT"] = "9100"
    else:
        (tmp_path / "team.yaml").write_text("port: 9100\n")
        args += ["--config", str(tmp_path / "team.yaml")]
    outcome = cli(*args, env=env)
    assert outcome.code == 0, outcome.err
    document = json.loads(outcome.out)
    assert document["options"]["port"] == {"value": 9100, "source": how}
    [port] = [f for f in document["detected"] if f["option"] == "port"]
    assert (port["value"], port["origin"]) == (9000, "internal/server/server.go:16")


def test_the_answers_file_init_writes_says_init_wrote_it(cli: Cli, tmp_path: Path) -> None:
    module = copy_fixture("rootmain", tmp_path)
    assert cli("init", str(module), "-y").code == 0
    header = (module / ".scaffold-go-docker.yaml").read_text().splitlines()[1]
    assert header == (
        "# Written by scaffold-go-docker init: the options this Dockerfile was generated with."
    )


def test_a_module_for_an_old_go_gets_no_build_flag_that_go_lacks(cli: Cli, tmp_path: Path) -> None:
    """go 1.15 in go.mod: no -buildvcs (Go 1.18), -trimpath kept (Go 1.13)."""
    module = copy_fixture("rootmain", tmp_path)
    go_mod = module / "go.mod"
    old_go = re.sub(r"(?m)^go .*$", "go 1.15", go_mod.read_text())
    go_mod.write_text(re.sub(r"(?m)^toolchain .*\n", "", old_go))

    outcome = cli("init", str(module), "-y")

    assert outcome.code == 0, outcome.err
    dockerfile = (module / "Dockerfile").read_text()
    assert "golang:1.15-alpine3.14 AS builder" in dockerfile
    assert "go build -trimpath -ldflags" in dockerfile
    assert "buildvcs" not in dockerfile
