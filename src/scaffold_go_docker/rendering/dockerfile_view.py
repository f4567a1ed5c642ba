"""What each stage of the Dockerfile holds, as frozen data derived from the options.

Only facts live here: the arguments of each instruction (packages, mounts, flags, shell
commands, files to copy) and the build command the header shows. Every instruction
keyword and every sentence of explanation lives in the template, which reads these facts
and the options.
"""

from __future__ import annotations

from typing import NamedTuple

from scaffold_go_docker.options import Base, Builder, Options, PrivateAuth, TzdataSource
from scaffold_go_docker.options.defaults import PLATFORMS

MODULE_CACHE = "--mount=type=cache,target=/go/pkg/mod"
BUILD_CACHE = "--mount=type=cache,target=/root/.cache/go-build"
NETRC_SECRET = "--mount=type=secret,id=netrc,target=/root/.netrc"
SSH_AGENT = "--mount=type=ssh"
GO_ZONEINFO = "/usr/local/go/lib/time/zoneinfo.zip"
ZONEINFO_TARGET = "/usr/local/share/zoneinfo.zip"
CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
USER_NAME = "app"
OUTPUT_DIR = "/out"
ROOTFS = "/rootfs"


class Copy(NamedTuple):
    """A file the runtime stage takes from the builder; `what` picks its explanation."""

    what: str  # "rootfs", "ca_bundle", "zoneinfo" or "binary"
    source: str
    target: str


class GoBuild(NamedTuple):
    mounts: tuple[str, ...]
    env: tuple[str, ...]
    flags: tuple[str, ...]
    #: The linker flags inside the one -ldflags argument, each already quoted for Go.
    ldflags: tuple[str, ...]
    output: str
    package: str
    embeds_zoneinfo: bool

    @property
    def lines(self) -> tuple[str, ...]:
        """The RUN's continuation lines: mounts, the environment, `go build` and its flags."""
        ldflags = _when(bool(self.ldflags), f'-ldflags="{" ".join(self.ldflags)}"')
        command = " ".join(("go build", *self.flags, *ldflags))
        return (*self.mounts, " ".join(self.env), command)


class BuilderStage(NamedTuple):
    image: str
    on_build_platform: bool
    packages: tuple[str, ...]
    #: git rewrites that fetch each private host over SSH with the forwarded agent.
    ssh_rewrites: tuple[str, ...]
    download_mounts: tuple[str, ...]
    args: tuple[str, ...]
    build: GoBuild
    #: Commands that make the files an empty runtime base needs, where a shell exists.
    staged_rootfs: tuple[str, ...]


class RuntimeStage(NamedTuple):
    image: str
    args: tuple[str, ...]
    labels: tuple[str, ...]
    packages: tuple[str, ...]
    adds_user: bool
    #: The shell commands of the runtime stage's one RUN (packages, then the user).
    run: tuple[str, ...]
    copies: tuple[Copy, ...]
    env: tuple[tuple[str, str], ...]
    healthcheck: tuple[str, ...]
    entrypoint: tuple[str, ...]


#: How the header's build command fills each metadata build arg.
_METADATA_VALUES = {
    "VERSION": '"$(git describe --tags --always)"',
    "COMMIT": '"$(git rev-parse HEAD)"',
    "CREATED": '"$(date -u +%Y-%m-%dT%H:%M:%SZ)"',
}
_CREDENTIALS_ARGS = {
    PrivateAuth.NETRC: ('--secret id=netrc,src="$HOME/.netrc"',),
    PrivateAuth.SSH: ("--ssh default",),
}


class DockerfileView(NamedTuple):
    #: The build command the header shows, one argument group per item.
    usage: tuple[str, ...]
    global_args: tuple[str, ...]
    builder: BuilderStage
    runtime: RuntimeStage


def _when(condition: bool, *items: str) -> tuple[str, ...]:
    return items if condition else ()


def build_view(o: Options) -> DockerfileView:
    """The facts of a multi-stage Dockerfile for `o`."""
    stamped = o.version_stamp or o.labels
    metadata = _when(stamped, "VERSION", "COMMIT") + _when(o.labels, "CREATED")
    return DockerfileView(
        usage=(
            "docker buildx build" if o.buildkit else "docker build",
            *_when(o.cross_compile, f"--platform {','.join(PLATFORMS)}"),
            *(f"--build-arg {name}={_METADATA_VALUES[name]}" for name in metadata),
            *_CREDENTIALS_ARGS.get(o.private_auth, ()),
            f"-t {o.app_name.lower()} .",
        ),
        global_args=_when(stamped, "VERSION=dev", "COMMIT=unknown") + _when(o.labels, "CREATED"),
        builder=_builder(o),
        runtime=_runtime(o),
    )


def _builder(o: Options) -> BuilderStage:
    alpine = o.builder is Builder.ALPINE
    packages = (
        _when(alpine and o.git, "git")
        + _when(alpine and o.cgo, "gcc", "musl-dev")
        + _when(alpine and o.private_auth is PrivateAuth.SSH, "openssh-client")
    )
    credentials = {PrivateAuth.NETRC: (NETRC_SECRET,), PrivateAuth.SSH: (SSH_AGENT,)}
    download_mounts = _when(o.buildkit, *credentials.get(o.private_auth, ()), MODULE_CACHE)
    args = _when(o.version_stamp, "VERSION", "COMMIT") + _when(
        o.cross_compile, "TARGETOS", "TARGETARCH", "TARGETVARIANT"
    )
    on_scratch = o.base is Base.SCRATCH
    return BuilderStage(
        image=o.builder_image_ref,
        on_build_platform=o.cross_compile,
        packages=packages,
        ssh_rewrites=tuple(
            f'git config --global url."ssh://git@{host}/".insteadOf "https://{host}/"'
            for host in (o.private_hosts if o.private_auth is PrivateAuth.SSH else ())
        ),
        download_mounts=download_mounts,
        args=args,
        build=_go_build(o),
        staged_rootfs=_when(
            on_scratch and o.passwd_entry,
            f"mkdir -p {ROOTFS}/etc",
            f'echo "{USER_NAME}:x:{o.uid}:{o.uid}::/nonexistent:/sbin/nologin" '
            f"> {ROOTFS}/etc/passwd",
            f'echo "{USER_NAME}:x:{o.uid}:" > {ROOTFS}/etc/group',
        )
        + _when(
            on_scratch and o.writable_tmp, f"mkdir -p {ROOTFS}/tmp", f"chmod 1777 {ROOTFS}/tmp"
        ),
    )


def _go_build(o: Options) -> GoBuild:
    target = (
        ("GOOS=$TARGETOS", "GOARCH=$TARGETARCH", "GOARM=${TARGETVARIANT#v}")
        if o.cross_compile
        else ("GOOS=linux",)
    )
    embeds = o.effective_tzdata_source is TzdataSource.EMBED
    flags = (*_when(o.trimpath, "-trimpath"), "-buildvcs=false", *_when(embeds, "-tags timetzdata"))
    ldflags = _when(o.strip, "-s -w") + _when(
        # Quoted for Go's flag parser, so a VERSION with spaces stays one -X value.
        o.version_stamp,
        "-X 'main.version=${VERSION}' -X 'main.commit=${COMMIT}'",
    )
    return GoBuild(
        mounts=_when(o.buildkit, MODULE_CACHE, BUILD_CACHE),
        env=(f"CGO_ENABLED={int(o.cgo)}", *target),
        flags=flags,
        ldflags=ldflags,
        output=f"{OUTPUT_DIR}/{o.app_name}",
        package=".",
        embeds_zoneinfo=embeds,
    )


def _runtime(o: Options) -> RuntimeStage:
    tz_source = o.effective_tzdata_source
    alpine = o.base is Base.ALPINE
    packages = _when(alpine and o.ca_certificates, "ca-certificates") + _when(
        alpine and tz_source is TzdataSource.PACKAGE, "tzdata"
    )
    copies: list[Copy] = []
    if o.base is Base.SCRATCH:
        if o.passwd_entry or o.writable_tmp:
            copies.append(Copy("rootfs", f"{ROOTFS}/", "/"))
        if o.ca_certificates:
            copies.append(Copy("ca_bundle", CA_BUNDLE, CA_BUNDLE))
    if tz_source is TzdataSource.COPY:
        copies.append(Copy("zoneinfo", GO_ZONEINFO, ZONEINFO_TARGET))
    copies.append(Copy("binary", f"{OUTPUT_DIR}/{o.app_name}", o.binary_path))
    labels: tuple[str, ...] = ()
    if o.labels:
        source = o.effective_source_url
        values = {
            "title": o.app_name,
            **({"source": source} if source else {}),
            "version": "${VERSION}",
            "revision": "${COMMIT}",
            "created": "${CREATED}",
        }
        labels = tuple(f'org.opencontainers.image.{k}="{v}"' for k, v in values.items())
    adds_user = alpine and o.passwd_entry
    return RuntimeStage(
        image=o.runtime_image_ref or o.builder_image_ref,
        args=_when(o.labels, "VERSION", "COMMIT", "CREATED"),
        labels=labels,
        packages=packages,
        adds_user=adds_user,
        run=_when(bool(packages), f"apk add --no-cache {' '.join(packages)}")
        + _when(
            adds_user,
            f"addgroup -S -g {o.uid} {USER_NAME}",
            f"adduser -S -D -H -u {o.uid} -G {USER_NAME} -h /nonexistent "
            f"-s /sbin/nologin {USER_NAME}",
        ),
        copies=tuple(copies),
        env=(("ZONEINFO", ZONEINFO_TARGET),) if tz_source is TzdataSource.COPY else (),
        healthcheck=_when(o.healthcheck, o.binary_path, "-healthcheck"),
        entrypoint=(o.binary_path,),
    )
