"""Hostile surroundings for `new`, `render`, `schema` and `verify`: a full or closed stdout,
a full stderr, directories this user may not read, a symbolic link where a directory of the
project goes. Each ends with one line on stderr, exit status 2 and, for `new`, nothing
written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import Cli, clean_environ

APP = "app"


def _run(
    *args: str,
    cwd: Path,
    stdout: int | None = None,
    stderr: int | None = None,
    preexec: Callable[[], None] | None = None,
    prefix: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "scaffold_go_docker", *args],
        cwd=cwd, env=clean_environ(), stdin=subprocess.DEVNULL,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=stderr if stderr is not None else subprocess.PIPE,
        preexec_fn=preexec, text=True, timeout=60, check=False,
    )  # fmt: skip


@pytest.fixture
def dev_full() -> int:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    return os.open("/dev/full", os.O_WRONLY)


def _one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    return lines[0]


# A full or closed stdout, a full stderr


def test_new_json_to_a_full_stdout_writes_nothing(tmp_path: Path, dev_full: int) -> None:
    done = _run("new", APP, "-y", "--json", cwd=tmp_path, stdout=dev_full)
    assert done.returncode == 2
    # The notes (defaults taken) come first; the error, which JSON could not carry, last.
    last = done.stderr.splitlines()[-1:]
    assert last == ["error: cannot write to stdout: No space left on device"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("json", [True, False], ids=["json", "text"])
def test_init_whose_report_cannot_be_printed_writes_nothing(
    tmp_path: Path, dev_full: int, json: bool
) -> None:
    module = tmp_path / "svc"
    shutil.copytree(Path(__file__).parents[1] / "detect" / "fixtures" / "rootmain", module)
    before = sorted(p.relative_to(module) for p in module.rglob("*"))
    flags = ["--json"] if json else []
    full = {"stdout": dev_full} if json else {"stderr": dev_full}

    done = _run("init", str(module), "-y", *flags, cwd=tmp_path, **full)  # type: ignore[arg-type]

    assert done.returncode == 2
    assert sorted(p.relative_to(module) for p in module.rglob("*")) == before


def test_new_with_a_full_stderr_writes_nothing(tmp_path: Path, dev_full: int) -> None:
    done = _run("new", APP, "-y", cwd=tmp_path, stderr=dev_full)
    assert done.returncode == 2
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args", [("render", "--app-name", APP), ("schema",)], ids=["render", "schema"]
)
def test_printing_to_a_full_stdout_is_one_line(
    tmp_path: Path, dev_full: int, args: tuple[str, ...]
) -> None:
    done = _run(*args, cwd=tmp_path, stdout=dev_full)
    assert done.returncode == 2
    assert _one_error_line(done.stderr) == "error: cannot write to stdout: No space left on device"


def test_render_to_a_closed_stdout_is_one_line(tmp_path: Path) -> None:
    done = _run("render", "--app-name", APP, cwd=tmp_path, preexec=lambda: os.close(1))
    assert done.returncode == 2
    assert _one_error_line(done.stderr) == "error: cannot write to stdout: Bad file descriptor"


# Directories this user may not read

# As root, dropping the capabilities that bypass file permissions makes the run an ordinary
# user's as far as the file system is concerned (the interpreter may live under /root).
WITHOUT_ROOTS_POWERS = ("setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner")


@pytest.fixture
def as_a_user() -> tuple[str, ...]:
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        pytest.skip("needs setpriv to run without root's file permissions")
    return WITHOUT_ROOTS_POWERS


def _owned_by_someone_else(path: Path, mode: int) -> None:
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(mode)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)


def test_new_force_over_a_directory_this_user_cannot_read_is_one_line(
    tmp_path: Path, as_a_user: tuple[str, ...]
) -> None:
    _owned_by_someone_else(tmp_path / APP, 0o700)
    done = _run("new", APP, "-y", "--force", cwd=tmp_path, prefix=as_a_user)
    assert done.returncode == 2
    assert _one_error_line(done.stderr).endswith(f"{APP}: Permission denied")


def test_new_in_a_directory_this_user_cannot_write_is_one_line(
    tmp_path: Path, as_a_user: tuple[str, ...]
) -> None:
    _owned_by_someone_else(tmp_path / "theirs", 0o755)
    done = _run("new", APP, "-y", "--output-dir", "theirs", cwd=tmp_path, prefix=as_a_user)
    assert done.returncode == 2
    assert _one_error_line(done.stderr) == f"error: cannot write theirs/{APP}: Permission denied"


def test_verify_below_a_directory_this_user_cannot_read_is_one_line(
    tmp_path: Path, as_a_user: tuple[str, ...]
) -> None:
    _owned_by_someone_else(tmp_path / "locked", 0o700)
    done = _run("verify", "locked/project", cwd=tmp_path, prefix=as_a_user)
    assert done.returncode == 2
    assert _one_error_line(done.stderr) == "error: locked/project cannot be read: Permission denied"


def test_verify_of_an_unreadable_dockerfile_is_one_line(
    tmp_path: Path, as_a_user: tuple[str, ...]
) -> None:
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "Dockerfile").write_text("FROM scratch\n")
    (tmp_path / "project" / "Dockerfile").chmod(0o000)
    if os.geteuid() == 0:
        os.chown(tmp_path / "project" / "Dockerfile", 65534, 65534)
    done = _run("verify", "project", cwd=tmp_path, prefix=as_a_user)
    assert done.returncode == 2
    assert _one_error_line(done.stderr) == (
        "error: project/Dockerfile cannot be read: Permission denied"
    )


def test_verify_log_dir_that_is_a_file_is_one_line(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "Dockerfile").write_text("FROM scratch\n")
    (tmp_path / "logs").write_text("not a directory\n")
    outcome = cli("verify", "project", "--log-dir", "logs")
    assert outcome.code == 2
    assert outcome.err == "error: --log-dir logs: exists and is not a directory\n"


# A symbolic link where a directory of the project goes


@pytest.mark.parametrize("policy", ["--force", "--skip-existing"])
def test_new_writes_nothing_through_a_symlinked_directory(
    cli: Cli, tmp_path: Path, policy: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "workflows").mkdir()
    (outside / "workflows" / "docker-image.yml").write_text("mine\n")
    (tmp_path / APP).mkdir()
    (tmp_path / APP / ".github").symlink_to(outside, target_is_directory=True)
    outcome = cli("new", APP, "-y", "--ci-workflow", policy)
    assert outcome.code == 2
    assert outcome.err == (
        f"error: {APP}/.github is a symbolic link; this tool writes no file through one "
        f"(.github/workflows/docker-image.yml would go there)\n"
    )
    assert sorted(p.name for p in (tmp_path / APP).iterdir()) == [".github"]
    assert [p.name for p in (outside / "workflows").iterdir()] == ["docker-image.yml"]
    assert (outside / "workflows" / "docker-image.yml").read_text() == "mine\n"
