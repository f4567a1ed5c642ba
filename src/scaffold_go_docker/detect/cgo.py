"""Does a main package need cgo? Strongest evidence first:

1. a package of the project it builds has a compiled file that imports "C";
2. a package it builds imports a module known to need cgo (facts/go.py);
3. a vendored dependency it builds imports "C";
4. go.mod requires a module known to need cgo, and the program imports packages whose
   source is not here, so that use cannot be ruled out (reported as not certain).
"""

from __future__ import annotations

from collections.abc import Iterable

from scaffold_go_docker.detect.constraints import (
    ConstraintError,
    Target,
    file_name_matches,
    header_matches,
)
from scaffold_go_docker.detect.packages import Package
from scaffold_go_docker.detect.records import CgoNeed, Locator, Require
from scaffold_go_docker.facts.go import cgo_module_of, cgo_reason


def cgo_need(
    packages: list[Package],
    unresolved_imports: bool,
    requires: Iterable[Require],
    locator: Locator,
    target: Target,
) -> CgoNeed | None:
    """The strongest reason the packages (the main package and what it builds) need cgo."""
    for package in packages:
        if package.local and (need := _imports_c(package, locator, target)) is not None:
            return need
    for package in packages:
        for imported, (source, line) in package.import_sites.items():
            module = cgo_module_of(imported)
            if module is not None:
                return CgoNeed(
                    f"{package.import_path} imports {imported}, which needs cgo "
                    f"({cgo_reason(module)})",
                    locator.origin(source.path, line),
                )
    for package in packages:
        if not package.local and (need := _imports_c(package, locator, target)) is not None:
            return need
    if unresolved_imports:
        for require in requires:
            module = cgo_module_of(require.path)
            if module is not None:
                return CgoNeed(
                    f"go.mod requires {require.path}, which needs cgo ({cgo_reason(module)}), "
                    "and a dependency whose source is not here may use it",
                    require.origin,
                    certain=False,
                )
    return None


def _imports_c(package: Package, locator: Locator, target: Target) -> CgoNeed | None:
    site = package.import_sites.get("C")
    if site is None:
        return None
    source, line = site
    reason = f'{package.import_path} imports "C" (cgo)'
    if _has_fallback(package, target):
        reason += "; it also has files for builds without cgo, so CGO_ENABLED=0 may work"
    return CgoNeed(reason, locator.origin(source.path, line))


def _has_fallback(package: Package, target: Target) -> bool:
    """Whether some file of the package is compiled only when cgo is off."""
    without_cgo = Target(target.goos, target.goarch, False, target.go_minor, target.tags)
    compiled = {source.path for source in package.files}
    for path in sorted(package.dir.glob("*.go")):
        if path in compiled or path.name.endswith("_test.go"):
            continue
        if not file_name_matches(path.name, without_cgo):
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
            if header_matches(text, without_cgo):
                return True
        except (OSError, ConstraintError):
            continue
    return False
