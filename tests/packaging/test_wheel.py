"""The built distributions carry the templates, and the wheel works installed on its own.

The wheel and sdist are built once per module from this checkout (no build isolation:
hatchling comes with the `test` extra); the wheel is installed into a fresh venv, with its
dependencies resolved by pip as a user's install would be.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from scaffold_go_docker import __version__
from scaffold_go_docker.generate import generate_files
from scaffold_go_docker.options import Lang

REPO_ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = REPO_ROOT / "templates"
PACKAGE = REPO_ROOT / "src" / "scaffold_go_docker"
DIST_NAME = f"scaffold_go_docker-{__version__}"
COMMAND = "scaffold-go-docker"


@dataclass(frozen=True)
class Dists:
    wheel: Path
    sdist: Path


@dataclass(frozen=True)
class Venv:
    root: Path

    def bin(self, name: str) -> Path:
        return self.root / "bin" / name


def _run(
    command: list[str | Path], env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `command`; on failure, fail the test with its output (not a bare exit status)."""
    result = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
        cwd=cwd,
    )
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(map(str, command))} exited {result.returncode}\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return result


def _clean_env() -> dict[str, str]:
    """The caller's environment without anything that could point back at this checkout."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SCAFFOLD_GO_DOCKER_", "PYTHON", "VIRTUAL_ENV"))
    }


def _relative_files(root: Path) -> set[str]:
    return {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    out = tmp_path_factory.mktemp("dist")
    # Without --sdist/--wheel, build makes the sdist and then the wheel FROM the sdist, so
    # a template missing from the sdist also breaks the wheel.
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", out, REPO_ROOT])
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return Dists(wheel, sdist)


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory, dists: Dists) -> Venv:
    venv = Venv(tmp_path_factory.mktemp("fresh") / "venv")
    _run([sys.executable, "-m", "venv", "--without-pip", venv.root])
    # This pip installs into the new interpreter: no ensurepip run, dependencies from the index.
    _run(
        [sys.executable, "-m", "pip", "--python", venv.bin("python"), "install", "-q",
         dists.wheel],
        env=_clean_env(),
    )  # fmt: skip
    return venv


def test_wheel_contains_every_template_under_the_package(dists: Dists) -> None:
    names = set(zipfile.ZipFile(dists.wheel).namelist())
    templates = _relative_files(TEMPLATES)
    assert {"Dockerfile.j2", "app/main.go.j2", "companions/compose.yaml.j2"} <= templates
    missing = {f"scaffold_go_docker/templates/{name}" for name in templates} - names
    assert not missing


def test_wheel_contains_every_module_of_the_package(dists: Dists) -> None:
    names = set(zipfile.ZipFile(dists.wheel).namelist())
    modules = {f"scaffold_go_docker/{name}" for name in _relative_files(PACKAGE)}
    assert not modules - names


def test_wheel_carries_each_languages_compiled_catalog(dists: Dists) -> None:
    names = set(zipfile.ZipFile(dists.wheel).namelist())
    catalogs = {
        f"scaffold_go_docker/{name}"
        for name in _relative_files(PACKAGE)
        if name.startswith("locale/") and name.endswith(".mo")
    }
    assert "scaffold_go_docker/locale/zh/LC_MESSAGES/scaffold_go_docker.mo" in catalogs
    assert catalogs <= names


def test_wheel_declares_the_console_command_pyproject_names(dists: Dists) -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    target = project["project"]["scripts"][COMMAND]
    with zipfile.ZipFile(dists.wheel) as wheel:
        entry_points = wheel.read(f"{DIST_NAME}.dist-info/entry_points.txt").decode()
    assert f"{COMMAND} = {target}" in entry_points.splitlines()


def test_sdist_contains_templates_sources_readmes_and_the_translation_script(dists: Dists) -> None:
    with tarfile.open(dists.sdist) as sdist:
        names = set(sdist.getnames())
    package = f"{DIST_NAME}/src/scaffold_go_docker"
    templates = {f"{package}/templates/{name}" for name in _relative_files(TEMPLATES)}
    modules = {f"{package}/{name}" for name in _relative_files(PACKAGE)}
    # The translation workflow too: the catalog tests run from an unpacked sdist.
    extra = ["README.md", "README.zh-CN.md", "babel.cfg", "scripts/update_translations.py"]
    expected = templates | modules | {f"{DIST_NAME}/{name}" for name in extra}
    assert not expected - names


def test_installed_package_loads_templates_from_inside_itself(fresh_venv: Venv) -> None:
    """The sources, and the compiled templates that stand in for them (current here)."""
    probe = (
        "from scaffold_go_docker.options import Lang;"
        "from scaffold_go_docker.rendering.environment import environment, source_environment;"
        "env = source_environment(Lang.EN);"
        "print(env.loader.get_source(env, 'Dockerfile.j2')[1]);"
        "print(*environment(Lang.EN).loader.module.__path__)"
    )
    found = _run([fresh_venv.bin("python"), "-c", probe], env=_clean_env(), cwd=fresh_venv.root)
    source, compiled = found.stdout.splitlines()
    package = next((fresh_venv.root / "lib").glob("python3*/site-packages")).resolve()
    package /= "scaffold_go_docker"
    assert Path(source).resolve() == package / "templates" / "Dockerfile.j2"
    assert Path(compiled).resolve() == package / "rendering" / "compiled" / "en"
    # pip compiled them to bytecode at install, as it does the package's modules.
    assert list((package / "rendering" / "compiled" / "en" / "__pycache__").glob("tmpl_*.pyc"))


@pytest.mark.parametrize("lang", list(Lang), ids=[lang.value for lang in Lang])
def test_installed_command_writes_the_project_the_library_renders(
    fresh_venv: Venv, tmp_path: Path, lang: Lang
) -> None:
    command: list[str | Path] = [fresh_venv.bin(COMMAND), "new", "app", "--no-input"]
    command += ["--lang", lang.value]
    _run(command, env=_clean_env(), cwd=tmp_path)
    expected = generate_files({"app_name": "app", "lang": lang.value})
    written = {path: (tmp_path / "app" / path).read_text(encoding="utf-8") for path in expected}
    assert written == expected


def test_installed_command_reports_the_package_version(fresh_venv: Venv) -> None:
    shown = _run([fresh_venv.bin(COMMAND), "--version"], env=_clean_env())
    assert shown.stdout.split() == [COMMAND, __version__]
