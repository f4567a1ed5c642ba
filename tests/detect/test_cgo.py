"""Does a main package need cgo: its own packages and vendored ones that import "C", known
cgo modules it imports, and go.mod requires it cannot rule out."""

from __future__ import annotations

from pathlib import Path

from scaffold_go_docker.detect import MainFacts, detect

from .conftest import FIXTURES, WriteModule
from .gotool import Go

SQLITE = "github.com/mattn/go-sqlite3"


def test_a_local_package_importing_c_needs_cgo() -> None:
    cgo = detect(FIXTURES / "cgo").for_main(".").cgo
    assert cgo is not None
    assert cgo.certain
    assert cgo.reason == 'example.com/cgoapp/internal/native imports "C" (cgo)'
    assert str(cgo.origin) == "internal/native/native.go:7"


def test_a_cgo_file_for_another_platform_does_not_count() -> None:
    assert detect(FIXTURES / "cgo").for_main("./cmd/nocgo").cgo is None


def test_a_package_with_a_pure_go_variant_says_cgo_may_be_optional(go: Go) -> None:
    cgo = detect(FIXTURES / "cgo").for_main("./cmd/optional").cgo
    assert cgo is not None
    assert "CGO_ENABLED=0 may work" in cgo.reason
    # And it does, where the program without a variant does not.
    assert _builds_without_cgo(go, FIXTURES / "cgo", "./cmd/optional")
    assert not _builds_without_cgo(go, FIXTURES / "cgo", ".")


def test_a_vendored_dependency_importing_c_needs_cgo() -> None:
    detection = detect(FIXTURES / "vendored")
    cgo = detection.for_main("./cmd/fast").cgo
    assert cgo is not None
    assert str(cgo.origin) == "vendor/example.com/greet/fastgreet/fast.go:8"
    assert detection.for_main("./cmd/plain").cgo is None


def test_importing_a_module_known_to_need_cgo(write_module: WriteModule) -> None:
    root = write_module(
        {
            "go.mod": f"module example.com/app\n\ngo 1.22\n\nrequire {SQLITE} v1.14.22\n",
            "cmd/api/main.go": 'package main\n\nimport "example.com/app/internal/db"\n\n'
            "func main() { db.Open() }\n",
            "cmd/worker/main.go": "package main\n\nfunc main() {}\n",
            "internal/db/db.go": 'package db\n\nimport (\n\t"database/sql"\n\n'
            f'\t_ "{SQLITE}"\n)\n\nfunc Open() {{ sql.Open("sqlite3", "x.db") }}\n',
        }
    )
    detection = detect(root)
    cgo = detection.for_main("./cmd/api").cgo
    assert cgo is not None
    assert (cgo.certain, str(cgo.origin)) == (True, "internal/db/db.go:6")
    assert SQLITE in cgo.reason
    # The worker imports only the standard library: the require cannot reach it.
    assert detection.for_main("./cmd/worker").cgo is None


def test_a_required_cgo_module_reachable_only_through_dependencies(
    write_module: WriteModule,
) -> None:
    root = write_module(
        {
            "go.mod": "module example.com/app\n\ngo 1.22\n\nrequire (\n"
            "\tgorm.io/driver/sqlite v1.5.6\n"
            f"\t{SQLITE} v1.14.22 // indirect\n)\n",
            "main.go": 'package main\n\nimport _ "gorm.io/driver/sqlite"\n\nfunc main() {}\n',
        }
    )
    cgo = detect(root).for_main(".").cgo
    assert cgo is not None
    assert (cgo.certain, str(cgo.origin)) == (False, "go.mod:7")


def test_known_modules_match_through_major_versions(write_module: WriteModule) -> None:
    kafka = "github.com/confluentinc/confluent-kafka-go/v2"
    root = write_module(
        {
            "go.mod": f"module example.com/app\n\ngo 1.22\n\nrequire {kafka} v2.3.0\n",
            "main.go": f'package main\n\nimport "{kafka}/kafka"\n\n'
            "func main() { _ = kafka.NewProducer }\n",
        }
    )
    cgo: MainFacts = detect(root).for_main(".")
    assert cgo.cgo is not None
    assert "librdkafka" in cgo.cgo.reason


def test_a_pure_go_module_needs_no_cgo() -> None:
    assert all(facts.cgo is None for facts in detect(FIXTURES / "ports").mains)


def _builds_without_cgo(go: Go, directory: Path, package: str) -> bool:
    """Whether go list finds every package the program needs with CGO_ENABLED=0 (without
    cgo, files importing "C" are left out: a package with nothing else cannot build)."""
    command = ["list", "-e", "-deps", "-json", package]
    listed = go.run(command, directory, "-mod=mod", env={"CGO_ENABLED": "0"}).stdout
    return '"Error"' not in listed and '"DepsErrors"' not in listed
