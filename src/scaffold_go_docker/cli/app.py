"""The command line: parse, gather choices, call the core, report. No logic of its own."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from scaffold_go_docker import __version__
from scaffold_go_docker.cli.option_flags import VariantChoice, given, with_option_flags
from scaffold_go_docker.errors import ScaffoldError
from scaffold_go_docker.generate import generate_files
from scaffold_go_docker.options import Options
from scaffold_go_docker.rendering import render_dockerfile
from scaffold_go_docker.writing import ConflictPolicy, plan_files, write_planned

app = typer.Typer(
    name="scaffold-go-docker",
    help="Generate production-grade Dockerfiles (and a sample app) for Go services.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"scaffold-go-docker {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    """Generate production-grade Dockerfiles (and a sample app) for Go services."""


VariantOption = Annotated[
    VariantChoice | None,
    typer.Option(
        "--variant",
        envvar="SCAFFOLD_GO_DOCKER_VARIANT",
        help="bad, better, pro, enterprise (default), or all four side by side.",
        case_sensitive=False,
    ),
]


@app.command()
@with_option_flags
def new(
    app_name: Annotated[
        str | None, typer.Argument(metavar="APP", help="App name: the directory to create.")
    ] = None,
    variant: VariantOption = None,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", "--yes", "-y", is_flag=True, help="Never prompt; use defaults."),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", is_flag=True, help="Replace the files this tool writes if they exist."
        ),
    ] = False,
    skip_existing: Annotated[
        bool,
        typer.Option(
            "--skip-existing", is_flag=True, help="Keep existing files; write only new ones."
        ),
    ] = False,
    output_dir: Annotated[
        Path, typer.Option("--output-dir", help="Where the APP directory is created.")
    ] = Path(),
    **option_values: Any,
) -> None:
    """Create APP/ with a Dockerfile, .dockerignore and a Go sample app."""
    choices = given(option_values)
    if app_name is not None:
        choices["app_name"] = app_name
    if "app_name" not in choices:
        raise ScaffoldError("APP is required: scaffold-go-docker new APP")
    if force and skip_existing:
        raise ScaffoldError("--force and --skip-existing contradict each other; choose one")
    policy = (
        ConflictPolicy.OVERWRITE
        if force
        else ConflictPolicy.SKIP
        if skip_existing
        else ConflictPolicy.REFUSE
    )
    files = generate_files(choices, variant.value if variant else None)
    target = output_dir / choices["app_name"]
    planned = plan_files(target, files, policy)
    write_planned(target, planned)
    for entry in planned:
        typer.echo(f"{entry.action.value:>9}  {target / entry.path}", err=True)


@app.command()
@with_option_flags
def render(
    app_name: Annotated[
        str | None,
        typer.Option("--app-name", envvar="SCAFFOLD_GO_DOCKER_APP_NAME", help="App name."),
    ] = None,
    variant: VariantOption = None,
    **option_values: Any,
) -> None:
    """Print the Dockerfile for the options to stdout; write nothing."""
    choices = given(option_values)
    if app_name is not None:
        choices["app_name"] = app_name
    if variant is VariantChoice.ALL:
        raise ScaffoldError("render prints one Dockerfile: choose a single --variant")
    if variant is not None:
        choices["variant"] = variant.value
    sys.stdout.write(render_dockerfile(Options.resolve(choices)))


def main() -> None:
    """Console entry point: user errors become one line on stderr and an exit code."""
    command = typer.main.get_command(app)
    try:
        code = command.main(
            args=sys.argv[1:], prog_name="scaffold-go-docker", standalone_mode=False
        )
    except ScaffoldError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        typer.echo("Aborted", err=True)
        sys.exit(130)
    except typer.Exit as exit_:
        sys.exit(exit_.exit_code)
    except Exception as error:
        # The vendored click's usage errors; typer does not re-export their base class.
        if hasattr(error, "format_message") and hasattr(error, "exit_code"):
            typer.echo(f"error: {error.format_message()}", err=True)
            sys.exit(error.exit_code)
        raise
    sys.exit(code if isinstance(code, int) else 0)
