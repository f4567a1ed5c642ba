"""detect() on whole modules: which module and workspace, vendoring, the main packages and
their names and origins, the one-line refusals, and carrying on past unreadable files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaffold_go_docker.detect import (
    Detection,
    GoModError,
    NoMainPackageError,
    NoModuleError,
    detect,
)

from .conftest import FIXTURES, WriteModule

MAIN = "package main\n\nfunc main() {}\n"


def test_a_root_main_package_is_dot_and_named_after_the_module_without_its_major_version() -> None:
    detection = detect(FIXTURES / "rootmain")
    [main] = detection.main_packages
    assert (main.package, main.import_path, main.binary) == (".", "example.com/hello/v2", "hello")
    assert str(main.origin) == "main.go:19"


def test_mains_under_cmd_are_found_with_their_directory_names() -> None:
    detection = detect(FIXTURES / "cmdlayout")
    assert [(m.package, m.binary) for m in detection.main_packages] == [
        ("./cmd/api", "api"),
        ("./cmd/worker", "worker"),
    ]


def test_ignored_hidden_underscore_testdata_and_other_platform_mains_are_skipped() -> None:
    # rootmain also holds gen/ (//go:build ignore), tools/legacy (// +build ignore),
    # tools/winonly (only a _windows.go file), _attic/, .hidden/ and testdata/.
    assert [m.package for m in detect(FIXTURES / "rootmain").main_packages] == ["."]


def test_commented_out_and_quoted_code_is_not_code() -> None:
    # notes.go holds a commented-out func main and listen calls in comments and strings.
    facts = detect(FIXTURES / "rootmain").for_main(".")
    assert [p.port for p in facts.ports] == [9090]
    assert [c.call for c in facts.listen_calls] == ["http.ListenAndServe"]


def test_package_main_without_func_main_is_a_problem_not_a_main(write_module: WriteModule) -> None:
    root = write_module(
        {"go.mod": "module example.com/m\n\ngo 1.22\n", "lib/lib.go": "package main\n\nvar x = 1\n"}
    )
    detection = detect(root)
    assert detection.main_packages == ()
    assert [str(p) for p in detection.problems] == [
        "lib: package main has no func main, so it builds no program"
    ]


def test_go_mod_ignore_directives_hide_directories_as_go_list_does(
    write_module: WriteModule,
) -> None:
    root = write_module(
        {
            "go.mod": "module example.com/m\n\ngo 1.25\n\nignore ./web\nignore node_modules\n",
            "cmd/a/main.go": MAIN,
            "web/tool/main.go": MAIN,
            "ui/node_modules/x/main.go": MAIN,
        }
    )
    assert [m.package for m in detect(root).main_packages] == ["./cmd/a"]


def test_a_nested_module_is_not_part_of_this_one(write_module: WriteModule) -> None:
    root = write_module(
        {
            "go.mod": "module example.com/m\n\ngo 1.22\n",
            "main.go": MAIN,
            "tools/go.mod": "module example.com/m/tools\n\ngo 1.22\n",
            "tools/gen/main.go": MAIN,
        }
    )
    assert [m.package for m in detect(root).main_packages] == ["."]


def test_the_module_records_its_path_go_lines_and_requires() -> None:
    module = detect(FIXTURES / "vendored").module
    assert module is not None
    assert (module.path, str(module.go), module.toolchain) == ("example.com/vendored", "1.22", None)
    assert [(r.path, r.version, str(r.origin)) for r in module.requires] == [
        ("example.com/greet", "v1.0.0", "go.mod:5")
    ]


def test_vendor_modules_txt_makes_a_vendored_build() -> None:
    detection = detect(FIXTURES / "vendored")
    assert detection.vendored
    assert str(detection.vendor) == "vendor/modules.txt"
    assert not detect(FIXTURES / "cmdlayout").vendored


# -- workspaces -------------------------------------------------------------------------------


def test_a_workspace_member_knows_its_workspace_root_and_every_member() -> None:
    detection = detect(FIXTURES / "workspace" / "api")
    workspace = detection.workspace
    assert workspace is not None
    assert workspace.root == (FIXTURES / "workspace").resolve()
    assert detection.context_root == workspace.root
    assert [(m.path, m.module_path, m.go_mod, str(m.origin)) for m in workspace.members] == [
        ("api", "example.com/api", "api/go.mod", "../go.work:4"),
        ("lib", "example.com/lib", "lib/go.mod", "../go.work:5"),
    ]
    # From a member, only that module's main packages.
    assert [m.package for m in detection.main_packages] == ["."]


def test_at_a_workspace_root_every_members_main_packages_count() -> None:
    detection = detect(FIXTURES / "workspace")
    assert detection.module is None
    assert [m.path for m in detection.modules] == ["example.com/api", "example.com/lib"]
    assert [(m.package, m.binary) for m in detection.main_packages] == [
        ("./api", "api"),
        ("./lib/cmd/libtool", "libtool"),
    ]


def test_a_workspace_builds_with_the_highest_go_any_of_its_files_asks(
    write_module: WriteModule,
) -> None:
    root = write_module(
        {
            "go.work": "go 1.23\n\nuse ./a\nuse ./b\n",
            "a/go.mod": "module example.com/a\n\ngo 1.22\n",
            "b/go.mod": "module example.com/b\n\ngo 1.23.2\n",
        }
    )
    image = detect(root / "a").image_go
    assert (str(image.version), str(image.origin)) == ("1.23.2", "../b/go.mod:3")


def test_a_module_the_workspace_does_not_use_is_a_module_of_its_own(
    write_module: WriteModule,
) -> None:
    root = write_module(
        {
            "go.work": "go 1.22\n\nuse ./a\n",
            "a/go.mod": "module example.com/a\n\ngo 1.22\n",
            "b/go.mod": "module example.com/b\n\ngo 1.22\n",
            "b/main.go": MAIN,
        }
    )
    detection = detect(root / "b")
    assert detection.workspace is None
    assert [str(p) for p in detection.problems] == [
        "../go.work: go.work does not use this module, so it is detected as a module of its "
        "own (add it with: go work use .)"
    ]


def test_a_workspace_member_without_go_mod_is_refused(write_module: WriteModule) -> None:
    root = write_module(
        {"go.work": "go 1.22\n\nuse ./a\nuse ./gone\n", "a/go.mod": "module a.b/a\n"}
    )
    with pytest.raises(GoModError, match=r"^go\.work:4: go\.work uses gone, which has no go\.mod$"):
        detect(root)


# -- refusals ---------------------------------------------------------------------------------


def test_a_directory_without_go_mod_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NoModuleError, match="go mod init"):
        detect(tmp_path)


def test_a_subdirectory_of_a_module_names_the_module_root(write_module: WriteModule) -> None:
    root = write_module({"go.mod": "module example.com/m\n", "internal/x/x.go": "package x\n"})
    with pytest.raises(NoModuleError) as refused:
        detect(root / "internal" / "x")
    assert str(refused.value).endswith(f"init needs the module's root directory, {root}")


def test_a_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NoModuleError, match="does not exist"):
        detect(tmp_path / "nowhere")


def test_for_main_of_an_unknown_package_names_the_ones_there() -> None:
    detection = detect(FIXTURES / "cmdlayout")
    assert detection.for_main("cmd/api/").main.binary == "api"
    with pytest.raises(NoMainPackageError, match=r"main packages: \./cmd/api, \./cmd/worker$"):
        detection.for_main("./cmd/nope")


# -- carrying on -------------------------------------------------------------------------------


def test_an_unreadable_file_is_recorded_and_detection_carries_on(write_module: WriteModule) -> None:
    root = write_module(
        {
            "go.mod": "module example.com/m\n\ngo 1.22\n",
            "main.go": 'package main\n\nimport (\n\t"net/http"\n\n\t"example.com/m/lib"\n)\n\n'
            'func main() { lib.F(); http.ListenAndServe(":8080", nil) }\n',
            "lib/lib.go": "package lib\n\nfunc F() {}\n",
            "broken.go": "package main\n\nvar banner = `never closed\n",
            "lib/garbage.go": "this is not Go at all\n",
        }
    )
    detection = detect(root)
    assert [m.package for m in detection.main_packages] == ["."]
    assert detection.for_main(".").port is not None
    assert sorted(str(p) for p in detection.problems) == [
        "broken.go:3: not read as Go (raw string literal not terminated)",
        "lib/garbage.go:1: not read as Go (line 1: expected 'package', found 'this'); skipped",
    ]


go_text = st.text(alphabet=st.sampled_from(list('packgemin fuc(){}"`/*\n:=8;')), max_size=80)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=st.lists(go_text, min_size=1, max_size=4))
def test_detection_never_fails_on_what_go_files_hold(
    files: list[str], write_module: WriteModule
) -> None:
    sources = {f"p{index}/f.go": text for index, text in enumerate(files)}
    sources["go.mod"] = "module example.com/m\n\ngo 1.22\n"
    sources["main.go"] = (
        "package main\n\n"
        + "\n".join(f'import _ "example.com/m/p{index}"' for index in range(len(files)))
        + "\n\nfunc main() {}\n"
    )
    detection = detect(write_module(sources))
    assert isinstance(detection, Detection)
    assert [m.package for m in detection.main_packages][:1] == ["."]


def test_a_local_replacement_is_read_as_part_of_the_build(write_module: WriteModule) -> None:
    root = write_module(
        {
            "app/go.mod": "module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n\n"
            "replace example.com/lib => ../lib\n",
            "app/main.go": 'package main\n\nimport "example.com/lib/native"\n\n'
            "func main() { native.Add() }\n",
            "lib/go.mod": "module example.com/lib\n\ngo 1.24.1\n",
            "lib/native/native.go": 'package native\n\n// int add() { return 1; }\nimport "C"\n\n'
            "func Add() int { return int(C.add()) }\n",
        }
    )
    detection = detect(root / "app")
    module = detection.module
    assert module is not None
    assert [(r.new_path, str(r.origin)) for r in module.local_replaces] == [("../lib", "go.mod:7")]
    # Its go line raises the builder's Go, and its cgo counts.
    assert (str(detection.image_go.version), str(detection.image_go.origin)) == (
        "1.24.1",
        "../lib/go.mod:3",
    )
    cgo = detection.for_main(".").cgo
    assert cgo is not None
    assert str(cgo.origin) == "../lib/native/native.go:4"
