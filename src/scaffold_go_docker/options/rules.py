"""The rules that refuse option combinations which cannot work, as one table.

Each rule names the fields it involves, the check, why the combination fails, what to do
instead, and an example the reference and the tests resolve. A problem carries its rule,
so the interview knows which answers to ask again and a message can name each option in
the words of the source that set it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from scaffold_go_docker.errors import InvalidOptionsError
from scaffold_go_docker.facts import go
from scaffold_go_docker.options import platforms
from scaffold_go_docker.options.defaults import DEFAULT_UID, DISTROLESS_UID, PROBE_PATH
from scaffold_go_docker.options.enums import (
    Base,
    Builder,
    CgoLink,
    PrivateAuth,
    TzdataSource,
    Variant,
)
from scaffold_go_docker.options.formats import stamped_names
from scaffold_go_docker.options.naming import Wording
from scaffold_go_docker.options.presets import (
    BAD_FIXES,
    DISTROLESS_BASES,
    DISTROLESS_PROVIDES,
    GLIBC_BASES,
    PRESETS,
    WITHOUT_LIBC,
)

if TYPE_CHECKING:
    from scaffold_go_docker.options.model import Options


PROBE_NAME = PROBE_PATH.rsplit("/", 1)[-1]


class Rule(NamedTuple):
    """One combination that cannot work."""

    id: str
    #: Every field the check reads.
    fields: tuple[str, ...]
    broken: Callable[[Options], bool]
    reason: Callable[[Options], str]
    fix: Callable[[Options, Wording], str]
    #: Choices (beside an app name) that break this rule; the reference shows its message.
    example: Mapping[str, Any]
    #: The options at fault, which a message names (default: `fields`); the others are
    #: only preconditions (a tzdata source matters only when tzdata is wanted).
    subject: tuple[str, ...] = ()

    def subject_fields(self) -> tuple[str, ...]:
        return self.subject or self.fields


class Problem(NamedTuple):
    """A rule the options break."""

    rule: Rule
    options: Options

    @property
    def fields(self) -> tuple[str, ...]:
        """The options at fault: changing one of them can resolve the problem."""
        return self.rule.subject_fields()

    def explain(self, wording: Wording) -> str:
        """One line: the options at fault, why they cannot combine, what to do instead."""
        subject = wording.subject(self.rule.subject_fields())
        return (
            f"{subject}: {self.rule.reason(self.options)}; {self.rule.fix(self.options, wording)}"
        )


class CombinationError(InvalidOptionsError):
    """The options are each valid but cannot work together.

    Not a ValueError, so it passes through pydantic's validation unwrapped.
    """

    def __init__(self, problems: Sequence[Problem], wording: Wording, context: str = "") -> None:
        self.problems = list(problems)
        self.wording = wording
        self.context = context  # e.g. "variant pro", when several variants are resolved
        super().__init__(self.explain())

    def explain(self, wording: Wording | None = None) -> str:
        """The first problem, preferring one among options that were all given."""
        explained = self.problems[0].explain(wording or self.wording)
        return f"{self.context}: {explained}" if self.context else explained


#: A value for each field the bad variant fixes that differs from its preset.
_NOT_BAD = {
    "base": Base.ALPINE,
    "ldflags": "-X main.version=1.0",
    "tags": "netgo",
    "syntax_image": "registry.internal/docker/dockerfile:1",
    "platforms": "linux/amd64",
    "tzdata_source": TzdataSource.EMBED,
    "source_url": "https://git.example.com/demo",
    "goprivate": "github.com/acme/*",
    "timezone": "Asia/Shanghai",
    "goproxy": "https://goproxy.cn,direct",
    "gosumdb": "sum.golang.google.cn",
    "apk_mirror": "mirrors.aliyun.com",
    "private_auth": PrivateAuth.NETRC,
    "runtime_image": "alpine:3.24",
    "cgo_link": CgoLink.STATIC,
    "vendor": True,
    "module_dir": "api",
    "workspace_modules": ["api"],
    "healthcheck_path": "/healthz",
    "cmd": "serve",
    "env": ["MODE=production"],
    "version_var": "main.version",
    "commit_var": "main.commit",
    "writable_dirs": ["/var/lib/app"],
}


def _bad_rule(field: str) -> Rule:
    preset = PRESETS[Variant.BAD]
    example = _NOT_BAD.get(field, not preset.get(field))
    return Rule(
        f"bad-fixes-{field.replace('_', '-')}",
        ("variant", field),
        lambda o: o.variant is Variant.BAD and getattr(o, field) != _bad_value(field),
        lambda o: (
            "the bad variant reproduces the tutorial's single-stage anti-pattern as is, "
            "so it takes nothing that would fix part of it"
        ),
        lambda o, w: f"choose {w.hint('variant', Variant.BETTER)}, pro or enterprise",
        {"variant": "bad", field: example},
        subject=(field, "variant"),
    )


def _bad_value(field: str) -> Any:
    from scaffold_go_docker.options.model import field_defaults

    return PRESETS[Variant.BAD].get(field, field_defaults().get(field))


def _distroless_rule(field: str) -> Rule:
    if field == "non_root":
        reason = f"its :nonroot flavour is used, which runs as UID {DISTROLESS_UID}"

        def fix(o: Options, w: Wording) -> str:
            return f"choose {w.hint('base', Base.ALPINE)} or scratch to run as root"
    else:
        reason = "distroless static always contains CA certificates and time-zone data"
        fix = lambda o, w: f"choose {w.hint('base', Base.SCRATCH)} for an image without them"  # noqa: E731
    return Rule(
        f"distroless-has-{field.replace('_', '-')}",
        (field, "base"),
        lambda o: o.base in DISTROLESS_BASES and not getattr(o, field),
        lambda o: reason,
        fix,
        {"base": "distroless", field: False},
    )


def _sample_app_rule(field: str, example: Any) -> Rule:
    return Rule(
        f"{field.replace('_', '-')}-needs-a-source-module",
        (field, "source_module"),
        lambda o: getattr(o, field) != _default(field) and not o.source_module,
        lambda o: "the sample app is one package at the module root, without dependencies",
        lambda o, w: f"use {w.hint('source_module', True)} (an existing module: init) or drop it",
        {field: example},
        subject=(field,),
    )


RULES: tuple[Rule, ...] = (
    *(_bad_rule(field) for field in BAD_FIXES),
    Rule(
        "golang-base-is-bad",
        ("base", "variant"),
        lambda o: o.base is Base.GOLANG and o.variant is not Variant.BAD,
        lambda o: "the golang base ships the compiler in the image; only the bad variant uses it",
        lambda o, w: f"choose {w.hint('base', Base.ALPINE)}, scratch or distroless",
        {"variant": "pro", "base": "golang"},
    ),
    Rule(
        "cgo-needs-libc",
        ("cgo", "base"),
        lambda o: _dynamic_cgo(o) and o.base in WITHOUT_LIBC,
        lambda o: (
            "a dynamically linked cgo binary needs a C library and dynamic loader that the base "
            "does not have"
        ),
        lambda o, w: (
            f"use {w.hint('cgo_link', CgoLink.STATIC)}, {w.hint('base', Base.ALPINE)} "
            f"or {w.hint('cgo', False)}"
        ),
        {"base": "scratch", "cgo": True},
        subject=("cgo", "base"),
    ),
    Rule(
        "cgo-glibc-on-musl",
        ("cgo", "builder", "base", "cgo_link"),
        lambda o: _dynamic_cgo(o) and o.builder is Builder.DEBIAN and o.base is Base.ALPINE,
        lambda o: (
            "a binary linked against the Debian builder's glibc does not run on Alpine's musl"
        ),
        lambda o, w: (
            f"use {w.hint('builder', Builder.ALPINE)}, {w.hint('base', Base.DISTROLESS_BASE)} "
            f"or {w.hint('cgo_link', CgoLink.STATIC)}"
        ),
        {"builder": "debian", "base": "alpine", "cgo": True},
        subject=("cgo", "builder", "base"),
    ),
    Rule(
        "cgo-musl-on-glibc",
        ("cgo", "builder", "base", "cgo_link"),
        lambda o: _dynamic_cgo(o) and o.builder is Builder.ALPINE and o.base in GLIBC_BASES,
        lambda o: "a binary linked against the Alpine builder's musl does not run on a glibc base",
        lambda o, w: f"use {w.hint('builder', Builder.DEBIAN)} or {w.hint('base', Base.ALPINE)}",
        {"builder": "alpine", "base": "debian", "cgo": True},
        subject=("cgo", "builder", "base"),
    ),
    Rule(
        "cgo-link-needs-cgo",
        ("cgo_link", "cgo"),
        lambda o: o.cgo_link is not CgoLink.DYNAMIC and not o.cgo,
        lambda o: "it says how a cgo binary links the C library, and cgo is off",
        lambda o, w: f"use {w.hint('cgo', True)} or leave the link dynamic",
        {"cgo_link": "static", "cgo": False},
    ),
    Rule(
        "cgo-static-needs-the-debian-builder",
        ("cgo_link", "cgo", "builder"),
        lambda o: o.cgo and o.cgo_link is CgoLink.STATIC and o.builder is not Builder.DEBIAN,
        lambda o: (
            "the static cgo link is made and tested with glibc on the Debian builder "
            "(-tags netgo,osusergo keeps the name and user lookups in Go)"
        ),
        lambda o, w: f"use {w.hint('builder', Builder.DEBIAN)}",
        {"cgo": True, "cgo_link": "static", "builder": "alpine"},
        subject=("cgo_link", "builder"),
    ),
    Rule(
        "cgo-cannot-cross-compile",
        ("cgo", "cross_compile"),
        lambda o: o.cgo and o.cross_compile,
        lambda o: "cgo needs a C cross-compiler for each target platform",
        lambda o, w: (
            f"use {w.hint('cross_compile', False)} (builds under emulation) "
            f"or {w.hint('cgo', False)}"
        ),
        {"cgo": True, "cross_compile": True},
    ),
    *(_distroless_rule(field) for field in DISTROLESS_PROVIDES),
    Rule(
        "distroless-names-only-nonroot",
        ("passwd_entry", "base", "uid"),
        lambda o: o.base in DISTROLESS_BASES and o.passwd_entry and o.uid != DISTROLESS_UID,
        lambda o: f"distroless names only UID {DISTROLESS_UID} (nonroot) in /etc/passwd",
        lambda o, w: f"use {w.hint('uid', DISTROLESS_UID)} or {w.hint('passwd_entry', False)}",
        {"base": "distroless", "passwd_entry": True, "uid": DEFAULT_UID},
    ),
    Rule(
        "tzdata-source-needs-tzdata",
        ("tzdata_source", "tzdata"),
        lambda o: o.tzdata_source is not TzdataSource.AUTO and not o.tzdata,
        lambda o: "it says how time-zone data gets in, but no time-zone data is wanted",
        lambda o, w: f"use {w.hint('tzdata', True)} or {w.hint('tzdata_source', 'auto')}",
        {"tzdata": False, "tzdata_source": "embed"},
    ),
    Rule(
        "tzdata-package-needs-alpine",
        ("tzdata_source", "base", "tzdata"),
        lambda o: (
            o.tzdata and o.tzdata_source is TzdataSource.PACKAGE and o.base is not Base.ALPINE
        ),
        lambda o: "only the alpine base has a package manager",
        lambda o, w: f"use {w.hint('tzdata_source', TzdataSource.COPY)} or embed",
        {"base": "scratch", "tzdata_source": "package"},
        subject=("tzdata_source", "base"),
    ),
    Rule(
        "tzdata-copy-onto-distroless",
        ("tzdata_source", "base", "tzdata"),
        lambda o: o.tzdata and o.tzdata_source is TzdataSource.COPY and o.base in DISTROLESS_BASES,
        lambda o: "distroless already has time-zone data",
        lambda o, w: f"use {w.hint('tzdata_source', TzdataSource.AUTO)}",
        {"base": "distroless", "tzdata_source": "copy"},
        subject=("tzdata_source", "base"),
    ),
    Rule(
        "tzdata-embed-needs-go-1.15",
        ("tzdata_source", "go_version", "tzdata", "base"),
        lambda o: (
            o.effective_tzdata_source is TzdataSource.EMBED and not o.go_has(go.TZDATA_EMBED_SINCE)
        ),
        lambda o: (
            f"Go embeds time-zone data (-tags {go.TZDATA_BUILD_TAG}) from "
            f"1.{go.TZDATA_EMBED_SINCE} on; Go {o.go_version} ignores the tag, and the service "
            "would find no time zones"
        ),
        lambda o, w: (
            f"use {w.hint('go_version', f'1.{go.TZDATA_EMBED_SINCE}')} or later, or "
            f"{w.hint('tzdata_source', TzdataSource.COPY)}"
        ),
        {"base": "scratch", "tzdata_source": "embed", "go_version": "1.14"},
        subject=("tzdata_source", "go_version"),
    ),
    Rule(
        "trimpath-needs-go-1.13",
        ("trimpath", "go_version"),
        lambda o: o.trimpath and not o.go_has(go.TRIMPATH_SINCE),
        lambda o: (
            f"go build has -trimpath from Go 1.{go.TRIMPATH_SINCE} on, not in Go {o.go_version}"
        ),
        lambda o, w: (
            f"use {w.hint('go_version', f'1.{go.TRIMPATH_SINCE}')} or later, or "
            f"{w.hint('trimpath', False)}"
        ),
        {"trimpath": True, "go_version": "1.12"},
    ),
    Rule(
        "timezone-needs-tzdata",
        ("timezone", "tzdata"),
        lambda o: bool(o.timezone) and not o.tzdata,
        lambda o: "the zone is read from time-zone data, and none would be in the image",
        lambda o, w: f"use {w.hint('tzdata', True)} or leave the time zone unset (UTC)",
        {"timezone": "Asia/Shanghai", "tzdata": False},
    ),
    Rule(
        "timezone-needs-zoneinfo-go-reads-for-tz",
        ("timezone", "tzdata_source", "tzdata", "base", "go_version"),
        lambda o: bool(o.timezone) and o.effective_tzdata_source is TzdataSource.COPY,
        lambda o: (
            "Go reads the copied zoneinfo archive (ZONEINFO) only in time.LoadLocation; "
            "for TZ it looks in /usr/share/zoneinfo and the embedded data, so the service would "
            "run in UTC"
        ),
        lambda o, w: (
            f"use {w.hint('tzdata_source', TzdataSource.EMBED)}"
            if o.go_has(go.TZDATA_EMBED_SINCE)
            else f"use {w.hint('go_version', f'1.{go.TZDATA_EMBED_SINCE}')} or later, which "
            "embeds time-zone data, or leave the time zone unset (UTC)"
        ),
        {"timezone": "Asia/Shanghai", "base": "scratch", "tzdata_source": "copy"},
        subject=("timezone", "tzdata_source"),
    ),
    Rule(
        "apk-mirror-needs-an-apk-add",
        ("apk_mirror", "builder", "base", "git", "cgo", "ca_certificates", "tzdata"),
        lambda o: bool(o.apk_mirror) and not _runs_apk_add(o),
        lambda o: "no stage of this Dockerfile runs apk add",
        lambda o, w: "leave the mirror out, or choose options that install Alpine packages",
        {"apk_mirror": "mirrors.aliyun.com", "variant": "pro"},
        subject=("apk_mirror",),
    ),
    Rule(
        "passwd-entry-needs-non-root",
        ("passwd_entry", "non_root"),
        lambda o: o.passwd_entry and not o.non_root,
        lambda o: "the passwd entry names the non-root user, and there is none",
        lambda o, w: f"use {w.hint('non_root', True)} or {w.hint('passwd_entry', False)}",
        {"non_root": False, "passwd_entry": True},
    ),
    Rule(
        "cross-compile-needs-buildkit",
        ("cross_compile", "buildkit"),
        lambda o: o.cross_compile and not o.buildkit,
        lambda o: "$BUILDPLATFORM and $TARGETARCH come from BuildKit",
        lambda o, w: f"use {w.hint('buildkit', True)} or {w.hint('cross_compile', False)}",
        {"buildkit": False, "cross_compile": True},
    ),
    Rule(
        "private-auth-needs-goprivate",
        ("private_auth", "goprivate"),
        lambda o: o.private_auth is not PrivateAuth.NONE and not o.goprivate,
        lambda o: "no GOPRIVATE patterns name the private modules",
        lambda o, w: f"add {w.hint('goprivate', 'git.example.com/team/*')}",
        {"private_auth": "netrc"},
        subject=("private_auth",),
    ),
    Rule(
        "private-auth-needs-a-host",
        ("private_auth", "goprivate"),
        lambda o: (
            o.private_auth is not PrivateAuth.NONE and bool(o.goprivate) and not o.private_hosts
        ),
        lambda o: "no GOPRIVATE pattern names a host without wildcards to authenticate to",
        lambda o, w: (
            f"add one, e.g. {w.hint('goprivate', f'{o.goprivate},git.example.com/team/*')}"
        ),
        {"private_auth": "netrc", "goprivate": "*.example.com/*"},
    ),
    Rule(
        "private-auth-needs-buildkit",
        ("private_auth", "buildkit"),
        lambda o: o.private_auth is not PrivateAuth.NONE and not o.buildkit,
        lambda o: "credentials reach the build only through BuildKit secret and ssh mounts",
        lambda o, w: f"use {w.hint('buildkit', True)}",
        {"private_auth": "ssh", "goprivate": "git.example.com/*", "buildkit": False},
    ),
    Rule(
        "goprivate-needs-git",
        ("goprivate", "git", "builder"),
        lambda o: bool(o.goprivate) and not o.git and o.builder is Builder.ALPINE,
        lambda o: "private modules are fetched with git, which the alpine builder lacks",
        lambda o, w: f"use {w.hint('git', True)}",
        {"goprivate": "git.example.com/*", "git": False},
        subject=("goprivate", "git"),
    ),
    Rule(
        "ldflags-stamp-what-the-tool-stamps",
        ("ldflags", "version_stamp", "version_var", "commit_var"),
        lambda o: bool(_tool_stamps(o)),
        lambda o: f"-X {', '.join(_tool_stamps(o))} is what the version stamp writes too",
        lambda o, w: (
            f"use {w.hint('version_stamp', False)} to stamp it yourself"
            if o.version_stamp
            else "leave that -X out of the linker flags: the named variable is stamped already"
        ),
        {"ldflags": "-X main.version=1.2.3", "version_stamp": True},
        subject=("ldflags", "version_stamp"),
    ),
    Rule(
        "version-stamp-is-the-sample-apps",
        ("version_stamp", "source_module"),
        lambda o: o.version_stamp and o.source_module,
        lambda o: (
            "it writes the sample app's main.version and main.commit, which an existing "
            "module may not declare or may set itself"
        ),
        lambda o, w: (
            f"name the variable instead, e.g. {w.hint('version_var', 'main.version')}, "
            f"or {w.hint('version_stamp', False)}"
        ),
        {"source_module": True, "version_stamp": True},
    ),
    *(
        Rule(
            f"version-stamp-or-{field.replace('_', '-')}",
            ("version_stamp", field),
            lambda o, field=field: o.version_stamp and bool(getattr(o, field)),  # type: ignore[misc]
            lambda o: "both say which variables the build's VERSION and COMMIT are stamped into",
            lambda o, w: f"use {w.hint('version_stamp', False)}",
            {"version_stamp": True, field: example},
        )
        for field, example in (("version_var", "main.version"), ("commit_var", "main.commit"))
    ),
    Rule(
        "version-var-and-commit-var-differ",
        ("version_var", "commit_var"),
        lambda o: bool(o.version_var) and o.version_var == o.commit_var,
        lambda o: "one variable cannot hold both the version and the commit",
        lambda o, w: "name two variables",
        {"version_var": "main.version", "commit_var": "main.version"},
    ),
    Rule(
        "healthcheck-of-a-source-module-needs-a-path",
        ("healthcheck", "source_module", "healthcheck_path"),
        lambda o: o.healthcheck and o.source_module and not o.healthcheck_path,
        lambda o: (
            "without a path the check runs the binary with -healthcheck, which only the "
            "sample app implements"
        ),
        lambda o, w: (
            f"add {w.hint('healthcheck_path', '/healthz')} or use {w.hint('healthcheck', False)}"
        ),
        {"source_module": True, "healthcheck": True},
        subject=("healthcheck", "source_module"),
    ),
    Rule(
        "healthcheck-path-needs-the-healthcheck",
        ("healthcheck_path", "healthcheck"),
        lambda o: bool(o.healthcheck_path) and not o.healthcheck,
        lambda o: "the path is requested only by the HEALTHCHECK",
        lambda o, w: f"use {w.hint('healthcheck', True)} or drop the path",
        {"healthcheck_path": "/healthz", "healthcheck": False},
    ),
    Rule(
        "healthcheck-needs-a-listener",
        ("healthcheck", "listens"),
        lambda o: o.healthcheck and not o.listens,
        lambda o: "a program that listens on no port has nothing to probe",
        lambda o, w: f"use {w.hint('healthcheck', False)} or {w.hint('listens', True)}",
        {"listens": False, "healthcheck": True},
    ),
    Rule(
        "one-image-needs-several-binaries",
        ("one_image", "main_packages"),
        lambda o: o.one_image and len(o.main_packages) < 2,
        lambda o: "it puts several binaries into one image, and one main package is chosen",
        lambda o, w: "choose more main packages or drop it",
        {"one_image": True},
        subject=("one_image",),
    ),
    Rule(
        "binaries-need-distinct-names",
        ("main_packages", "module_path"),
        lambda o: len(set(o.binary_names)) != len(o.binary_names),
        lambda o: (
            "two main packages would give binaries of the same name: "
            + ", ".join(sorted({n for n in o.binary_names if o.binary_names.count(n) > 1}))
        ),
        lambda o, w: "choose packages whose last path elements differ",
        {"source_module": True, "main_packages": ["./cmd/api", "./internal/api"]},
        subject=("main_packages",),
    ),
    *(
        _sample_app_rule(field, example)
        for field, example in (
            ("main_packages", ["./cmd/api"]),
            ("vendor", True),
            ("workspace_modules", ["."]),
        )
    ),
    Rule(
        "targets-need-stage-names",
        ("main_packages", "one_image", "module_path", "source_module"),
        lambda o: o.several_targets and bool(_unusable_targets(o)),
        lambda o: (
            "each binary becomes a build target named after it, and "
            + ", ".join(_unusable_targets(o))
            + " cannot name one (letters, digits, '-', '_', '.'; not builder or runtime)"
        ),
        lambda o, w: f"use {w.hint('one_image', True)} or choose other packages",
        {"source_module": True, "main_packages": ["./cmd/api", "./cmd/runtime"]},
        subject=("main_packages",),
    ),
    Rule(
        "binary-named-like-the-probe",
        ("main_packages", "healthcheck_path", "base", "module_path", "source_module"),
        lambda o: o.probe_binary and PROBE_NAME in o.binary_names,
        lambda o: f"the health-check probe is installed as {PROBE_NAME} beside the binaries",
        lambda o, w: "choose alpine (its wget probes) or another package",
        {
            "source_module": True,
            "main_packages": ["./cmd/http-probe"],
            "healthcheck_path": "/healthz",
            "base": "scratch",
        },
        subject=("main_packages", "healthcheck_path"),
    ),
    Rule(
        "bad-runs-one-package",
        ("main_packages", "variant"),
        lambda o: o.variant is Variant.BAD and len(o.main_packages) > 1,
        lambda o: "the bad variant's go run starts one main package",
        lambda o, w: f"choose {w.hint('variant', Variant.BETTER)}, pro or enterprise",
        {"variant": "bad", "source_module": True, "main_packages": ["./cmd/a", "./cmd/b"]},
    ),
    Rule(
        "workspace-module-is-a-member",
        ("module_dir", "workspace_modules"),
        lambda o: bool(o.workspace_modules) and o.module_dir not in o.workspace_modules,
        lambda o: f"{o.module_dir} is not among the go.work members",
        lambda o, w: "name the module's directory among the workspace modules",
        {"source_module": True, "workspace_modules": ["api", "lib"], "module_dir": "web"},
    ),
    Rule(
        "module-dir-outside-a-workspace",
        ("module_dir", "workspace_modules"),
        lambda o: o.module_dir != "." and not o.workspace_modules,
        lambda o: (
            "only a go.work workspace builds a module below the context root; otherwise the "
            "context is the module's own directory"
        ),
        lambda o, w: "list the workspace's modules, or build from the module's directory",
        {"module_dir": "api"},
        subject=("module_dir",),
    ),
    Rule(
        "vendor-in-a-workspace",
        ("vendor", "workspace_modules"),
        lambda o: o.vendor and bool(o.workspace_modules),
        lambda o: (
            "a workspace vendors with go work vendor, which this Dockerfile does not build from"
        ),
        lambda o, w: f"use {w.hint('vendor', False)}",
        {"source_module": True, "vendor": True, "workspace_modules": ["."]},
    ),
    Rule(
        "writable-dirs-need-non-root",
        ("writable_dirs", "non_root"),
        lambda o: bool(o.writable_dirs) and not o.non_root,
        lambda o: "root can write anywhere: the directories are made for the non-root user",
        lambda o, w: f"use {w.hint('non_root', True)}",
        {"writable_dirs": ["/var/lib/app"], "non_root": False},
    ),
    Rule(
        "platforms-need-a-runtime-image-for-each",
        ("platforms", "base", "runtime_image"),
        lambda o: bool(_unpublished(o, runtime=True)),
        lambda o: (
            f"the {o.base.value} image is not published for "
            f"{', '.join(_unpublished(o, runtime=True))}"
        ),
        lambda o, w: (
            "choose platforms it has, or another base (scratch runs anywhere Go builds for)"
        ),
        {"base": "distroless", "platforms": "linux/amd64,linux/riscv64"},
        subject=("platforms", "base"),
    ),
    Rule(
        "platforms-without-cross-compiling-need-a-builder-for-each",
        ("platforms", "cross_compile", "builder", "builder_image"),
        lambda o: bool(_unpublished(o, runtime=False)),
        lambda o: (
            "without cross-compiling the golang image runs on each target, and the "
            f"{o.builder.value} one is not published for "
            + ", ".join(_unpublished(o, runtime=False))
        ),
        lambda o, w: f"use {w.hint('cross_compile', True)} or choose platforms it has",
        {"platforms": "linux/riscv64", "builder": "debian", "cross_compile": False},
        subject=("platforms", "cross_compile", "builder"),
    ),
    Rule(
        "syntax-image-needs-the-syntax-line",
        ("syntax_image", "syntax_line"),
        lambda o: bool(o.syntax_image) and not o.syntax_line,
        lambda o: "the syntax image is named only by the syntax line",
        lambda o, w: f"use {w.hint('syntax_line', True)} or drop the syntax image",
        {"syntax_image": "registry.internal/docker/dockerfile:1", "syntax_line": False},
    ),
    Rule(
        "syntax-image-needs-buildkit",
        ("syntax_image", "buildkit"),
        lambda o: bool(o.syntax_image) and not o.buildkit,
        lambda o: "only BuildKit reads the syntax line",
        lambda o, w: f"use {w.hint('buildkit', True)} or drop the syntax image",
        {"syntax_image": "registry.internal/docker/dockerfile:1", "buildkit": False},
    ),
    Rule(
        "source-url-needs-labels",
        ("source_url", "labels"),
        lambda o: bool(o.source_url) and not o.labels,
        lambda o: "the source URL is written only into the OCI labels",
        lambda o, w: f"use {w.hint('labels', True)}",
        {"source_url": "https://git.example.com/demo", "labels": False},
    ),
)


#: The Dockerfile's own stages, which no binary's target may be named.
_STAGES = ("builder", "runtime")


def _unusable_targets(o: Options) -> list[str]:
    return [
        name
        for name in o.binary_names
        if name.lower() in _STAGES or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_.-]*", name)
    ]


def _default(field: str) -> Any:
    from scaffold_go_docker.options.model import field_defaults

    return field_defaults().get(field)


def _dynamic_cgo(o: Options) -> bool:
    return o.cgo and o.cgo_link is CgoLink.DYNAMIC


def _runs_apk_add(o: Options) -> bool:
    return bool(o.builder_packages or o.runtime_packages)


def _tool_stamps(o: Options) -> list[str]:
    """The -X variables in the user's ldflags that the version stamp also writes."""
    return [name for name in stamped_names(o.ldflags or "") if name in o.stamped_variables]


def _unpublished(o: Options, *, runtime: bool) -> list[str]:
    """Target platforms the runtime (or, building natively, the builder) image lacks."""
    if runtime:
        if o.runtime_image or o.base in (Base.SCRATCH, Base.GOLANG):
            return []  # a mirror's reference is the user's to know; scratch has no platform
        published = {
            Base.ALPINE: platforms.ALPINE,
            Base.DEBIAN: platforms.DEBIAN,
        }.get(o.base, platforms.DISTROLESS_STATIC)
    else:
        if o.cross_compile or o.builder_image or not o.platforms:
            return []
        published = platforms.ALPINE if o.builder is Builder.ALPINE else platforms.DEBIAN
    return [p for p in o.target_platforms if platforms.arch_of(p) not in published]


def find_problems(options: Options, given: Callable[[str], bool]) -> list[Problem]:
    """Every rule `options` break; those among options that were all given come first."""
    problems = [Problem(rule, options) for rule in RULES if rule.broken(options)]
    return sorted(problems, key=lambda p: not all(given(f) for f in p.fields))
