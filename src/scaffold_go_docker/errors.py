"""User-facing errors: each carries a one-line message and a process exit code."""

from __future__ import annotations

#: How much of a value an error message quotes, at most.
EXCERPT_LENGTH = 40
# C0 and C1 control characters, DEL, and the Unicode line and paragraph separators: what
# could end a line, move the cursor or start a terminal escape sequence.
_CONTROLS = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)
}
_CONTROLS.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


def excerpt(value: object, limit: int = EXCERPT_LENGTH) -> str:
    """`value` as an error message quotes it: its repr, cut to about `limit` characters.

    A value from a file may be megabytes long; a message shows where it starts and how long
    it is, never the whole of it.
    """
    if isinstance(value, int) and value.bit_length() >= 64:
        return f"a {value.bit_length()}-bit number"  # repr refuses past 4,300 digits
    text = repr(value)
    if len(text) <= limit:
        return text
    size = len(value) if isinstance(value, str) else len(text)
    return f"{text[: limit - 3]}... ({size} characters)"


def one_line(message: str) -> str:
    """`message` as one line of plain text: control characters written as escapes (`\\n`,
    `\\x1b`, ...), so a path or value cannot end the line or reach the terminal as a command."""
    return message.translate(_CONTROLS)


class ScaffoldError(Exception):
    """Base for errors a user can fix; the CLI prints the message, never a traceback."""

    exit_code = 2


class InvalidOptionsError(ScaffoldError):
    """The options cannot be combined or a value is malformed."""


class ConfigFileError(ScaffoldError):
    """A config or answers file is missing, unreadable or holds bad values."""


class TargetExistsError(ScaffoldError):
    """The destination holds files the tool would overwrite."""


class DriftError(ScaffoldError):
    """A committed file no longer matches what its options render."""

    exit_code = 1


class NoBuilderError(ScaffoldError):
    """No image builder (docker buildx, buildah, podman) is installed."""


class AbortedError(Exception):
    """The person at the terminal chose to stop; nothing was written (exit status 130)."""
