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


def ignore_patterns(project: Path) -> list[re.Pattern[str]]:
    patterns = []
    for line in (project / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        assert not line.startswith("!"), "exception patterns are not needed by this test"
        patterns.append(_pattern(line.strip("/").removeprefix("./")))
    return patterns


def is_ignored(relative: str, patterns: list[re.Pattern[str]]) -> bool:
    """As BuildKit: a path is excluded when it or one of its parent directories matches."""
    parts = relative.split("/")
    prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    return any(p.fullmatch(prefix) for p in patterns for prefix in prefixes)


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
