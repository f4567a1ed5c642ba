"""`scaffold-go-docker verify`: build the project's Dockerfile(s), run them, report."""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from scaffold_go_docker.cli.option_flags import VariantChoice
from scaffold_go_docker.errors import ScaffoldError, excerpt
from scaffold_go_docker.options import ALL_VARIANTS


class _Progress:
    """Phases as lines; on a terminal also the builder's current step, rewritten in place."""

    def __init__(self) -> None:
        self.interactive = sys.stderr.isatty()
        self.started = time.monotonic()
        self.current = ""

    def phase(self, message: str) -> None:
        self.clear()
        self.current = message
        self.started = time.monotonic()
        typer.echo(f"{message}...", err=True)

    def build_line(self, line: str) -> None:
        # Only step lines: buildah's "[1/2] STEP 3/9: ..." and BuildKit's "#7 [builder 2/6] ...".
        if not self.interactive or not _STEP.match(line):
            return
        text = f"  [{time.monotonic() - self.started:.0f}s] {line}"
        sys.stderr.write("\r\x1b[K" + text[: shutil.get_terminal_size().columns - 1])
        sys.stderr.flush()

    def clear(self) -> None:
        if self.interactive:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


_STEP = re.compile(r"(\[\d+/\d+\] )?STEP \d|#\d+ \[[^\]]+\] ")


def _parse_build_args(values: list[str]) -> dict[str, str]:
    parsed = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key:
            raise ScaffoldError(f"--build-arg {excerpt(value)}: write KEY=VALUE")
        parsed[key] = text
    return parsed


class EngineName(StrEnum):
    DOCKER = "docker"
    BUILDAH = "buildah"
    PODMAN = "podman"


ENGINE_VARIABLE = "SCAFFOLD_GO_DOCKER_VERIFY_ENGINE"
#: The variable's name before `--builder` became `--engine`; still read, with a warning.
OLD_ENGINE_VARIABLE = "SCAFFOLD_GO_DOCKER_VERIFY_BUILDER"


def _warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


def _chosen_engine(
    engine: EngineName | None, old_flag: EngineName | None, source: str | None
) -> str | None:
    """--engine, else the deprecated --builder, else the environment; None: detect one."""
    if old_flag is not None:
        _warn("--builder is deprecated and will be removed: use --engine")
        if engine is not None and source != "ENVIRONMENT" and engine is not old_flag:
            raise ScaffoldError(
                f"--engine {engine.value} and --builder {old_flag.value}: --builder is the "
                "old name of --engine; give only --engine"
            )
        if engine is None or source == "ENVIRONMENT":
            return old_flag.value
    if engine is not None:
        return engine.value
    old_value = os.environ.get(OLD_ENGINE_VARIABLE)
    if old_value:
        _warn(f"{OLD_ENGINE_VARIABLE} is deprecated and will be removed: use {ENGINE_VARIABLE}")
        try:
            return EngineName(old_value.lower()).value
        except ValueError:
            raise ScaffoldError(
                f"{OLD_ENGINE_VARIABLE}={old_value}: choose "
                + ", ".join(name.value for name in EngineName)
            ) from None
    return None


def verify(
    ctx: typer.Context,
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="The project to verify (default: here).")
    ] = Path(),
    engine: Annotated[
        EngineName | None,
        typer.Option(
            "--engine",
            envvar=ENGINE_VARIABLE,
            help="The container engine that builds and runs the image; default: the first of "
            "docker, buildah and podman that can build here.",
            case_sensitive=False,
        ),
    ] = None,
    old_builder_flag: Annotated[
        EngineName | None,
        typer.Option(
            "--builder",
            hidden=True,
            help=f"Deprecated name of --engine (as {OLD_ENGINE_VARIABLE} is of its variable).",
            case_sensitive=False,
        ),
    ] = None,
    variant: Annotated[
        VariantChoice | None,
        typer.Option(
            "--variant",
            help="Verify Dockerfile.<variant> as `new --variant all` writes it, or all of them.",
            case_sensitive=False,
        ),
    ] = None,
    build_arg: Annotated[
        list[str] | None,
        typer.Option("--build-arg", metavar="KEY=VALUE", help="Passed to the build; repeatable."),
    ] = None,
    log_dir: Annotated[
        Path | None,
        typer.Option("--log-dir", help="Where the engine's logs go (default: a temp directory)."),
    ] = None,
) -> None:
    """Build the project's Dockerfile, run the image and check it; exit 0 if all pass.

    Checks a numeric non-root user, HTTP on the port, the health check (the engine's own
    status with docker) and that SIGTERM stops it with exit status 0.
    """
    # Imported here: a plain `new` or `render` never pays for the builder code.
    from scaffold_go_docker.verify import (
        detect_engine,
        dockerfiles_to_verify,
        format_bar_chart,
        format_failures,
        format_table,
        verify_dockerfile,
    )

    args = _parse_build_args(build_arg or [])
    source = ctx.get_parameter_source("engine")
    preferred = _chosen_engine(engine, old_builder_flag, source.name if source else None)
    names = dockerfiles_to_verify(directory, variant.value if variant else None)
    if log_dir is not None:
        _check_log_dir(log_dir)
    choice = detect_engine(preferred)
    for note in choice.passed_over:
        typer.echo(f"passed over {note}", err=True)
    typer.echo(f"engine: {choice.builder.description}", err=True)
    logs = log_dir or Path(tempfile.mkdtemp(prefix="scaffold-go-docker-verify-"))
    progress = _Progress()
    results = []
    for name in names:
        try:
            results.append(
                verify_dockerfile(
                    choice.builder,
                    directory,
                    name,
                    logs / f"{name}.log",
                    args,
                    progress=progress.phase,
                    on_build_line=progress.build_line,
                )
            )
        finally:
            progress.clear()
    typer.echo(format_table(results), nl=False)
    if variant is not None and variant.value == ALL_VARIANTS:
        sizes = [(r.dockerfile, r.size_bytes) for r in results if r.size_bytes is not None]
        typer.echo("\nImage sizes:")
        typer.echo(format_bar_chart(sizes), nl=False)
    failures = format_failures(results)
    if failures:
        typer.echo("\n" + failures, err=True, nl=False)
        raise typer.Exit(1)


def _check_log_dir(log_dir: Path) -> None:
    """--log-dir is a directory this user can write in (made if missing), before any build."""
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ScaffoldError(f"--log-dir {log_dir}: exists and is not a directory") from None
    except OSError as error:
        raise ScaffoldError(f"--log-dir {log_dir}: {error.strerror}") from None
    if not os.access(log_dir, os.W_OK | os.X_OK):
        raise ScaffoldError(f"--log-dir {log_dir}: not writable")


def register(app: typer.Typer) -> None:
    """Add the `verify` command to the CLI."""
    app.command(name="verify")(verify)
