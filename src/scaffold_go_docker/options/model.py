"""The options model: every value a render needs, validated as one unit."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from enum import Enum
from functools import cache
from typing import Any, Self, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from scaffold_go_docker.errors import InvalidOptionsError, excerpt
from scaffold_go_docker.facts import go
from scaffold_go_docker.options import defaults, versions
from scaffold_go_docker.options.enums import (
    DEFAULT_VARIANT,
    Base,
    Builder,
    CgoLink,
    Lang,
    PrivateAuth,
    Source,
    TzdataSource,
    Variant,
)
from scaffold_go_docker.options.formats import (
    AbsoluteDirs,
    AlpineVersion,
    AppName,
    BuildTags,
    CommandWords,
    ContextPaths,
    EnvEntries,
    GoPrivate,
    GoProxy,
    GoSumDb,
    GoVariable,
    GoVersion,
    HostName,
    HttpPath,
    ImageRef,
    LinkerFlags,
    ModulePath,
    PackagePaths,
    RelativeDir,
    RelativeDirs,
    TimeZone,
    Url,
    minor_of,
    split_list,
)
from scaffold_go_docker.options.naming import Provenance, Wording
from scaffold_go_docker.options.platforms import PlatformList
from scaffold_go_docker.options.presets import Filled, fill
from scaffold_go_docker.options.rules import CombinationError, find_problems

_FILLED = "filled"
_PROVENANCE = "provenance"


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
        default=defaults.DEFAULT_PORT, ge=1, le=65535, description="Port the app listens on."
    )
    variant: Variant = Field(
        default=DEFAULT_VARIANT,
        description="Preset: " + ", ".join(v.value for v in Variant) + ".",
    )
    builder: Builder = Field(description="Builder image flavour: golang alpine or Debian.")
    base: Base = Field(
        description="Runtime base: alpine, scratch, distroless (static), distroless-base or "
        "debian (glibc, for cgo); golang: bad."
    )
    git: bool = Field(description="Install git in the builder (modules fetched from VCS).")
    ca_certificates: bool = Field(description="Put a CA bundle in the image (outbound TLS).")
    tzdata: bool = Field(description="Put time-zone data in the image.")
    tzdata_source: TzdataSource = Field(
        default=TzdataSource.AUTO,
        description="How tzdata gets in: auto, package (apk), copy (from builder), embed.",
    )
    timezone: TimeZone | None = Field(
        default=None,
        description="The service's time zone, ENV TZ in the image (e.g. Asia/Shanghai); "
        "default UTC.",
    )
    non_root: bool = Field(description="Run as a numeric non-root USER uid:gid.")
    uid: int = Field(ge=1, le=2_147_483_647, description="UID and GID of the non-root user.")
    passwd_entry: bool = Field(description="Give the UID a name in /etc/passwd and /etc/group.")
    writable_tmp: bool = Field(description="Provide a writable /tmp (scratch has none).")
    strip: bool = Field(description="Strip symbols and debug info: -ldflags '-s -w'.")
    trimpath: bool = Field(description="Build with -trimpath (no build paths in the binary).")
    ldflags: LinkerFlags | None = Field(
        default=None,
        description="More linker flags, after the tool's own in -ldflags (e.g. -X 'pkg.var=v').",
    )
    tags: BuildTags | None = Field(
        default=None, description="Go build tags, comma-separated: -tags (e.g. netgo,osusergo)."
    )
    cgo: bool = Field(description="Build with CGO_ENABLED=1 (needs a libc in the runtime).")
    cgo_link: CgoLink = Field(
        default=CgoLink.DYNAMIC,
        description="How a cgo binary links the C library: dynamic (the runtime has the "
        "builder's libc) or static (-tags netgo,osusergo, -extldflags -static on the Debian "
        "builder; runs on scratch or distroless).",
    )
    buildkit: bool = Field(description="Use BuildKit features: syntax line and cache mounts.")
    syntax_line: bool = Field(
        default=True,
        description="Start with a # syntax= line naming the Dockerfile frontend (BuildKit pulls "
        "it); without it the builder's built-in frontend is used (air-gapped builds).",
    )
    syntax_image: ImageRef | None = Field(
        default=None,
        description="The frontend image the syntax line names (default docker/dockerfile:1), "
        "e.g. a mirror's copy.",
    )
    cross_compile: bool = Field(
        description="Cross-compile for the target platform from $BUILDPLATFORM (multi-arch)."
    )
    platforms: PlatformList | None = Field(
        default=None,
        description="Target platforms, comma-separated os/arch or os/arch/variant (default: "
        + ",".join(defaults.PLATFORMS)
        + " when cross-compiling, else the build machine's).",
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
    goproxy: GoProxy | None = Field(
        default=None,
        description="GOPROXY for downloading modules (e.g. https://goproxy.cn,direct): a build "
        "arg default, so CI can override it.",
    )
    gosumdb: GoSumDb | None = Field(
        default=None,
        description="GOSUMDB, the checksum database (e.g. sum.golang.google.cn): a build arg.",
    )
    apk_mirror: HostName | None = Field(
        default=None,
        description="Alpine package mirror for every apk add (e.g. mirrors.aliyun.com).",
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
    lang: Lang = Field(
        default=Lang.EN,
        description="Language of the comments and the interview: en or zh (Simplified Chinese).",
    )
    source_module: bool = Field(
        default=False,
        description="Build an existing Go module (init): no sample app is written, any Go "
        "release the module names is accepted.",
    )
    main_packages: PackagePaths = Field(
        default=(".",),
        min_length=1,
        description="Main packages to build, e.g. ./cmd/api; the binary is named after the last "
        "element (the module's for .). Several: one runtime target each, the last the default.",
    )
    one_image: bool = Field(
        default=False,
        description="With several main packages: every binary in one image, the first the "
        "ENTRYPOINT.",
    )
    vendor: bool = Field(
        default=False,
        description="Build from the committed vendor/ directory (-mod=vendor): no module download.",
    )
    module_dir: RelativeDir = Field(
        default=".",
        description="The module's directory in the build context (a go.work member, e.g. api).",
    )
    workspace_modules: RelativeDirs = Field(
        default=(),
        description="go.work members, relative to the context (the workspace root): their "
        "go.mod and go.sum are copied before the module download. Empty: no go.work.",
    )
    listens: bool = Field(
        default=True,
        description="The program serves on the port; false (a CLI tool or worker): no EXPOSE "
        "and no HEALTHCHECK.",
    )
    healthcheck_path: HttpPath | None = Field(
        default=None,
        description="HTTP path the HEALTHCHECK requests (e.g. /healthz): busybox wget on "
        "alpine, a small probe binary elsewhere.",
    )
    cmd: CommandWords = Field(
        default=(),
        description="Arguments after the binary (exec-form CMD), e.g. 'serve --addr :8080'; "
        "with one target per binary, the default (last) target's.",
    )
    env: EnvEntries = Field(
        default=(), description="Environment of the image, KEY=VALUE (ENV in the runtime stage)."
    )
    version_var: GoVariable | None = Field(
        default=None,
        description="Go variable the build's VERSION is stamped into with -X, e.g. "
        "main.version or example.com/m/internal/build.Version.",
    )
    commit_var: GoVariable | None = Field(
        default=None, description="Go variable the build's COMMIT is stamped into with -X."
    )
    writable_dirs: AbsoluteDirs = Field(
        default=(),
        description="Directories the non-root user may write, declared VOLUME, e.g. /var/lib/app.",
    )
    dockerignore_keep: ContextPaths = Field(
        default=(),
        description="Paths the build needs (//go:embed) that .dockerignore must not exclude.",
    )
    compose: bool = Field(default=False, description="Also write compose.yaml.")
    ci_workflow: bool = Field(
        default=False, description="Also write a GitHub Actions workflow (buildx, multi-arch)."
    )

    @classmethod
    def resolve(cls, choices: Mapping[str, Any], provenance: Provenance | None = None) -> Options:
        """Fill what `choices` leaves unset (None or absent), then validate.

        Raises InvalidOptionsError with a one-line message naming the option at fault, in
        the words of its source when `provenance` tells where each choice came from.
        """
        given = {name: value for name, value in choices.items() if value is not None}
        context: dict[str, Any] = {_PROVENANCE: provenance or Provenance()}
        try:
            return cls.model_validate(given, context=context)
        except ValidationError as error:
            filled: Filled = context.get(_FILLED) or Filled(dict(given), {})
            wording = _wording(filled, context[_PROVENANCE])
            raise InvalidOptionsError(describe_validation_error(error, wording)) from None

    @model_validator(mode="before")
    @classmethod
    def _fill(cls, data: Any, info: ValidationInfo) -> Any:
        if not isinstance(data, dict):
            return data
        filled = fill({k: v for k, v in data.items() if v is not None}, field_defaults())
        if isinstance(info.context, dict):
            info.context[_FILLED] = filled
        return filled.values

    @model_validator(mode="after")
    def _check_combinations(self, info: ValidationInfo) -> Self:
        context = info.context if isinstance(info.context, dict) else {}
        filled = context.get(_FILLED) or Filled(self.model_dump(), {})
        wording = _wording(filled, context.get(_PROVENANCE) or Provenance())
        problems = find_problems(self, wording.given)
        if problems:
            raise CombinationError(problems, wording)
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
            alpine = go.golang_alpine_suffix(self.go_version, self.alpine_version)
            return f"golang:{self.go_version}-{alpine}"
        debian = go.golang_debian_release(self.go_version, versions.DEBIAN_RELEASE)
        return f"golang:{self.go_version}-{debian}"

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
            Base.DISTROLESS_BASE: versions.DISTROLESS_BASE_IMAGE,
            Base.DEBIAN: versions.DEBIAN_IMAGE,
        }[self.base]

    def go_has(self, since_minor: int) -> bool:
        """Whether the build's Go has what came with Go 1.`since_minor` (facts/go.py)."""
        return minor_of(self.go_version) >= since_minor

    @property
    def effective_tzdata_source(self) -> TzdataSource | None:
        """How tzdata reaches the image, or None when it is absent or already in the base."""
        if not self.tzdata or self.base is Base.GOLANG:
            return None
        if self.tzdata_source is not TzdataSource.AUTO:
            return self.tzdata_source  # an explicit choice is honoured, embed on distroless too
        embeds = self.go_has(go.TZDATA_EMBED_SINCE)
        return {
            Base.ALPINE: TzdataSource.PACKAGE,
            Base.SCRATCH: TzdataSource.EMBED if embeds else TzdataSource.COPY,
            Base.DISTROLESS: None,
            Base.DISTROLESS_BASE: None,
            Base.DEBIAN: None,  # bookworm-slim still ships tzdata
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
    def binary_names(self) -> tuple[str, ...]:
        """Each main package's binary, in order: named after its directory; the sample app's
        after the app, an existing module's root package after the module path."""
        return tuple(self._binary_name(package) for package in self.main_packages)

    def _binary_name(self, package: str) -> str:
        if package != ".":
            return package.rsplit("/", 1)[-1]
        if not self.source_module:
            return self.app_name  # the sample app is the one package at the root
        elements = self.module_path.split("/")
        if len(elements) > 1 and re.fullmatch(r"v[0-9]+", elements[-1]):
            return elements[-2]  # example.com/tool/v2 builds `tool`, as go install names it
        return elements[-1]

    @property
    def binary_name(self) -> str:
        """The binary the default (last) target runs."""
        return self.binary_names[-1]

    @property
    def binary_path(self) -> str:
        return f"/usr/local/bin/{self.binary_name}"

    @property
    def several_targets(self) -> bool:
        """Several binaries, each in its own image: one named runtime target per binary."""
        return len(self.main_packages) > 1 and not self.one_image

    @property
    def probe_binary(self) -> bool:
        """The HEALTHCHECK requests its path with a small probe built in the builder: every
        base but alpine lacks busybox wget."""
        return bool(self.healthcheck and self.healthcheck_path) and self.base is not Base.ALPINE

    @property
    def healthcheck_command(self) -> tuple[str, ...]:
        """The HEALTHCHECK's command in exec form; empty for none."""
        if not self.healthcheck:
            return ()
        if not self.healthcheck_path:
            return (self.binary_path, "-healthcheck")  # the sample app probes itself
        address = f"127.0.0.1:{self.port}"
        if self.probe_binary:
            return (defaults.PROBE_PATH, address, self.healthcheck_path)
        return ("wget", "-q", "--spider", f"http://{address}{self.healthcheck_path}")

    @property
    def stamped_variables(self) -> dict[str, str]:
        """The Go variables -X stamps, each with the build arg it takes."""
        if self.version_stamp:
            return dict(defaults.STAMPED_VARIABLES)
        named = {self.version_var: "VERSION", self.commit_var: "COMMIT"}
        return {variable: arg for variable, arg in named.items() if variable}

    @property
    def warnings(self) -> list[str]:
        """What works but may surprise: versions newer than this tool knows (used as
        given), a Go past its security fixes, a privileged port for a non-root process."""
        warnings = []
        oldest_supported = minor_of(versions.GO_VERSION) - go.SUPPORTED_RELEASES + 1
        if not self.go_has(oldest_supported):
            warnings.append(
                f"Go {self.go_version} gets no security fixes any more (each Go release does "
                f"until two newer ones are out; the newest is {versions.GO_VERSION}); a go.mod "
                f"`go` line is a minimum, so Go {versions.GO_VERSION} builds the same module"
            )
        for what, given, known in (
            ("Go", self.go_version, versions.GO_VERSION),
            ("Alpine", self.alpine_version, versions.ALPINE_VERSION),
        ):
            if minor_of(given) > minor_of(known):
                warnings.append(
                    f"{what} {given} is newer than the newest release this tool knows "
                    f"({known}): used as given"
                )
        if self.non_root and self.listens and self.port < defaults.FIRST_UNPRIVILEGED_PORT:
            warnings.append(
                f"port {self.port} is privileged: a non-root process binds it on Docker "
                "20.10+ (which allows any port inside the container), not on Kubernetes or "
                "rootless podman by default; prefer a port from "
                f"{defaults.FIRST_UNPRIVILEGED_PORT} up if the program lets you choose"
            )
        return warnings

    @property
    def builder_packages(self) -> tuple[str, ...]:
        """What the builder stage installs with apk (the Debian golang image has it all)."""
        if self.builder is not Builder.ALPINE or self.base is Base.GOLANG:
            return ()
        wanted = {
            "git": self.git,
            "gcc": self.cgo,
            "musl-dev": self.cgo,
            "openssh-client": self.private_auth is PrivateAuth.SSH,
        }
        return tuple(package for package, needed in wanted.items() if needed)

    @property
    def runtime_packages(self) -> tuple[str, ...]:
        """What the runtime stage installs with apk: only the alpine base has apk."""
        if self.base is not Base.ALPINE:
            return ()
        wanted = {
            "ca-certificates": self.ca_certificates,
            "tzdata": self.effective_tzdata_source is TzdataSource.PACKAGE,
        }
        return tuple(package for package, needed in wanted.items() if needed)

    @property
    def target_platforms(self) -> tuple[str, ...]:
        """The platforms a build targets; none means the build machine's own."""
        if self.platforms:
            return split_list(self.platforms)
        return defaults.PLATFORMS if self.cross_compile else ()

    @property
    def build_tags(self) -> tuple[str, ...]:
        """The user's tags, then the tool's own (timetzdata to embed zoneinfo), once each."""
        embeds = self.effective_tzdata_source is TzdataSource.EMBED
        static_cgo = self.cgo and self.cgo_link is CgoLink.STATIC
        tool: tuple[str, ...] = (go.TZDATA_BUILD_TAG,) if embeds else ()
        # A static cgo binary resolves names and users in Go: glibc's NSS cannot be static.
        tool += go.STATIC_CGO_TAGS if static_cgo else ()
        return tuple(dict.fromkeys((*split_list(self.tags), *tool)))

    @property
    def syntax(self) -> str | None:
        """The frontend the `# syntax=` line names, or None for no line."""
        if not (self.buildkit and self.syntax_line):
            return None
        return self.syntax_image or versions.DOCKERFILE_FRONTEND


@cache
def field_defaults() -> dict[str, Any]:
    """Each option's built-in default, for those that have one."""
    return {
        name: info.default for name, info in Options.model_fields.items() if not info.is_required()
    }


def _wording(filled: Filled, provenance: Provenance) -> Wording:
    given = {name: provenance.origins.get(name, Source.FLAG) for name in filled.values}
    return Wording(filled.values, {**given, **filled.origins}, provenance)


def describe_validation_error(
    error: ValidationError, wording: Wording | None = None, field: str | None = None
) -> str:
    """One line for the first problem: the option, named as its source names it, and why.

    `field` names the option when the error is a single value's (its location is empty).
    """
    first = error.errors(include_url=False)[0]
    location = [str(part) for part in first["loc"]]
    if first["type"] == "extra_forbidden" and location:
        return f"unknown option {excerpt(location[0])}"
    field = location[0] if location else field
    reason = _reason(first, field)
    if field is None:
        return reason
    named = (wording or Wording({}, {})).name(field)
    if first["type"] == "missing":
        return f"{named} is required"
    return f"{named}: {reason}"


def _reason(error: Any, field: str | None) -> str:
    """Why a value is refused, in the tool's words rather than pydantic's."""
    kind, value, context = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "int_type" and isinstance(value, str):
        return f"{excerpt(value)} is text, not a number: write it without quotes"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{excerpt(value)} is not a whole number"
    if kind == "less_than_equal":
        return f"{excerpt(value)} is too big: at most {context['le']}"
    if kind == "greater_than_equal":
        return f"{excerpt(value)} is too small: at least {context['ge']}"
    if kind == "bool_type" and isinstance(value, str):
        return f"{excerpt(value)} is text, not true or false: write it without quotes"
    if kind in ("bool_parsing", "bool_type"):
        return f"{excerpt(value)} is not true or false"
    if kind == "string_type":
        return f"{excerpt(value)} is not text (in YAML, quote it)"
    if kind == "enum" and field is not None:
        allowed = [member.value for member in _enum_of(field)]
        close = difflib.get_close_matches(str(value), allowed, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        return f"{excerpt(value)} is not one of {', '.join(allowed)}{hint}"
    return str(error["msg"]).removeprefix("Value error, ")


def validation_reason(error: ValidationError, field: str) -> str:
    """Why one value of `field` is refused, without naming the option."""
    return _reason(error.errors(include_url=False)[0], field)


def value_type(field: str) -> type[Any]:
    """The type an option's values have: `X | None` and Annotated unwrap to X."""
    annotation: Any = Options.model_fields[field].annotation
    while get_args(annotation):
        annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
    assert isinstance(annotation, type)
    return annotation


def _enum_of(field: str) -> type[Enum]:
    kind = value_type(field)
    assert issubclass(kind, Enum)
    return kind
