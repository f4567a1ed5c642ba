"""Planning and writing files: what happens to each file, all or nothing, with `\\n` endings."""

from __future__ import annotations

import fcntl
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scaffold_go_docker import interrupts
from scaffold_go_docker.errors import ScaffoldError, TargetExistsError
from scaffold_go_docker.generate import generate_files
from scaffold_go_docker.writing import Action, ConflictPolicy, plan_files, write_planned
from scaffold_go_docker.writing import plan as plan_module

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
    """A umask that gives 0600 files and 0700 directories."""
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
def test_new_files_take_the_umask_and_a_replaced_file_keeps_its_mode(target: Path) -> None:
    target.mkdir()
    (target / "main.go").write_text("old\n")
    (target / "main.go").chmod(0o640)
    write(target, FILES, ConflictPolicy.OVERWRITE)
    modes = {path: (target / path).stat().st_mode & 0o777 for path in FILES}
    assert modes == {"Dockerfile": 0o600, "main.go": 0o640, "sub/dir/x.txt": 0o600}
    assert (target / "sub").stat().st_mode & 0o777 == 0o700


def test_with_the_usual_umask_new_files_are_0644(target: Path) -> None:
    previous = os.umask(0o022)
    try:
        write(target, FILES, ConflictPolicy.REFUSE)
    finally:
        os.umask(previous)
    assert {(target / path).stat().st_mode & 0o777 for path in FILES} == {0o644}


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


def _no_space(path: Path) -> OSError:
    return OSError(28, "No space left on device", str(path))


def test_a_failure_while_placing_restores_every_file_and_removes_new_directories(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target.mkdir()
    (target / "main.go").write_text("package other\n")
    # Dockerfile (new) and main.go (replaced) are placed, then sub/dir/x.txt fails.
    monkeypatch.setattr(os, "link", _fail_on_call(3, _no_space(target), os.link))
    with pytest.raises(ScaffoldError, match=r"^cannot write .*x\.txt: No space left on device$"):
        write(target, FILES, ConflictPolicy.OVERWRITE)
    assert on_disk(target) == {"main.go": b"package other\n"}
    assert sorted(p.name for p in target.iterdir()) == ["main.go"]  # no sub/, no temporaries


def test_after_a_failed_write_the_same_run_is_not_refused(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as failing:
        failing.setattr(os, "link", _fail_on_call(3, _no_space(target), os.link))
        with pytest.raises(ScaffoldError):
            write(target, FILES, ConflictPolicy.REFUSE)
    assert not target.exists()
    write(target, FILES, ConflictPolicy.REFUSE)
    assert on_disk(target) == {path: text.encode() for path, text in FILES.items()}


def test_an_interrupt_while_writing_the_temporaries_leaves_nothing_behind(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target.mkdir()
    (target / "main.go").write_text("package other\n")
    monkeypatch.setattr(os, "write", _fail_on_call(2, KeyboardInterrupt(), os.write))
    with pytest.raises(KeyboardInterrupt):
        write(target, FILES, ConflictPolicy.OVERWRITE)
    assert on_disk(target) == {"main.go": b"package other\n"}
    assert sorted(p.name for p in target.iterdir()) == ["main.go"]


def test_a_signal_while_placing_waits_until_every_file_is_in_place(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM between two placements: the rest are placed, then the run is interrupted,
    and it knows the files were written."""
    real_link = os.link
    calls = 0

    def link_then_signal(*args: Any, **kwargs: Any) -> None:
        nonlocal calls
        calls += 1
        real_link(*args, **kwargs)
        if calls == 1:
            signal.raise_signal(signal.SIGTERM)

    previous = {signum: signal.getsignal(signum) for signum in interrupts.HANDLED}
    monkeypatch.setattr(interrupts, "_written", False)
    monkeypatch.setattr(os, "link", link_then_signal)
    interrupts.install()
    try:
        with pytest.raises(interrupts.Interrupted) as caught:
            write(target, FILES, ConflictPolicy.REFUSE)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    assert caught.value.signum == signal.SIGTERM
    assert interrupts.written()
    assert on_disk(target) == {path: text.encode() for path, text in FILES.items()}


def test_an_os_error_is_one_line_and_leaves_no_temporaries(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "link", _fail_on_call(1, _no_space(target), os.link))
    with pytest.raises(ScaffoldError) as caught:
        write(target, FILES, ConflictPolicy.REFUSE)
    assert str(caught.value) == f"cannot write {target / 'Dockerfile'}: No space left on device"
    assert not target.exists()


def test_a_failure_before_the_renames_removes_the_directories_it_created(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "write", _fail_on_call(2, _no_space(target), os.write))
    with pytest.raises(ScaffoldError):
        write(target / "a" / "b", FILES, ConflictPolicy.REFUSE)
    assert not target.exists()


def test_without_hard_links_files_are_still_placed_and_replaced(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target.mkdir()
    (target / "main.go").write_text("package other\n")

    def no_links(*args: Any, **kwargs: Any) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    write(target, FILES, ConflictPolicy.OVERWRITE)
    assert on_disk(target) == {path: text.encode() for path, text in FILES.items()}


# Symbolic links and other runs


def test_a_symlinked_directory_below_the_target_is_refused_at_plan_time(
    target: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target.mkdir()
    (target / "sub").symlink_to(outside, target_is_directory=True)
    for policy in (ConflictPolicy.OVERWRITE, ConflictPolicy.SKIP):  # refuse: "not empty"
        with pytest.raises(TargetExistsError, match=r"sub is a symbolic link; this tool writes no"):
            plan_files(target, FILES, policy)
    assert list(outside.iterdir()) == []


def test_a_directory_swapped_for_a_symlink_after_the_plan_is_not_written_through(
    target: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    (outside / "dir").mkdir(parents=True)
    target.mkdir()
    planned = plan_files(target, FILES, ConflictPolicy.REFUSE)
    (target / "sub").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ScaffoldError, match=r"sub is not a directory \(a symbolic link is not"):
        write_planned(target, planned)
    assert list((outside / "dir").iterdir()) == []
    assert sorted(p.name for p in target.iterdir()) == ["sub"]


def test_a_file_that_appears_after_the_plan_is_not_replaced(target: Path) -> None:
    target.mkdir()
    planned = plan_files(target, FILES, ConflictPolicy.REFUSE)
    (target / "main.go").write_text("package theirs\n")  # another run, or the user
    with pytest.raises(ScaffoldError, match=r"main\.go appeared while this run was writing"):
        write_planned(target, planned)
    assert on_disk(target) == {"main.go": b"package theirs\n"}


def test_a_directory_another_run_is_writing_to_is_refused(target: Path) -> None:
    target.mkdir()
    descriptor = os.open(target, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        with pytest.raises(ScaffoldError, match=r"another run is writing to .*; nothing written"):
            write(target, FILES, ConflictPolicy.REFUSE)
    finally:
        os.close(descriptor)
    assert on_disk(target) == {}


def test_files_that_appear_while_planning_make_the_target_not_empty(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another run places its (identical) files between the emptiness check and the plan
    of each file: without --force this run is refused, not a success that wrote nothing."""
    target.mkdir()
    real_check = plan_module.check_target

    def check_then_another_run_writes(*args: Any) -> None:
        real_check(*args)
        for path, text in FILES.items():
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            (target / path).write_text(text)

    monkeypatch.setattr(plan_module, "check_target", check_then_another_run_writes)
    with pytest.raises(TargetExistsError, match="not empty"):
        plan_files(target, FILES, ConflictPolicy.REFUSE)
