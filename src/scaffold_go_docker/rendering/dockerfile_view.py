"""What each stage of the Dockerfile holds, as frozen data derived from the options.

Only facts live here: the arguments of each instruction (packages, mounts, flags, shell
commands, files to copy) and the build command the header shows. Every instruction
keyword and every sentence of explanation lives in the template, which reads these facts
and the options.
"""

from __future__ import annotations

from typing import NamedTuple

from scaffold_go_docker.facts import base_images, go
from scaffold_go_docker.options import Base, CgoLink, Options, PrivateAuth, TzdataSource
from scaffold_go_docker.options.defaults import PROBE_PATH

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
#: Writable directories for a base without a shell are made here and copied with --chown.
WRITABLE_STAGE = "/writable"
#: Where the health-check probe's source is written and built.
PROBE_DIR = "/probe"
PROBE_NAME = PROBE_PATH.rsplit("/", 1)[-1]
BINARY_DIR = "/usr/local/bin"
#: The HEALTHCHECK probe for bases without busybox wget: one HTTP/1.0 GET of the path on the
#: given address; exit 0 on a 2xx or 3xx status. Only the net package: ~2 MB stripped
#: (Go 1.27), against ~6 MB with net/http. No single quotes (a shell string holds it) and no `$`.
PROBE_SOURCE = (
    "package main",
    'import ("bufio"; "net"; "os"; "strings"; "time")',
    "func main() {",
    'conn, err := net.DialTimeout("tcp", os.Args[1], 2*time.Second)',
    "if err != nil { os.Exit(1) }",
    "_ = conn.SetDeadline(time.Now().Add(2 * time.Second))",
    'request := "GET " + os.Args[2] + " HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n"',
    "if _, err := conn.Write([]byte(request)); err != nil { os.Exit(1) }",
    "status, _ := bufio.NewReader(conn).ReadString(10)",
    "fields := strings.Fields(status)",
    'if len(fields) < 2 || !strings.ContainsAny(fields[1][:1], "23") { os.Exit(1) }',
    "}",
)


class Copy(NamedTuple):
    """A file the runtime stage takes from the builder; `what` picks its explanation."""

    #: "rootfs", "ca_bundle", "zoneinfo", "probe", "writable", "binary" or "binaries"
    what: str
    source: str
    target: str
    #: `UID:GID` for a directory the non-root user writes; else owned by root.
    chown: str | None = None

    @property
    def flags(self) -> str:
        chown = f" --chown={self.chown}" if self.chown else ""
        return f"--from=builder{chown}"


class GoBuild(NamedTuple):
    mounts: tuple[str, ...]
    env: tuple[str, ...]
    flags: tuple[str, ...]
    #: The linker flags inside the one -ldflags argument, each already quoted for Go.
    ldflags: tuple[str, ...]
    output: str
    packages: tuple[str, ...]
    embeds_zoneinfo: bool

    @property
    def lines(self) -> tuple[str, ...]:
        """The RUN's continuation lines: mounts, the environment, `go build` and its flags."""
        ldflags = _when(bool(self.ldflags), f'-ldflags="{" ".join(self.ldflags)}"')
        command = " ".join(("go build", *self.flags, *ldflags))
        return (*self.mounts, " ".join(self.env), command)


class Probe(NamedTuple):
    """The health-check probe: the command that writes its source, and the one that builds
    it in PROBE_DIR."""

    mounts: tuple[str, ...]
    #: printf, then each line of the source single-quoted.
    write: tuple[str, ...]
    build: str


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
    #: What is copied (source, destination) before `go mod download`; empty: no download
    #: step (a vendored module builds from its vendor/ directory).
    module_files: tuple[tuple[str, str], ...]
    download_mounts: tuple[str, ...]
    args: tuple[str, ...]
    #: Each stamped variable with the build arg it takes: `main.version=VERSION`.
    stamps: tuple[str, ...]
    #: The module's directory below /src when a go.work workspace is the context.
    module_dir: str | None
    build: GoBuild
    #: The HEALTHCHECK's probe, for a base without busybox wget.
    probe: Probe | None
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
    #: The user's environment, each `KEY="value"` quoted for the ENV instruction.
    user_env: tuple[str, ...]
    volumes: tuple[str, ...]
    expose: bool
    healthcheck: tuple[str, ...]
    #: The images: one (name None: the runtime stage itself), or one named target per binary.
    targets: tuple[Target, ...]


class Target(NamedTuple):
    """An image: its name as a build target (None: the runtime stage), its binaries, how it
    starts."""

    name: str | None
    copy: Copy
    entrypoint: tuple[str, ...]
    cmd: tuple[str, ...]


#: How the header's build command fills each metadata build arg; outside a git repository
#: the fallbacks are the Dockerfile's own defaults.
_METADATA_VALUES = {
    "VERSION": '"$(git describe --tags --always 2>/dev/null || echo dev)"',
    "COMMIT": '"$(git rev-parse HEAD 2>/dev/null || echo unknown)"',
    "CREATED": '"$(date -u +%Y-%m-%dT%H:%M:%SZ)"',
}
_CREDENTIALS_ARGS = {
    PrivateAuth.NETRC: ('--secret id=netrc,src="$HOME/.netrc"',),
    PrivateAuth.SSH: ("--ssh default",),
}


class DockerfileView(NamedTuple):
    #: The build command the header shows, one argument group per item.
    usage: tuple[str, ...]
    #: With one image per binary: the build targets, the last the default.
    target_names: tuple[str, ...]
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
    stamped = bool(o.stamped_variables) or o.labels
    metadata = _when(stamped, "VERSION", "COMMIT") + _when(o.labels, "CREATED")
    return DockerfileView(
        usage=(
            "docker buildx build" if o.buildkit else "docker build",
            *_when(bool(o.target_platforms), f"--platform {','.join(o.target_platforms)}"),
            *(f"--build-arg {name}={_METADATA_VALUES[name]}" for name in metadata),
            *_CREDENTIALS_ARGS.get(o.private_auth, ()),
            f"-t {o.app_name.lower()} .",
        ),
        target_names=o.binary_names if o.several_targets else (),
        global_args=_when(stamped, "VERSION=dev", "COMMIT=unknown") + _when(o.labels, "CREATED"),
        builder=_builder(o),
        runtime=_runtime(o),
    )


def _builder(o: Options) -> BuilderStage:
    credentials = {PrivateAuth.NETRC: (NETRC_SECRET,), PrivateAuth.SSH: (SSH_AGENT,)}
    download_mounts = _when(o.buildkit, *credentials.get(o.private_auth, ()), MODULE_CACHE)
    args = tuple(o.stamped_variables.values()) + _when(
        o.cross_compile, "TARGETOS", "TARGETARCH", "TARGETVARIANT"
    )
    on_scratch = o.base is Base.SCRATCH
    build = _go_build(o)
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
        module_files=() if o.vendor else _module_files(o),
        download_mounts=download_mounts,
        args=args,
        stamps=tuple(f"{variable}={arg}" for variable, arg in o.stamped_variables.items()),
        module_dir=o.module_dir if o.module_dir != "." else None,
        build=build,
        probe=_probe(o, build) if o.probe_binary else None,
        staged_rootfs=_when(
            on_scratch and o.passwd_entry,
            f"mkdir -p {ROOTFS}/etc",
            f'echo "{USER_NAME}:x:{o.uid}:{o.uid}::/nonexistent:/sbin/nologin" '
            f"> {ROOTFS}/etc/passwd",
            f'echo "{USER_NAME}:x:{o.uid}:" > {ROOTFS}/etc/group',
        )
        + _when(on_scratch and o.writable_tmp, f"mkdir -p {ROOTFS}/tmp", f"chmod 1777 {ROOTFS}/tmp")
        + _when(
            bool(o.writable_dirs) and not _has_shell(o),
            "mkdir -p " + " ".join(f"{WRITABLE_STAGE}{d}" for d in o.writable_dirs),
        ),
    )


def _has_shell(o: Options) -> bool:
    """Whether the runtime base can run a RUN (alpine and debian have a shell)."""
    return o.base in (Base.ALPINE, Base.DEBIAN)


def _module_files(o: Options) -> tuple[tuple[str, str], ...]:
    """go.mod and go.sum (`go.*`: a `go.sum*` pattern that matches nothing fails on buildah),
    and in a workspace go.work (and go.work.sum) with every member's."""
    if not o.workspace_modules:
        return (("go.*", "./"),)
    members = tuple(
        ("go.*", "./") if member == "." else (f"{member}/go.*", f"{member}/")
        for member in o.workspace_modules
    )
    return (("go.work*", "./"), *members)


def _probe(o: Options, build: GoBuild) -> Probe:
    """Write the probe's source (in PROBE_DIR, the WORKDIR: no go.mod there) and build it
    static and stripped, for the target platform."""
    target = " ".join(e for e in build.env if not e.startswith("CGO_ENABLED="))
    return Probe(
        mounts=_when(o.buildkit, BUILD_CACHE),  # the probe needs no module
        write=("printf '%s\\n'", *(f"'{line}'" for line in PROBE_SOURCE)),
        build=" ".join(
            (
                f"CGO_ENABLED=0 {target} go build",
                *_when(o.go_has(go.TRIMPATH_SINCE), "-trimpath"),
                *_when(o.go_has(go.BUILDVCS_SINCE), "-buildvcs=false"),
                f'-ldflags="-s -w" -o {PROBE_NAME} main.go',
            )
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
        *_when(o.go_has(go.BUILDVCS_SINCE), "-buildvcs=false"),
        *_when(bool(tags), f"-tags {tags}"),
    )
    stamps = " ".join(
        # Quoted for Go's flag parser, so a VERSION with spaces stays one -X value.
        f"-X '{variable}=${{{arg}}}'"
        for variable, arg in o.stamped_variables.items()
    )
    ldflags = (
        _when(o.strip, "-s -w")
        + _when(bool(stamps), stamps)
        + _when(o.cgo and o.cgo_link is CgoLink.STATIC, "-extldflags -static")
        + _when(bool(o.ldflags), (o.ldflags or "").strip())
    )
    one = len(o.main_packages) == 1
    return GoBuild(
        # A vendored module reads no module cache.
        mounts=_when(o.buildkit and not o.vendor, MODULE_CACHE) + _when(o.buildkit, BUILD_CACHE),
        env=(f"CGO_ENABLED={int(o.cgo)}", *target),
        flags=(*flags[:1], *_when(o.vendor, "-mod=vendor"), *flags[1:])
        if o.trimpath
        else (*_when(o.vendor, "-mod=vendor"), *flags),
        ldflags=ldflags,
        # Several packages: go build names each binary after its package, in the directory.
        output=f"{OUTPUT_DIR}/{o.binary_name}" if one else f"{OUTPUT_DIR}/",
        packages=o.main_packages,
        embeds_zoneinfo=embeds,
    )


def _runtime(o: Options) -> RuntimeStage:
    tz_source = o.effective_tzdata_source
    packages = o.runtime_packages
    copies: list[Copy] = []
    if o.base is Base.SCRATCH and (o.passwd_entry or o.writable_tmp):
        copies.append(Copy("rootfs", f"{ROOTFS}/", "/"))
    if o.base in (Base.SCRATCH, Base.DEBIAN) and o.ca_certificates:
        copies.append(Copy("ca_bundle", CA_BUNDLE, CA_BUNDLE))
    if tz_source is TzdataSource.COPY:
        copies.append(Copy("zoneinfo", GO_ZONEINFO, ZONEINFO_TARGET))
    if o.probe_binary:
        copies.append(Copy("probe", f"{PROBE_DIR}/{PROBE_NAME}", PROBE_PATH))
    owner = f"{o.uid}:{o.uid}"
    if not _has_shell(o):
        copies += [Copy("writable", f"{WRITABLE_STAGE}{d}", d, owner) for d in o.writable_dirs]
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
    adds_user = o.passwd_entry and o.base in (Base.ALPINE, Base.DEBIAN)
    add_user = {
        Base.ALPINE: (
            f"addgroup -S -g {o.uid} {USER_NAME}",
            f"adduser -S -D -H -u {o.uid} -G {USER_NAME} -h /nonexistent "
            f"-s /sbin/nologin {USER_NAME}",
        ),
        Base.DEBIAN: (
            f"groupadd --system --gid {o.uid} {USER_NAME}",
            f"useradd --system --uid {o.uid} --gid {USER_NAME} --home-dir /nonexistent "
            f"--no-create-home --shell /usr/sbin/nologin {USER_NAME}",
        ),
    }
    writable = " ".join(o.writable_dirs)
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
        + (add_user.get(o.base, ()) if adds_user else ())
        + _when(
            bool(o.writable_dirs) and _has_shell(o),
            f"mkdir -p {writable}",
            f"chown {owner} {writable}",
        ),
        copies=tuple(copies),
        env=(
            *((("ZONEINFO", ZONEINFO_TARGET),) if tz_source is TzdataSource.COPY else ()),
            *((("TZ", o.timezone),) if o.timezone else ()),
        ),
        user_env=tuple(_env_pair(entry) for entry in o.env),
        volumes=o.writable_dirs,
        expose=o.listens,
        healthcheck=o.healthcheck_command,
        targets=_targets(o),
    )


def _env_pair(entry: str) -> str:
    """`KEY=VALUE` as ENV writes it: the value double-quoted, `\\`, `"` and `$` escaped."""
    key, value = entry.split("=", 1)
    for special in ("\\", '"', "$"):
        value = value.replace(special, "\\" + special)
    return f'{key}="{value}"'


def _targets(o: Options) -> tuple[Target, ...]:
    paths = [f"{BINARY_DIR}/{name}" for name in o.binary_names]
    if len(paths) == 1:
        copy = Copy("binary", f"{OUTPUT_DIR}/{o.binary_name}", o.binary_path)
        return (Target(None, copy, (o.binary_path,), o.cmd),)
    if o.one_image:
        copy = Copy("binaries", f"{OUTPUT_DIR}/", f"{BINARY_DIR}/")
        return (Target(None, copy, (paths[0],), o.cmd),)
    last = len(paths) - 1
    return tuple(
        Target(
            name,
            Copy("binary", f"{OUTPUT_DIR}/{name}", path),
            (path,),
            o.cmd if index == last else (),
        )
        for index, (name, path) in enumerate(zip(o.binary_names, paths, strict=True))
    )
