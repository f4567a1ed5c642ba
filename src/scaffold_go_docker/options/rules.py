"""The rules that refuse option combinations which cannot work, as one table.

Each rule names the fields it involves, the check, why the combination fails, what to do
instead, and an example the reference and the tests resolve. A problem carries its rule,
so the interview knows which answers to ask again and a message can name each option in
the words of the source that set it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from scaffold_go_docker.errors import InvalidOptionsError
from scaffold_go_docker.options import platforms
from scaffold_go_docker.options.defaults import DEFAULT_UID, DISTROLESS_UID, STAMPED_VARIABLES
from scaffold_go_docker.options.enums import Base, Builder, PrivateAuth, TzdataSource, Variant
from scaffold_go_docker.options.formats import stamped_names
from scaffold_go_docker.options.naming import Wording
from scaffold_go_docker.options.presets import BAD_FIXES, DISTROLESS_PROVIDES, PRESETS

if TYPE_CHECKING:
    from scaffold_go_docker.options.model import Options


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
        lambda o: o.base is Base.DISTROLESS and not getattr(o, field),
        lambda o: reason,
        fix,
        {"base": "distroless", field: False},
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
        lambda o: o.cgo and o.base in (Base.SCRATCH, Base.DISTROLESS),
        lambda o: "a cgo binary needs a C library and dynamic loader that the base does not have",
        lambda o, w: f"use {w.hint('base', Base.ALPINE)} or {w.hint('cgo', False)}",
        {"base": "scratch", "cgo": True},
    ),
    Rule(
        "cgo-glibc-on-musl",
        ("cgo", "builder", "base"),
        lambda o: o.cgo and o.builder is Builder.DEBIAN and o.base is Base.ALPINE,
        lambda o: (
            "a binary linked against the Debian builder's glibc does not run on Alpine's musl"
        ),
        lambda o, w: f"use {w.hint('builder', Builder.ALPINE)} or {w.hint('cgo', False)}",
        {"builder": "debian", "base": "alpine", "cgo": True},
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
        lambda o: o.base is Base.DISTROLESS and o.passwd_entry and o.uid != DISTROLESS_UID,
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
        lambda o: o.tzdata and o.tzdata_source is TzdataSource.COPY and o.base is Base.DISTROLESS,
        lambda o: "distroless already has time-zone data",
        lambda o, w: f"use {w.hint('tzdata_source', TzdataSource.AUTO)}",
        {"base": "distroless", "tzdata_source": "copy"},
        subject=("tzdata_source", "base"),
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
        ("timezone", "tzdata_source", "tzdata", "base"),
        lambda o: bool(o.timezone) and o.effective_tzdata_source is TzdataSource.COPY,
        lambda o: (
            "Go reads the copied zoneinfo archive (ZONEINFO) only in time.LoadLocation; "
            "for TZ it looks in /usr/share/zoneinfo and the embedded data, so the service would "
            "run in UTC"
        ),
        lambda o, w: f"use {w.hint('tzdata_source', TzdataSource.EMBED)}",
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
        ("ldflags", "version_stamp"),
        lambda o: o.version_stamp and bool(_tool_stamps(o)),
        lambda o: f"-X {', '.join(_tool_stamps(o))} is what the version stamp writes",
        lambda o, w: f"use {w.hint('version_stamp', False)} to stamp it yourself",
        {"ldflags": "-X main.version=1.2.3", "version_stamp": True},
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


def _runs_apk_add(o: Options) -> bool:
    return bool(o.builder_packages or o.runtime_packages)


def _tool_stamps(o: Options) -> list[str]:
    """The -X variables in the user's ldflags that the version stamp also writes."""
    return [name for name in stamped_names(o.ldflags or "") if name in STAMPED_VARIABLES]


def _unpublished(o: Options, *, runtime: bool) -> list[str]:
    """Target platforms the runtime (or, building natively, the builder) image lacks."""
    if runtime:
        if o.runtime_image or o.base in (Base.SCRATCH, Base.GOLANG):
            return []  # a mirror's reference is the user's to know; scratch has no platform
        published = platforms.ALPINE if o.base is Base.ALPINE else platforms.DISTROLESS_STATIC
    else:
        if o.cross_compile or o.builder_image or not o.platforms:
            return []
        published = platforms.ALPINE if o.builder is Builder.ALPINE else platforms.DEBIAN
    return [p for p in o.target_platforms if platforms.arch_of(p) not in published]


def find_problems(options: Options, given: Callable[[str], bool]) -> list[Problem]:
    """Every rule `options` break; those among options that were all given come first."""
    problems = [Problem(rule, options) for rule in RULES if rule.broken(options)]
    return sorted(problems, key=lambda p: not all(given(f) for f in p.fields))
