"""From what detection found to option values: `init`'s choices, each with its origin.

Detected values sit below everything a person says and above defaults:

    flag > environment > config file > detected > prompt > followers > preset > default

A detected value never replaces one a flag, variable or config file gave; the interview
asks only what detection could not decide (which of several main packages, the port of a
program that listens where no port was found), so a prompt never competes with a detected
value either. Every detected value keeps where it was read ("go.mod:3"), for the summary and
for messages that name it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from scaffold_go_docker.detect.errors import NoMainPackageError
from scaffold_go_docker.detect.records import Detection, MainFacts, Origin
from scaffold_go_docker.errors import ScaffoldError
from scaffold_go_docker.i18n import N_, gettext_for
from scaffold_go_docker.inputs.interview import Asker, Choice, language
from scaffold_go_docker.inputs.sources import Choices
from scaffold_go_docker.options import defaults
from scaffold_go_docker.options.enums import Source

#: The menu at a terminal when the module has several main packages.
MAIN_QUESTION = N_("Main package to build (several were found)")
ALL_MAINS = N_("all of them: one runtime target each, the last the default")
PORT_QUESTION = N_("Port the program listens on (none was found in the code)")

_VERSION_WORDS = ("version", "ver")
_COMMIT_WORDS = ("commit", "revision", "sha", "hash", "rev")


class _Record(Protocol):
    def __call__(
        self, name: str, value: Any, origin: Origin | str | None, reason: str = ""
    ) -> None: ...


class SeveralMainsError(ScaffoldError):
    """Several main packages, no terminal to choose one at, and no --main."""


@dataclass(frozen=True, slots=True)
class Found:
    """One value `init` set from the module, or a default it took for want of one."""

    field: str
    value: Any
    #: Where it was read ("go.mod:3"); None for a default taken because nothing was found.
    origin: str | None
    #: Why, in a few words ("the higher of go and toolchain", "no port found").
    reason: str = ""

    @property
    def default(self) -> bool:
        return self.origin is None


@dataclass(slots=True)
class Adoption:
    """What detection set in the choices: the chosen main packages, each value found and
    its origin, and warnings for the summary."""

    detection: Detection
    mains: tuple[MainFacts, ...]
    found: list[Found] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def adopt(
    detection: Detection, choices: Choices, asker: Asker | None = None, *, fill: bool = True
) -> Adoption:
    """Set in `choices` what the module tells and nothing stronger gave (Source.DETECTED).

    With an `asker`, what detection cannot decide is asked; without one, several main
    packages and no --main is an error (SeveralMainsError) and a listening program with no
    port found takes the default port, recorded as a default. Without `fill` (the choices
    come from a recorded answers file, complete by itself) the findings are only listed.
    """
    mains, why_this_main = _chosen_mains(detection, choices, asker)
    adoption = Adoption(detection, mains)

    def found(name: str, value: Any, origin: Origin | str | None, reason: str = "") -> None:
        if value is None:
            return
        where = None if origin is None else str(origin)
        adoption.found.append(Found(name, value, where, reason))
        if where is not None and fill:
            choices.detect(name, value, where)

    module = detection.module
    first = mains[0].main
    go_mod = module.origin if module is not None else None
    found("source_module", True, go_mod or first.origin, "an existing Go module")
    found("module_path", first.module_path, go_mod or first.origin)
    found("app_name", _app_name(detection, mains), first.origin if len(mains) == 1 else go_mod)
    image_go = detection.image_go
    found(
        "go_version",
        _go_version_text(str(image_go.version)),
        image_go.origin or "newest Go this tool knows",
        "the highest go or toolchain line" if image_go.origin else "no go line",
    )
    packages = tuple(m.main.package for m in mains)
    if detection.workspace is not None:
        workspace = detection.workspace
        module_dir, packages = _in_workspace(detection, mains)
        found("module_dir", module_dir, workspace.origin, "the build context is the workspace")
        found(
            "workspace_modules",
            tuple(member.path for member in workspace.members),
            workspace.origin,
        )
        if choices.origins.get("main_packages") not in (None, Source.DETECTED):
            # Given relative to DIR; the build names them relative to their module.
            choices.set("main_packages", packages, choices.origins["main_packages"])
    found("main_packages", packages, first.origin, why_this_main)
    if detection.vendor is not None:
        found("vendor", True, detection.vendor, "build with -mod=vendor")
    _cgo(adoption, choices, found)
    _embeds(adoption, found)
    _listening(adoption, choices, asker, found)
    _versions(adoption, found)
    return adoption


def _chosen_mains(
    detection: Detection, choices: Choices, asker: Asker | None
) -> tuple[tuple[MainFacts, ...], str]:
    """The main packages to build, and why those when detection chose among several."""
    given = choices.values.get("main_packages")
    if given:
        packages = [given] if isinstance(given, str) else list(given)
        return tuple(detection.for_main(package) for package in packages), ""
    mains = detection.mains
    if not mains:
        raise NoMainPackageError(
            f"no main package in {detection.directory}: init needs a directory with "
            "package main and func main (e.g. cmd/NAME/main.go)"
        )
    if len(mains) == 1:
        return mains, ""
    services = [facts for facts in mains if looks_like_the_service(facts.main.package)]
    others = [facts.main.package for facts in mains if facts not in services]
    if asker is None and len(services) == 1:
        return (services[0],), (
            f"the one main package outside examples, tests and tools ({', '.join(others)}); "
            "--main chooses another"
        )
    # The likely services first; the first of them is the default.
    mains = (*services, *(facts for facts in mains if facts not in services))
    listed = ", ".join(facts.main.package for facts in mains)
    if asker is None:
        raise SeveralMainsError(
            f"{len(mains)} main packages here ({listed}): choose with --main "
            f"{mains[0].main.package} (repeat --main for several binaries)"
        )
    _ = gettext_for(language(choices))
    menu = [
        Choice(facts.main.package, f"{facts.main.package}  ({facts.main.origin})")
        for facts in mains
    ]
    menu.append(Choice("*", _(ALL_MAINS)))
    answer = asker.select(_(MAIN_QUESTION), menu, mains[0].main.package)
    chosen = mains if answer == "*" else (detection.for_main(answer),)
    choices.set("main_packages", tuple(facts.main.package for facts in chosen), Source.PROMPT)
    return chosen, ""


#: Directories whose main packages are examples, tests or tools rather than the service.
_NOT_THE_SERVICE = frozenset(
    "example examples _examples demo demos sample samples test tests testing e2e integration "  # noqa: SIM905
    "tools tool hack scripts script bench benchmark benchmarks mock mocks".split()
)
_NOT_THE_SERVICE_SUFFIX = re.compile(r"[-_.](?:test|tests|example|examples|bench|tool|tools)$")


def looks_like_the_service(package: str) -> bool:
    """Whether a main package (`./cmd/api`) may be the service, not an example, test or tool:
    no directory named like one (`./tools/gen`, `./examples/echo`), no such suffix
    (`./cmd/app-test`)."""
    parts = package.removeprefix("./").split("/")
    if any(part.lower() in _NOT_THE_SERVICE for part in parts):
        return False
    return not _NOT_THE_SERVICE_SUFFIX.search(parts[-1].lower())


def _app_name(detection: Detection, mains: Sequence[MainFacts]) -> str:
    """The binary's name for one main package; the module's last element for several."""
    if len(mains) == 1:
        return mains[0].main.binary
    from scaffold_go_docker.detect.packages import binary_name

    module_path = detection.module.path if detection.module else mains[0].main.module_path
    return binary_name(module_path)


def _go_version_text(text: str) -> str:
    """The version as the golang image tags it: a pre-release builds on its minor's tag."""
    head = text.split("rc")[0].split("beta")[0].split("alpha")[0]
    return head


def _in_workspace(detection: Detection, mains: Sequence[MainFacts]) -> tuple[str, tuple[str, ...]]:
    """In a workspace the context is its root: the module's directory within it, and the
    main packages relative to that module (as the build names them)."""
    assert detection.workspace is not None
    module_dirs = {
        module.dir
        for facts in mains
        for module in detection.modules
        if module.path == facts.main.module_path
    }
    if len(module_dirs) != 1:
        raise ScaffoldError(
            "the main packages chosen belong to different modules of the workspace: "
            "run init once per module (--main names one module's packages)"
        )
    (module_dir,) = module_dirs
    packages = tuple(_package(_relative(facts.main.dir, module_dir)) for facts in mains)
    return _relative(module_dir, detection.workspace.root), packages


def _relative(path: Path, root: Path) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")


def _package(relative: str) -> str:
    return "." if relative == "." else f"./{relative}"


def _cgo(adoption: Adoption, choices: Choices, found: _Record) -> None:
    needs = [facts.cgo for facts in adoption.mains if facts.cgo is not None]
    if not needs:
        return
    need = needs[0]
    found("cgo", True, need.origin, need.reason)
    if "base" in choices or choices.values.get("cgo") is False:
        return
    # A cgo binary needs the C library it linked: musl on alpine unless a Debian
    # (glibc) builder was asked for, then a glibc runtime.
    glibc = choices.values.get("builder") == "debian"
    found(
        "base",
        "distroless-base" if glibc else "alpine",
        need.origin,
        "cgo links the C library: glibc" if glibc else "cgo links the C library: musl",
    )
    if not glibc:
        found("builder", "alpine", need.origin, "cgo with musl builds on alpine")


def _embeds(adoption: Adoption, found: _Record) -> None:
    paths: dict[str, Origin] = {}
    for facts in adoption.mains:
        for embed in facts.embeds:
            paths.setdefault(embed.path, embed.origin)
    if paths:
        first = next(iter(paths.values()))
        found("dockerignore_keep", tuple(paths), first, "//go:embed")


def _listening(adoption: Adoption, choices: Choices, asker: Asker | None, found: _Record) -> None:
    listening = [facts for facts in adoption.mains if facts.listens]
    if not listening:
        found("listens", False, adoption.mains[0].main.origin, "no listen call")
        return
    facts = listening[0]
    found("listens", True, facts.listen_calls[0].origin, facts.listen_calls[0].call)
    for candidate in facts.loopback_listens:
        adoption.warnings.append(
            f"{candidate.origin}: {facts.main.package} listens on {candidate.literal} by "
            "default, which is unreachable from outside the container; make it listen on "
            "all interfaces with --cmd (its address flag, e.g. --cmd '-addr=:"
            f"{candidate.port}') or --env (its address variable, e.g. --env ADDR=:"
            f"{candidate.port})"
        )
    port = next((c for c in facts.ports if not c.loopback), facts.port)
    if port is not None:
        found("port", port.port, port.origin, str(port.source))
        return
    if "port" in choices:
        return
    if asker is not None:
        from scaffold_go_docker.inputs.interview import _validator

        _ = gettext_for(language(choices))
        text = asker.text(_(PORT_QUESTION), str(defaults.DEFAULT_PORT), _validator("port"))
        choices.set("port", int(text.strip()), Source.PROMPT)
        return
    found("port", defaults.DEFAULT_PORT, None, "no port found in the code")


def _versions(adoption: Adoption, found: _Record) -> None:
    facts = adoption.mains[-1]
    if facts.embedded_version is not None:
        embedded = facts.embedded_version
        adoption.warnings.append(
            f"{embedded.origin}: {facts.main.package} fixes its version itself "
            f"({embedded.kind} {embedded.symbol}): the build does not stamp it"
        )
        return
    for name, words in (("version_var", _VERSION_WORDS), ("commit_var", _COMMIT_WORDS)):
        for var in facts.settable_version_vars:
            if any(word in var.name.lower() for word in words) and not (
                name == "version_var" and any(w in var.name.lower() for w in _COMMIT_WORDS)
            ):
                found(name, var.symbol, var.origin, "a string variable -X can set")
                break
