"""The build context a builder sends: the project minus what .dockerignore excludes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path


def _pattern(text: str) -> re.Pattern[str]:
    """A .dockerignore pattern (Go filepath.Match plus `**`) as a regex on a relative path."""
    out = []
    i = 0
    while i < len(text):
        if text.startswith("**", i):
            out.append(".*")
            i += 2
        elif text[i] == "*":
            out.append("[^/]*")
            i += 1
        elif text[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(text[i]))
            i += 1
    return re.compile("".join(out))


def ignore_patterns(project: Path) -> list[tuple[re.Pattern[str], bool]]:
    """Each pattern, and whether it is an exception (`!pattern`: sent after all)."""
    patterns = []
    for line in (project / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        exception = line.startswith("!")
        text = line.removeprefix("!").strip("/").removeprefix("./")
        patterns.append((_pattern(text), exception))
    return patterns


def is_ignored(relative: str, patterns: list[tuple[re.Pattern[str], bool]]) -> bool:
    """As BuildKit: the last pattern that matches the path or one of its parent directories
    decides; an exception sends it."""
    parts = relative.split("/")
    prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    excluded = False
    for pattern, exception in patterns:
        if any(pattern.fullmatch(prefix) for prefix in prefixes):
            excluded = not exception
    return excluded


def build_context(project: Path, destination: Path) -> Path:
    """Copy the files of `project` that a builder would send into `destination`."""
    patterns = ignore_patterns(project)
    for path in sorted(project.rglob("*")):
        relative = path.relative_to(project).as_posix()
        if path.is_file() and not is_ignored(relative, patterns):
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return destination
