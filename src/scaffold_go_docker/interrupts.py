"""SIGINT and SIGTERM for a run that writes files: the exit status says what is on disk.

The console entry point calls `install()` before anything heavy is imported, so a Ctrl-C
during start-up ends the run quietly too. From then on either signal raises `Interrupted`
at the next Python instruction, except inside `deferred()`: the writer places its files
there (and removes its temporaries there), so a signal waits until the files are all in
place or all rolled back. `mark_written()` records that the files are in place; an
interrupt after that ends the run with status 0, since the project was written.

Standard library only: this module is imported before anything else the tool uses.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: The signals a run handles; each ends it with status 128 + the signal's number.
HANDLED = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived. A BaseException, so that no `except Exception` keeps it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


_deferring = 0
_pending: int | None = None
_written = False
_raised: int | None = None


def _handle(signum: int, frame: FrameType | None) -> None:
    global _pending, _raised
    # Held back inside `deferred()`; ignored while the run is already ending (an exit or
    # an earlier interrupt being handled), which has its own status.
    if _deferring or isinstance(sys.exc_info()[1], (SystemExit, Interrupted)):
        _pending = _pending or signum
        return
    _raised = signum
    raise Interrupted(signum)


def raised() -> Interrupted | None:
    """The interrupt a handler raised, even where a library turned it into an error of its
    own (pydantic-core, building a validator, reports it as a Rust panic)."""
    return None if _raised is None else Interrupted(_raised)


def install() -> None:
    """Handle SIGINT and SIGTERM by raising `Interrupted` (outside `deferred()` blocks)."""
    for signum in HANDLED:
        signal.signal(signum, _handle)


@contextmanager
def deferred() -> Iterator[None]:
    """Run the block whole: a signal that arrives meanwhile takes effect when it ends.

    The signals are also blocked for the thread, so no system call in the block is cut
    short; a handler already triggered before the block sees the flag and waits too.
    """
    global _deferring, _pending
    _deferring += 1
    blocked = _block()
    try:
        yield
    finally:
        _deferring -= 1
        signum = None
        if not _deferring:
            signum, _pending = _pending, None
        # A signal the mask held is delivered here, and raises once the flag is down.
        _unblock(blocked)
        if signum is not None:
            raise Interrupted(signum)


def _block() -> set[int | signal.Signals] | None:
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not on Windows
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, HANDLED)


def _unblock(previous: set[int | signal.Signals] | None) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def mark_written() -> None:
    """The run's files are in place: from now on an interrupt does not mean "nothing written"."""
    global _written
    _written = True


def written() -> bool:
    return _written


def exit_interrupted(interrupted: Interrupted) -> None:
    """End the run after `interrupted`: one line on stderr, the status says what is on disk."""
    for signum in HANDLED:  # a second Ctrl-C must not cut the exit short
        signal.signal(signum, signal.SIG_IGN)
    if _written:
        message, code = f"interrupted ({interrupted.name}) after the files were written", 0
    else:
        message, code = f"interrupted ({interrupted.name}): nothing written", interrupted.exit_code
    try:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    _quiet_exit(code)


def finishing() -> None:
    """The run has ended: from now on a signal is ignored (the interpreter would restore
    the default action while it shuts down, and the status would no longer say what is on
    disk); what the run printed is flushed."""
    for signum in HANDLED:
        signal.signal(signum, signal.SIG_IGN)
    _flush_or_discard()


def _flush_or_discard() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            _point_at_devnull(stream)


def _quiet_exit(code: int) -> None:
    """Exit with `code`, without the interpreter's complaints about unflushable streams."""
    _flush_or_discard()
    sys.exit(code)


def _point_at_devnull(stream: object) -> None:
    """Send what a broken stream still holds to /dev/null, so the exit flush succeeds."""
    try:
        descriptor = stream.fileno()  # type: ignore[attr-defined]
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, descriptor)
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
