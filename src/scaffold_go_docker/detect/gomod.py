"""Reading go.mod and go.work: what each directive means, checked as the go command does."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import NamedTuple

from scaffold_go_docker.detect.errors import GoModError, UnbuildableGoError
from scaffold_go_docker.detect.goversion import GoVersion, is_released
from scaffold_go_docker.detect.modfile import (
    ModFileSyntaxError,
    Statement,
    is_directory_path,
    parse_statements,
    unquote,
)
from scaffold_go_docker.detect.records import (
    GoModule,
    Locator,
    Origin,
    Replace,
    Require,
    Workspace,
    WorkspaceMember,
)

#: modfile.ToolchainRE: "default", or a name starting with go1.
_TOOLCHAIN = re.compile(r"default|go1(?:\..*)?")
#: What a `go` line that asks for a newer Go than any release says, and what to do.
_UPGRADE = "upgrade scaffold-go-docker, or lower the line if that Go is not out yet"

#: Makes the one-line error of a directive, naming its file and line.
_FailFn = Callable[[str], GoModError]


class _Versions(NamedTuple):
    go: GoVersion | None
    go_origin: Origin | None
    toolchain: GoVersion | None
    toolchain_origin: Origin | None


def read_text(path: Path, locator: Locator) -> str:
    """The file's text, or a GoModError naming it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GoModError(f"cannot read {locator.relative(path)}: {error.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise GoModError(f"{locator.relative(path)} is not UTF-8 text") from None


def _statements(path: Path, text: str, locator: Locator) -> list[Statement]:
    try:
        return parse_statements(text)
    except ModFileSyntaxError as error:
        raise GoModError(f"{locator.origin(path, error.line)}: {error.message}") from None


def _directives(path: Path, locator: Locator) -> Iterator[tuple[Statement, Origin, _FailFn]]:
    """Each statement of the file, where it is, and the error naming that place."""
    for statement in _statements(path, read_text(path, locator), locator):
        origin = locator.origin(path, statement.line)
        yield statement, origin, partial(_fail_at, origin)


def _fail_at(origin: Origin, message: str) -> GoModError:
    return GoModError(f"{origin}: {message}")


def read_go_mod(path: Path, locator: Locator, newest: GoVersion) -> GoModule:
    """The module that go.mod at `path` declares; GoModError/UnbuildableGoError if unusable."""
    module_path: str | None = None
    module_origin: Origin | None = None
    requires: list[Require] = []
    replaces: list[Replace] = []
    ignores: list[str] = []
    versions = _Versions(None, None, None, None)
    for statement, origin, fail in _directives(path, locator):
        verb, args = statement.verb, statement.args
        if verb == "module":
            if module_path is not None:
                raise fail("repeated module statement")
            if len(args) != 1:
                raise fail("usage: module module/path")
            module_path = _string(args[0], fail)
            module_origin = origin
        elif verb in {"go", "toolchain"}:
            versions = _version_line(verb, args, origin, versions, newest, fail)
        elif verb in {"require", "exclude"}:
            if len(args) != 2:
                raise fail(f"usage: {verb} module/path v1.2.3")
            required, version = _string(args[0], fail), _string(args[1], fail)
            _check_version(required, version, fail)
            if verb == "require":
                indirect = statement.comment.split(";")[0].strip() == "indirect"
                requires.append(Require(required, version, indirect, origin))
        elif verb == "replace":
            replaces.append(_replace(args, origin, fail))
        elif verb == "ignore":
            if len(args) != 1:
                raise fail("ignore directive expects exactly one argument")
            ignores.append(_string(args[0], fail))
        elif verb == "tool":
            if len(args) != 1:
                raise fail("tool directive expects exactly one argument")
        elif verb in {"godebug", "retract"}:
            pass
        else:
            raise fail(f"unknown directive: {verb}")
    if module_path is None or module_origin is None:
        raise GoModError(
            f"{locator.relative(path)} has no module line (add one: go mod edit -module=PATH)"
        )
    return GoModule(
        path=module_path,
        dir=path.parent,
        origin=module_origin,
        go=versions.go,
        go_origin=versions.go_origin,
        toolchain=versions.toolchain,
        toolchain_origin=versions.toolchain_origin,
        requires=tuple(requires),
        replaces=tuple(replaces),
        ignores=tuple(ignores),
    )


def read_go_work(path: Path, locator: Locator, newest: GoVersion) -> Workspace:
    """The workspace go.work at `path` declares; members' go.mod files are read later."""
    uses: list[tuple[str, Origin]] = []
    replaces: list[Replace] = []
    versions = _Versions(None, None, None, None)
    for statement, origin, fail in _directives(path, locator):
        verb, args = statement.verb, statement.args
        if verb in {"go", "toolchain"}:
            versions = _version_line(verb, args, origin, versions, newest, fail)
        elif verb == "use":
            if len(args) != 1:
                raise fail("usage: use local/dir")
            uses.append((_string(args[0], fail), origin))
        elif verb == "replace":
            replaces.append(_replace(args, origin, fail))
        elif verb == "godebug":
            pass
        else:
            raise fail(f"unknown directive: {verb}")
    root = path.parent
    members: list[WorkspaceMember] = []
    seen: set[Path] = set()
    for use, origin in uses:
        member_dir = (root / use).resolve()
        if member_dir in seen:
            raise GoModError(f"{origin}: path {use} appears multiple times in workspace")
        seen.add(member_dir)
        relative = Locator(root).relative(member_dir)
        members.append(WorkspaceMember(relative, member_dir, "", origin))
    return Workspace(
        root=root,
        origin=locator.origin(path),
        go=versions.go,
        go_origin=versions.go_origin,
        toolchain=versions.toolchain,
        toolchain_origin=versions.toolchain_origin,
        members=tuple(members),
        replaces=tuple(replaces),
    )


def _string(arg: str, fail: _FailFn) -> str:
    value = unquote(arg)
    if value is None:
        raise fail(f"invalid quoted string: {arg}")
    return value


def _version_line(
    verb: str,
    args: tuple[str, ...],
    origin: Origin,
    versions: _Versions,
    newest: GoVersion,
    fail: _FailFn,
) -> _Versions:
    if verb == "go":
        if versions.go is not None:
            raise fail("repeated go statement")
        if len(args) != 1:
            raise fail("go directive expects exactly one argument")
        version = GoVersion.parse(args[0])
        if version is None:
            raise fail(f"invalid go version '{args[0]}': must match format 1.23.0")
        refuse_unreleased(f"go {version}", version, origin, newest)
        return versions._replace(go=version, go_origin=origin)
    if versions.toolchain_origin is not None:
        raise fail("repeated toolchain statement")
    if len(args) != 1:
        raise fail("toolchain directive expects exactly one argument")
    if not _TOOLCHAIN.fullmatch(args[0]):
        raise fail(f"invalid toolchain version '{args[0]}': must match format go1.23.0 or default")
    if args[0] == "default":
        return versions._replace(toolchain_origin=origin)
    toolchain = GoVersion.from_toolchain(args[0])
    if toolchain is None:
        raise fail(f"invalid toolchain version '{args[0]}': must match format go1.23.0")
    refuse_unreleased(f"toolchain {args[0]}", toolchain, origin, newest)
    return versions._replace(toolchain=toolchain, toolchain_origin=origin)


def refuse_unreleased(line: str, version: GoVersion, origin: Origin, newest: GoVersion) -> None:
    """UnbuildableGoError when no released Go is `version`."""
    if not is_released(version, newest):
        raise UnbuildableGoError(
            f"{origin}: {line} is newer than Go {newest.lang}, the newest release "
            f"scaffold-go-docker knows: no golang image builds it ({_UPGRADE})"
        )


def _replace(args: tuple[str, ...], origin: Origin, fail: _FailFn) -> Replace:
    arrow = 1 if len(args) >= 2 and args[1] == "=>" else 2
    if len(args) < arrow + 2 or len(args) > arrow + 3 or args[arrow] != "=>":
        raise fail(
            "usage: replace module/path [v1.2.3] => other/module v1.4 "
            "or replace module/path [v1.2.3] => ../local/directory"
        )
    old_path = _string(args[0], fail)
    old_version = _string(args[1], fail) if arrow == 2 else None
    _check_version(old_path, old_version or "", fail)
    new_path = _string(args[arrow + 1], fail)
    new_version = _string(args[arrow + 2], fail) if len(args) == arrow + 3 else None
    if new_version is not None and is_directory_path(new_path):
        raise fail(f"replacement module directory path {new_path!r} cannot have version")
    if new_version is None and not is_directory_path(new_path):
        raise fail(
            "replacement module without version must be directory path "
            "(rooted or starting with . or ..)"
        )
    return Replace(old_path, old_version, new_path, new_version, origin)


_SEMVER = re.compile(
    r"v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
    r"(-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?"
)


def _path_major(path: str) -> str | None:
    """module.SplitPathVersion: the major-version suffix ("/v2", ".v3", "" for none), or
    None when the path's suffix is invalid ("/v0", "/v1", "/v1.2", a gopkg.in path without
    .vN)."""
    if path.startswith("gopkg.in/"):
        gopkg = re.search(r"\.v([0-9]+)(?:-unstable)?$", path)
        if gopkg is None or (gopkg.group(1).startswith("0") and gopkg.group(1) != "0"):
            return None
        return gopkg.group(0)
    suffix = re.search(r"/v([0-9.]+)$", path)
    if suffix is None:
        return ""
    digits = suffix.group(1)
    if "." in digits or digits.startswith("0") or digits == "1":
        return None
    return suffix.group(0)


def _check_version(path: str, version: str, fail: _FailFn) -> None:
    """The path is a valid module path and a semantic version's major version agrees with
    it (module.CheckPathMajor). Other version forms ("v1.2", a branch) are left to the go
    command, which rewrites them."""
    major = _path_major(path)
    if major is None:
        raise fail(f"{path}: invalid module path")
    match = _SEMVER.fullmatch(version)
    if match is None:
        return
    version_major = f"v{match.group(1)}"
    wanted = major.removesuffix("-unstable")[1:] if major else ""
    if version.startswith("v0.0.0-") and wanted == "v1" and major.startswith("."):
        return  # pseudo-versions of gopkg.in .v1 paths, an old bug Go allows
    if not wanted:
        if version_major in {"v0", "v1"} or match.group(5) == "+incompatible":
            return
        wanted = "v0 or v1"
    elif version_major == wanted:
        return
    raise fail(f"{path}: version {version!r} invalid: should be {wanted}, not {version_major}")
