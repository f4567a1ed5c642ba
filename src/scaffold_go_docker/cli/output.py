"""Printing what a command reports, where a stream that cannot take it is a user error.

A closed stdout (`>&-`), a full one (`> /dev/full`) or a closed pipe ends the run with one
line on stderr and exit status 2, never a traceback; `new` prints its report this way
before it writes, so a report that cannot be printed means nothing written.
"""

from __future__ import annotations

import os
import sys
from typing import BinaryIO, TextIO

from scaffold_go_docker.errors import ScaffoldError


class OutputError(ScaffoldError):
    """stdout or stderr cannot take what the command prints."""


def emit(text: str, *, err: bool = False, end: str = "\n") -> None:
    """Print `text` and `end` on stdout (stderr with `err`), flushed."""
    stream = sys.stderr if err else sys.stdout
    try:
        if stream is None:
            raise OSError(9, "Bad file descriptor")
        stream.write(text + end)
        stream.flush()
    except (OSError, ValueError) as error:
        raise _failed(stream, "stderr" if err else "stdout", error) from None


def emit_bytes(data: bytes) -> None:
    """Write `data` to stdout as they are (a generated file's UTF-8 text), flushed."""
    stream = sys.stdout
    try:
        if stream is None:
            raise OSError(9, "Bad file descriptor")
        stream.flush()
        binary: BinaryIO = stream.buffer
        binary.write(data)
        binary.flush()
    except (OSError, ValueError) as error:
        raise _failed(stream, "stdout", error) from None


def _failed(stream: TextIO | None, name: str, error: Exception) -> OutputError:
    discard(stream)
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return OutputError(f"cannot write to {name}: {reason}")


def discard(stream: TextIO | None) -> None:
    """Point a stream that failed at /dev/null, so what it still buffers cannot fail again
    when the interpreter flushes it on exit."""
    if stream is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, stream.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError):
        pass


def flush_stdout() -> None:
    """Flush what stdout still holds; raises OutputError if it cannot take it."""
    stream = sys.stdout
    if stream is None:
        return
    try:
        stream.flush()
    except (OSError, ValueError) as error:
        raise _failed(stream, "stdout", error) from None
