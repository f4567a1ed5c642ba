"""Derive the Dockerfile's building blocks from the options, so the template only lays them out."""

from __future__ import annotations

from typing import NamedTuple

from scaffold_go_docker.options import Base, Builder, Options, PrivateAuth, TzdataSource

MODULE_CACHE = "--mount=type=cache,target=/go/pkg/mod"
BUILD_CACHE = "--mount=type=cache,target=/root/.cache/go-build"
GO_ZONEINFO = "/usr/local/go/lib/time/zoneinfo.zip"
ZONEINFO_TARGET = "/usr/local/share/zoneinfo.zip"
CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
USER_NAME = "app"
_PURPOSE = {"ca-certificates": "outbound TLS", "tzdata": "time zones"}


class RuntimeCopy(NamedTuple):
    why: str
    source: str
    target: str


class DockerfileView:
    """The Dockerfile's blocks, as lists of lines the template lays out in order."""

    def __init__(self) -> None:
        self.global_args: list[str] = []
        self.builder_packages: list[str] = []
        self.builder_packages_why: list[str] = []
        self.ssh_hosts: list[str] = []
        self.download_mounts: list[str] = []
        self.builder_args: list[str] = []
        self.build_comments: list[str] = []
        self.build_mounts: list[str] = []
        self.build_env: list[str] = []
        self.build_flags: list[str] = []
        self.build_run: list[str] = []
        self.usage: list[str] = []
        self.staged_rootfs: list[str] = []
        self.runtime_comments: list[str] = []
        self.runtime_args: list[str] = []
        self.labels: list[str] = []
        self.runtime_packages: list[str] = []
        self.runtime_run: list[str] = []
        self.runtime_run_why: list[str] = []
        self.runtime_copies: list[RuntimeCopy] = []
        self.runtime_env: list[str] = []


def build_view(o: Options) -> DockerfileView:
    view = DockerfileView()
    _metadata_args(o, view)
    _builder_setup(o, view)
    _build_command(o, view)
    _runtime(o, view)
    view.build_run = [
        *view.build_mounts,
        " ".join(view.build_env),
        f"go build {' '.join(view.build_flags)}",
        f"    -o /out/{o.app_name} .",
    ]
    view.usage = _usage(o)
    return view


def _usage(o: Options) -> list[str]:
    """The build command for this Dockerfile, shown in its header."""
    if not o.multi_stage:
        return []
    command = ["docker buildx build"]
    if o.cross_compile:
        command.append("--platform linux/amd64,linux/arm64")
    if o.version_stamp or o.labels:
        command.append('--build-arg VERSION="$(git describe --tags --always)"')
        command.append('--build-arg COMMIT="$(git rev-parse HEAD)"')
    if o.labels:
        command.append('--build-arg CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"')
    if o.private_auth is PrivateAuth.NETRC:
        command.append('--secret id=netrc,src="$HOME/.netrc"')
    elif o.private_auth is PrivateAuth.SSH:
        command.append("--ssh default")
    command.append(f"-t {o.app_name.lower()} .")
    if len(command) == 2:
        return [f"Build: {' '.join(command)}"]
    lines = ["Build:", f"  {command[0]}"]
    lines += [f"    {part}" for part in command[1:]]
    return [line + " \\" if 1 <= i < len(lines) - 1 else line for i, line in enumerate(lines)]


def _sentence(text: str) -> str:
    """A comment line; not capitalised, as most start with a package or path name."""
    return text + ("" if text.endswith(".") else ".")


def _metadata_args(o: Options, view: DockerfileView) -> None:
    stamped = ["VERSION=dev", "COMMIT=unknown"] if o.version_stamp or o.labels else []
    view.global_args = stamped + (["CREATED"] if o.labels else [])
    if o.version_stamp:
        view.builder_args += ["VERSION", "COMMIT"]
    if o.labels:
        view.runtime_args = ["VERSION", "COMMIT", "CREATED"]
        view.labels = [f'org.opencontainers.image.title="{o.app_name}"']
        if o.effective_source_url:
            view.labels.append(f'org.opencontainers.image.source="{o.effective_source_url}"')
        view.labels += [
            'org.opencontainers.image.version="${VERSION}"',
            'org.opencontainers.image.revision="${COMMIT}"',
            'org.opencontainers.image.created="${CREATED}"',
        ]


def _builder_setup(o: Options, view: DockerfileView) -> None:
    if o.builder is Builder.ALPINE:
        reasons = []
        if o.git:
            view.builder_packages.append("git")
            reasons.append("git fetches modules that are not on a module proxy")
        if o.cgo:
            view.builder_packages += ["gcc", "musl-dev"]
            reasons.append("gcc and musl-dev compile the cgo parts")
        if o.private_auth is PrivateAuth.SSH:
            view.builder_packages.append("openssh-client")
            reasons.append("openssh-client lets git use the forwarded SSH agent")
        view.builder_packages_why = [_sentence(reason) for reason in reasons]
    if o.private_auth is PrivateAuth.SSH:
        view.ssh_hosts = list(o.private_hosts)
    if o.buildkit:
        if o.private_auth is PrivateAuth.NETRC:
            # The token stays out of every layer and the image history.
            view.download_mounts.append("--mount=type=secret,id=netrc,target=/root/.netrc")
        elif o.private_auth is PrivateAuth.SSH:
            view.download_mounts.append("--mount=type=ssh")
        view.download_mounts.append(MODULE_CACHE)


def _build_command(o: Options, view: DockerfileView) -> None:
    if o.buildkit:
        view.build_mounts = [MODULE_CACHE, BUILD_CACHE]
        view.build_comments.append(
            "The build cache is mounted too: a source change recompiles only what changed."
        )
    if o.cross_compile:
        view.builder_args += ["TARGETOS", "TARGETARCH", "TARGETVARIANT"]
        view.build_env = [
            f"CGO_ENABLED={int(o.cgo)}",
            "GOOS=$TARGETOS",
            "GOARCH=$TARGETARCH",
            "GOARM=${TARGETVARIANT#v}",
        ]
        view.build_comments.append(
            "GOOS/GOARCH (and GOARM for arm/v6, arm/v7) come from the --platform being built."
        )
    else:
        view.build_env = [f"CGO_ENABLED={int(o.cgo)}", "GOOS=linux"]
    if o.cgo:
        view.build_comments.append(
            "CGO_ENABLED=1 links against the C library, so the runtime needs the same libc."
        )
    else:
        view.build_comments.append(
            "CGO_ENABLED=0 gives a static binary: no C library needed at runtime."
        )
    if o.trimpath:
        view.build_flags.append("-trimpath")
        view.build_comments.append("-trimpath keeps build paths out of the binary.")
    view.build_flags.append("-buildvcs=false")
    view.build_comments.append(
        "-buildvcs=false: VCS stamping fails when git refuses a .git in the context."
    )
    if o.effective_tzdata_source is TzdataSource.EMBED:
        view.build_flags.append("-tags timetzdata")
        view.build_comments.append(
            "-tags timetzdata embeds the zoneinfo database (~450 KB): time zones load anywhere."
        )
    ldflags = []
    if o.strip:
        ldflags.append("-s -w")
        view.build_comments.append("-s -w strips the symbol table and DWARF data.")
    if o.version_stamp:
        # Quoted for Go's flag parser, so a VERSION with spaces stays one -X value.
        ldflags.append("-X 'main.version=${VERSION}' -X 'main.commit=${COMMIT}'")
        view.build_comments.append("-X stamps the build's VERSION and COMMIT into the binary.")
    if ldflags:
        view.build_flags.append(f'-ldflags="{" ".join(ldflags)}"')


def _runtime(o: Options, view: DockerfileView) -> None:
    view.runtime_comments = _runtime_base_comments(o)
    if o.base is Base.ALPINE:
        _alpine_runtime(o, view)
    elif o.base is Base.SCRATCH:
        _scratch_runtime(o, view)
    view.runtime_copies.append(
        RuntimeCopy(
            "The binary stays owned by root: the service cannot overwrite itself.",
            f"/out/{o.app_name}",
            o.binary_path,
        )
    )


def _runtime_base_comments(o: Options) -> list[str]:
    if o.base is Base.ALPINE:
        return ["Alpine: a few MB, with a shell and apk for debugging."]
    if o.base is Base.SCRATCH:
        return ["scratch is empty: the image is the binary plus what is copied in below."]
    return [
        "distroless static: CA certificates, tzdata and a nonroot user (65532), no shell.",
    ]


def _alpine_runtime(o: Options, view: DockerfileView) -> None:
    reasons = []
    if o.ca_certificates:
        view.runtime_packages.append("ca-certificates")
    if o.effective_tzdata_source is TzdataSource.PACKAGE:
        view.runtime_packages.append("tzdata")
    if view.runtime_packages:
        view.runtime_run.append(f"apk add --no-cache {' '.join(view.runtime_packages)}")
        reasons.append(
            " and ".join(f"{package} for {_PURPOSE[package]}" for package in view.runtime_packages)
        )
    if o.passwd_entry:
        view.runtime_run.append(f"addgroup -S -g {o.uid} {USER_NAME}")
        view.runtime_run.append(
            f"adduser -S -D -H -u {o.uid} -G {USER_NAME} -h /nonexistent "
            f"-s /sbin/nologin {USER_NAME}"
        )
        reasons.append(f"A system user {USER_NAME!r}, so tools show a name for UID {o.uid}")
    view.runtime_run_why = [_sentence(reason) for reason in reasons]
    _copied_tzdata(o, view)


def _scratch_runtime(o: Options, view: DockerfileView) -> None:
    if o.passwd_entry:
        view.staged_rootfs += [
            "mkdir -p /rootfs/etc",
            f'echo "{USER_NAME}:x:{o.uid}:{o.uid}::/nonexistent:/sbin/nologin" '
            "> /rootfs/etc/passwd",
            f'echo "{USER_NAME}:x:{o.uid}:" > /rootfs/etc/group',
        ]
    if o.writable_tmp:
        view.staged_rootfs += ["mkdir -p /rootfs/tmp", "chmod 1777 /rootfs/tmp"]
    if view.staged_rootfs:
        what = []
        if o.passwd_entry:
            what.append(f"/etc/passwd and /etc/group name UID {o.uid}")
        if o.writable_tmp:
            what.append("/tmp is writable by all, sticky as usual")
        view.runtime_copies.append(RuntimeCopy(_sentence("; ".join(what)), "/rootfs/", "/"))
    if o.ca_certificates:
        view.runtime_copies.append(
            RuntimeCopy(
                "CA certificates from the builder, for outbound TLS "
                "(otherwise: x509: certificate signed by unknown authority).",
                CA_BUNDLE,
                CA_BUNDLE,
            )
        )
    _copied_tzdata(o, view)


def _copied_tzdata(o: Options, view: DockerfileView) -> None:
    if o.effective_tzdata_source is TzdataSource.COPY:
        view.runtime_copies.append(
            RuntimeCopy(
                "Go's own zoneinfo archive from the builder; ZONEINFO tells Go where it is.",
                GO_ZONEINFO,
                ZONEINFO_TARGET,
            )
        )
        view.runtime_env.append(f"ZONEINFO={ZONEINFO_TARGET}")
