"""Carry out a plan as one transaction: all of its files are placed, or none is.

1. The target directory is created if need be and locked (`flock`), so a second run on
   the same directory is refused instead of mixing its files with this one's.
2. Every file is written to a temporary sibling, `.scaffold-go-docker.<random>.tmp`
   (the generated `.dockerignore` leaves such names out of the build context). Each
   directory below the target is opened without following a symbolic link, and the files
   are created through those directory descriptors: nothing is written outside the target.
3. With SIGINT and SIGTERM held back (`interrupts.deferred`), the temporaries are placed:
   a new file by a hard link, which fails if a file of that name appeared since the plan;
   a replaced file after a hard-link backup of the old one. A failure undoes every placed
   file, so the directory is as it was.
4. The temporaries and backups are removed, and after a failure or an interrupt so is
   every directory this call created (if empty).

New files get the umask's mode (0o666 & ~umask); a replaced file keeps its mode and owner.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import NamedTuple

from scaffold_go_docker import interrupts
from scaffold_go_docker.errors import ScaffoldError
from scaffold_go_docker.writing.plan import Action, PlannedFile

#: What every temporary file and backup of a run is called: `PREFIX<random><suffix>`.
TEMPORARY_PREFIX = ".scaffold-go-docker."
_DIRECTORY_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
#: Errors of a file system that has no hard links; placing falls back to a checked rename.
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EMLINK}


def write_planned(target: Path, planned: Sequence[PlannedFile]) -> None:
    """Write the entries of `planned` that create or overwrite a file under `target`.

    Raises ScaffoldError (nothing written) when a file cannot be written or placed, and
    `interrupts.Interrupted` when a signal arrives before the files are placed (nothing
    written) or while they are placed (everything written: `interrupts.written()`).
    """
    entries = [entry for entry in planned if entry.writes]
    if not entries:
        return
    with _Transaction(target) as transaction:
        for entry in entries:
            transaction.stage(entry)
        transaction.commit()


class _Staged(NamedTuple):
    directory: int  # descriptor of the file's directory
    temporary: str
    name: str
    entry: PlannedFile


class _Placed(NamedTuple):
    directory: int
    name: str
    backup: str | None  # the replaced file's backup; None for a new file


class _Transaction:
    def __init__(self, target: Path) -> None:
        self.target = target
        self.created_outside: list[Path] = []  # the target and its parents, made here
        self.created_inside: list[tuple[int, str]] = []  # (parent descriptor, name)
        self.directories: dict[PurePosixPath, int] = {}
        self.temporaries: list[tuple[int, str]] = []
        self.staged: list[_Staged] = []
        self.backups: list[tuple[int, str]] = []
        self.committed = False

    # Opening and locking the target

    def __enter__(self) -> _Transaction:
        try:
            with interrupts.deferred():  # a signal held back here is raised at its end
                self._open_target()
        except BaseException:
            with interrupts.deferred():
                self._clean_up()
            raise
        return self

    def _open_target(self) -> None:
        try:
            missing = [d for d in (self.target, *self.target.parents) if not d.exists()]
            for directory in reversed(missing):
                with suppress(FileExistsError):  # another run made it: not ours to remove
                    directory.mkdir()
                    self.created_outside.append(directory)
            descriptor = os.open(self.target, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError as error:
            raise _cannot_write(Path(error.filename or self.target), error) from None
        self.directories[PurePosixPath()] = descriptor
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.created_outside.clear()  # the run holding the lock writes there
            raise ScaffoldError(
                f"another run is writing to {self.target}; nothing written"
            ) from None
        except OSError:
            pass  # a file system without locks: placing by hard link still refuses clashes
        try:
            same = os.path.samestat(os.fstat(descriptor), os.stat(self.target))
        except OSError:
            same = False
        if not same:
            raise ScaffoldError(f"{self.target} was replaced while this run wrote to it")

    # Writing the temporaries

    def _directory(self, relative: PurePosixPath) -> int:
        """The descriptor of `relative` under the target, made if missing, never a link."""
        if relative in self.directories:
            return self.directories[relative]
        parent = self._directory(relative.parent)
        name = relative.name
        for _attempt in range(3):
            try:
                descriptor = os.open(name, _DIRECTORY_FLAGS, dir_fd=parent)
                break
            except FileNotFoundError:
                with interrupts.deferred(), suppress(FileExistsError):
                    os.mkdir(name, 0o777, dir_fd=parent)
                    self.created_inside.append((parent, name))
            except OSError as error:
                if error.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise ScaffoldError(
                        f"{self.target / relative} is not a directory (a symbolic link is "
                        "not followed); nothing written"
                    ) from None
                raise _cannot_write(self.target / relative, error) from None
        else:
            raise ScaffoldError(f"cannot create {self.target / relative}")
        self.directories[relative] = descriptor
        return descriptor

    def stage(self, entry: PlannedFile) -> None:
        path = PurePosixPath(entry.path)
        directory = self._directory(path.parent)
        try:
            with interrupts.deferred():
                temporary, descriptor = _create_temporary(directory, ".tmp")
                self.temporaries.append((directory, temporary))
            try:
                _write_all(descriptor, entry.content.encode())
                if entry.action is Action.OVERWRITE:
                    _keep_mode_and_owner(descriptor, directory, path.name)
            finally:
                os.close(descriptor)
        except OSError as error:
            raise _cannot_write(self.target / entry.path, error) from None
        self.staged.append(_Staged(directory, temporary, path.name, entry))

    # Placing them

    def commit(self) -> None:
        """Place every staged file, or none: a failure undoes what was placed."""
        placed: list[_Placed] = []
        with interrupts.deferred():
            try:
                for staged in self.staged:
                    placed.append(self._place(staged))
            except BaseException:
                for done in reversed(placed):
                    _undo(done)
                raise
            self.committed = True
            interrupts.mark_written()

    def _place(self, staged: _Staged) -> _Placed:
        directory, temporary, name, entry = staged
        path = self.target / entry.path
        try:
            if entry.action is Action.OVERWRITE:
                backup = self._backup(directory, name)
                os.replace(temporary, name, src_dir_fd=directory, dst_dir_fd=directory)
                return _Placed(directory, name, backup)
            _place_new(directory, temporary, name)
            return _Placed(directory, name, None)
        except FileExistsError:
            raise ScaffoldError(
                f"{path} appeared while this run was writing (another run?); nothing written"
            ) from None
        except OSError as error:
            raise _cannot_write(path, error) from None

    def _backup(self, directory: int, name: str) -> str:
        backup = _unused_name(directory, ".bak")
        try:
            os.link(name, backup, src_dir_fd=directory, dst_dir_fd=directory, follow_symlinks=False)
        except OSError as error:
            if error.errno not in _NO_LINKS:
                raise
            # No hard links: a copy keeps the old content for the rollback.
            with open(name, "rb", opener=_opener(directory, os.O_RDONLY)) as old:
                content = old.read()
            backup, descriptor = _create_temporary(directory, ".bak")
            try:
                _write_all(descriptor, content)
            finally:
                os.close(descriptor)
        self.backups.append((directory, backup))
        return backup

    # Leaving

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        with interrupts.deferred():
            self._clean_up()

    def _clean_up(self) -> None:
        for directory, name in self.temporaries:
            with suppress(OSError):
                os.unlink(name, dir_fd=directory)
        for directory, name in self.backups:
            if self.committed:  # else the rollback has renamed it back, or it is all that is left
                with suppress(OSError):
                    os.unlink(name, dir_fd=directory)
        if not self.committed:
            for parent, name in reversed(self.created_inside):
                with suppress(OSError):
                    os.rmdir(name, dir_fd=parent)
            for made in reversed(self.created_outside):
                with suppress(OSError):
                    made.rmdir()
        for descriptor in reversed(self.directories.values()):  # the target's, the lock, last
            with suppress(OSError):
                os.close(descriptor)
        self.directories.clear()


def _place_new(directory: int, temporary: str, name: str) -> None:
    """Give the temporary its name, failing with FileExistsError if the name is taken."""
    try:
        os.link(temporary, name, src_dir_fd=directory, dst_dir_fd=directory, follow_symlinks=False)
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
        # No hard links: check, then rename (the lock keeps other runs of the tool out).
        try:
            os.stat(name, dir_fd=directory, follow_symlinks=False)
        except FileNotFoundError:
            os.rename(temporary, name, src_dir_fd=directory, dst_dir_fd=directory)
            return
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), name) from None


def _undo(placed: _Placed) -> None:
    with suppress(OSError):
        if placed.backup is None:
            os.unlink(placed.name, dir_fd=placed.directory)
        else:
            os.replace(
                placed.backup, placed.name, src_dir_fd=placed.directory, dst_dir_fd=placed.directory
            )


def _unused_name(directory: int, suffix: str) -> str:
    while True:
        name = f"{TEMPORARY_PREFIX}{os.urandom(6).hex()}{suffix}"
        try:
            os.stat(name, dir_fd=directory, follow_symlinks=False)
        except FileNotFoundError:
            return name


def _create_temporary(directory: int, suffix: str) -> tuple[str, int]:
    """A new file in `directory` with mode 0o666 less the umask, and its descriptor."""
    for _attempt in range(100):
        name = f"{TEMPORARY_PREFIX}{os.urandom(6).hex()}{suffix}"
        try:
            return name, os.open(name, _NEW_FILE_FLAGS, 0o666, dir_fd=directory)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary name", TEMPORARY_PREFIX)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _keep_mode_and_owner(descriptor: int, directory: int, name: str) -> None:
    """Give the replacement of `name` the mode (and, where allowed, the owner) it has now."""
    try:
        current = os.stat(name, dir_fd=directory, follow_symlinks=False)
    except FileNotFoundError:
        return
    os.fchmod(descriptor, stat.S_IMODE(current.st_mode))
    mine = os.fstat(descriptor)
    if (mine.st_uid, mine.st_gid) != (current.st_uid, current.st_gid):
        with suppress(PermissionError):
            os.fchown(descriptor, current.st_uid, current.st_gid)
            os.fchmod(descriptor, stat.S_IMODE(current.st_mode))  # chown clears set-id bits


def _opener(directory: int, flags: int) -> Callable[[str, int], int]:
    def opener(path: str, _flags: int) -> int:
        return os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=directory)

    return opener


def _cannot_write(path: Path, error: OSError) -> ScaffoldError:
    return ScaffoldError(f"cannot write {path}: {error.strerror or error}")
