"""Packages as a linux build sees them: which directories hold packages, which of their files
are compiled, what they import, and where an import path's source lives here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from scaffold_go_docker.detect import listening, versionvars
from scaffold_go_docker.detect.constraints import (
    ConstraintError,
    Target,
    file_name_matches,
    header_matches,
)
from scaffold_go_docker.detect.gosource import (
    Declarations,
    GoSyntaxError,
    Header,
    read_declarations,
    read_header,
)
from scaffold_go_docker.detect.records import GoModule, Locator, Problem
from scaffold_go_docker.detect.scanner import ScanError, Token, tokenize


@dataclass(eq=False)
class SourceFile:
    """One compiled file of a package; its tokens are read on first use."""

    path: Path
    #: The text, kept only where a reader may need more than the header (see keeps_body).
    text: str
    header: Header
    #: Whether the file may hold a listen call or address (a quick test on its text).
    may_listen: bool
    #: Whether it may declare a version variable.
    may_declare_version: bool
    #: Whether it may name a port or address (`const defaultPort = 8080`).
    may_name_port: bool
    _tokens: list[Token] | None = field(default=None, repr=False)
    _declarations: Declarations | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.path.name

    def tokens(self) -> list[Token]:
        """All tokens (ScanError if the body cannot be tokenized)."""
        if self._tokens is None:
            self._tokens = tokenize(self.text)
        return self._tokens

    @classmethod
    def read(cls, path: Path, text: str, header: Header) -> SourceFile:
        lowered = text.lower()
        may_listen = listening.may_listen(text, header)
        may_declare_version = versionvars.may_declare_version(text)
        may_name_port = listening.may_name_port(lowered)
        keeps_body = (
            may_listen
            or may_declare_version
            or may_name_port
            or header.package == "main"
            or header.imports_path("embed")
        )
        return cls(
            path,
            text if keeps_body else "",
            header,
            may_listen,
            may_declare_version,
            may_name_port,
        )

    def declarations(self) -> Declarations:
        """`func main` and the package-level values (ScanError as for tokens)."""
        if self._declarations is None:
            self._declarations = read_declarations(self.tokens())
        return self._declarations


@dataclass(eq=False)
class Package:
    dir: Path
    import_path: str
    module: GoModule
    #: False for a vendored dependency.
    local: bool
    name: str
    files: list[SourceFile]

    def imports(self) -> Iterator[tuple[SourceFile, str, int]]:
        """(file, import path, line) of every import, in file order."""
        for source in self.files:
            for imported in source.header.imports:
                yield source, imported.path, imported.line

    @cached_property
    def import_sites(self) -> dict[str, tuple[SourceFile, int]]:
        """Each imported path once, in file order, with where it is first imported."""
        sites: dict[str, tuple[SourceFile, int]] = {}
        for source, path, line in self.imports():
            sites.setdefault(path, (source, line))
        return sites


class PackageReader:
    """Reads package directories once each, recording files it cannot read."""

    def __init__(self, target: Target, locator: Locator) -> None:
        self.target = target
        self.locator = locator
        self.problems: list[Problem] = []
        self._read: dict[Path, Package | None] = {}

    def package(
        self, directory: Path, import_path: str, module: GoModule, local: bool
    ) -> Package | None:
        """The package in `directory`, or None if no compiled Go file is there."""
        if directory in self._read:
            return self._read[directory]
        package = self._load(directory, import_path, module, local)
        self._read[directory] = package
        return package

    def _load(
        self, directory: Path, import_path: str, module: GoModule, local: bool
    ) -> Package | None:
        try:
            names = sorted(
                entry.name
                for entry in os.scandir(directory)
                if entry.name.endswith(".go")
                and not entry.name.endswith("_test.go")
                and entry.is_file()
            )
        except OSError:
            return None
        files: list[SourceFile] = []
        for name in names:
            if not file_name_matches(name, self.target):
                continue
            path = directory / name
            try:
                text = _read(path).decode("utf-8", errors="replace")
            except OSError as error:
                self._problem(path, f"cannot read: {error.strerror}")
                continue
            try:
                if not header_matches(text, self.target):
                    continue
            except ConstraintError as error:
                self._problem(path, f"bad //go:build line: {error}")
                continue
            try:
                header = read_header(text)
            except (GoSyntaxError, ScanError) as error:
                self._problem(path, f"not read as Go ({error}); skipped", error.line)
                continue
            files.append(SourceFile.read(path, text, header))
        if not files:
            return None
        package_names = sorted({source.header.package for source in files})
        if len(package_names) > 1:
            listing = ", ".join(
                f"{source.header.package} ({source.name})"
                for source in files
                if source.header.package in package_names
            )
            self._problem(directory, f"files of several packages in one directory: {listing}")
            return None
        return Package(directory, import_path, module, local, package_names[0], files)

    def _problem(self, path: Path, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.locator.origin(path, line), message))


def _read(path: Path) -> bytes:
    """The file's bytes: os.read is twice as fast as Path.read_bytes for small files."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(descriptor, 1 << 16):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def package_dirs(module: GoModule, skip: frozenset[Path]) -> Iterator[Path]:
    """The directories `./...` walks in the module, in sorted order: not vendor/ or testdata/,
    not names starting with "." or "_", not other modules, not go.mod `ignore` paths."""
    ignore_rooted = ["/" + p[2:].strip("/") + "/" for p in module.ignores if p.startswith("./")]
    ignore_anywhere = ["/" + p.strip("/") + "/" for p in module.ignores if not p.startswith("./")]
    root = module.dir

    def walk(directory: Path, relative: str) -> Iterator[Path]:
        yield directory
        try:
            entries = sorted(
                (entry for entry in os.scandir(directory) if entry.is_dir(follow_symlinks=False)),
                key=lambda entry: entry.name,
            )
        except OSError:
            return
        for entry in entries:
            name = entry.name
            if name.startswith((".", "_")) or name in {"testdata", "vendor"}:
                continue
            child = Path(entry.path)
            child_relative = f"{relative}{name}/"
            if child in skip or (child / "go.mod").exists():
                continue
            if any(child_relative.startswith(p) for p in ignore_rooted) or any(
                p in child_relative for p in ignore_anywhere
            ):
                continue
            yield from walk(child, child_relative)

    yield from walk(root, "/")


def import_path_of(module: GoModule, directory: Path) -> str:
    relative = directory.relative_to(module.dir).as_posix()
    return module.path if relative == "." else f"{module.path}/{relative}"


_VERSION_ELEMENT = re.compile(r"v(?:[2-9]|[1-9][0-9]+)")


def binary_name(import_path: str) -> str:
    """go build's default executable name: the last element, or the one before a /vN."""
    elements = import_path.split("/")
    if len(elements) > 1 and _VERSION_ELEMENT.fullmatch(elements[-1]):
        return elements[-2]
    return elements[-1]


def is_standard(import_path: str) -> bool:
    """Whether an import path names the standard library (no dot in its first element)."""
    return "." not in import_path.split("/", 1)[0]


@dataclass(frozen=True)
class SourceRoot:
    """Where the source of a module's packages lives on this disk."""

    module_path: str
    dir: Path
    module: GoModule
    #: The project's own code (its modules, workspace members, local replacements), not a
    #: vendored dependency.
    local: bool = True

    def owns(self, import_path: str) -> bool:
        return import_path == self.module_path or import_path.startswith(self.module_path + "/")

    def dir_of(self, import_path: str) -> Path:
        return self.dir / import_path[len(self.module_path) + 1 :]


class Resolver:
    """Finds the directory of an import path: the modules here first, then vendor/ (which
    holds replaced modules too when the build is vendored), then local replacements."""

    def __init__(
        self, modules: list[SourceRoot], vendor_dir: Path | None, replaced: list[SourceRoot]
    ) -> None:
        # Longest module path first, so nested modules win over their parents.
        self.modules = sorted(modules, key=lambda root: len(root.module_path), reverse=True)
        self.vendor_dir = vendor_dir
        self.replaced = sorted(replaced, key=lambda root: len(root.module_path), reverse=True)
        self._resolved: dict[str, tuple[Path, SourceRoot] | None] = {}

    def resolve(self, import_path: str) -> tuple[Path, SourceRoot] | None:
        if import_path not in self._resolved:
            self._resolved[import_path] = self._resolve(import_path)
        return self._resolved[import_path]

    def _resolve(self, import_path: str) -> tuple[Path, SourceRoot] | None:
        for root in self.modules:
            if root.owns(import_path):
                return root.dir_of(import_path), root
        if self.vendor_dir is not None and self.modules and not is_standard(import_path):
            candidate = self.vendor_dir / import_path
            if candidate.is_dir():
                return candidate, SourceRoot(import_path, candidate, self.modules[0].module, False)
            return None
        for root in self.replaced:
            if root.owns(import_path):
                return root.dir_of(import_path), root
        return None
