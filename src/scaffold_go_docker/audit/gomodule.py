"""The Go module beside a Dockerfile: what it requires and what its code reveals.

Used only to sharpen verdicts (a module that can make no TLS call does not need a CA
bundle; one that imports SQLite through cgo needs a C compiler). The reading is textual:
imports, string literals and a few call shapes, never a build.
"""

from __future__ import annotations

import os
import re
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from scaffold_go_docker.facts.go import (
    CA_FALLBACK_IMPORT,
    CGO_MODULES,
    TLS_IMPORTS,
    TZDATA_IMPORT,
    cgo_module,
    links_libc_with_cgo,
)

#: Stop reading sources after this many files; evidence found by then still counts.
MAX_SOURCE_FILES = 5000
_SKIPPED_DIRS = frozenset({"vendor", "testdata", "node_modules", ".git"})
_IMPORT_BLOCK = re.compile(r"^import\s*\((.*?)^\)", re.MULTILINE | re.DOTALL)
_IMPORT_LINE = re.compile(r'^import\s+(?:[\w.]+\s+)?"([^"]+)"', re.MULTILINE)
_BLOCK_ENTRY = re.compile(r'^\s*(?:[\w.]+\s+)?"([^"]+)"', re.MULTILINE)
_TLS_LITERAL = re.compile(r'"(?:https|wss|grpcs)://')
_CLIENT_VARIABLE = re.compile(
    r"(\w+)\s*(?::=|=)\s*&?http\.(?:Client\s*\{|DefaultClient\b)|(\w+)\s+\*?http\.Client\b"
)
_CLIENT_CALL = re.compile(r"\b(\w+)\.(Get|Head|Post|PostForm|NewRequest|NewRequestWithContext)\(")
_LOAD_LOCATION = re.compile(r"\btime\.LoadLocation(?:FromTZData)?\(")
_CGO_CONSTRAINT = re.compile(r"^//go:build .*\bcgo\b", re.MULTILINE)


class Evidence(NamedTuple):
    """Where in the module something was seen: `main.go:12` and what."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where} {self.what}"


class _Source(NamedTuple):
    path: str
    text: str
    imports: frozenset[str]


class GoModule:
    """A module directory (the one holding go.mod), read on demand."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        text = (directory / "go.mod").read_text(encoding="utf-8", errors="replace")
        self.path = _module_path(text)
        self.requires = _requires(text)

    @property
    def vendored(self) -> bool:
        return (self.directory / "vendor" / "modules.txt").is_file()

    @cached_property
    def cgo_requirements(self) -> list[tuple[str, str]]:
        """Required modules known to need cgo, with the C code each wraps."""
        found = []
        for required in self.requires:
            known = cgo_module(required)
            if known is not None:
                found.append((required, CGO_MODULES[known]))
        return found

    @cached_property
    def _sources(self) -> list[_Source]:
        sources = []
        for path in _go_files(self.directory):
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            relative = path.relative_to(self.directory).as_posix()
            sources.append(_Source(relative, text, frozenset(_imports(text))))
        return sources

    def _first_import(self, *packages: str) -> Evidence | None:
        for source in self._sources:
            for package in packages:
                if package in source.imports:
                    return Evidence(_at(source, f'"{package}"'), f"imports {package}")
        return None

    @cached_property
    def cgo_import(self) -> Evidence | None:
        """A file importing "C" with no pure-Go alternative behind a cgo build constraint."""
        for source in self._sources:
            if "C" in source.imports and not _CGO_CONSTRAINT.search(source.text):
                return Evidence(_at(source, '"C"'), 'imports "C"')
        return None

    @cached_property
    def embeds_tzdata(self) -> Evidence | None:
        return self._first_import(TZDATA_IMPORT)

    @cached_property
    def embeds_ca_roots(self) -> Evidence | None:
        return self._first_import(CA_FALLBACK_IMPORT)

    @cached_property
    def loads_time_zones(self) -> Evidence | None:
        for source in self._sources:
            match = _LOAD_LOCATION.search(source.text)
            if match:
                return Evidence(_line_of(source, match.start()), "calls time.LoadLocation")
        return None

    @cached_property
    def may_use_tls(self) -> Evidence | None:
        """Why the module may make an outbound TLS call, or None if nothing suggests one.

        Conservative: any dependency counts (its code is not read), as do TLS packages,
        an https/wss literal, and an HTTP client call whose URL is not an http:// literal.
        """
        if self.requires:
            return Evidence("go.mod", f"requires {len(self.requires)} module(s)")
        found = self._first_import(*TLS_IMPORTS)
        if found:
            return found
        for source in self._sources:
            match = _TLS_LITERAL.search(source.text)
            if match:
                return Evidence(_line_of(source, match.start()), "names an https:// URL")
            call = _client_call_without_plain_url(source)
            if call is not None:
                return call
        return None

    @cached_property
    def static_even_with_cgo(self) -> bool:
        """No dependency and no import that links libc: cgo on or off, the binary is static."""
        if self.requires:
            return False
        return not any(
            links_libc_with_cgo(package) for source in self._sources for package in source.imports
        )


def _client_call_without_plain_url(source: _Source) -> Evidence | None:
    if "net/http" not in source.imports:
        return None
    clients = {"http"}
    for match in _CLIENT_VARIABLE.finditer(source.text):
        clients.add(match.group(1) or match.group(2))
    for match in _CLIENT_CALL.finditer(source.text):
        receiver, method = match.group(1), match.group(2)
        if receiver not in clients:
            continue
        if receiver != "http" and method.startswith("NewRequest"):
            continue
        url_index = {"NewRequest": 1, "NewRequestWithContext": 2}.get(method, 0)
        arguments = source.text[match.end() :].split(",", url_index + 1)
        url = arguments[url_index].strip() if len(arguments) > url_index else ""
        if not url.startswith('"http://'):
            return Evidence(
                _line_of(source, match.start()),
                f"calls {receiver}.{method} with a URL that may be https",
            )
    return None


def _go_files(directory: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(directory):
        here = Path(root)
        dirs[:] = sorted(
            name
            for name in dirs
            if name not in _SKIPPED_DIRS
            and not name.startswith((".", "_"))
            and not (here / name / "go.mod").exists()
        )
        for name in sorted(files):
            if name.endswith(".go") and not name.endswith("_test.go"):
                found.append(here / name)
                if len(found) >= MAX_SOURCE_FILES:
                    return found
    return found


def _imports(text: str) -> set[str]:
    imports = set(_IMPORT_LINE.findall(text))
    for block in _IMPORT_BLOCK.findall(text):
        imports.update(_BLOCK_ENTRY.findall(block))
    return imports


def _at(source: _Source, needle: str) -> str:
    index = source.text.find(needle)
    return _line_of(source, max(index, 0))


def _line_of(source: _Source, offset: int) -> str:
    return f"{source.path}:{source.text.count(chr(10), 0, offset) + 1}"


def _module_path(text: str) -> str | None:
    match = re.search(r"^module\s+\"?([^\s\"]+)", text, re.MULTILINE)
    return match.group(1) if match else None


def _requires(text: str) -> tuple[str, ...]:
    """Required module paths in go.mod order, single lines and blocks alike."""
    required: list[str] = []
    in_block = False
    for raw in text.splitlines():
        line = raw.split("//", 1)[0].strip()
        if in_block:
            if line.startswith(")"):
                in_block = False
            elif line:
                required.append(line.split()[0].strip('"'))
        elif re.match(r"require\s*\(", line):
            in_block = True
        elif line.startswith("require "):
            required.append(line.split()[1].strip('"'))
    return tuple(dict.fromkeys(required))


def find_module(dockerfile: Path | None, src: Path | None) -> GoModule | None:
    """The module for a Dockerfile: `--src DIR`, else the nearest go.mod from the
    Dockerfile's directory up to the repository root (the directory holding .git); with
    no repository around, only the Dockerfile's own directory counts."""
    if src is not None:
        return _read(src)
    if dockerfile is None:
        return None
    start = dockerfile.resolve().parent
    candidates = [start, *start.parents]
    repository = next((d for d in candidates if (d / ".git").exists()), None)
    searched = candidates[: candidates.index(repository) + 1] if repository else [start]
    for directory in searched:
        if (directory / "go.mod").is_file():
            return _read(directory)
    return None


def _read(directory: Path) -> GoModule | None:
    try:
        return GoModule(directory)
    except OSError:
        return None
