"""Which files a //go:embed pattern embeds, resolved as the go command resolves them
(cmd/go/internal/load.resolveEmbed): path.Match globs per element, "all:" to keep names
starting with "." or "_" inside directories, no files of other modules, no VCS directories.
"""

from __future__ import annotations

import os
import re
import stat
from functools import lru_cache
from pathlib import Path

_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{n}" for n in range(1, 10)]
    + [f"LPT{n}" for n in range(1, 10)]
)
_ASCII_NAME_CHARS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()+,-.=@[]^_{}~ "
)


class EmbedPatternError(Exception):
    """Go would refuse the pattern; the message is Go's reason."""


def valid_pattern(glob: str) -> bool:
    """validEmbedPattern and path.Match's syntax check."""
    if glob == "." or not _valid_path(glob):
        return False
    return all(_element_regex(element) is not None for element in glob.split("/"))


def resolve(package_dir: Path, pattern: str) -> tuple[Path, ...]:
    """The files `pattern` (as written, "all:" included) embeds for the package in
    `package_dir`, sorted. Raises EmbedPatternError with Go's reason when Go would fail."""
    glob, all_files = (pattern[4:], True) if pattern.startswith("all:") else (pattern, False)
    if not valid_pattern(glob):
        raise EmbedPatternError("invalid pattern syntax")
    found: list[Path] = []
    seen: set[Path] = set()
    for match in _glob(package_dir, glob.split("/")):
        relative = match.relative_to(package_dir).as_posix()
        try:
            info = match.lstat()
        except OSError as error:
            raise EmbedPatternError(f"cannot read {relative}: {error.strerror}") from None
        what = "directory" if stat.S_ISDIR(info.st_mode) else "file"
        _check_path(package_dir, match, relative, what)
        if stat.S_ISREG(info.st_mode):
            if match not in seen:
                seen.add(match)
                found.append(match)
        elif stat.S_ISDIR(info.st_mode):
            files = _walk(match, relative, all_files)
            if not files:
                raise EmbedPatternError(
                    f"cannot embed directory {relative}: contains no embeddable files"
                )
            for file in files:
                if file not in seen:
                    seen.add(file)
                    found.append(file)
        else:
            raise EmbedPatternError(f"cannot embed irregular file {relative}")
    if not found:
        raise EmbedPatternError("no matching files found")
    return tuple(sorted(found))


def _check_path(package_dir: Path, match: Path, relative: str, what: str) -> None:
    """No directory between the package and the match starts a module or has a bad name."""
    current = match
    while current != package_dir and package_dir in current.parents:
        if (current / "go.mod").exists():
            raise EmbedPatternError(f"cannot embed {what} {relative}: in different module")
        if current != match and not current.is_dir():
            raise EmbedPatternError(f"cannot embed {what} {relative}: in non-directory")
        if bad_name(current.name):
            where = "invalid name" if current == match else "in invalid directory"
            raise EmbedPatternError(f"cannot embed {what} {relative}: {where} {current.name}")
        current = current.parent


def _walk(directory: Path, relative: str, all_files: bool) -> list[Path]:
    files: list[Path] = []
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as error:
        raise EmbedPatternError(f"cannot read {relative}: {error.strerror}") from None
    for entry in entries:
        name = entry.name
        path = Path(entry.path)
        is_dir = entry.is_dir(follow_symlinks=False)
        hidden = name[0] in "._"
        if bad_name(name) or (hidden and not all_files):
            if is_dir or hidden:
                continue
            raise EmbedPatternError(f"cannot embed file {relative}/{name}: invalid name {name}")
        if is_dir:
            if not (path / "go.mod").exists():
                files.extend(_walk(path, f"{relative}/{name}", all_files))
        elif entry.is_file(follow_symlinks=False):
            files.append(path)
    return files


def bad_name(name: str) -> bool:
    """isBadEmbedName: names a module zip cannot hold, and VCS directories."""
    if name in {"", ".bzr", ".hg", ".git", ".svn"}:
        return True
    if name.count(".") == len(name) or name.endswith("."):
        return True
    for char in name:
        if char.isascii():
            if char not in _ASCII_NAME_CHARS:
                return True
        elif not char.isalpha():
            return True
    return name.split(".", 1)[0].upper() in _WINDOWS_RESERVED


def _valid_path(name: str) -> bool:
    """io/fs.ValidPath."""
    if name == ".":
        return True
    return all(element not in {"", ".", ".."} for element in name.split("/"))


def _glob(directory: Path, elements: list[str]) -> list[Path]:
    """filepath.Glob of the elements under `directory`, in Go's order (sorted per level)."""
    if not elements:
        return [directory]
    first, rest = elements[0], elements[1:]
    regex = _element_regex(first)
    if regex is None:
        return []
    if not _has_meta(first):
        candidate = directory / _unescape(first)
        if not rest:
            return [candidate] if os.path.lexists(candidate) else []
        return _glob(candidate, rest) if candidate.is_dir() else []
    try:
        names = sorted(entry.name for entry in os.scandir(directory))
    except OSError:
        return []
    matches: list[Path] = []
    for name in names:
        if regex.fullmatch(name):
            candidate = directory / name
            if not rest:
                matches.append(candidate)
            elif candidate.is_dir():
                matches.extend(_glob(candidate, rest))
    return matches


def _has_meta(element: str) -> bool:
    return any(char in element for char in "*?[\\")


def _unescape(element: str) -> str:
    return re.sub(r"\\(.)", r"\1", element)


@lru_cache(maxsize=256)
def _element_regex(element: str) -> re.Pattern[str] | None:
    """path.Match's syntax for one path element as a regex; None if the syntax is bad."""
    out: list[str] = []
    index = 0
    while index < len(element):
        char = element[index]
        if char == "*":
            out.append("[^/]*")
            index += 1
        elif char == "?":
            out.append("[^/]")
            index += 1
        elif char == "\\":
            if index + 1 >= len(element):
                return None
            out.append(re.escape(element[index + 1]))
            index += 2
        elif char == "[":
            parsed = _character_class(element, index + 1)
            if parsed is None:
                return None
            regex, index = parsed
            out.append(regex)
        else:
            out.append(re.escape(char))
            index += 1
    return re.compile("".join(out), re.DOTALL)


def _character_class(element: str, index: int) -> tuple[str, int] | None:
    """A [...] class starting after "[": its regex and the index after "]"."""
    negated = index < len(element) and element[index] == "^"
    if negated:
        index += 1
    ranges: list[str] = []
    first = True
    while True:
        if index >= len(element):
            return None
        if element[index] == "]" and not first:
            index += 1
            break
        first = False
        low, index = _class_char(element, index)
        if low is None:
            return None
        high: str | None = low
        if index < len(element) and element[index] == "-":
            high, index = _class_char(element, index + 1)
            if high is None or high < low:
                return None
        assert high is not None
        ranges.append(f"{re.escape(low)}-{re.escape(high)}" if high != low else re.escape(low))
    body = "".join(ranges)
    return (f"[^/{body}]" if negated else f"[{body}]"), index


def _class_char(element: str, index: int) -> tuple[str | None, int]:
    if index >= len(element) or element[index] in "-]":
        return None, index
    if element[index] == "\\":
        index += 1
        if index >= len(element):
            return None, index
    return element[index], index + 1
