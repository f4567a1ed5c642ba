"""The closed sets of choices, in a module of their own so presets and rules can be typed."""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class Variant(StrEnum):
    """The tutorial's four Dockerfiles, from anti-pattern to production."""

    BAD = "bad"
    BETTER = "better"
    PRO = "pro"
    ENTERPRISE = "enterprise"


#: Not a variant but a mode of `new`: the four variants side by side, for comparison.
ALL_VARIANTS: Final = "all"
DEFAULT_VARIANT: Final = Variant.ENTERPRISE


class Builder(StrEnum):
    """The golang image flavour that compiles the binary."""

    ALPINE = "alpine"
    DEBIAN = "debian"


class Base(StrEnum):
    """What the final image is built on; `golang` means the single-stage bad variant."""

    GOLANG = "golang"
    ALPINE = "alpine"
    SCRATCH = "scratch"
    #: distroless static (no C library): CA certificates, tzdata and a nonroot user.
    DISTROLESS = "distroless"
    #: distroless base: distroless static plus glibc, for a dynamically linked cgo binary.
    DISTROLESS_BASE = "distroless-base"
    #: debian:bookworm-slim: glibc, a shell and apt, for a cgo binary that needs more.
    DEBIAN = "debian"


class CgoLink(StrEnum):
    """How a cgo binary links the C library: at run time, or into the binary."""

    DYNAMIC = "dynamic"
    STATIC = "static"


class TzdataSource(StrEnum):
    """How time-zone data reaches the image; `auto` picks what the base supports."""

    AUTO = "auto"
    PACKAGE = "package"
    COPY = "copy"
    EMBED = "embed"


class PrivateAuth(StrEnum):
    """How `go mod download` authenticates to private module hosts."""

    NONE = "none"
    NETRC = "netrc"
    SSH = "ssh"


class Lang(StrEnum):
    """The language of every comment the tool writes and of the interview."""

    EN = "en"
    ZH = "zh"


class Source(StrEnum):
    """Where an option's value came from, strongest first."""

    FLAG = "flag"
    ENV = "env"
    CONFIG = "config"
    #: Read from the Go module by `init` (go.mod, the sources); the origin is kept apart.
    DETECTED = "detected"
    PROMPT = "prompt"
    #: Filled by the variant's preset.
    PRESET = "preset"
    #: A default that follows another option (e.g. distroless implies UID 65532).
    DERIVED = "derived"
    DEFAULT = "default"
