"""What detection finds, as frozen records; each finding says where it came from."""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from scaffold_go_docker.detect.errors import NoMainPackageError
from scaffold_go_docker.detect.goversion import GoVersion


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a finding comes from: a path relative to the detected directory, and a line."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Require:
    path: str
    version: str
    indirect: bool
    origin: Origin


@dataclass(frozen=True, slots=True)
class Replace:
    old_path: str
    #: None when every version of old_path is replaced.
    old_version: str | None
    new_path: str
    #: None when the replacement is a directory (a local replace).
    new_version: str | None
    origin: Origin

    @property
    def is_local(self) -> bool:
        return self.new_version is None


@dataclass(frozen=True, slots=True)
class GoModule:
    """A go.mod file: the module path and what decides the Go that builds it."""

    path: str
    dir: Path
    origin: Origin
    #: None when go.mod has no go line (Go then assumes 1.16).
    go: GoVersion | None
    go_origin: Origin | None
    toolchain: GoVersion | None
    toolchain_origin: Origin | None
    requires: tuple[Require, ...]
    replaces: tuple[Replace, ...]
    #: `ignore` directives: directories that ./... patterns skip.
    ignores: tuple[str, ...]

    @property
    def image_go(self) -> GoVersion | None:
        """The higher of the go line and the toolchain line: the Go that builds it."""
        versions = [v for v in (self.go, self.toolchain) if v is not None]
        return max(versions) if versions else None

    @property
    def local_replaces(self) -> tuple[Replace, ...]:
        return tuple(r for r in self.replaces if r.is_local)


@dataclass(frozen=True, slots=True)
class WorkspaceMember:
    #: Its directory relative to the workspace root, "." or "api", "libs/x".
    path: str
    dir: Path
    module_path: str
    #: The use line in go.work.
    origin: Origin

    @property
    def go_mod(self) -> str:
        """Its go.mod relative to the workspace root."""
        return "go.mod" if self.path == "." else f"{self.path}/go.mod"


@dataclass(frozen=True, slots=True)
class Workspace:
    """A go.work file: the build context must be its directory, holding every member."""

    root: Path
    origin: Origin
    go: GoVersion | None
    go_origin: Origin | None
    toolchain: GoVersion | None
    toolchain_origin: Origin | None
    members: tuple[WorkspaceMember, ...]
    replaces: tuple[Replace, ...]


@dataclass(frozen=True, slots=True)
class ImageGo:
    """The Go version of the builder image: the highest that any go or toolchain line needs."""

    version: GoVersion
    #: The line that asks for it; None when no file names a version (the newest known).
    origin: Origin | None


@dataclass(frozen=True, slots=True)
class MainPackage:
    #: Relative to the detected directory: "." or "./cmd/api".
    package: str
    import_path: str
    #: What `go build` names the binary: the last import path element, skipping /vN.
    binary: str
    dir: Path
    module_path: str
    #: The `func main` line.
    origin: Origin


@dataclass(frozen=True, slots=True)
class CgoNeed:
    reason: str
    origin: Origin
    #: False when only go.mod suggests it (a required module that needs cgo, whose use
    #: could not be traced from the sources at hand).
    certain: bool = True


@dataclass(frozen=True, slots=True)
class Embed:
    """A //go:embed pattern of a package the main package builds."""

    package: str
    #: As written, "all:" prefix included.
    pattern: str
    #: The pattern relative to the detected directory, without "all:" ("cmd/web/static").
    path: str
    #: "all:": names starting with "." or "_" inside matched directories are embedded too.
    all: bool
    #: The files it embeds, relative to the detected directory, as Go resolves them.
    files: tuple[str, ...]
    #: Why Go would refuse it (no matching files, invalid pattern, ...), or None.
    problem: str | None
    origin: Origin


class PortSource(StrEnum):
    """Where a port candidate was read, strongest evidence first."""

    ENV_DEFAULT = "default of a PORT-like environment variable"
    FLAG_DEFAULT = "flag default"
    LISTEN_CALL = "listen call"
    ADDR_FIELD = "Addr field"
    PORT_VALUE = "port-named value"
    ADDRESS_LITERAL = "address literal"


@dataclass(frozen=True, slots=True)
class PortCandidate:
    port: int
    #: "" when the literal names only a port ("9090", 9090, ":9090").
    host: str
    protocol: str
    #: The Go literal as written.
    literal: str
    source: PortSource
    #: Import path of the package it was found in.
    package: str
    origin: Origin

    @property
    def loopback(self) -> bool:
        """Bound to the loopback interface: unreachable from outside a container."""
        host = self.host.strip("[]").lower()
        return host == "localhost" or host == "::1" or host.startswith("127.")


@dataclass(frozen=True, slots=True)
class ListenCall:
    """A call that opens a listening socket (ListenAndServe, net.Listen, ...)."""

    call: str
    package: str
    origin: Origin


@dataclass(frozen=True, slots=True)
class VersionVar:
    """A package-level string variable with a version-like name."""

    name: str
    #: What `-ldflags -X` names it: "main.version", "example.com/app/internal/version.Version".
    symbol: str
    #: The string literal it starts with, if any.
    initial: str | None
    #: Whether `-X symbol=value` sets it.
    settable: bool
    #: Why not, when it is not settable.
    reason: str
    origin: Origin


@dataclass(frozen=True, slots=True)
class EmbeddedVersion:
    """A version the project fixes itself, which a build must not overwrite."""

    #: "const" or "embed".
    kind: str
    symbol: str
    #: The constant's value, for a const.
    value: str | None
    #: The embedded file, relative to the detected directory, for //go:embed.
    file: str | None
    origin: Origin


@dataclass(frozen=True, slots=True)
class MainFacts:
    """What one main package's Dockerfile needs, from it and the local packages it imports."""

    main: MainPackage
    cgo: CgoNeed | None
    embeds: tuple[Embed, ...]
    #: Calls that open a listening socket; empty for a CLI tool or a worker.
    listen_calls: tuple[ListenCall, ...]
    #: Every port candidate, best first.
    ports: tuple[PortCandidate, ...]
    #: Variables `-ldflags -X` could set, in the main package (settable or not).
    version_vars: tuple[VersionVar, ...]
    embedded_version: EmbeddedVersion | None
    #: Version-like variables of other local packages the main package imports.
    version_hints: tuple[VersionVar, ...]

    @property
    def listens(self) -> bool:
        return bool(self.listen_calls)

    @property
    def port(self) -> PortCandidate | None:
        """The best guess: the first candidate."""
        return self.ports[0] if self.ports else None

    @property
    def loopback_listens(self) -> tuple[PortCandidate, ...]:
        return tuple(candidate for candidate in self.ports if candidate.loopback)

    @property
    def settable_version_vars(self) -> tuple[VersionVar, ...]:
        return tuple(var for var in self.version_vars if var.settable)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something detection could not read; it carried on without it."""

    origin: Origin
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass(frozen=True, slots=True)
class Detection:
    """Everything `init` learns from an existing Go module."""

    #: The detected directory (absolute): origins and package paths are relative to it.
    directory: Path
    #: The module at the directory; None when the directory is a workspace root without one.
    module: GoModule | None
    #: Every module whose packages were read: the module, or all workspace members.
    modules: tuple[GoModule, ...]
    workspace: Workspace | None
    #: vendor/modules.txt, when the build uses vendored dependencies.
    vendor: Origin | None
    image_go: ImageGo
    main_packages: tuple[MainPackage, ...]
    mains: tuple[MainFacts, ...]
    problems: tuple[Problem, ...]

    @property
    def vendored(self) -> bool:
        return self.vendor is not None

    @property
    def context_root(self) -> Path:
        """The directory a Docker build needs as its context: the workspace root or module."""
        return self.workspace.root if self.workspace is not None else self.directory

    def for_main(self, package: str) -> MainFacts:
        """The facts of one main package, named as in `main_packages` ("." or "./cmd/api")."""
        wanted = _normalise_package(package)
        for facts in self.mains:
            if facts.main.package == wanted:
                return facts
        known = ", ".join(main.package for main in self.main_packages) or "none"
        raise NoMainPackageError(f"no main package {package!r} here; main packages: {known}")


def _normalise_package(package: str) -> str:
    cleaned = package.strip().replace("\\", "/").rstrip("/")
    if cleaned in {"", "."}:
        return "."
    parts = [part for part in cleaned.split("/") if part not in {"", "."}]
    return "./" + "/".join(parts) if parts else "."


@dataclass(frozen=True, slots=True)
class Locator:
    """Names files relative to the detected directory, as origins do."""

    directory: Path

    def relative(self, path: Path) -> str:
        return os.path.relpath(path, self.directory).replace(os.sep, "/")

    def origin(self, path: Path, line: int | None = None) -> Origin:
        return Origin(self.relative(path), line)
