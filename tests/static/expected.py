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
    if o.builder is Builder.ALPINE:
        return f"golang:{o.go_version}-alpine{o.alpine_version}"
    return f"golang:{o.go_version}-bookworm"


def runtime_ref(o: Options) -> str:
    if o.runtime_image:
        return o.runtime_image
    if o.base is Base.ALPINE:
        return f"alpine:{o.alpine_version}"
    if o.base is Base.SCRATCH:
        return "scratch"
    return "gcr.io/distroless/static-debian12:nonroot"


def tzdata_way(o: Options) -> TzdataSource | None:
    """How zoneinfo gets in: as asked, else the natural way for the base."""
    if not o.tzdata:
        return None
    if o.tzdata_source is not TzdataSource.AUTO:
        return o.tzdata_source
    # Alpine has a package; scratch needs it embedded; distroless already ships it.
    natural = {Base.ALPINE: TzdataSource.PACKAGE, Base.SCRATCH: TzdataSource.EMBED}
    return natural.get(o.base)


def run_as(o: Options) -> int | None:
    """The UID of USER; distroless's 65532 is the model's default for it, tested there."""
    return o.uid if o.non_root else None


def source_label(o: Options) -> str | None:
    if o.source_url:
        return o.source_url
    first, _, rest = o.module_path.partition("/")
    return f"https://{o.module_path}" if "." in first and rest else None


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
        Step("EXPOSE", value=(str(o.port),)),
        Step("CMD", value=("go", "run", ".")),
    ]


def _stamped(o: Options) -> bool:
    return o.version_stamp or o.labels


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
    steps += [
        # go.mod alone first (never a `go.sum*` glob: it fails on buildah when go.sum is absent).
        Step("COPY", value=("go.*", "./")),
        Step("RUN", download_mounts, ("go mod download",)),
        Step("COPY", value=(".", ".")),
    ]
    if o.version_stamp:
        steps += [Step("ARG", value=("VERSION",)), Step("ARG", value=("COMMIT",))]
    if o.cross_compile:
        steps += [
            Step("ARG", value=(name,)) for name in ("TARGETOS", "TARGETARCH", "TARGETVARIANT")
        ]
    steps.append(_build_run(o))
    staged = _staged_rootfs(o)
    if staged:
        steps.append(staged)
    return steps


def _apk_add(o: Options, packages: Sequence[str]) -> Text:
    """apk add of `packages`, pointed at the mirror first when there is one."""
    mirror = [f"https://{o.apk_mirror}/", "/etc/apk/repositories"] if o.apk_mirror else []
    return contains("apk add --no-cache", *packages, *mirror, absent=[] if mirror else ["sed"])


def _build_run(o: Options) -> Step:
    mounts = (MODULE_CACHE, BUILD_CACHE) if o.buildkit else ()
    target_env = (
        ["GOOS=$TARGETOS", "GOARCH=$TARGETARCH", "GOARM=${TARGETVARIANT#v}"]
        if o.cross_compile
        else ["GOOS=linux"]
    )
    present = [f"CGO_ENABLED={int(o.cgo)}", *target_env, "go build", "-buildvcs=false"]
    present.append(f"-o /out/{o.app_name} .")
    absent = ["go.sum"]
    # The user's tags first, then timetzdata when the zoneinfo is embedded, each once.
    tags = [*(o.tags.split(",") if o.tags else [])]
    if tzdata_way(o) is TzdataSource.EMBED and "timetzdata" not in tags:
        tags.append("timetzdata")
    # Inside the one -ldflags: -s -w, the version stamp, then the user's own flags.
    ldflags = [
        *(["-s -w"] if o.strip else []),
        *(["-X 'main.version=${VERSION}' -X 'main.commit=${COMMIT}'"] if o.version_stamp else []),
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
    """Scratch has no shell: /etc/passwd and /tmp are made in the builder and copied over."""
    if o.base is not Base.SCRATCH or not (o.passwd_entry or o.writable_tmp):
        return None
    present: list[str] = []
    absent: list[str] = []
    passwd = f"app:x:{o.uid}:{o.uid}:"
    (present if o.passwd_entry else absent).append(passwd)
    (present if o.writable_tmp else absent).append("chmod 1777 /rootfs/tmp")
    return Step("RUN", value=contains(*present, absent=absent))


def _runtime_stage(o: Options) -> list[Step]:
    binary = f"/usr/local/bin/{o.app_name}"
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
    if o.base is Base.ALPINE:
        packages = [
            name
            for name, wanted in (
                ("ca-certificates", o.ca_certificates),
                ("tzdata", tz is TzdataSource.PACKAGE),
            )
            if wanted
        ]
        if packages or o.passwd_entry:
            present = [*packages]
            if packages:
                present.append("apk add --no-cache")
                if o.apk_mirror:
                    present += [f"https://{o.apk_mirror}/", "/etc/apk/repositories"]
            if o.passwd_entry:
                present += [f"addgroup -S -g {o.uid} app", f"adduser -S -D -H -u {o.uid} -G app"]
            absent = [] if packages else ["apk"]
            steps.append(Step("RUN", value=contains(*present, absent=absent)))
    if o.base is Base.SCRATCH:
        if o.passwd_entry or o.writable_tmp:
            steps.append(Step("COPY", (FROM_BUILDER,), ("/rootfs/", "/")))
        if o.ca_certificates:
            steps.append(Step("COPY", (FROM_BUILDER,), (CA_BUNDLE, CA_BUNDLE)))
    if tz is TzdataSource.COPY:
        steps.append(Step("COPY", (FROM_BUILDER,), (GO_ZONEINFO, ZONEINFO)))
    steps.append(Step("COPY", (FROM_BUILDER,), (f"/out/{o.app_name}", binary)))
    if tz is TzdataSource.COPY:
        steps.append(Step("ENV", value=("ZONEINFO", ZONEINFO)))
    if o.timezone:
        steps.append(Step("ENV", value=("TZ", o.timezone)))
    uid = run_as(o)
    if uid is not None:
        steps.append(Step("USER", value=(f"{uid}:{uid}",)))
    steps.append(Step("EXPOSE", value=(str(o.port),)))
    if o.healthcheck:
        steps.append(Step("HEALTHCHECK", HEALTH_FLAGS, ("CMD", binary, "-healthcheck")))
    steps.append(Step("ENTRYPOINT", value=(binary,)))
    return steps
