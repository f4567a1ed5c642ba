"""Variant presets: the option values each of the seed's Dockerfiles implies.

A preset only fills what the user left unset; explicit options always win.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from scaffold_go_docker.options import versions

_SEED_FIXED = {"uid": versions.DEFAULT_UID}

_PRESETS: dict[str, dict[str, Any]] = {
    # Single stage on the full golang image, run with `go run`: everything the seed warns about.
    "bad": {
        "builder": "debian",
        "base": "golang",
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
    },
    # Multi-stage with a cached dependency layer and an alpine runtime; gains BuildKit caches.
    "better": {
        "builder": "alpine",
        "base": "alpine",
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
    },
    # Static, stripped binary on scratch; gains everything that fits an empty base.
    "pro": {
        "builder": "alpine",
        "base": "scratch",
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
    },
    # The seed's final template: git in the builder, certificates, tzdata and a named user.
    "enterprise": {
        "builder": "alpine",
        "base": "alpine",
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
    },
}

VARIANT_NAMES = tuple(_PRESETS)
#: Not a variant: asks for the four side by side.
ALL_VARIANTS = "all"


def preset_for(variant: str) -> Mapping[str, Any]:
    """The preset of `variant`, read-only."""
    return MappingProxyType({**_SEED_FIXED, **_PRESETS[variant]})
