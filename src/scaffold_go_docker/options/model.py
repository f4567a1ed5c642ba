"""The options model: every value a render needs, validated as one unit."""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from scaffold_go_docker.errors import InvalidOptionsError
from scaffold_go_docker.options import versions
from scaffold_go_docker.options.presets import preset_for


class Variant(StrEnum):
    """The seed's four Dockerfiles, from anti-pattern to production."""

    BAD = "bad"
    BETTER = "better"
    PRO = "pro"
    ENTERPRISE = "enterprise"


class Builder(StrEnum):
    """The golang image flavour that compiles the binary."""

    ALPINE = "alpine"
    DEBIAN = "debian"


class Base(StrEnum):
    """What the final image is built on; `golang` means the single-stage bad variant."""

    GOLANG = "golang"
    ALPINE = "alpine"
    SCRATCH = "scratch"
    DISTROLESS = "distroless"


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


# Patterns, compiled on first use by re's own cache: a run pays only for those it checks.
_APP_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]*"
_PATH_ELEMENT = r"[A-Za-z0-9._~-]+"
_GO_VERSION = r"1\.(0|[1-9][0-9]{0,2})(\.(0|[1-9][0-9]{0,2}))?"
_ALPINE_VERSION = r"3\.[0-9]{1,3}"
# A Docker image reference (name, optional registry port, tag and/or digest); no spaces or quotes.
_IMAGE_REF = (
    r"[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?::[0-9]{1,5})?"
    r"(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*"
    r"(?::(?P<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
    r"(?:@sha256:(?P<digest>[a-f0-9]{64}))?"
)
_GOPRIVATE = r"[A-Za-z0-9._~*?/\[\]-]+(,[A-Za-z0-9._~*?/\[\]-]+)*"
# No `$`: the URL lands in a LABEL, where the Dockerfile would expand it as a variable.
_URL = r"https?://[A-Za-z0-9._~:/?#@!&()*+,;=%-]+"

MAX_APP_NAME = 64
MAX_MODULE_PATH = 255
MAX_IMAGE_REF = 255


def check_app_name(value: str) -> str:
    """The app name's own validation (the CLI checks it before anything else)."""
    if not value:
        raise ValueError("must not be empty")
    if len(value) > MAX_APP_NAME:
        raise ValueError(f"must be at most {MAX_APP_NAME} characters")
    if not re.fullmatch(_APP_NAME, value) or ".." in value or value.endswith("."):
        raise ValueError(
            f"{value!r} is not usable as a directory and Go module path element: use letters, "
            "digits, '.', '_' and '-', starting with a letter or digit"
        )
    return value


def _check_module_path(value: str) -> str:
    if not value or len(value) > MAX_MODULE_PATH:
        raise ValueError(f"must be 1 to {MAX_MODULE_PATH} characters")
    for element in value.split("/"):
        if (
            not re.fullmatch(_PATH_ELEMENT, element)
            or element.startswith(".")
            or element.endswith(".")
            or ".." in element
        ):
            raise ValueError(
                f"{value!r} is not a Go module path: each '/'-separated element uses letters, "
                "digits, '.', '_', '~' and '-', and neither starts nor ends with '.'"
            )
    return value


def _check_go_version(value: str) -> str:
    match = re.fullmatch(_GO_VERSION, value)
    if not match:
        raise ValueError(f"{value!r} is not a Go release: write 1.N or 1.N.P, e.g. 1.27")
    if int(match.group(1)) < versions.MIN_GO_MINOR:
        raise ValueError(
            f"{value!r} is too old: the sample app needs Go 1.{versions.MIN_GO_MINOR}+"
        )
    return value


def _check_alpine_version(value: str) -> str:
    if not re.fullmatch(_ALPINE_VERSION, value):
        raise ValueError(f"{value!r} is not an Alpine minor release: write 3.N, e.g. 3.24")
    return value


def _check_image_ref(value: str) -> str:
    match = re.fullmatch(_IMAGE_REF, value) if len(value) <= MAX_IMAGE_REF else None
    if not match:
        raise ValueError(f"{value!r} is not an image reference like registry/name:tag")
    if not match.group("tag") and not match.group("digest"):
        raise ValueError(f"{value!r} has no tag: pin a version, e.g. name:1.2 (hadolint DL3006)")
    if match.group("tag") == "latest" and not match.group("digest"):
        raise ValueError(f"{value!r} uses :latest: pin a version instead (hadolint DL3007)")
    return value


def _check_goprivate(value: str) -> str:
    if not re.fullmatch(_GOPRIVATE, value):
        raise ValueError(
            f"{value!r} is not a GOPRIVATE list: comma-separated module path patterns, "
            "e.g. github.com/acme/*"
        )
    return value


def _check_url(value: str) -> str:
    if not re.fullmatch(_URL, value) or len(value) > MAX_MODULE_PATH:
        raise ValueError(f"{value!r} is not an http(s) URL")
    return value


AppName = Annotated[str, AfterValidator(check_app_name)]
ModulePath = Annotated[str, AfterValidator(_check_module_path)]
GoVersion = Annotated[str, AfterValidator(_check_go_version)]
AlpineVersion = Annotated[str, AfterValidator(_check_alpine_version)]
ImageRef = Annotated[str, AfterValidator(_check_image_ref)]
GoPrivate = Annotated[str, AfterValidator(_check_goprivate)]
Url = Annotated[str, AfterValidator(_check_url)]

#: What distroless static always has; turning any of them off is rejected, so none is asked.
DISTROLESS_PROVIDES = ("ca_certificates", "tzdata", "non_root")

#: Options the bad variant fixes to its preset: it reproduces the seed's anti-pattern as is.
_FIXED_FOR_BAD = (
    "base",
    "ca_certificates",
    "tzdata",
    "tzdata_source",
    "non_root",
    "passwd_entry",
    "writable_tmp",
    "strip",
    "trimpath",
    "cgo",
    "buildkit",
    "cross_compile",
    "healthcheck",
    "version_stamp",
    "labels",
    "goprivate",
    "private_auth",
    "runtime_image",
)


class Options(BaseModel):
    """Everything one render needs. Build it with `Options.resolve(choices)`."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)

    app_name: AppName = Field(description="Name of the app: its directory and binary name.")
    module_path: ModulePath = Field(description="Go module path (defaults to the app name).")
    go_version: GoVersion = Field(
        default=versions.GO_VERSION,
        description="Go release for the golang image tag and the go.mod go line (1.N or 1.N.P).",
    )
    port: int = Field(
        default=versions.DEFAULT_PORT, ge=1, le=65535, description="Port the app listens on."
    )
    variant: Variant = Field(
        default=Variant.ENTERPRISE, description="Preset: bad, better, pro or enterprise."
    )
    builder: Builder = Field(description="Builder image flavour: golang alpine or Debian.")
    base: Base = Field(description="Runtime base: alpine, scratch or distroless (golang: bad).")
    git: bool = Field(description="Install git in the builder (modules fetched from VCS).")
    ca_certificates: bool = Field(description="Put a CA bundle in the image (outbound TLS).")
    tzdata: bool = Field(description="Put time-zone data in the image.")
    tzdata_source: TzdataSource = Field(
        default=TzdataSource.AUTO,
        description="How tzdata gets in: auto, package (apk), copy (from builder), embed.",
    )
    non_root: bool = Field(description="Run as a numeric non-root USER uid:gid.")
    uid: int = Field(ge=1, le=2_147_483_647, description="UID and GID of the non-root user.")
    passwd_entry: bool = Field(description="Give the UID a name in /etc/passwd and /etc/group.")
    writable_tmp: bool = Field(description="Provide a writable /tmp (scratch has none).")
    strip: bool = Field(description="Strip symbols and debug info: -ldflags '-s -w'.")
    trimpath: bool = Field(description="Build with -trimpath (no build paths in the binary).")
    cgo: bool = Field(description="Build with CGO_ENABLED=1 (needs a libc in the runtime).")
    buildkit: bool = Field(description="Use BuildKit features: syntax line and cache mounts.")
    cross_compile: bool = Field(
        description="Cross-compile for the target platform from $BUILDPLATFORM (multi-arch)."
    )
    healthcheck: bool = Field(description="Add a HEALTHCHECK that runs the binary's probe.")
    version_stamp: bool = Field(description="Stamp ARG VERSION and COMMIT into the binary.")
    labels: bool = Field(description="Add OCI image labels (source, version, revision...).")
    source_url: Url | None = Field(
        default=None,
        description="org.opencontainers.image.source (default: derived from the module path).",
    )
    goprivate: GoPrivate | None = Field(
        default=None, description="GOPRIVATE patterns for private modules."
    )
    private_auth: PrivateAuth = Field(
        default=PrivateAuth.NONE,
        description="Credentials for private modules: none, netrc (secret) or ssh (agent).",
    )
    alpine_version: AlpineVersion = Field(
        default=versions.ALPINE_VERSION, description="Alpine minor for alpine images."
    )
    builder_image: ImageRef | None = Field(
        default=None, description="Override the builder image reference (e.g. a mirror)."
    )
    runtime_image: ImageRef | None = Field(
        default=None, description="Override the runtime image reference (e.g. a mirror)."
    )
    comments: bool = Field(default=True, description="Explain each choice in comments.")
    compose: bool = Field(default=False, description="Also write compose.yaml.")
    ci_workflow: bool = Field(
        default=False, description="Also write a GitHub Actions workflow (buildx, multi-arch)."
    )

    @classmethod
    def resolve(cls, choices: Mapping[str, Any]) -> Options:
        """Fill what `choices` leaves unset from the variant preset, then validate.

        Raises InvalidOptionsError with a one-line message naming the option at fault.
        """
        try:
            return cls.model_validate(dict(choices))
        except ValidationError as error:
            raise InvalidOptionsError(describe_validation_error(error)) from None

    @model_validator(mode="before")
    @classmethod
    def _apply_preset(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        given = {key: value for key, value in data.items() if value is not None}
        variant = given.get("variant", Variant.ENTERPRISE)
        try:
            variant = Variant(variant)
        except ValueError:
            return given  # the field validator reports the bad variant
        resolved = dict(preset_for(variant.value))
        base = given.get("base", resolved["base"])
        if base == Base.DISTROLESS.value:
            # distroless static ships certificates and zoneinfo and runs as 65532.
            resolved.update(dict.fromkeys(DISTROLESS_PROVIDES, True), uid=versions.DISTROLESS_UID)
        resolved.update(given)
        resolved.setdefault("module_path", resolved.get("app_name"))
        return resolved

    @model_validator(mode="after")
    def _check_combinations(self) -> Self:
        for problem in _combination_problems(self):
            raise ValueError(problem)
        return self

    # Derived values the templates use.

    @property
    def multi_stage(self) -> bool:
        return self.base is not Base.GOLANG

    @property
    def builder_image_ref(self) -> str:
        if self.builder_image:
            return self.builder_image
        if self.builder is Builder.ALPINE:
            return f"golang:{self.go_version}-alpine{self.alpine_version}"
        return f"golang:{self.go_version}-{versions.DEBIAN_RELEASE}"

    @property
    def runtime_image_ref(self) -> str | None:
        """The FROM of the final stage; None for the single-stage bad variant."""
        if self.runtime_image:
            return self.runtime_image
        return {
            Base.GOLANG: None,
            Base.ALPINE: f"alpine:{self.alpine_version}",
            Base.SCRATCH: "scratch",
            Base.DISTROLESS: versions.DISTROLESS_IMAGE,
        }[self.base]

    @property
    def effective_tzdata_source(self) -> TzdataSource | None:
        """How tzdata reaches the image, or None when it is absent or already in the base."""
        if not self.tzdata or self.base is Base.GOLANG:
            return None
        if self.tzdata_source is not TzdataSource.AUTO:
            return self.tzdata_source  # an explicit choice is honoured, embed on distroless too
        return {
            Base.ALPINE: TzdataSource.PACKAGE,
            Base.SCRATCH: TzdataSource.EMBED,
            Base.DISTROLESS: None,
        }[self.base]

    @property
    def effective_source_url(self) -> str | None:
        if self.source_url:
            return self.source_url
        host = self.module_path.split("/", 1)[0]
        return f"https://{self.module_path}" if "." in host and "/" in self.module_path else None

    @property
    def private_hosts(self) -> tuple[str, ...]:
        """Hosts named in GOPRIVATE without wildcards, in first-seen order."""
        hosts: list[str] = []
        for pattern in (self.goprivate or "").split(","):
            host = pattern.split("/", 1)[0]
            if host and not any(c in host for c in "*?[]") and host not in hosts:
                hosts.append(host)
        return tuple(hosts)

    @property
    def binary_path(self) -> str:
        return f"/usr/local/bin/{self.app_name}"


def _combination_problems(o: Options) -> list[str]:
    """Each rejection names the options at fault and why; the first one is reported."""
    problems: list[str] = []
    if o.variant is Variant.BAD:
        preset = preset_for(Variant.BAD.value)
        for name in _FIXED_FOR_BAD:
            if getattr(o, name) != preset.get(name, Options.model_fields[name].default):
                problems.append(
                    f"{_flag(name)} does not apply to the bad variant: it reproduces the seed's "
                    "single-stage anti-pattern as is; choose better, pro or enterprise"
                )
        return problems
    if o.base is Base.GOLANG:
        problems.append(
            f"--base golang ships the compiler in the image; only the bad variant uses it "
            f"(variant {o.variant.value} needs alpine, scratch or distroless)"
        )
    if o.cgo:
        if o.base in (Base.SCRATCH, Base.DISTROLESS):
            problems.append(
                f"--cgo with --base {o.base.value}: a cgo binary needs a C library and dynamic "
                "loader that the base does not have; use --base alpine or --no-cgo"
            )
        elif o.builder is Builder.DEBIAN and o.base is Base.ALPINE:
            problems.append(
                "--cgo with --builder debian and --base alpine: a glibc-linked binary does not "
                "run on Alpine's musl; use --builder alpine"
            )
        if o.cross_compile:
            problems.append(
                "--cgo with --cross-compile: cgo needs a C cross-compiler for each target; "
                "use --no-cross-compile (builds under emulation) or --no-cgo"
            )
    if o.base is Base.DISTROLESS:
        if not o.ca_certificates or not o.tzdata:
            problems.append(
                "--no-ca-certificates/--no-tzdata with --base distroless: distroless static "
                "always contains them; choose --base scratch for an image without them"
            )
        if not o.non_root:
            problems.append(
                "--no-non-root with --base distroless: the :nonroot flavour is used; "
                "choose --base alpine or scratch to run as root"
            )
        if o.passwd_entry and o.uid != versions.DISTROLESS_UID:
            problems.append(
                f"--passwd-entry with --base distroless and --uid {o.uid}: distroless names "
                f"only UID {versions.DISTROLESS_UID} (nonroot); use that UID or --no-passwd-entry"
            )
    if o.tzdata_source is not TzdataSource.AUTO:
        if not o.tzdata:
            problems.append(f"--tzdata-source {o.tzdata_source.value} needs --tzdata")
        elif o.tzdata_source is TzdataSource.PACKAGE and o.base is not Base.ALPINE:
            problems.append(
                f"--tzdata-source package with --base {o.base.value}: only alpine has a "
                "package manager; use copy or embed"
            )
        elif o.tzdata_source is TzdataSource.COPY and o.base is Base.DISTROLESS:
            problems.append("--tzdata-source copy with --base distroless: it already has tzdata")
    if o.passwd_entry and not o.non_root:
        problems.append("--passwd-entry names the non-root user; it needs --non-root")
    if o.cross_compile and not o.buildkit:
        problems.append(
            "--cross-compile with --no-buildkit: $BUILDPLATFORM and $TARGETARCH come from "
            "BuildKit; drop one of them"
        )
    if o.private_auth is not PrivateAuth.NONE:
        if not o.goprivate:
            problems.append(
                f"--private-auth {o.private_auth.value} needs --goprivate naming the private "
                "module paths"
            )
        elif not o.private_hosts:
            problems.append(
                f"--private-auth {o.private_auth.value} needs a host to authenticate to, but "
                f"--goprivate {o.goprivate} names none without wildcards; add e.g. "
                "git.example.com/team/*"
            )
        if not o.buildkit:
            problems.append(
                f"--private-auth {o.private_auth.value} needs BuildKit secret/ssh mounts; "
                "drop --no-buildkit"
            )
    if o.goprivate and not o.git and o.builder is Builder.ALPINE:
        problems.append(
            "--goprivate with --no-git: private modules are fetched with git, which the alpine "
            "builder lacks; add --git"
        )
    if o.source_url and not o.labels:
        problems.append("--source-url is written only into the OCI labels; it needs --labels")
    return problems


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def describe_validation_error(error: ValidationError) -> str:
    """One line for the first problem: the option's flag name, then pydantic's reason."""
    first = error.errors(include_url=False)[0]
    message = str(first["msg"]).removeprefix("Value error, ")
    location = [str(part) for part in first["loc"]]
    if not location:
        return message
    if first["type"] == "extra_forbidden":
        return f"unknown option {location[0]!r}"
    if first["type"] == "missing":
        return f"{_flag(location[0])} is required"
    return f"{_flag(location[0])}: {message}"
