"""Fixtures for the Go-side tests: the real toolchain offline, generated projects, builds.

Set SCAFFOLD_TEST_GOCACHE to a directory to keep Go's build cache between runs; by default
each session compiles into a fresh cache under its temporary directory.
"""

from __future__ import annotations

import http.server
import os
import shutil
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import venv_tool

from scaffold_go_docker.generate import generate_files

from .build_context import build_context
from .dockerfile_build import (
    HOST_PLATFORM,
    GoBuild,
    Platform,
    RuntimeStage,
    go_build_of,
    runtime_stage_of,
    staging_commands,
)
from .gotool import GoToolchain
from .rootfs import assemble, distroless_like_base, stage_rootfs

APP = "hello"
#: Build args for every build of the app, so the builds of different tests are shared.
STAMP = {"VERSION": "v1.2.3-test", "COMMIT": "0123456789abcdef"}
PROBES = Path(__file__).parent / "probes"


@dataclass(frozen=True)
class Project:
    """A generated project on disk, and the build context a builder would send of it."""

    path: Path
    context: Path
    choices: Mapping[str, Any]

    @property
    def dockerfile(self) -> str:
        return (self.path / "Dockerfile").read_text()

    def go_build(
        self, build_args: Mapping[str, str] | None = None, platform: str = HOST_PLATFORM
    ) -> GoBuild:
        return go_build_of(self.dockerfile, build_args, Platform.parse(platform))


MakeProject = Callable[..., Project]
Build = Callable[..., Path]


@pytest.fixture(scope="session")
def go(tmp_path_factory: pytest.TempPathFactory) -> GoToolchain:
    home = tmp_path_factory.mktemp("gohome")
    shared = os.environ.get("SCAFFOLD_TEST_GOCACHE")
    cache = Path(shared) if shared else home / "cache"
    return GoToolchain.offline(venv_tool("go"), home, cache)


@pytest.fixture(scope="session")
def make_project(tmp_path_factory: pytest.TempPathFactory) -> MakeProject:
    """Generate (once per set of choices) the project `new` would write."""
    made: dict[str, Project] = {}

    def make(**choices: Any) -> Project:
        choices = {"app_name": APP, **choices}
        key = repr(sorted(choices.items()))
        if key not in made:
            work = tmp_path_factory.mktemp("project")
            path = work / APP
            for relative, text in generate_files(choices).items():
                (path / relative).parent.mkdir(parents=True, exist_ok=True)
                (path / relative).write_text(text)
            made[key] = Project(path, build_context(path, work / "context"), choices)
        return made[key]

    return make


@pytest.fixture(scope="session")
def build(go: GoToolchain) -> Build:
    """Build `source` (default: the project's build context) with its parsed go build step.

    The builder stage's `COPY . .` puts the context in its WORKDIR, where the step runs.
    """

    def run(
        project: Project,
        build_args: Mapping[str, str] = STAMP,
        platform: str = HOST_PLATFORM,
        source: Path | None = None,
    ) -> Path:
        return go.build(project.go_build(build_args, platform), source or project.context)

    return run


@pytest.fixture(scope="session")
def probes() -> Path:
    """Small stdlib-only Go programs that test an image from inside, one per directory."""
    return PROBES


@dataclass(frozen=True)
class PrivateCA:
    ca_cert: Path
    server_cert: Path
    server_key: Path


@pytest.fixture(scope="session")
def private_ca(tmp_path_factory: pytest.TempPathFactory) -> PrivateCA:
    """A private CA and a server certificate for 127.0.0.1 it signed (openssl CLI)."""
    d = tmp_path_factory.mktemp("pki")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    commands = [
        ["req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
         "-subj", "/CN=scaffold-go-docker test CA",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        ["req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"],
        ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
         "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext"],
    ]  # fmt: skip
    (d / "server.ext").write_text(
        "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n"
    )
    for command in commands:
        subprocess.run(["openssl", *command], cwd=d, check=True, capture_output=True)
    return PrivateCA(d / "ca.pem", d / "server.pem", d / "server.key")


@pytest.fixture(scope="session")
def https_url(private_ca: PrivateCA) -> Iterator[str]:
    """A local HTTPS server presenting the test CA's certificate."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"secure hello\n"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(private_ca.server_cert, private_ca.server_key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


HOST_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
HOST_ZONEINFO = Path("/usr/share/zoneinfo")


@pytest.fixture(scope="session")
def bundle_with_private_ca(private_ca: PrivateCA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The builder's CA bundle after the organisation's CA was added to it."""
    bundle = tmp_path_factory.mktemp("bundle") / "ca-certificates.crt"
    bundle.write_text(HOST_CA_BUNDLE.read_text() + private_ca.ca_cert.read_text())
    return bundle


@dataclass(frozen=True)
class Root:
    """An assembled runtime stage."""

    path: Path
    stage: RuntimeStage


AssembleRoot = Callable[..., Root]


@pytest.fixture(scope="session")
def assemble_root(
    tmp_path_factory: pytest.TempPathFactory,
    build: Build,
    go: GoToolchain,
    bundle_with_private_ca: Path,
) -> AssembleRoot:
    """Build the project, then lay out its runtime stage in an otherwise empty directory.

    The builder paths the stage copies come from: the binary just built (`-o`), a CA bundle,
    Go's own zoneinfo.zip, and /rootfs/ made by running the builder's staging RUN line.
    `extra` puts further files (test probes) into the root at the given paths.
    """
    if os.geteuid() != 0:
        pytest.fail("assembling and entering a root needs root (chroot, file ownership)")
    zoneinfo_zip = go.goroot() / "lib" / "time" / "zoneinfo.zip"

    def make(
        project: Project,
        *,
        ca_bundle: Path | None = None,
        extra: Mapping[str, Path] | None = None,
        build_args: Mapping[str, str] = STAMP,
    ) -> Root:
        ca_bundle = ca_bundle or bundle_with_private_ca
        step = project.go_build(build_args)
        binary = build(project, build_args)
        stage = runtime_stage_of(project.dockerfile)
        work = tmp_path_factory.mktemp("root")
        staging, root = work / "staging", work / "root"
        staging.mkdir()
        root.mkdir()
        stage_rootfs(staging_commands(project.dockerfile), staging, step.stage_env)
        if stage.base.startswith("gcr.io/distroless/static"):
            distroless_like_base(root, ca_bundle, HOST_ZONEINFO)
        else:
            assert stage.base == "scratch", f"no stand-in for base image {stage.base}"
        builder_files = {
            step.output: binary,
            "/etc/ssl/certs/ca-certificates.crt": ca_bundle,
            "/usr/local/go/lib/time/zoneinfo.zip": zoneinfo_zip,
            "/rootfs/": staging,
        }
        assemble(root, stage, builder_files)
        for target, source in (extra or {}).items():
            destination = root / target.lstrip("/")
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
        return Root(root, stage)

    return make
