"""An independent model of the Dockerfile each set of options must produce.

It is written from what each option promises (issues 2 and 4), not from the renderer: every
option adds, removes or changes a known instruction. The tests compare BuildKit's parse of
the rendered file with this model, instruction by instruction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import dockerfile

from scaffold_go_docker.options import (
    Base,
    Builder,
    CgoLink,
    Options,
    PrivateAuth,
    TzdataSource,
    Variant,
)

MODULE_CACHE = "--mount=type=cache,target=/go/pkg/mod"
BUILD_CACHE = "--mount=type=cache,target=/root/.cache/go-build"
NETRC_SECRET = "--mount=type=secret,id=netrc,target=/root/.netrc"
SSH_AGENT = "--mount=type=ssh"
FROM_BUILDER = "--from=builder"
CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
GO_ZONEINFO = "/usr/local/go/lib/time/zoneinfo.zip"
ZONEINFO = "/usr/local/share/zoneinfo.zip"
HEALTH_FLAGS = ("--interval=30s", "--timeout=3s", "--start-period=5s", "--retries=3")
PROBE = "/usr/local/bin/http-probe"


@dataclass(frozen=True)
class Text:
    """A value checked by what it must and must not contain, for shell commands and labels."""

    present: frozenset[str] = frozenset()
    absent: frozenset[str] = frozenset()

    def accepts(self, value: Sequence[str]) -> bool:
        joined = " ".join(value)
        return all(part in joined for part in self.present) and not any(
            part in joined for part in self.absent
        )


@dataclass(frozen=True)
class Step:
    """One expected instruction: its name, its flags in order, and its value."""

    cmd: str
    flags: tuple[str, ...] = ()
    value: tuple[str, ...] | Text = field(default_factory=tuple)

    def matches(self, command: Any) -> bool:
        if (command.cmd, command.flags) != (self.cmd, self.flags):
            return False
        if isinstance(self.value, Text):
            return self.value.accepts(command.value)
        return bool(command.value == self.value)


def contains(*present: str, absent: Sequence[str] = ()) -> Text:
    return Text(frozenset(present), frozenset(absent))


def parse(text: str) -> list[Any]:
    """BuildKit's own parse of a Dockerfile."""
    return list(dockerfile.parse_string(text))


def compare(commands: Sequence[Any], expected: Sequence[Step]) -> list[Step]:
    """The parsed commands as Steps, equal to `expected` wherever they match it.

    `assert compare(parsed, expected) == expected` then shows only the real differences.
    """
    seen = []
    for index, command in enumerate(commands):
        if index < len(expected) and expected[index].matches(command):
            seen.append(expected[index])
        else:
            seen.append(Step(command.cmd, tuple(command.flags), tuple(command.value)))
    return seen


# What each option implies, stated from the issues rather than read from the renderer.


def builder_ref(o: Options) -> str:
    if o.builder_image:
        return o.builder_image
    # Official golang tags that exist: a Go minor's last Alpine is 3.(N-1) (1.22 ends on
    # alpine3.21), never newer than the chosen Alpine; a patch release takes its plain
    # -alpine tag. Debian: bookworm from 1.20.5 (and the 1.20 tag), bullseye from 1.16.
    minor, *patch = (int(p) for p in o.go_version.split(".")[1:])
    if o.builder is Builder.ALPINE:
        if patch:
            return f"golang:{o.go_version}-alpine"
        newest = int(o.alpine_version.split(".")[1])
        return f"golang:{o.go_version}-alpine3.{min(minor - 1, newest)}"
    since_bookworm = minor > 20 or (minor == 20 and (not patch or patch[0] >= 5))
    debian = "bookworm" if since_bookworm else "bullseye" if minor >= 16 else "buster"
    return f"golang:{o.go_version}-{debian}"


def runtime_ref(o: Options) -> str:
    if o.runtime_image:
        return o.runtime_image
    if o.base is Base.ALPINE:
        return f"alpine:{o.alpine_version}"
    if o.base is Base.SCRATCH:
        return "scratch"
    if o.base is Base.DISTROLESS_BASE:
        return "gcr.io/distroless/base-debian12:nonroot"
    if o.base is Base.DEBIAN:
        return "debian:bookworm-slim"
    return "gcr.io/distroless/static-debian12:nonroot"


def tzdata_way(o: Options) -> TzdataSource | None:
    """How zoneinfo gets in: as asked, else the natural way for the base."""
    if not o.tzdata:
        return None
    if o.tzdata_source is not TzdataSource.AUTO:
        return o.tzdata_source
    # Alpine has a package; scratch needs it embedded (Go 1.15 and later; before, the
    # builder's zoneinfo is copied); distroless and Debian slim ship it.
    on_scratch = TzdataSource.EMBED if go_minor(o) >= 15 else TzdataSource.COPY
    natural = {Base.ALPINE: TzdataSource.PACKAGE, Base.SCRATCH: on_scratch}
    return natural.get(o.base)


def go_minor(o: Options) -> int:
    return int(o.go_version.split(".")[1])


def run_as(o: Options) -> int | None:
    """The UID of USER; distroless's 65532 is the model's default for it, tested there."""
    return o.uid if o.non_root else None


def source_label(o: Options) -> str | None:
    if o.source_url:
        return o.source_url
    first, _, rest = o.module_path.partition("/")
    return f"https://{o.module_path}" if "." in first and rest else None


def binaries(o: Options) -> list[str]:
    """Each main package's binary: its directory's name; the root's is the sample app's name,
    or for an existing module the module path's last element that is not a /vN suffix."""
    names = []
    for package in o.main_packages:
        if package != ".":
            names.append(package.split("/")[-1])
        elif not o.source_module:
            names.append(o.app_name)
        else:
            elements = o.module_path.split("/")
            major = len(elements) > 1 and elements[-1][1:].isdigit() and elements[-1][0] == "v"
            names.append(elements[-2] if major else elements[-1])
    return names


def stamps(o: Options) -> dict[str, str]:
    """The Go variable each build arg is stamped into."""
    if o.version_stamp:
        return {"VERSION": "main.version", "COMMIT": "main.commit"}
    chosen = {"VERSION": o.version_var, "COMMIT": o.commit_var}
    return {arg: variable for arg, variable in chosen.items() if variable}


def has_shell(o: Options) -> bool:
    return o.base in (Base.ALPINE, Base.DEBIAN)


def probes(o: Options) -> bool:
    """A path health check on a base without busybox wget needs the probe binary."""
    return bool(o.healthcheck and o.healthcheck_path) and o.base is not Base.ALPINE


def env_values(command: Any) -> list[str]:
    """An ENV instruction's pairs as KEY=VALUE, the double quotes and escapes undone."""
    pairs = []
    for key, raw in zip(command.value[::2], command.value[1::2], strict=True):
        assert raw.startswith('"'), raw
        assert raw.endswith('"'), raw
        value, index = "", 1
        while index < len(raw) - 1:
            if raw[index] == "\\":
                index += 1
            value += raw[index]
            index += 1
        pairs.append(f"{key}={value}")
    return pairs


def expected_steps(o: Options) -> list[Step]:
    if o.variant is Variant.BAD:
        return _bad(o)
    return [*_global_args(o), *_builder_stage(o), *_runtime_stage(o)]


def _bad(o: Options) -> list[Step]:
    """The seed's single stage: compiler image, source copied before download, `go run`."""
    return [
        Step("FROM", value=(builder_ref(o),)),
        Step("WORKDIR", value=("/app",)),
        Step("COPY", value=(".", ".")),
        Step("RUN", value=("go mod download",)),
        *([Step("EXPOSE", value=(str(o.port),))] if o.listens else []),
        Step("CMD", value=("go", "run", o.main_packages[0])),
    ]


def _stamped(o: Options) -> bool:
    return bool(stamps(o)) or o.labels


def _global_args(o: Options) -> list[Step]:
    steps = []
    if _stamped(o):
        steps += [Step("ARG", value=("VERSION=dev",)), Step("ARG", value=("COMMIT=unknown",))]
    if o.labels:
        steps.append(Step("ARG", value=("CREATED",)))
    return steps


def _builder_packages(o: Options) -> list[str]:
    if o.builder is not Builder.ALPINE:
        return []  # the Debian golang image already has git, gcc and ssh
    packages = []
    if o.git:
        packages.append("git")
    if o.cgo:
        packages += ["gcc", "musl-dev"]
    if o.private_auth is PrivateAuth.SSH:
        packages.append("openssh-client")
    return packages


def _ssh_hosts(o: Options) -> list[str]:
    hosts: list[str] = []
    for pattern in (o.goprivate or "").split(","):
        host = pattern.split("/")[0]
        if host and not set(host) & set("*?[]") and host not in hosts:
            hosts.append(host)
    return hosts


def _builder_stage(o: Options) -> list[Step]:
    platform = ("--platform=$BUILDPLATFORM",) if o.cross_compile else ()
    steps = [Step("FROM", platform, (builder_ref(o), "AS", "builder"))]
    packages = _builder_packages(o)
    if packages:
        steps.append(Step("RUN", value=_apk_add(o, packages)))
    steps.append(Step("WORKDIR", value=("/src",)))
    if o.goprivate:
        steps.append(Step("ARG", value=(f"GOPRIVATE={o.goprivate}",)))
    # The module proxy and checksum database: build args with the chosen defaults.
    if o.goproxy:
        steps.append(Step("ARG", value=(f"GOPROXY={o.goproxy}",)))
    if o.gosumdb:
        steps.append(Step("ARG", value=contains("GOSUMDB=", o.gosumdb)))
    hosts = _ssh_hosts(o) if o.private_auth is PrivateAuth.SSH else []
    if hosts:
        rewrites = [f'url."ssh://git@{h}/".insteadOf "https://{h}/"' for h in hosts]
        steps.append(Step("RUN", value=contains(*rewrites)))
        steps.append(Step("ENV", value=contains("GIT_SSH_COMMAND")))
    download_mounts: tuple[str, ...] = ()
    if o.buildkit:
        credentials = {PrivateAuth.NETRC: (NETRC_SECRET,), PrivateAuth.SSH: (SSH_AGENT,)}
        download_mounts = (*credentials.get(o.private_auth, ()), MODULE_CACHE)
    if not o.vendor:  # a vendored module downloads nothing
        # go.mod alone first (never a `go.sum*` glob: it fails on buildah when go.sum is absent);
        # in a workspace go.work first, then each member's.
        if o.workspace_modules:
            steps.append(Step("COPY", value=("go.work*", "./")))
        for member in o.workspace_modules or (".",):
            where = "./" if member == "." else f"{member}/"
            source = "go.*" if member == "." else f"{member}/go.*"
            steps.append(Step("COPY", value=(source, where)))
        steps.append(Step("RUN", download_mounts, ("go mod download",)))
    steps.append(Step("COPY", value=(".", ".")))
    steps += [Step("ARG", value=(arg,)) for arg in stamps(o)]
    if o.cross_compile:
        steps += [
            Step("ARG", value=(name,)) for name in ("TARGETOS", "TARGETARCH", "TARGETVARIANT")
        ]
    if o.module_dir != ".":
        steps.append(Step("WORKDIR", value=(f"/src/{o.module_dir}",)))
    steps.append(_build_run(o))
    staged = _staged_rootfs(o)
    if staged:
        steps.append(staged)
    if probes(o):
        steps.append(Step("WORKDIR", value=("/probe",)))
        probe = contains("printf", "package main", "CGO_ENABLED=0", "-o http-probe main.go")
        steps.append(Step("RUN", (BUILD_CACHE,) if o.buildkit else (), probe))
    return steps


def _apk_add(o: Options, packages: Sequence[str]) -> Text:
    """apk add of `packages`, pointed at the mirror first when there is one."""
    mirror = [f"https://{o.apk_mirror}/", "/etc/apk/repositories"] if o.apk_mirror else []
    return contains("apk add --no-cache", *packages, *mirror, absent=[] if mirror else ["sed"])


def _build_run(o: Options) -> Step:
    mounts = ((BUILD_CACHE,) if o.vendor else (MODULE_CACHE, BUILD_CACHE)) if o.buildkit else ()
    static_cgo = o.cgo and o.cgo_link is CgoLink.STATIC
    target_env = (
        ["GOOS=$TARGETOS", "GOARCH=$TARGETARCH", "GOARM=${TARGETVARIANT#v}"]
        if o.cross_compile
        else ["GOOS=linux"]
    )
    present = [f"CGO_ENABLED={int(o.cgo)}", *target_env, "go build"]
    absent = ["go.sum"]
    # go build has -buildvcs from Go 1.18 (VCS stamping came with it).
    if go_minor(o) >= 18:
        present.append("-buildvcs=false")
    else:
        absent.append("-buildvcs")
    names = binaries(o)
    packages = " ".join(o.main_packages)
    present.append(f"-o /out/{names[0]} {packages}" if len(names) == 1 else f"-o /out/ {packages}")
    (present if o.vendor else absent).append("-mod=vendor")
    # The user's tags first, then timetzdata when the zoneinfo is embedded, each once.
    tags = [*(o.tags.split(",") if o.tags else [])]
    if tzdata_way(o) is TzdataSource.EMBED and "timetzdata" not in tags:
        tags.append("timetzdata")
    tags += [tag for tag in ("netgo", "osusergo") if static_cgo and tag not in tags]
    # Inside the one -ldflags: -s -w, the version stamp, then the user's own flags.
    ldflags = [
        *(["-s -w"] if o.strip else []),
        *(
            [" ".join(f"-X '{var}=${{{arg}}}'" for arg, var in stamps(o).items())]
            if stamps(o)
            else []
        ),
        *(["-extldflags -static"] if static_cgo else []),
        *([o.ldflags.strip()] if o.ldflags else []),
    ]
    for wanted, flag in (
        (o.trimpath, "-trimpath"),
        (bool(tags), f"-tags {','.join(tags)} "),
        (bool(ldflags), f'-ldflags="{" ".join(ldflags)}"'),
    ):
        (present if wanted else absent).append(flag if wanted else flag.split()[0])
    return Step("RUN", mounts, contains(*present, absent=absent))


def _staged_rootfs(o: Options) -> Step | None:
    """Scratch and distroless have no shell: /etc/passwd, /tmp (scratch) and the writable
    directories are made in the builder and copied over."""
    scratch_files = o.base is Base.SCRATCH and (o.passwd_entry or o.writable_tmp)
    writable = bool(o.writable_dirs) and not has_shell(o)
    if not (scratch_files or writable):
        return None
    present: list[str] = []
    absent: list[str] = []
    passwd = f"app:x:{o.uid}:{o.uid}:"
    (present if scratch_files and o.passwd_entry else absent).append(passwd)
    (present if scratch_files and o.writable_tmp else absent).append("chmod 1777 /rootfs/tmp")
    present += [f"/writable{d}" for d in o.writable_dirs] if writable else []
    return Step("RUN", value=contains(*present, absent=absent))


def _runtime_stage(o: Options) -> list[Step]:
    names = binaries(o)
    paths = [f"/usr/local/bin/{name}" for name in names]
    targets = len(names) > 1 and not o.one_image
    steps = [Step("FROM", value=(runtime_ref(o), "AS", "runtime"))]
    if o.labels:
        steps += [Step("ARG", value=(name,)) for name in ("VERSION", "COMMIT", "CREATED")]
        labels = [
            f'org.opencontainers.image.title "{o.app_name}"',
            'org.opencontainers.image.version "${VERSION}"',
            'org.opencontainers.image.revision "${COMMIT}"',
            'org.opencontainers.image.created "${CREATED}"',
        ]
        source = source_label(o)
        if source:
            labels.append(f'org.opencontainers.image.source "{source}"')
        absent = [] if source else ["org.opencontainers.image.source"]
        steps.append(Step("LABEL", value=contains(*labels, absent=absent)))
    tz = tzdata_way(o)
    owner = f"{o.uid}:{o.uid}"
    if has_shell(o):
        packages = [
            name
            for name, wanted in (
                ("ca-certificates", o.ca_certificates and o.base is Base.ALPINE),
                ("tzdata", tz is TzdataSource.PACKAGE),
            )
            if wanted
        ]
        if packages or o.passwd_entry or o.writable_dirs:
            present = [*packages]
            if packages:
                present.append("apk add --no-cache")
                if o.apk_mirror:
                    present += [f"https://{o.apk_mirror}/", "/etc/apk/repositories"]
            if o.passwd_entry and o.base is Base.ALPINE:
                present += [f"addgroup -S -g {o.uid} app", f"adduser -S -D -H -u {o.uid} -G app"]
            if o.passwd_entry and o.base is Base.DEBIAN:
                present += [
                    f"groupadd --system --gid {o.uid} app",
                    f"useradd --system --uid {o.uid}",
                ]
            if o.writable_dirs:
                dirs = " ".join(o.writable_dirs)
                present += [f"mkdir -p {dirs}", f"chown {owner} {dirs}"]
            absent = [] if packages else ["apk"]
            steps.append(Step("RUN", value=contains(*present, absent=absent)))
    if o.base is Base.SCRATCH and (o.passwd_entry or o.writable_tmp):
        steps.append(Step("COPY", (FROM_BUILDER,), ("/rootfs/", "/")))
    # Debian slim and scratch have no CA bundle of their own: the builder's is copied.
    if o.base in (Base.SCRATCH, Base.DEBIAN) and o.ca_certificates:
        steps.append(Step("COPY", (FROM_BUILDER,), (CA_BUNDLE, CA_BUNDLE)))
    if tz is TzdataSource.COPY:
        steps.append(Step("COPY", (FROM_BUILDER,), (GO_ZONEINFO, ZONEINFO)))
    if probes(o):
        steps.append(Step("COPY", (FROM_BUILDER,), ("/probe/http-probe", PROBE)))
    if not has_shell(o):
        steps += [
            Step("COPY", (FROM_BUILDER, f"--chown={owner}"), (f"/writable{d}", d))
            for d in o.writable_dirs
        ]
    if len(names) == 1:
        steps.append(Step("COPY", (FROM_BUILDER,), (f"/out/{names[0]}", paths[0])))
    elif o.one_image:
        steps.append(Step("COPY", (FROM_BUILDER,), ("/out/", "/usr/local/bin/")))
    if tz is TzdataSource.COPY:
        steps.append(Step("ENV", value=("ZONEINFO", ZONEINFO)))
    if o.timezone:
        steps.append(Step("ENV", value=("TZ", o.timezone)))
    if o.env:
        steps.append(Step("ENV", value=contains(*(e.split("=", 1)[0] for e in o.env))))
    uid = run_as(o)
    if uid is not None:
        steps.append(Step("USER", value=(f"{uid}:{uid}",)))
    if o.writable_dirs:
        steps.append(Step("VOLUME", value=tuple(o.writable_dirs)))
    if o.listens:
        steps.append(Step("EXPOSE", value=(str(o.port),)))
    if o.healthcheck:
        address = f"127.0.0.1:{o.port}"
        if not o.healthcheck_path:
            check: tuple[str, ...] = ("CMD", paths[-1], "-healthcheck")
        elif probes(o):
            check = ("CMD", PROBE, address, o.healthcheck_path)
        else:
            check = ("CMD", "wget", "-q", "--spider", f"http://{address}{o.healthcheck_path}")
        steps.append(Step("HEALTHCHECK", HEALTH_FLAGS, check))
    if not targets:
        steps.append(Step("ENTRYPOINT", value=(paths[0],)))
        if o.cmd:
            steps.append(Step("CMD", value=tuple(o.cmd)))
        return steps
    # One image per binary, each a target named after it; the last is the default.
    for index, (name, path) in enumerate(zip(names, paths, strict=True)):
        steps += [
            Step("FROM", value=("runtime", "AS", name)),
            Step("COPY", (FROM_BUILDER,), (f"/out/{name}", path)),
            Step("ENTRYPOINT", value=(path,)),
        ]
        if o.cmd and index == len(names) - 1:
            steps.append(Step("CMD", value=tuple(o.cmd)))
    return steps
