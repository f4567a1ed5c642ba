"""The audit's rules as data: ID, severity, what is wrong, why, the fix, the generator
options that avoid it, and an example with its fix.

The checks (checks.py), the SARIF rule metadata, docs/audit.md and the tests all read
this table; IDs are stable.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from scaffold_go_docker.audit.findings import Severity
from scaffold_go_docker.facts.image_sizes import GOLANG_IMAGE_SIZE


class Rule(NamedTuple):
    id: str
    #: PascalCase name (SARIF `name`).
    name: str
    severity: Severity
    #: What is wrong, one line.
    summary: str
    #: Why it matters, a few sentences.
    why: str
    #: How to fix it, one line.
    fix: str
    #: Options fields that make scaffold-go-docker write a Dockerfile without it; empty
    #: when every Dockerfile it writes is free of it.
    options: Mapping[str, Any]
    #: What the Go module (beside the Dockerfile or --src) changes, if anything.
    with_module: str
    #: Related checks of other tools (hadolint and the like).
    related: tuple[str, ...]
    #: A Dockerfile that raises the rule, and the same one fixed.
    example: str
    fixed: str
    #: A go.mod the example is audited next to, when the rule needs one.
    example_go_mod: str = ""

    @property
    def flags(self) -> tuple[str, ...]:
        """`options` as command-line flags of `new`, `render` (and `init`)."""
        return tuple(option_flag(name, value) for name, value in self.options.items())


def option_flag(name: str, value: Any) -> str:
    """The flag that sets an option: `--non-root`, `--no-cgo`, `--base alpine`."""
    flag = "--" + name.replace("_", "-")
    if value is True:
        return flag
    if value is False:
        return "--no-" + name.replace("_", "-")
    return f"{flag} {value}"


_BUILD = """\
FROM golang:1.22-alpine3.20 AS build
WORKDIR /src
COPY go.* ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .
"""
_RUN_AS_APP = """\
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/app"]
"""


def _multi_stage(runtime: str) -> str:
    return f"{_BUILD}\n{runtime}"


_ON_ALPINE = _multi_stage(
    "FROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app\n" + _RUN_AS_APP
)
_TARGET_ENV = "GOOS=$TARGETOS GOARCH=$TARGETARCH"


def _on_build_platform(go_env: str, *, declare_target: bool) -> str:
    """The alpine example with its build stage on $BUILDPLATFORM."""
    text = _ON_ALPINE.replace("FROM golang", "FROM --platform=$BUILDPLATFORM golang")
    if declare_target:
        text = text.replace("COPY . .\n", "COPY . .\nARG TARGETOS TARGETARCH\n")
    return text.replace("CGO_ENABLED=0 go", f"CGO_ENABLED=0 {go_env} go")


_RULES = (
    Rule(
        id="SGD001",
        name="DockerfileSyntax",
        severity=Severity.ERROR,
        summary="BuildKit cannot read or build this instruction",
        why="The build stops here. The audit reports the line, skips the instruction and "
        "checks the rest of the file.",
        fix="Correct the instruction (BuildKit's message says what it expected).",
        options={},
        with_module="",
        related=("hadolint DL1000",),
        example="FROM alpine:3.20\nENV PORT\n",
        fixed="FROM alpine:3.20\nENV PORT=8080\n",
    ),
    Rule(
        id="SGD101",
        name="GoToolchainInFinalImage",
        severity=Severity.ERROR,
        summary="the Go toolchain is in the final image",
        why=f"A golang image is {GOLANG_IMAGE_SIZE} of compiler, sources and tools that the "
        "running service never uses, and every one of them is attack surface and CVE noise "
        "(the tutorial's problem 1).",
        fix="Build in a golang stage and copy only the binary into scratch, distroless or alpine.",
        options=MappingProxyType({"variant": "enterprise"}),
        with_module="",
        related=(),
        example="""\
FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/app .
ENTRYPOINT ["/usr/local/bin/app"]
""",
        fixed=_ON_ALPINE,
    ),
    Rule(
        id="SGD102",
        name="SourceInFinalImage",
        severity=Severity.WARNING,
        summary="the source tree is copied into the final image",
        why="The image then ships the code (and whatever else the build context holds: "
        ".git, .env files) to everyone who can pull it (the tutorial's problem 2).",
        fix="Copy only the built binary (and the files it reads) into the final stage.",
        options=MappingProxyType({"variant": "enterprise"}),
        with_module="",
        related=(),
        example="""\
FROM golang:1.22-alpine3.20 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o app .

FROM alpine:3.20
COPY --from=build /src /srv
USER 10001:10001
ENTRYPOINT ["/srv/app"]
""",
        fixed="""\
FROM golang:1.22-alpine3.20 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o app .

FROM alpine:3.20
COPY --from=build /src/app /srv/app
USER 10001:10001
ENTRYPOINT ["/srv/app"]
""",
    ),
    Rule(
        id="SGD103",
        name="GoRunAtStart",
        severity=Severity.ERROR,
        summary="the container starts with `go run`",
        why="`go run` compiles at every start: slow starts, a compiler's memory use, and "
        "the go tool, not the service, as PID 1 (the tutorial's problem 3).",
        fix="Compile with `go build` in a build stage and start the binary.",
        options=MappingProxyType({"variant": "enterprise"}),
        with_module="",
        related=(),
        example="""\
FROM golang:1.22
WORKDIR /app
COPY . .
CMD ["go", "run", "."]
""",
        fixed=_ON_ALPINE,
    ),
    Rule(
        id="SGD104",
        name="NoModuleLayer",
        severity=Severity.WARNING,
        summary="no cached module layer: modules are downloaded after the whole source is "
        "copied, or not in a step of their own",
        why="Any source change then invalidates the download, and every build fetches every "
        "dependency again. Copying go.mod and go.sum first and running `go mod download` "
        "in its own step keeps the modules in a layer that changes only with them.",
        fix="`COPY go.* ./` and `RUN go mod download` before `COPY . .`.",
        options=MappingProxyType({"variant": "enterprise"}),
        with_module="Not reported when go.mod requires nothing (there is nothing to "
        "download) or the module is vendored (vendor/modules.txt).",
        related=(),
        example="""\
FROM golang:1.22-alpine3.20 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .

FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
"""
        + _RUN_AS_APP,
        fixed=_ON_ALPINE,
    ),
    Rule(
        id="SGD110",
        name="RunsAsRoot",
        severity=Severity.WARNING,
        summary="the final stage runs as root",
        why="A process running as UID 0 that is compromised owns the container, and with "
        "a container escape the node. Kubernetes `runAsNonRoot` refuses the image. The "
        "base's own user counts: distroless `:nonroot` and Chainguard images already run "
        "as 65532 and are not reported.",
        fix="Add a numeric `USER 10001:10001` to the final stage (or use distroless `:nonroot`).",
        options=MappingProxyType({"non_root": True}),
        with_module="",
        related=(
            "hadolint DL3002 (only an explicit USER root)",
            "Trivy DS-0002",
            "Checkov CKV_DOCKER_3",
        ),
        example=_multi_stage(
            "FROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app\n"
            'ENTRYPOINT ["/usr/local/bin/app"]\n'
        ),
        fixed=_ON_ALPINE,
    ),
    Rule(
        id="SGD111",
        name="NamedUser",
        severity=Severity.WARNING,
        summary="USER is a name, which Kubernetes `runAsNonRoot` cannot verify",
        why='The kubelet refuses to start it ("image has non-numeric user ... cannot verify '
        'user is non-root"): only a numeric UID can be checked without reading the '
        "image's /etc/passwd.",
        fix="Use the numeric UID (and GID): `USER 10001:10001`.",
        options=MappingProxyType({"non_root": True}),
        with_module="",
        related=("hadolint DL3066",),
        example=_multi_stage(
            "FROM alpine:3.20\nRUN adduser -S -D -H -u 10001 appuser\n"
            "COPY --from=build /out/app /usr/local/bin/app\nUSER appuser\n"
            'ENTRYPOINT ["/usr/local/bin/app"]\n'
        ),
        fixed=_multi_stage(
            "FROM alpine:3.20\nRUN adduser -S -D -H -u 10001 appuser\n"
            "COPY --from=build /out/app /usr/local/bin/app\n" + _RUN_AS_APP
        ),
    ),
    Rule(
        id="SGD120",
        name="NoCACertificates",
        severity=Severity.WARNING,
        summary="no CA certificates in the final image",
        why="Every outbound HTTPS call then fails with `x509: certificate signed by unknown "
        "authority` (the tutorial's pitfall A). scratch has no CA bundle; nor do Debian "
        "and Ubuntu without the ca-certificates package.",
        fix="`COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/` (or "
        "install ca-certificates, or use distroless).",
        options=MappingProxyType({"ca_certificates": True}),
        with_module="Info instead of warning when nothing in the module can make a TLS "
        "call: no dependencies, no crypto/tls, crypto/x509, net/smtp or httputil import, no "
        "https:// literal, and HTTP client calls only to http:// literals. Not reported "
        "when the module imports golang.org/x/crypto/x509roots/fallback.",
        related=(),
        example=_multi_stage(
            "FROM scratch\nCOPY --from=build /out/app /usr/local/bin/app\n" + _RUN_AS_APP
        ),
        fixed=_multi_stage(
            "FROM scratch\n"
            "COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n"
            "COPY --from=build /out/app /usr/local/bin/app\n" + _RUN_AS_APP
        ),
    ),
    Rule(
        id="SGD121",
        name="NoTimeZoneData",
        severity=Severity.INFO,
        summary="no time-zone data in the final image",
        why="`time.LoadLocation` fails (`unknown time zone Asia/Shanghai`) and TZ is "
        "ignored, so times come out in UTC (the tutorial's pitfall B). A warning when "
        "the image sets TZ, information otherwise.",
        fix="Build with `-tags timetzdata` (or import time/tzdata): the binary carries "
        "its own zoneinfo; or install tzdata.",
        options=MappingProxyType({"tzdata": True}),
        with_module="A warning when the module calls time.LoadLocation; not reported when "
        "it imports time/tzdata.",
        related=(),
        example="""\
FROM golang:1.22-alpine3.20 AS build
WORKDIR /src
COPY go.* ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/app /usr/local/bin/app
ENV TZ=Asia/Shanghai
"""
        + _RUN_AS_APP,
        fixed="""\
FROM golang:1.22-alpine3.20 AS build
WORKDIR /src
COPY go.* ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -tags timetzdata -ldflags="-s -w" -o /out/app .

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/app /usr/local/bin/app
ENV TZ=Asia/Shanghai
"""
        + _RUN_AS_APP,
    ),
    Rule(
        id="SGD130",
        name="CgoBinaryOnStaticBase",
        severity=Severity.ERROR,
        summary="a cgo binary on a base that cannot run it",
        why="The Debian golang images have gcc, so cgo stays on unless CGO_ENABLED=0 and "
        "the binary links glibc dynamically. On scratch, distroless static or Alpine "
        "(musl) it fails at start with `no such file or directory`: the dynamic loader "
        "is missing.",
        fix="Build with `CGO_ENABLED=0` (or run on a base with the builder's libc).",
        options=MappingProxyType({"cgo": False}),
        with_module="Not reported when the module has no dependencies and imports none of "
        "C, net, os/user, plugin: the binary is static anyway.",
        related=(),
        example="""\
FROM golang:1.22-bookworm AS build
WORKDIR /src
COPY go.* ./
RUN go mod download
COPY . .
RUN go build -trimpath -ldflags="-s -w" -o /out/app .

FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
"""
        + _RUN_AS_APP,
        fixed="""\
FROM golang:1.22-bookworm AS build
WORKDIR /src
COPY go.* ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .

FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
"""
        + _RUN_AS_APP,
    ),
    Rule(
        id="SGD131",
        name="CgoModuleWithoutCgo",
        severity=Severity.ERROR,
        summary="the module needs cgo but is built with cgo off or without a C compiler",
        why="go-sqlite3 and the like wrap C libraries. With CGO_ENABLED=0 (or on "
        "golang:*-alpine without gcc, where cgo is off by default) the build fails or, "
        "for go-sqlite3, builds a stub that fails at run time.",
        fix="Install gcc and musl-dev in an Alpine builder, set CGO_ENABLED=1 and run on "
        "Alpine (or a glibc builder on distroless base).",
        options=MappingProxyType(
            {"cgo": True, "builder": "alpine", "base": "alpine", "cross_compile": False}
        ),
        with_module="Needs the module: reported when go.mod requires a known cgo module "
        '(e.g. github.com/mattn/go-sqlite3) or a file imports "C".',
        related=(),
        example="""\
FROM golang:1.22-alpine3.20 AS build
WORKDIR /src
COPY go.* ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .

FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
"""
        + _RUN_AS_APP,
        fixed="""\
FROM golang:1.22-alpine3.20 AS build
RUN apk add --no-cache gcc musl-dev
WORKDIR /src
COPY go.* ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 go build -trimpath -ldflags="-s -w" -o /out/app .

FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
"""
        + _RUN_AS_APP,
        example_go_mod="""\
module example.com/app

go 1.22

require github.com/mattn/go-sqlite3 v1.14.22
""",
    ),
    Rule(
        id="SGD140",
        name="FloatingBaseTag",
        severity=Severity.WARNING,
        summary="a floating base tag",
        why="`:latest`, no tag, or a tag without a minor version (`golang:alpine`, "
        "`alpine:3`) means a different image on the next build: a new Go or Alpine "
        "release arrives unannounced and builds stop being reproducible.",
        fix="Pin at least the minor version (`golang:1.22-alpine3.20`, `alpine:3.20`), or a "
        "digest.",
        options={},
        with_module="",
        related=("hadolint DL3006", "hadolint DL3007"),
        example=_multi_stage(
            "FROM alpine:latest\nCOPY --from=build /out/app /usr/local/bin/app\n" + _RUN_AS_APP
        ).replace("golang:1.22-alpine3.20", "golang:alpine"),
        fixed=_ON_ALPINE,
    ),
    Rule(
        id="SGD150",
        name="ShellFormEntrypoint",
        severity=Severity.WARNING,
        summary="shell-form ENTRYPOINT or CMD",
        why="Shell form runs `/bin/sh -c`: on a base without /bin/sh (scratch, distroless) "
        "the container cannot start (an error); elsewhere the shell is PID 1, so the Go "
        "process misses SIGTERM and is killed after the grace period (a warning).",
        fix='Use exec form: `ENTRYPOINT ["/usr/local/bin/app"]`.',
        options={},
        with_module="",
        related=("hadolint DL3025",),
        example=_multi_stage(
            "FROM gcr.io/distroless/static-debian12:nonroot\n"
            "COPY --from=build /out/app /usr/local/bin/app\n"
            "ENTRYPOINT /usr/local/bin/app\n"
        ),
        fixed=_multi_stage(
            "FROM gcr.io/distroless/static-debian12:nonroot\n"
            "COPY --from=build /out/app /usr/local/bin/app\n"
            'ENTRYPOINT ["/usr/local/bin/app"]\n'
        ),
    ),
    Rule(
        id="SGD160",
        name="HardCodedTargetPlatform",
        severity=Severity.WARNING,
        summary="GOARCH/GOOS hard-coded in a stage that runs on $BUILDPLATFORM",
        why="The stage runs once on the build machine for every target platform, so "
        "`docker buildx build --platform linux/amd64,linux/arm64` puts the same amd64 "
        "binary into the arm64 image. A build there without GOARCH does the same.",
        fix="`ARG TARGETOS TARGETARCH` in the stage and `GOOS=$TARGETOS "
        "GOARCH=$TARGETARCH go build`.",
        options=MappingProxyType({"cross_compile": True}),
        with_module="",
        related=(),
        example=_on_build_platform("GOOS=linux GOARCH=amd64", declare_target=False),
        fixed=_on_build_platform(_TARGET_ENV, declare_target=True),
    ),
    Rule(
        id="SGD161",
        name="UndeclaredPlatformArg",
        severity=Severity.WARNING,
        summary="$TARGETARCH/$TARGETOS used in a stage that does not declare it",
        why="BuildKit's platform arguments reach a stage only through `ARG TARGETARCH`; "
        "without it the variable is empty and `GOARCH=` silently builds for the build "
        "machine.",
        fix="Add `ARG TARGETOS TARGETARCH` to the stage, before the RUN that uses them.",
        options=MappingProxyType({"cross_compile": True}),
        with_module="",
        related=(),
        example=_on_build_platform(_TARGET_ENV, declare_target=False),
        fixed=_on_build_platform(_TARGET_ENV, declare_target=True),
    ),
    Rule(
        id="SGD170",
        name="GoSumGlob",
        severity=Severity.WARNING,
        summary="`go.sum*` glob in COPY",
        why="BuildKit tolerates a glob that matches nothing, buildah and podman do not: a "
        "module without dependencies has no go.sum and the build fails there "
        "(containers/podman#25229). `go.*` always matches go.mod.",
        fix="`COPY go.* ./`.",
        options={},
        with_module="",
        related=(),
        example=_ON_ALPINE.replace("COPY go.* ./", "COPY go.mod go.sum* ./"),
        fixed=_ON_ALPINE,
    ),
    Rule(
        id="SGD180",
        name="HealthcheckToolMissing",
        severity=Severity.ERROR,
        summary="HEALTHCHECK calls curl or wget on a base that has neither",
        why="The check fails every time, so the container is marked unhealthy and "
        "restarted or never receives traffic. scratch and distroless have no curl or "
        "wget; alpine has wget (busybox) but no curl.",
        fix='Let the binary probe itself: `HEALTHCHECK CMD ["/usr/local/bin/app", '
        '"-healthcheck"]`.',
        options=MappingProxyType({"healthcheck": True}),
        with_module="",
        related=(),
        example=_multi_stage(
            "FROM gcr.io/distroless/static-debian12:nonroot\n"
            "COPY --from=build /out/app /usr/local/bin/app\n"
            'HEALTHCHECK CMD ["curl", "-f", "http://localhost:8080/healthz"]\n'
            'ENTRYPOINT ["/usr/local/bin/app"]\n'
        ),
        fixed=_multi_stage(
            "FROM gcr.io/distroless/static-debian12:nonroot\n"
            "COPY --from=build /out/app /usr/local/bin/app\n"
            'HEALTHCHECK CMD ["/usr/local/bin/app", "-healthcheck"]\n'
            'ENTRYPOINT ["/usr/local/bin/app"]\n'
        ),
    ),
    Rule(
        id="SGD190",
        name="NoTrimpath",
        severity=Severity.INFO,
        summary="`go build` without `-trimpath`",
        why="The binary records the builder's file system paths (/src/..., /go/pkg/mod/...): "
        "builds are less reproducible and stack traces show build-machine paths.",
        fix="Add `-trimpath` to `go build` (or to GOFLAGS).",
        options=MappingProxyType({"trimpath": True}),
        with_module="",
        related=(),
        example=_ON_ALPINE.replace(" -trimpath", ""),
        fixed=_ON_ALPINE,
    ),
    Rule(
        id="SGD191",
        name="NotStripped",
        severity=Severity.INFO,
        summary="`go build` without `-s -w` or stripping",
        why="The symbol table and DWARF data make up about a quarter of a Go binary and "
        "are not needed to run it (since Go 1.22 `-s` implies `-w`).",
        fix='Add `-ldflags="-s -w"` to `go build`.',
        options=MappingProxyType({"strip": True}),
        with_module="",
        related=(),
        example=_ON_ALPINE.replace(' -ldflags="-s -w"', ""),
        fixed=_ON_ALPINE,
    ),
)

RULES: Mapping[str, Rule] = MappingProxyType({rule.id: rule for rule in _RULES})
