"""Planning and writing files: what happens to each file, atomically, with `\\n` and 0644."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scaffold_go_docker.errors import ScaffoldError, TargetExistsError
from scaffold_go_docker.generate import generate_files
from scaffold_go_docker.writing import Action, ConflictPolicy, plan_files, write_planned

from .cases import APP

FILES = {"Dockerfile": "FROM scratch\n", "main.go": "package main\n", "sub/dir/x.txt": "x\n"}


def actions(target: Path, files: dict[str, str], policy: ConflictPolicy) -> dict[str, Action]:
    return {entry.path: entry.action for entry in plan_files(target, files, policy)}


def write(target: Path, files: dict[str, str], policy: ConflictPolicy) -> None:
    write_planned(target, plan_files(target, files, policy))


def on_disk(target: Path) -> dict[str, bytes]:
    """Every file under target, including hidden temporaries."""
    return {
        p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file()
    }


@pytest.fixture
def target(tmp_path: Path) -> Path:
    return tmp_path / APP


@pytest.fixture
def strict_umask() -> Iterator[None]:
    """A umask that would give 0600 files, to show the writer sets 0644 itself."""
    previous = os.umask(0o077)
    yield
    os.umask(previous)


# The plan


def test_plan_for_a_new_directory_creates_every_file_and_writes_nothing(target: Path) -> None:
    assert actions(target, FILES, ConflictPolicy.REFUSE) == dict.fromkeys(FILES, Action.CREATE)
    assert not target.exists()


def test_an_empty_existing_directory_is_fine_without_force(target: Path) -> None:
    target.mkdir()
    assert set(actions(target, FILES, ConflictPolicy.REFUSE).values()) == {Action.CREATE}


def test_a_non_empty_directory_is_refused_without_force(target: Path) -> None:
    target.mkdir()
    (target / "notes.txt").write_text("mine\n")
    with pytest.raises(TargetExistsError, match="not empty; use --force") as caught:
        plan_files(target, FILES, ConflictPolicy.REFUSE)
    assert len(str(caught.value).splitlines()) == 1
    assert on_disk(target) == {"notes.txt": b"mine\n"}


def test_a_target_that_is_a_file_is_refused(target: Path) -> None:
    target.write_text("x")
    with pytest.raises(TargetExistsError, match="is not a directory"):
        plan_files(target, FILES, ConflictPolicy.OVERWRITE)


def test_with_force_each_file_is_created_identical_or_overwritten(target: Path) -> None:
    target.mkdir()
    (target / "Dockerfile").write_text(FILES["Dockerfile"])
    (target / "main.go").write_text("package other\n")
    assert actions(target, FILES, ConflictPolicy.OVERWRITE) == {
        "Dockerfile": Action.IDENTICAL,
        "main.go": Action.OVERWRITE,
        "sub/dir/x.txt": Action.CREATE,
    }


def test_skip_existing_keeps_a_differing_file(target: Path) -> None:
    target.mkdir()
    (target / "main.go").write_text("package other\n")
    assert actions(target, FILES, ConflictPolicy.SKIP)["main.go"] is Action.SKIP


def test_a_directory_where_a_file_goes_is_refused_or_skipped(target: Path) -> None:
    (target / "Dockerfile").mkdir(parents=True)
    with pytest.raises(TargetExistsError, match="not a regular file"):
        plan_files(target, FILES, ConflictPolicy.OVERWRITE)
    assert actions(target, FILES, ConflictPolicy.SKIP)["Dockerfile"] is Action.SKIP


def test_a_symlink_is_never_written_through(target: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n")
    target.mkdir()
    (target / "Dockerfile").symlink_to(outside)
    with pytest.raises(TargetExistsError, match="not a regular file"):
        plan_files(target, FILES, ConflictPolicy.OVERWRITE)
    write(target, FILES, ConflictPolicy.SKIP)
    assert outside.read_text() == "precious\n"


# The writer


def test_writes_exactly_the_planned_bytes_and_nothing_else(target: Path) -> None:
    write(target, FILES, ConflictPolicy.REFUSE)
    assert on_disk(target) == {path: text.encode() for path, text in FILES.items()}


def test_a_whole_project_is_written_with_newline_endings(target: Path) -> None:
    files = generate_files({"app_name": APP, "compose": True, "ci_workflow": True})
    write(target, files, ConflictPolicy.REFUSE)
    written = on_disk(target)
    assert set(written) == set(files)
    for path, content in written.items():
        assert b"\r" not in content, path
        assert content.endswith(b"\n"), path


@pytest.mark.usefixtures("strict_umask")
def test_files_are_0644_whatever_the_umask_and_whatever_they_were(target: Path) -> None:
    target.mkdir()
    (target / "main.go").write_text("old\n")
    (target / "main.go").chmod(0o600)
    write(target, FILES, ConflictPolicy.OVERWRITE)
    modes = {path: (target / path).stat().st_mode & 0o777 for path in FILES}
    assert modes == dict.fromkeys(FILES, 0o644)


def test_identical_and_skipped_files_are_left_untouched(target: Path) -> None:
    target.mkdir()
    (target / "Dockerfile").write_text(FILES["Dockerfile"])
    (target / "main.go").write_text("package mine\n")
    before = {name: (target / name).stat().st_ino for name in ("Dockerfile", "main.go")}
    write(target, FILES, ConflictPolicy.SKIP)
    after = {name: (target / name).stat().st_ino for name in ("Dockerfile", "main.go")}
    assert after == before
    assert (target / "main.go").read_text() == "package mine\n"
    assert (target / "sub/dir/x.txt").read_text() == "x\n"


def test_overwrite_replaces_the_file_by_rename(target: Path) -> None:
    target.mkdir()
    (target / "main.go").write_text("package other\n")
    inode = (target / "main.go").stat().st_ino
    write(target, FILES, ConflictPolicy.OVERWRITE)
    assert (target / "main.go").read_text() == FILES["main.go"]
    assert (target / "main.go").stat().st_ino != inode


def _fail_on_call(number: int, error: BaseException, real: Any) -> Any:
    calls = []

    def replacement(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        if len(calls) == number:
            raise error
        return real(*args, **kwargs)

    return replacement


def test_an_interrupt_between_renames_leaves_whole_files_and_no_temporaries(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target.mkdir()
    (target / "main.go").write_text("package other\n")
    interrupt = _fail_on_call(2, KeyboardInterrupt(), os.replace)
    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write(target, FILES, ConflictPolicy.OVERWRITE)
    # The first file was renamed into place whole; the second keeps its old content whole;
    # the third never appeared; no temporary file is left.
    assert on_disk(target) == {
        "Dockerfile": FILES["Dockerfile"].encode(),
        "main.go": b"package other\n",
    }


class _HalfWritingStream:
    """Writes half of what it is given, then is interrupted: a Ctrl-C mid-write."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def __enter__(self) -> _HalfWritingStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()

    def write(self, data: bytes) -> int:
        self.stream.write(data[: len(data) // 2])
        self.stream.flush()
        raise KeyboardInterrupt


def test_an_interrupt_while_writing_a_file_leaves_nothing_behind(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen
    calls = 0

    def fdopen(descriptor: int, mode: str) -> Any:
        nonlocal calls
        calls += 1
        stream = real_fdopen(descriptor, mode)
        return _HalfWritingStream(stream) if calls == 2 else stream

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(KeyboardInterrupt):
        write(target, FILES, ConflictPolicy.REFUSE)
    assert on_disk(target) == {}


def test_an_os_error_is_one_line_and_leaves_no_temporaries(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failure = OSError(28, "No space left on device", str(target / "main.go"))
    monkeypatch.setattr(os, "replace", _fail_on_call(1, failure, os.replace))
    with pytest.raises(ScaffoldError) as caught:
        write(target, FILES, ConflictPolicy.REFUSE)
    assert str(caught.value) == f"cannot write {target / 'main.go'}: No space left on device"
    assert on_disk(target) == {}


def test_a_failure_before_the_renames_removes_the_directories_it_created(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failure = OSError(28, "No space left on device", str(target / "a" / "b" / "main.go"))
    monkeypatch.setattr(tempfile, "mkstemp", _fail_on_call(2, failure, tempfile.mkstemp))
    with pytest.raises(ScaffoldError):
        write(target / "a" / "b", FILES, ConflictPolicy.REFUSE)
    assert not target.exists()
