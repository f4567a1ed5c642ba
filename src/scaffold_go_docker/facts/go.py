"""Facts about Go that shape a container image: cgo modules, embedded data, build caches."""

from __future__ import annotations

import functools
import re
from typing import Final

#: The Docker Official Image holding the Go toolchain.
GOLANG_IMAGE: Final = "golang"
#: Where the official golang images keep the module cache and the build cache.
MODULE_CACHE: Final = "/go/pkg/mod"
BUILD_CACHE: Final = "/root/.cache/go-build"
#: Go's own copy of the zoneinfo database inside GOROOT of the golang images.
GOROOT_ZONEINFO: Final = "/usr/local/go/lib/time/zoneinfo.zip"


# The official golang images of a Go minor are published on the Alpine and Debian releases
# current while that minor is supported, and no later ones: a tag pairing an old Go with a
# newer Alpine does not exist. Go 1.N stops at Alpine 3.(N-1) (1.21 on 3.20, 1.22 on 3.21,
# 1.24 on 3.23), as Go and Alpine each release twice a year, a few months apart. A patch
# release (1.22.4) was published only on the Alpine releases of its month, which this table
# does not hold: its plain `-alpine` tag names the one it was built on, and never moves.
def golang_alpine_suffix(go_version: str, newest: str) -> str:
    """The tag suffix of the newest golang Alpine image for `go_version` (1.N or 1.N.P)."""
    parts = go_version.split(".")
    if len(parts) > 2:
        return "alpine"
    return f"alpine3.{min(int(parts[1]) - 1, int(newest.split('.')[1]))}"


#: The first Go release published on each Debian release, newest first (bookworm came out
#: in June 2023, between Go 1.20.4 and 1.20.5).
_DEBIAN_SINCE: Final = (("bookworm", (20, 5)), ("bullseye", (16, 0)), ("buster", (0, 0)))


def golang_debian_release(go_version: str, newest: str) -> str:
    """The Debian release of golang:VERSION-RELEASE for `go_version` (at most `newest`)."""
    parts = [int(p) for p in go_version.split(".")[1:3]]
    # A minor's own tag (1.20) is rebuilt on each new release while the minor is supported.
    release = (parts[0], parts[1] if len(parts) > 1 else 99)
    names = [name for name, _ in _DEBIAN_SINCE]
    start = names.index(newest) if newest in names else 0
    for name, since in _DEBIAN_SINCE[start:]:
        if release >= since:
            return name
    return names[-1]


#: The Go minor that brought each build feature the Dockerfiles use: a Dockerfile for an
#: older Go leaves the feature out, or refuses the option that needs it.
TRIMPATH_SINCE: Final = 13  # go build -trimpath
TZDATA_EMBED_SINCE: Final = 15  # -tags timetzdata, import time/tzdata
BUILDVCS_SINCE: Final = 18  # go build -buildvcs (VCS stamping itself came with it)


#: Each Go release gets security fixes until two newer ones are out (go.dev/doc/devel/release).
SUPPORTED_RELEASES: Final = 2


def go_minor(go_version: object) -> int | None:
    """`1.27.3` → 27; None for what is not a Go release (yet to be validated)."""
    match = re.fullmatch(r"1\.([0-9]+)(?:\.[0-9]+)?", str(go_version))
    return int(match[1]) if match else None


#: The CA bundle path Go's crypto/x509 reads first on Linux (Debian, Alpine, distroless).
CA_BUNDLE: Final = "/etc/ssl/certs/ca-certificates.crt"
#: `-tags timetzdata` or this import embeds ~450 KB of zoneinfo into the binary.
TZDATA_BUILD_TAG: Final = "timetzdata"
#: The build tags that keep a static cgo binary off glibc's NSS (name and user lookups in Go).
STATIC_CGO_TAGS: Final = ("netgo", "osusergo")
TZDATA_IMPORT: Final = "time/tzdata"
#: Importing this package embeds Mozilla's roots as a fallback when the system has none.
CA_FALLBACK_IMPORT: Final = "golang.org/x/crypto/x509roots/fallback"
#: Standard-library packages that make outbound TLS possible or whose use implies it.
TLS_IMPORTS: Final = ("crypto/tls", "crypto/x509", "net/smtp", "net/http/httputil")
#: Imports that link libc when cgo is on: "C" itself, and the standard packages that
#: reach the cgo DNS resolver (net, and everything importing it) or user lookup. A program
#: importing none of them is static even with cgo on. Prefixes: net covers net/http.
LIBC_USING_IMPORTS: Final = (
    "C",
    "net",
    "os/user",
    "plugin",
    "runtime/cgo",
    "crypto/tls",
    "crypto/x509",
    "log/syslog",
    "expvar",
)

#: Modules that compile only with cgo (a C compiler and, at run time, a libc), and what C
#: code they wrap. With CGO_ENABLED=0 they fail to build or, like go-sqlite3, build a stub
#: that fails at run time.
CGO_MODULES: Final = {
    "github.com/mattn/go-sqlite3": "SQLite (C)",
    "github.com/mutecomm/go-sqlcipher": "SQLCipher (C)",
    "crawshaw.io/sqlite": "SQLite (C)",
    "github.com/confluentinc/confluent-kafka-go": "librdkafka",
    "github.com/godror/godror": "Oracle's ODPI-C",
    "github.com/libgit2/git2go": "libgit2",
    "github.com/DataDog/zstd": "zstd (C)",
    "github.com/valyala/gozstd": "zstd (C)",
    "github.com/h2non/bimg": "libvips",
    "github.com/davidbyttow/govips": "libvips",
    "gopkg.in/gographics/imagick.v3": "ImageMagick",
    "gopkg.in/gographics/imagick.v2": "ImageMagick",
    "github.com/linxGnu/grocksdb": "RocksDB",
    "github.com/tecbot/gorocksdb": "RocksDB",
    "github.com/miekg/pkcs11": "PKCS#11 modules (dlopen)",
    "github.com/mattn/go-oci8": "Oracle OCI",
    "gopkg.in/confluentinc/confluent-kafka-go.v1": "librdkafka",
    "github.com/ibm-messaging/mq-golang": "IBM MQ client",
}
_MAJOR_SUFFIX = r"/v[2-9][0-9]*$"


def links_libc_with_cgo(import_path: str) -> bool:
    """Whether importing this package links the binary against libc when cgo is on."""
    return any(
        import_path == prefix or import_path.startswith(prefix + "/")
        for prefix in LIBC_USING_IMPORTS
    )


def cgo_module(module_path: str) -> str | None:
    """The known cgo module `module_path` is (or is a major version of), or None."""
    for known in CGO_MODULES:
        if module_path == known or module_path.startswith(known + "/v"):
            return known
    return None


@functools.cache
def cgo_module_of(import_path: str) -> str | None:
    """The known cgo module that provides the package `import_path` (or is it), if any."""
    candidate = import_path
    while True:
        if re.sub(_MAJOR_SUFFIX, "", candidate) in CGO_MODULES:
            return candidate
        if "/" not in candidate:
            return None
        candidate = candidate.rsplit("/", 1)[0]


def cgo_reason(module_path: str) -> str:
    """What the module wraps in C."""
    return CGO_MODULES.get(re.sub(_MAJOR_SUFFIX, "", module_path), "C code")


#: Module paths the go command keeps for itself, whatever the standard library holds:
#: `go mod init` refuses `go` and `toolchain` (go.mod directives); `std`, `cmd`, `all`,
#: `tool` and `work` are package patterns, never importable; `C` is cgo's pseudo-package.
#: A module path equal to a standard package's (`fmt`, `net/http`, `cmd/go`) is refused by
#: `go build` as an ambiguous import: `go_std.STANDARD_PACKAGES` lists those.
RESERVED_MODULE_PATHS: Final = frozenset(
    {"go", "toolchain", "std", "cmd", "all", "tool", "work", "C"}
)
#: Path elements Go refuses everywhere (golang.org/x/mod/module): Windows device names,
#: matched case-insensitively on the element up to its first dot (`con`, `Aux.go`, `lpt1`).
WINDOWS_RESERVED_ELEMENT: Final = r"(?i:con|prn|aux|nul|com[1-9]|lpt[1-9])(?:\..*)?"
#: An element ending in `~` and digits (a Windows short name) is refused too.
SHORT_NAME_ELEMENT: Final = r".*~[0-9]+"
