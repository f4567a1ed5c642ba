"""How options nobody gave are filled: the variant's preset, then defaults that follow others.

A preset fills only what the user left unset, and never turns the user's own choice into an
error: where a preset value cannot work with an explicit choice, a follower picks the value
that can (`--variant pro --no-buildkit` builds natively instead of cross-compiling).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from scaffold_go_docker.facts import go
from scaffold_go_docker.options.defaults import DEFAULT_UID, DISTROLESS_UID
from scaffold_go_docker.options.enums import (
    DEFAULT_VARIANT,
    Base,
    Builder,
    CgoLink,
    Source,
    TzdataSource,
    Variant,
)

_MULTI_STAGE_COMMON: Mapping[str, Any] = {"builder": Builder.ALPINE, "uid": DEFAULT_UID}

PRESETS: Mapping[Variant, Mapping[str, Any]] = MappingProxyType(
    {
        # Single stage on the full golang image, run with `go run`: everything the tutorial
        # warns about.
        Variant.BAD: MappingProxyType(
            {
                "builder": Builder.DEBIAN,
                "uid": DEFAULT_UID,
                "base": Base.GOLANG,
                "git": False,
                "ca_certificates": False,
                "tzdata": False,
                "non_root": False,
                "passwd_entry": False,
                "writable_tmp": False,
                "strip": False,
                "trimpath": False,
                "cgo": True,
                "buildkit": False,
                "cross_compile": False,
                "healthcheck": False,
                "version_stamp": False,
                "labels": False,
            }
        ),
        # Multi-stage with a cached dependency layer and an alpine runtime; gains BuildKit caches.
        Variant.BETTER: MappingProxyType(
            {
                **_MULTI_STAGE_COMMON,
                "base": Base.ALPINE,
                "git": False,
                "ca_certificates": False,
                "tzdata": False,
                "non_root": True,
                "passwd_entry": False,
                "writable_tmp": False,
                "strip": False,
                "trimpath": False,
                "cgo": False,
                "buildkit": True,
                "cross_compile": False,
                "healthcheck": False,
                "version_stamp": False,
                "labels": False,
            }
        ),
        # Static, stripped binary on scratch; gains everything that fits an empty base.
        Variant.PRO: MappingProxyType(
            {
                **_MULTI_STAGE_COMMON,
                "base": Base.SCRATCH,
                "git": False,
                "ca_certificates": False,
                "tzdata": False,
                "non_root": True,
                "passwd_entry": False,
                "writable_tmp": False,
                "strip": True,
                "trimpath": True,
                "cgo": False,
                "buildkit": True,
                "cross_compile": True,
                "healthcheck": True,
                "version_stamp": True,
                "labels": True,
            }
        ),
        # The tutorial's final template: git in the builder, certificates, tzdata, a named user.
        Variant.ENTERPRISE: MappingProxyType(
            {
                **_MULTI_STAGE_COMMON,
                "base": Base.ALPINE,
                "git": True,
                "ca_certificates": True,
                "tzdata": True,
                "non_root": True,
                "passwd_entry": True,
                "writable_tmp": True,
                "strip": True,
                "trimpath": True,
                "cgo": False,
                "buildkit": True,
                "cross_compile": True,
                "healthcheck": True,
                "version_stamp": True,
                "labels": True,
            }
        ),
    }
)

#: The options a variant's preset sets: what `--variant` replaces in an answers file
#: recorded for another variant (the defaults that follow them are among them).
PRESET_CONTROLLED = frozenset(name for preset in PRESETS.values() for name in preset)

#: Options the bad variant holds at its preset (or default): it reproduces the tutorial's
#: anti-pattern as is, so no option may fix part of it.
BAD_FIXES = (
    "base",
    "ca_certificates",
    "tzdata",
    "tzdata_source",
    "timezone",
    "non_root",
    "passwd_entry",
    "writable_tmp",
    "strip",
    "trimpath",
    "ldflags",
    "tags",
    "cgo",
    "buildkit",
    "syntax_image",
    "cross_compile",
    "platforms",
    "healthcheck",
    "version_stamp",
    "labels",
    "source_url",
    "goprivate",
    "private_auth",
    "goproxy",
    "gosumdb",
    "apk_mirror",
    "runtime_image",
    "cgo_link",
    "one_image",
    "vendor",
    "module_dir",
    "workspace_modules",
    "healthcheck_path",
    "cmd",
    "env",
    "version_var",
    "commit_var",
    "writable_dirs",
)

#: What distroless (static and base) always has; turning any of them off is refused, so none
#: is asked.
DISTROLESS_PROVIDES = ("ca_certificates", "tzdata", "non_root")
#: The distroless bases: both run as `nonroot` and carry CA certificates and tzdata.
DISTROLESS_BASES = (Base.DISTROLESS, Base.DISTROLESS_BASE)
#: Bases without a C library: only a static binary runs on them.
WITHOUT_LIBC = (Base.SCRATCH, Base.DISTROLESS)
#: Bases with glibc, where a binary the Debian builder links dynamically runs.
GLIBC_BASES = (Base.DISTROLESS_BASE, Base.DEBIAN)

Values = Mapping[str, Any]


class Follower(NamedTuple):
    """A default that follows other options: an unset `field` takes `value` when `when` holds."""

    field: str
    value: Any
    condition: str  # `when`, in words, for the options reference
    when: Callable[[Values], bool]


def _distroless(values: Values) -> bool:
    return values["base"] in DISTROLESS_BASES


def _dynamic_cgo(values: Values) -> bool:
    return bool(values["cgo"]) and values["cgo_link"] == CgoLink.DYNAMIC


#: In order: a follower sees the values its predecessors settled.
FOLLOWERS: tuple[Follower, ...] = (
    Follower(
        "cgo",
        True,
        "`cgo_link` is `static`: a static cgo link was chosen",
        lambda v: v["cgo_link"] == CgoLink.STATIC,
    ),
    Follower(
        "builder",
        Builder.DEBIAN,
        "`cgo` is true and `cgo_link` is `static`: the binary links glibc statically",
        lambda v: bool(v["cgo"]) and v["cgo_link"] == CgoLink.STATIC,
    ),
    Follower(
        "base",
        Base.DISTROLESS_BASE,
        "`cgo` is true, linked dynamically by the `debian` builder: the runtime needs glibc",
        lambda v: (
            _dynamic_cgo(v) and v["builder"] == Builder.DEBIAN and v["base"] not in GLIBC_BASES
        ),
    ),
    Follower(
        "base",
        Base.ALPINE,
        "`cgo` is true, linked dynamically, and the preset base is `scratch` or `distroless`, "
        "which have no C library",
        lambda v: _dynamic_cgo(v) and v["base"] in WITHOUT_LIBC,
    ),
    Follower(
        "base",
        Base.ALPINE,
        "`cgo` is true, linked dynamically by the `alpine` builder: the runtime needs musl",
        lambda v: _dynamic_cgo(v) and v["builder"] == Builder.ALPINE and v["base"] in GLIBC_BASES,
    ),
    Follower(
        "base",
        Base.ALPINE,
        "`tzdata_source` is `package` and the preset base is not `alpine`: only alpine has apk",
        lambda v: v["tzdata_source"] == TzdataSource.PACKAGE and v["base"] != Base.ALPINE,
    ),
    Follower(
        "cross_compile",
        False,
        "`buildkit` is false: `$BUILDPLATFORM` and `$TARGETARCH` come from BuildKit",
        lambda v: not v["buildkit"],
    ),
    Follower(
        "cross_compile",
        False,
        "`cgo` is true: cgo would need a C cross-compiler for each target",
        lambda v: bool(v["cgo"]),
    ),
    *(
        Follower(name, True, "the base is `distroless`, which always provides it", _distroless)
        for name in DISTROLESS_PROVIDES
    ),
    Follower("uid", DISTROLESS_UID, "the base is `distroless` (its `nonroot` user)", _distroless),
    Follower(
        "tzdata",
        True,
        "`timezone` is set: the zone needs time-zone data",
        lambda v: bool(v["timezone"]),
    ),
    Follower(
        "tzdata",
        True,
        "`tzdata_source` is not `auto`: a source of time-zone data was chosen",
        lambda v: v["tzdata_source"] != TzdataSource.AUTO,
    ),
    Follower(
        "passwd_entry",
        False,
        "`non_root` is false: there is no user to name",
        lambda v: not v["non_root"],
    ),
    Follower(
        "passwd_entry",
        False,
        f"the base is `distroless` and `uid` is not {DISTROLESS_UID}: distroless names only "
        "its `nonroot` user",
        lambda v: _distroless(v) and v["uid"] != DISTROLESS_UID,
    ),
    Follower(
        "git",
        True,
        "`goprivate` is set and the builder is `alpine`: private modules are fetched with git",
        lambda v: bool(v["goprivate"]) and v["builder"] == Builder.ALPINE,
    ),
    Follower(
        "healthcheck",
        False,
        "`source_module` is true: an existing binary has no `-healthcheck` probe of its own",
        lambda v: bool(v["source_module"]),
    ),
    Follower(
        "healthcheck",
        True,
        "`healthcheck_path` is set: the HEALTHCHECK requests it",
        lambda v: bool(v["healthcheck_path"]),
    ),
    Follower(
        "healthcheck",
        False,
        "`listens` is false: there is nothing to probe",
        lambda v: not v["listens"],
    ),
    Follower(
        "trimpath",
        False,
        f"`go_version` is older than 1.{go.TRIMPATH_SINCE}, which brought -trimpath",
        lambda v: (minor := go.go_minor(v["go_version"])) is not None and minor < go.TRIMPATH_SINCE,
    ),
    Follower(
        "version_stamp",
        False,
        "`source_module` is true or `version_var`/`commit_var` is set: the version stamp "
        "writes the sample app's main.version and main.commit",
        lambda v: bool(v["source_module"] or v["version_var"] or v["commit_var"]),
    ),
    Follower(
        "labels",
        True,
        "`source_url` is set: it is written only into the OCI labels",
        lambda v: bool(v["source_url"]),
    ),
)


class Filled(NamedTuple):
    """Every option's value, and where the ones nobody gave came from."""

    values: dict[str, Any]
    origins: dict[str, Source]


def fixed_by(variant: Variant) -> tuple[str, ...]:
    return BAD_FIXES if variant is Variant.BAD else ()


def fill(given: Values, defaults: Values) -> Filled:
    """`given` completed from the variant's preset, its followers and the `defaults`.

    `given` holds only values that were set; an unknown variant is left for the model to
    report, with the default variant's preset meanwhile.
    """
    try:
        variant = Variant(given.get("variant", DEFAULT_VARIANT))
    except ValueError:
        variant = DEFAULT_VARIANT
    preset = PRESETS[variant]
    values = {**defaults, **preset, **given}
    origins = {
        name: Source.PRESET if name in preset else Source.DEFAULT
        for name in values
        if name not in given
    }
    fixed = fixed_by(variant)
    for follower in FOLLOWERS:
        if follower.field in given or follower.field in fixed or not follower.when(values):
            continue
        if values[follower.field] != follower.value:
            values[follower.field] = follower.value
            origins[follower.field] = Source.DERIVED
    if "module_path" not in given and "app_name" in values:
        values["module_path"] = values["app_name"]
        origins["module_path"] = Source.DERIVED
    return Filled(values, origins)


def preset_value(variant: Variant, field: str, defaults: Values) -> Any:
    """What `variant` gives `field` when nothing else does."""
    return PRESETS[variant].get(field, defaults.get(field))
