"""detect(): read an existing Go module and say what its Dockerfile needs."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

from scaffold_go_docker.detect import embeds
from scaffold_go_docker.detect.cgo import cgo_need
from scaffold_go_docker.detect.constraints import Target
from scaffold_go_docker.detect.errors import GoModError, NoModuleError
from scaffold_go_docker.detect.gomod import read_go_mod, read_go_work
from scaffold_go_docker.detect.gosource import ValueSpec, embed_directives
from scaffold_go_docker.detect.goversion import GoVersion, newest_known_minor
from scaffold_go_docker.detect.listening import ListenScan, scan_file
from scaffold_go_docker.detect.packages import (
    Package,
    PackageReader,
    Resolver,
    SourceFile,
    SourceRoot,
    binary_name,
    import_path_of,
    is_standard,
    package_dirs,
)
from scaffold_go_docker.detect.records import (
    Detection,
    Embed,
    EmbeddedVersion,
    GoModule,
    ImageGo,
    ListenCall,
    Locator,
    MainFacts,
    MainPackage,
    Origin,
    PortCandidate,
    PortSource,
    Problem,
    VersionVar,
    Workspace,
)
from scaffold_go_docker.detect.scanner import ScanError, Token
from scaffold_go_docker.detect.versionvars import relative_embed_file, version_findings

#: A quick test before a main package's files are tokenized to find `func main`.
_FUNC_MAIN = re.compile(r"\bfunc\s+main\s*\(")
_PORT_SOURCES = list(PortSource)
_WEAK_SOURCES = frozenset({PortSource.PORT_VALUE, PortSource.ADDRESS_LITERAL})


def detect(directory: Path | str) -> Detection:
    """What the Dockerfile of the Go module (or workspace) at `directory` needs.

    Raises a DetectionError (a ScaffoldError) with a one-line message when the directory
    holds no module, a go.mod or go.work cannot be read, or asks for an unreleased Go.
    """
    return _Detector(Path(directory)).run()


class _Detector:
    def __init__(self, directory: Path) -> None:
        try:
            resolved = directory.resolve(strict=True)
        except OSError:
            raise NoModuleError(f"{directory} does not exist") from None
        if not resolved.is_dir():
            raise NoModuleError(f"{directory} is not a directory")
        self.directory = resolved
        self.locator = Locator(resolved)
        self.newest = newest_known_minor()
        self.problems: list[Problem] = []
        # Per package directory: what several main packages that import it share.
        self._embeds_cache: dict[Path, list[Embed]] = {}
        self._listening_cache: dict[Path, ListenScan] = {}
        self._hints_cache: dict[Path, tuple[VersionVar, ...]] = {}

    # -- modules -----------------------------------------------------------------------

    def run(self) -> Detection:
        module, workspace, members = self._module_and_workspace()
        # `own`: the modules the build can use, every member of the workspace or the module.
        # `walked`: those whose main packages count; at a workspace root `go list ./...`
        # lists every member's packages, elsewhere the module's own.
        if workspace is not None:
            own, context_root = members, workspace.root
            in_member = module is not None and workspace.root != self.directory
            walked = (module,) if module is not None and in_member else tuple(members)
        else:
            assert module is not None  # _module_and_workspace refuses a directory without
            own, context_root, walked = [module], module.dir, (module,)
        vendor_file = context_root / "vendor" / "modules.txt"
        vendor = self.locator.origin(vendor_file) if vendor_file.is_file() else None
        replaced = self._replaced_roots(own, workspace)
        image_go = self._image_go([*own, *(root.module for root in replaced)], workspace)
        self.target = Target(go_minor=image_go.version.minor)
        self.reader = PackageReader(self.target, self.locator)
        self.resolver = Resolver(
            [SourceRoot(m.path, m.dir, m) for m in own],
            vendor_file.parent if vendor is not None else None,
            replaced,
        )
        self.requires = [require for m in own for require in m.requires]
        mains = [found for m in walked for found in self._main_packages(m)]
        facts = tuple(self._facts(main, package) for main, package in mains)
        self.problems.extend(self.reader.problems)
        return Detection(
            directory=self.directory,
            module=module,
            modules=walked,
            workspace=workspace,
            vendor=vendor,
            image_go=image_go,
            main_packages=tuple(main for main, _ in mains),
            mains=facts,
            problems=tuple(dict.fromkeys(self.problems)),
        )

    def _module_and_workspace(
        self,
    ) -> tuple[GoModule | None, Workspace | None, list[GoModule]]:
        """The module at the directory (None only at a workspace root without a go.mod of
        its own), its workspace, and the workspace's members; NoModuleError otherwise."""
        go_mod = self.directory / "go.mod"
        module = read_go_mod(go_mod, self.locator, self.newest) if go_mod.is_file() else None
        go_work = _find_go_work(self.directory)
        workspace = read_go_work(go_work, self.locator, self.newest) if go_work else None
        members: list[GoModule] = []
        if workspace is not None:
            described = []
            for member in workspace.members:
                member_go_mod = member.dir / "go.mod"
                if not member_go_mod.is_file():
                    raise GoModError(
                        f"{member.origin}: go.work uses {member.path}, which has no go.mod"
                    )
                if module is not None and member.dir == self.directory:
                    member_module = module
                else:
                    member_module = read_go_mod(member_go_mod, self.locator, self.newest)
                members.append(member_module)
                described.append(dataclasses.replace(member, module_path=member_module.path))
            workspace = dataclasses.replace(workspace, members=tuple(described))
            if module is not None and not any(m.dir == self.directory for m in members):
                self.problems.append(
                    Problem(
                        workspace.origin,
                        "go.work does not use this module, so it is detected as a module "
                        "of its own (add it with: go work use .)",
                    )
                )
                workspace, members = None, []
        if module is None and (workspace is None or workspace.root != self.directory):
            raise NoModuleError(self._no_module_message())
        return module, workspace, members

    def _no_module_message(self) -> str:
        name = str(self.directory)
        for parent in self.directory.parents:
            if (parent / "go.mod").is_file():
                return f"no go.mod in {name}: init needs the module's root directory, {parent}"
        return f"no go.mod in {name}: init needs a Go module (create one with: go mod init PATH)"

    def _replaced_roots(self, own: list[GoModule], workspace: Workspace | None) -> list[SourceRoot]:
        roots: list[SourceRoot] = []
        replaces = [(m.dir, r) for m in own for r in m.local_replaces]
        if workspace is not None:
            replaces += [(workspace.root, r) for r in workspace.replaces if r.is_local]
        for base, replace in replaces:
            target = (base / replace.new_path).resolve()
            target_go_mod = target / "go.mod"
            if not target_go_mod.is_file():
                self.problems.append(
                    Problem(replace.origin, f"replacement {replace.new_path} has no go.mod")
                )
                continue
            try:
                replaced = read_go_mod(target_go_mod, self.locator, self.newest)
            except GoModError as error:
                self.problems.append(Problem(replace.origin, f"replacement not read: {error}"))
                continue
            roots.append(SourceRoot(replace.old_path, target, replaced))
        return roots

    def _image_go(self, own: list[GoModule], workspace: Workspace | None) -> ImageGo:
        asked: list[tuple[GoVersion, Origin]] = []
        if workspace is not None:
            for version, origin in (
                (workspace.go, workspace.go_origin),
                (workspace.toolchain, workspace.toolchain_origin),
            ):
                if version is not None and origin is not None:
                    asked.append((version, origin))
        for module in own:
            if module.go is not None and module.go_origin is not None:
                asked.append((module.go, module.go_origin))
            if module.toolchain is not None and module.toolchain_origin is not None:
                asked.append((module.toolchain, module.toolchain_origin))
        if not asked:
            return ImageGo(self.newest, None)
        best = asked[0]
        for candidate in asked[1:]:
            if candidate[0] > best[0]:
                best = candidate
        return ImageGo(*best)

    # -- main packages -------------------------------------------------------------------

    def _main_packages(self, module: GoModule) -> list[tuple[MainPackage, Package]]:
        found: list[tuple[MainPackage, Package]] = []
        for directory in package_dirs(module, frozenset()):
            package = self.reader.package(
                directory, import_path_of(module, directory), module, local=True
            )
            if package is None or package.name != "main":
                continue
            main = self._func_main(package)
            if main is None:
                self.problems.append(
                    Problem(
                        self.locator.origin(directory),
                        "package main has no func main, so it builds no program",
                    )
                )
                continue
            source, line = main
            relative = self.locator.relative(directory)
            found.append(
                (
                    MainPackage(
                        package="." if relative == "." else f"./{relative}",
                        import_path=package.import_path,
                        binary=binary_name(package.import_path),
                        dir=directory,
                        module_path=module.path,
                        origin=self.locator.origin(source.path, line),
                    ),
                    package,
                )
            )
        return found

    def _func_main(self, package: Package) -> tuple[SourceFile, int] | None:
        for source in package.files:
            if not _FUNC_MAIN.search(source.text):
                continue
            tokens = self._tokens(source)
            if tokens is None:
                continue
            line = source.declarations().main_line
            if line is not None:
                return source, line
        return None

    def _tokens(self, source: SourceFile) -> list[Token] | None:
        try:
            return source.tokens()
        except ScanError as error:
            problem = Problem(
                self.locator.origin(source.path, error.line), f"not read as Go ({error.reason})"
            )
            if problem not in self.problems:
                self.problems.append(problem)
            return None

    # -- per main package ------------------------------------------------------------------

    def _facts(self, main: MainPackage, package: Package) -> MainFacts:
        packages, unresolved = self._graph(package)
        local = [p for p in packages if p.local]
        cgo = cgo_need(packages, unresolved, self.requires, self.locator, self.target)
        calls, ports = self._listening(package, local)
        variables, embedded = self._versions(package)
        return MainFacts(
            main=main,
            cgo=cgo,
            embeds=self._embeds(local),
            listen_calls=tuple(calls),
            ports=tuple(ports),
            version_vars=variables,
            embedded_version=embedded,
            version_hints=self._version_hints(local[1:]),
        )

    def _graph(self, main: Package) -> tuple[list[Package], bool]:
        """The main package and every package of here it builds, breadth first; and
        whether it imports packages whose source is not here."""
        order = [main]
        seen = {main.dir}
        unresolved = False
        for package in order:
            for imported in package.import_sites:
                if imported == "C":
                    continue
                found = self.resolver.resolve(imported)
                if found is None:
                    unresolved = unresolved or not is_standard(imported)
                    continue
                directory, root = found
                if directory in seen:
                    continue
                seen.add(directory)
                dependency = self.reader.package(directory, imported, root.module, root.local)
                if dependency is None:
                    unresolved = unresolved or not root.local
                    continue
                order.append(dependency)
        return order, unresolved

    def _embeds(self, packages: list[Package]) -> tuple[Embed, ...]:
        return tuple(embed for package in packages for embed in self._embeds_of(package))

    def _embeds_of(self, package: Package) -> list[Embed]:
        if package.dir in self._embeds_cache:
            return self._embeds_cache[package.dir]
        found: dict[str, Embed] = {}
        for source in package.files:
            if not source.header.imports_path("embed"):
                continue
            tokens = self._tokens(source)
            if tokens is None:
                continue
            directives, bad = embed_directives(tokens)
            for message in bad:
                self.problems.append(Problem(self.locator.origin(source.path), message))
            for directive in directives:
                for pattern in directive.patterns:
                    if pattern not in found:
                        found[pattern] = self._embed(package, pattern, source, directive.line)
        self._embeds_cache[package.dir] = list(found.values())
        return self._embeds_cache[package.dir]

    def _embed(self, package: Package, pattern: str, source: SourceFile, line: int) -> Embed:
        glob = pattern.removeprefix("all:")
        try:
            files = tuple(self.locator.relative(f) for f in embeds.resolve(package.dir, pattern))
            problem = None
        except embeds.EmbedPatternError as error:
            files, problem = (), str(error)
        return Embed(
            package=package.import_path,
            pattern=pattern,
            path=self.locator.relative(package.dir / glob),
            all=pattern.startswith("all:"),
            files=files,
            problem=problem,
            origin=self.locator.origin(source.path, line),
        )

    def _listening(
        self, main: Package, packages: list[Package]
    ) -> tuple[list[ListenCall], list[PortCandidate]]:
        calls: list[ListenCall] = []
        candidates: list[PortCandidate] = []
        for package in packages:
            scan = self._listening_of(package)
            calls.extend(scan.calls)
            candidates.extend(scan.candidates)

        def rank(candidate: PortCandidate) -> tuple[bool, int, bool, str, int]:
            return (
                candidate.loopback,
                _PORT_SOURCES.index(candidate.source),
                candidate.package != main.import_path,
                candidate.origin.path,
                candidate.origin.line or 0,
            )

        return calls, sorted(candidates, key=rank)

    def _listening_of(self, package: Package) -> ListenScan:
        """A package's listen calls and port candidates. Files that may hold a listen call
        or address first; then, in a main package or one that listens, every other file
        too, for its port-named values."""
        if package.dir in self._listening_cache:
            return self._listening_cache[package.dir]
        found = ListenScan([], [])
        main = package.name == "main"
        first = [source for source in package.files if main or source.may_listen]
        rest = [s for s in package.files if not (main or s.may_listen) and s.may_name_port]
        for sources in (first, rest):
            for source in sources:
                tokens = self._tokens(source)
                if tokens is None:
                    continue
                origin_of = self._origin_of(source)
                scan = scan_file(tokens, source.header, package.import_path, origin_of)
                found.calls.extend(scan.calls)
                found.candidates.extend(scan.candidates)
            if package.name != "main" and not found.calls:
                # A library that listens on nothing: its port-named values and bare ":N"
                # literals are more likely a client's defaults (ftp's 21) than the program's.
                found.candidates[:] = [c for c in found.candidates if c.source not in _WEAK_SOURCES]
                break
        self._listening_cache[package.dir] = found
        return found

    def _versions(self, main: Package) -> tuple[tuple[VersionVar, ...], EmbeddedVersion | None]:
        specs: list[tuple[ValueSpec, Callable[[int], Origin]]] = []
        for source in main.files:
            if self._tokens(source) is None:
                continue
            origin_of = self._origin_of(source)
            specs.extend((spec, origin_of) for spec in source.declarations().values)
        findings = version_findings(
            specs, "main", relative_embed_file(main.dir, self.locator.relative)
        )
        return findings.variables, findings.embedded

    def _version_hints(self, packages: list[Package]) -> tuple[VersionVar, ...]:
        return tuple(
            hint
            for package in packages
            if package.name != "main"
            for hint in self._version_hints_of(package)
        )

    def _version_hints_of(self, package: Package) -> tuple[VersionVar, ...]:
        if package.dir in self._hints_cache:
            return self._hints_cache[package.dir]
        specs: list[tuple[ValueSpec, Callable[[int], Origin]]] = []
        for source in package.files:
            if not source.may_declare_version or self._tokens(source) is None:
                continue
            origin_of = self._origin_of(source)
            specs.extend((spec, origin_of) for spec in source.declarations().values)
        findings = version_findings(
            specs, package.import_path, relative_embed_file(package.dir, self.locator.relative)
        )
        self._hints_cache[package.dir] = findings.variables
        return findings.variables

    def _origin_of(self, source: SourceFile) -> Callable[[int], Origin]:
        relative = self.locator.relative(source.path)
        return lambda line: Origin(relative, line)


def _find_go_work(directory: Path) -> Path | None:
    """go.work in the directory or the nearest parent that has one, as the go command finds it."""
    for candidate in (directory, *directory.parents):
        go_work = candidate / "go.work"
        if go_work.is_file():
            return go_work
    return None
