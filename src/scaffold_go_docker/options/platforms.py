"""Target platforms: which Go can build for Linux, and which each image family is published for.

A platform is written as Docker writes it: `linux/ARCH[/VARIANT]` (`linux/arm/v7`).
"""

from __future__ import annotations

import re
from typing import Annotated, Final

from pydantic import AfterValidator

from scaffold_go_docker.errors import excerpt
from scaffold_go_docker.options.formats import MAX_LIST, TextFormat

#: Linux ports of Go (`go tool dist list`), each with the variants Docker names for it.
GO_LINUX: Final = {
    "386": (),
    "amd64": (),
    "arm": ("v5", "v6", "v7"),
    "arm64": ("v8",),
    "loong64": (),
    "mips": (),
    "mipsle": (),
    "mips64": (),
    "mips64le": (),
    "ppc64": (),
    "ppc64le": (),
    "riscv64": (),
    "s390x": (),
}

#: What each image family is published for. `linux/arm` means `linux/arm/v7`, as in Docker.
ALPINE: Final = frozenset(
    {"386", "amd64", "arm/v6", "arm/v7", "arm64", "ppc64le", "riscv64", "s390x"}
)
DEBIAN: Final = frozenset(
    {"386", "amd64", "arm/v5", "arm/v7", "arm64", "mips64le", "ppc64le", "s390x"}
)
DISTROLESS_STATIC: Final = frozenset({"amd64", "arm/v7", "arm64", "ppc64le", "s390x"})

MAX_PLATFORMS = 16


def arch_of(platform: str) -> str:
    """`linux/arm/v7` → `arm/v7`, `linux/arm` → `arm/v7`, `linux/arm64/v8` → `arm64`."""
    _, arch, *variant = platform.split("/")
    if arch == "arm":
        return f"arm/{variant[0] if variant else 'v7'}"
    return arch


def _check_platforms(value: str) -> str:
    entries = value.split(",")
    if len(entries) > MAX_PLATFORMS:
        raise ValueError(f"at most {MAX_PLATFORMS} platforms")
    for entry in entries:
        match = re.fullmatch(r"([a-z0-9]+)/([a-z0-9]+)(?:/([a-z0-9]+))?", entry)
        if not match:
            raise ValueError(
                f"{excerpt(entry)} is not a platform: write os/arch[/variant], e.g. linux/arm/v7"
            )
        system, arch, variant = match.groups()
        if system != "linux":
            raise ValueError(f"{excerpt(entry)}: the images are Linux images; write linux/{arch}")
        if arch not in GO_LINUX:
            known = ", ".join(GO_LINUX)
            raise ValueError(
                f"{excerpt(entry)}: Go does not build for {arch} on Linux (it does: {known})"
            )
        if variant and variant not in GO_LINUX[arch]:
            allowed = ", ".join(GO_LINUX[arch]) or "none"
            raise ValueError(
                f"{excerpt(entry)}: {arch} has no variant {variant} (variants: {allowed})"
            )
    if len({arch_of(entry) for entry in entries}) != len(entries):
        raise ValueError(f"{excerpt(value)} names a platform twice")
    return value


PLATFORM_LIST = TextFormat(
    _check_platforms,
    "comma-separated `linux/ARCH[/VARIANT]` entries Go builds for (`386`, `amd64`, `arm/v5`, "
    "`arm/v6`, `arm/v7`, `arm64`, `ppc64le`, `riscv64`, `s390x`, ...), each published for "
    "the chosen base images",
    MAX_LIST,
)
PlatformList = Annotated[str, AfterValidator(PLATFORM_LIST.check), PLATFORM_LIST]
