"""Go modules known to need cgo: a binary that uses them needs CGO_ENABLED=1, a C toolchain
in the builder and a C library (glibc or musl) at run time.

TEMPORARY HOME: this list belongs with the other Go facts (facts/go.py); it moves there once
that module exists, and this one then only re-exports it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

#: Module path -> what it wraps in C (for the reason detection gives).
CGO_MODULES: Final[dict[str, str]] = {
    "github.com/mattn/go-sqlite3": "SQLite (C)",
    "github.com/mattn/go-oci8": "Oracle OCI",
    "github.com/godror/godror": "Oracle ODPI-C",
    "github.com/confluentinc/confluent-kafka-go": "librdkafka",
    "gopkg.in/confluentinc/confluent-kafka-go.v1": "librdkafka",
    "github.com/linxGnu/grocksdb": "RocksDB",
    "github.com/tecbot/gorocksdb": "RocksDB",
    "github.com/DataDog/zstd": "zstd (C)",
    "github.com/libgit2/git2go": "libgit2",
    "github.com/ibm-messaging/mq-golang": "IBM MQ client",
    "gopkg.in/gographics/imagick.v2": "ImageMagick",
    "gopkg.in/gographics/imagick.v3": "ImageMagick",
    "github.com/h2non/bimg": "libvips",
    "github.com/davidbyttow/govips": "libvips",
}

_MAJOR_SUFFIX = re.compile(r"/v[2-9][0-9]*$")


@cache
def cgo_module_of(import_path: str) -> str | None:
    """The known cgo module that provides `import_path` (or is it), if any."""
    candidate = import_path
    while True:
        base = _MAJOR_SUFFIX.sub("", candidate)
        if base in CGO_MODULES:
            return candidate
        if "/" not in candidate:
            return None
        candidate = candidate.rsplit("/", 1)[0]


def cgo_reason(module_path: str) -> str:
    """What the module wraps in C."""
    return CGO_MODULES.get(_MAJOR_SUFFIX.sub("", module_path), "C code")
