"""Module paths and app names the model accepts are ones Go builds; those it refuses, Go
refuses too (real toolchain)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold_go_docker.errors import InvalidOptionsError
from scaffold_go_docker.facts import go_std
from scaffold_go_docker.generate import generate_files
from scaffold_go_docker.options import Options

from .gotool import GoToolchain

STD_MODULE = Path(go_std.__file__)
_HEADER = '''"""Go's standard library and commands: `go list std cmd` of {version}.

Generated from the real toolchain by `pytest tests/goapp/test_module_paths.py
--update-golden`; a module path equal to one of them does not build (ambiguous import).
"""

STANDARD_PACKAGES = frozenset(
    {{
'''


def test_the_standard_package_list_is_the_toolchains(go: GoToolchain, update_golden: bool) -> None:
    listed = go.run(["list", "std", "cmd"], cwd=go.home).stdout.split()
    if update_golden:
        version = go.run(["env", "GOVERSION"], cwd=go.home).stdout.strip()
        body = "".join(f'        "{path}",\n' for path in sorted(listed))
        STD_MODULE.write_text(_HEADER.format(version=version) + body + "    }\n)\n")

    assert frozenset(listed) == go_std.STANDARD_PACKAGES


def _builds(go: GoToolchain, tmp_path: Path, app_name: str, module_path: str | None) -> str:
    """`go build` of the sample app `new` writes for these names: '' or Go's complaint."""
    choices = {"app_name": app_name, "module_path": module_path}
    project = tmp_path / "project"
    for relative, text in generate_files(choices).items():
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text(text)
    done = go.run(["build", "-o", str(tmp_path / "app"), "."], cwd=project, check=False)
    return "" if done.returncode == 0 else done.stderr


ACCEPTED = [
    ("fmt-api", None),
    ("stdlib", None),
    ("go", "example.com/acme/go"),
    ("net", "net/x"),
    ("api", "cmd/x"),
    ("api", "a~b1"),
    ("svc_", None),
    ("api", "example.com/_internal/api"),
]


@pytest.mark.parametrize(("app_name", "module_path"), ACCEPTED)
def test_accepted_names_build_with_go(
    go: GoToolchain, tmp_path: Path, app_name: str, module_path: str | None
) -> None:
    Options.resolve({"app_name": app_name, "module_path": module_path})

    assert _builds(go, tmp_path, app_name, module_path) == ""


REFUSED = [
    ("go", None),
    ("std", None),
    ("cmd", None),
    ("all", None),
    ("tool", None),
    ("fmt", None),
    ("api", "net/http"),
    ("api", "cmd/go"),
    ("api", "-x"),
    ("api", "a/-b"),
    ("api", "~"),
    ("api", "a/~b"),
    ("api", "a/b~1"),
    ("con", None),
    ("api", "example.com/Aux.v2"),
    ("api", "C"),
]


@pytest.mark.parametrize(("app_name", "module_path"), REFUSED)
def test_refused_names_are_ones_go_cannot_build(
    go: GoToolchain, tmp_path: Path, app_name: str, module_path: str | None
) -> None:
    with pytest.raises(InvalidOptionsError, match="is not a module path Go can build"):
        Options.resolve({"app_name": app_name, "module_path": module_path})

    # The same files written anyway (the model checked) fail with the go command.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("scaffold_go_docker.options.formats._go_refuses", lambda path: None)
        assert _builds(go, tmp_path, app_name, module_path) != ""
