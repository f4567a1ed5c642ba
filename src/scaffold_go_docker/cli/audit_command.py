"""`scaffold-go-docker audit`: flags -> the audit library -> the report on stdout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from scaffold_go_docker.audit.findings import Severity
from scaffold_go_docker.audit.formats import Format


def audit(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Dockerfiles, - for stdin, or directories searched for Dockerfile, "
            "Dockerfile.*, *.Dockerfile and Containerfile (default: .).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format",
            help="text, json, sarif (GitHub code scanning) or gitlab.",
            case_sensitive=False,
        ),
    ] = Format.TEXT,
    fail_on: Annotated[
        Severity | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding is at or above this severity (default: warning, or "
            "the config file's audit.fail_on).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    src: Annotated[
        Path | None,
        typer.Option(
            "--src",
            metavar="DIR",
            help="The Go module (holding go.mod) the Dockerfiles build; default: the nearest "
            "go.mod beside or above each Dockerfile, within its repository.",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="YAML or TOML file whose `audit:` section sets ignore, severity and fail_on "
            "(default: ./.scaffold-go-docker.yaml when it has one).",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="RULE", help="Skip a rule, e.g. SGD191; repeatable."),
    ] = None,
) -> None:
    """Find the Go-specific pitfalls in existing Dockerfiles (rules SGD101-SGD191).

    Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 bad usage or an
    unreadable path.
    """
    # Imported here: `new` and `render` never load the parser or the checks.
    from scaffold_go_docker.audit.config import load_settings
    from scaffold_go_docker.audit.engine import audit_paths
    from scaffold_go_docker.audit.errors import AuditInputError
    from scaffold_go_docker.audit.formats import render
    from scaffold_go_docker.audit.rules import RULES
    from scaffold_go_docker.inputs.terminal import use_colour

    settings = load_settings(config, Path.cwd())
    ignored = {rule.upper() for rule in ignore or []}
    unknown = sorted(ignored - set(RULES))
    if unknown:
        raise AuditInputError(f"--ignore {unknown[0]}: no such rule (see docs/audit.md)")
    settings = settings._replace(
        ignore=settings.ignore | ignored, fail_on=fail_on or settings.fail_on
    )
    report = audit_paths(
        paths or ["."],
        src=src,
        settings=settings,
        with_init_command=output_format is Format.TEXT,
    )
    colour = output_format is Format.TEXT and use_colour(sys.stdout)
    sys.stdout.write(render(report, output_format, colour=colour))
    if report.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the `audit` command to the CLI."""
    app.command(name="audit")(audit)
