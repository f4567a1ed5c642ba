"""What each stage of the Dockerfile holds, as frozen data derived from the options.

Only facts live here: the arguments of each instruction (packages, mounts, flags, shell
commands, files to copy) and the build command the header shows. Every instruction
keyword and every sentence of explanation lives in the template, which reads these facts
and the options.
"""

from __future__ import annotations

from typing import NamedTuple

from scaffold_go_docker.facts import base_images, go
from scaffold_go_docker.options import Base, Options, PrivateAuth, TzdataSource
from scaffold_go_docker.options.defaults import STAMPED_VARIABLES

MODULE_CACHE = f"--mount=type=cache,target={go.MODULE_CACHE}"
BUILD_CACHE = f"--mount=type=cache,target={go.BUILD_CACHE}"
NETRC_SECRET = "--mount=type=secret,id=netrc,target=/root/.netrc"
SSH_AGENT = "--mount=type=ssh"
GO_ZONEINFO = go.GOROOT_ZONEINFO
ZONEINFO_TARGET = "/usr/local/share/zoneinfo.zip"
CA_BUNDLE = go.CA_BUNDLE
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
    #: The shell commands of the builder's apk RUN: the mirror first, when there is one.
    apk_run: tuple[str, ...]
    #: Build args with the module proxy and checksum database, when set.
    module_args: tuple[str, ...]
    #: git rewrites that fetch each private host over SSH with the forwarded agent.
    ssh_rewrites: tuple[str, ...]
    download_mounts: tuple[str, ...]
    args: tuple[str, ...]
    build: GoBuild
    #: Commands that make the files an empty runtime base needs, where a shell exists.
    staged_rootfs: tuple[str, ...]


class RuntimeStage(NamedTuple):
    image: str
    #: The runtime base, as it ships, has no CA bundle and none is added: a choice the
    #: file states (and tells `audit`), since outbound TLS would fail.
    without_ca_bundle: bool
    #: The process runs as root by the base's default and the options' choice.
    as_root: bool
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


def _apk_add(o: Options, packages: tuple[str, ...]) -> tuple[str, ...]:
    """The commands that install `packages`, from the chosen mirror when there is one."""
    mirror = _when(
        bool(o.apk_mirror),
        f"sed -i -E 's#^https?://[^/]+/#https://{o.apk_mirror}/#' /etc/apk/repositories",
    )
    return (*mirror, f"apk add --no-cache {' '.join(packages)}")


def build_view(o: Options) -> DockerfileView:
    """The facts of a multi-stage Dockerfile for `o`."""
    stamped = o.version_stamp or o.labels
    metadata = _when(stamped, "VERSION", "COMMIT") + _when(o.labels, "CREATED")
    return DockerfileView(
        usage=(
            "docker buildx build" if o.buildkit else "docker build",
            *_when(bool(o.target_platforms), f"--platform {','.join(o.target_platforms)}"),
            *(f"--build-arg {name}={_METADATA_VALUES[name]}" for name in metadata),
            *_CREDENTIALS_ARGS.get(o.private_auth, ()),
            f"-t {o.app_name.lower()} .",
        ),
        global_args=_when(stamped, "VERSION=dev", "COMMIT=unknown") + _when(o.labels, "CREATED"),
        builder=_builder(o),
        runtime=_runtime(o),
    )


def _builder(o: Options) -> BuilderStage:
    credentials = {PrivateAuth.NETRC: (NETRC_SECRET,), PrivateAuth.SSH: (SSH_AGENT,)}
    download_mounts = _when(o.buildkit, *credentials.get(o.private_auth, ()), MODULE_CACHE)
    args = _when(o.version_stamp, *STAMPED_VARIABLES.values()) + _when(
        o.cross_compile, "TARGETOS", "TARGETARCH", "TARGETVARIANT"
    )
    on_scratch = o.base is Base.SCRATCH
    return BuilderStage(
        image=o.builder_image_ref,
        on_build_platform=o.cross_compile,
        packages=o.builder_packages,
        apk_run=_apk_add(o, o.builder_packages) if o.builder_packages else (),
        module_args=_when(bool(o.goproxy), f"GOPROXY={o.goproxy}")
        # An ARG value with a space must be quoted; GOSUMDB may name its URL after one.
        + _when(
            bool(o.gosumdb),
            f'GOSUMDB="{o.gosumdb}"' if " " in (o.gosumdb or "") else f"GOSUMDB={o.gosumdb}",
        ),
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
    tags = ",".join(o.build_tags)
    flags = (
        *_when(o.trimpath, "-trimpath"),
        "-buildvcs=false",
        *_when(bool(tags), f"-tags {tags}"),
    )
    stamps = " ".join(
        # Quoted for Go's flag parser, so a VERSION with spaces stays one -X value.
        f"-X '{variable}=${{{arg}}}'"
        for variable, arg in STAMPED_VARIABLES.items()
    )
    ldflags = (
        _when(o.strip, "-s -w")
        + _when(o.version_stamp, stamps)
        + _when(bool(o.ldflags), (o.ldflags or "").strip())
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
    packages = o.runtime_packages
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
    image = o.runtime_image_ref or o.builder_image_ref
    facts = base_images.lookup(image)
    return RuntimeStage(
        image=image,
        without_ca_bundle=facts is not None
        and facts.ca_bundle is False
        and not (o.ca_certificates and o.base is not Base.GOLANG),
        as_root=facts is not None and facts.uid == base_images.ROOT_UID and not o.non_root,
        args=_when(o.labels, "VERSION", "COMMIT", "CREATED"),
        labels=labels,
        packages=packages,
        adds_user=adds_user,
        run=_when(bool(packages), *_apk_add(o, packages))
        + _when(
            adds_user,
            f"addgroup -S -g {o.uid} {USER_NAME}",
            f"adduser -S -D -H -u {o.uid} -G {USER_NAME} -h /nonexistent "
            f"-s /sbin/nologin {USER_NAME}",
        ),
        copies=tuple(copies),
        env=(
            *((("ZONEINFO", ZONEINFO_TARGET),) if tz_source is TzdataSource.COPY else ()),
            *((("TZ", o.timezone),) if o.timezone else ()),
        ),
        healthcheck=_when(o.healthcheck, o.binary_path, "-healthcheck"),
        entrypoint=(o.binary_path,),
    )
