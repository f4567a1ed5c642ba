"""The command line: parse, gather choices, call the core, report. No logic of its own.

Heavy or optional modules (questionary, PyYAML, the JSON-schema generator) are imported
inside the commands that need them, so `new APP --no-input` and `render` stay fast.
"""

from __future__ import annotations

import copy
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from scaffold_go_docker import __version__
from scaffold_go_docker.cli import audit_command, verify_command
from scaffold_go_docker.cli.option_flags import (
    ENV_PREFIX,
    OptionFlagsCommand,
    OptionFlagsGroup,
    VariantChoice,
    given,
    with_option_flags,
)
from scaffold_go_docker.errors import DriftError, InvalidOptionsError, ScaffoldError
from scaffold_go_docker.inputs.config_file import load_config
from scaffold_go_docker.inputs.sources import Choices, Source, merge, unset_origin
from scaffold_go_docker.inputs.terminal import use_colour, why_no_prompts
from scaffold_go_docker.options.presets import ALL_VARIANTS

if TYPE_CHECKING:
    from typer._click import Command as ClickCommand  # recent typer vendors click

app = typer.Typer(
    name="scaffold-go-docker",
    cls=OptionFlagsGroup,
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
    """Generate production-grade Dockerfiles (and a sample app) for Go services.

    Exit codes: 0 ok, 1 drift found by render --check, 2 bad input or usage, 130 aborted.
    """


VariantOption = Annotated[
    VariantChoice | None,
    typer.Option(
        "--variant",
        envvar=f"{ENV_PREFIX}VARIANT",
        help="bad, better, pro, enterprise (default), or all four side by side.",
        case_sensitive=False,
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        envvar=f"{ENV_PREFIX}CONFIG",
        help="YAML or TOML file of options (e.g. a project's .scaffold-go-docker.yaml). "
        "Precedence: flag > environment > config file > variant preset > default.",
    ),
]

_PARAMETER_SOURCES = {"COMMANDLINE": Source.FLAG, "ENVIRONMENT": Source.ENV}


def _gather(
    ctx: typer.Context, option_values: Mapping[str, Any], config: Path | None, **named: Any
) -> Choices:
    """Flags and environment (already merged by the parser) over the config file."""
    command_line = {**given(option_values), **given(named)}
    sources = {}
    for name in command_line:
        parameter_source = ctx.get_parameter_source(name)
        sources[name] = _PARAMETER_SOURCES.get(getattr(parameter_source, "name", ""), Source.FLAG)
    return merge(command_line, sources, load_config(config) if config else {})


@app.command(cls=OptionFlagsCommand)
@with_option_flags
def new(
    ctx: typer.Context,
    app_name: Annotated[
        str | None,
        typer.Argument(
            metavar="APP",
            envvar=f"{ENV_PREFIX}APP_NAME",
            help="App name: the directory to create.",
            show_envvar=True,
        ),
    ] = None,
    variant: VariantOption = None,
    config: ConfigOption = None,
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input",
            "--yes",
            "-y",
            help="Never prompt; take defaults for what is not given (also without a "
            "terminal or when CI is set).",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace the files this tool writes if they exist."),
    ] = False,
    skip_existing: Annotated[
        bool,
        typer.Option("--skip-existing", help="Keep existing files; write only new ones."),
    ] = False,
    output_dir: Annotated[
        Path, typer.Option("--output-dir", help="Where the APP directory is created.")
    ] = Path(),
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Print what each file would get; write nothing."),
    ] = False,
    json_output: Annotated[
        bool,
        typer.Option("--json", help="Print the plan and options as JSON; never prompt."),
    ] = False,
    **option_values: Any,
) -> None:
    """Create APP/ with a Dockerfile, .dockerignore, a Go sample app and an answers file."""
    from scaffold_go_docker.writing import ConflictPolicy, plan_files, write_planned

    choices = _gather(
        ctx,
        option_values,
        config,
        app_name=app_name,
        variant=variant.value if variant else None,
    )
    if force and skip_existing:
        raise ScaffoldError("--force and --skip-existing contradict each other; choose one")
    policy = (
        ConflictPolicy.OVERWRITE
        if force
        else ConflictPolicy.SKIP
        if skip_existing
        else ConflictPolicy.REFUSE
    )
    no_prompt_reason = why_no_prompts(no_input, sys.stdin, sys.stdout)
    if no_prompt_reason is None and json_output:
        no_prompt_reason = "--json"  # stdout carries the JSON document, not questions
    interactive = no_prompt_reason is None

    if "app_name" not in choices:
        if not interactive:
            raise ScaffoldError(
                f"APP is required: scaffold-go-docker new APP (or {ENV_PREFIX}APP_NAME, "
                "or app_name in --config)"
            )
        from scaffold_go_docker.inputs import prompts

        choices.set("app_name", prompts.ask_app_name(), Source.PROMPT)
    _check_app_name(choices.values["app_name"])
    target = output_dir / choices.values["app_name"]
    # Refuse an unusable target before asking anything, so no answer is typed in vain.
    plan_files(target, {}, policy)

    if interactive:
        files, resolved = _interview(choices)
    else:
        files, resolved = _project_files(choices)
        _say_defaults(choices, resolved, no_prompt_reason or "")
    planned = plan_files(target, files, policy)
    if interactive and not dry_run:
        from scaffold_go_docker.inputs import prompts

        summary = [*_summary(choices, resolved), "", *_plan_lines(target, planned, colour=False)]
        if not prompts.confirm_plan(summary):
            raise typer.Abort()
    if not dry_run:
        write_planned(target, planned)
    if json_output:
        _print_json(target, planned, choices, resolved, dry_run=dry_run)
        return
    if dry_run:
        typer.echo("dry run: nothing written", err=True)
    stream = sys.stdout if dry_run else sys.stderr
    for line in _plan_lines(target, planned, colour=use_colour(stream)):
        typer.echo(line, err=stream is sys.stderr)


def _check_app_name(name: str) -> None:
    from scaffold_go_docker.options.model import check_app_name

    try:
        check_app_name(name)
    except ValueError as error:
        raise InvalidOptionsError(f"APP: {error}") from None


def _project_files(choices: Choices) -> tuple[dict[str, str], dict[Any, Any]]:
    """All files of the project, answers file and its schema included, and the options."""
    from scaffold_go_docker.generate import generate
    from scaffold_go_docker.inputs.answers import (
        ANSWERS_FILE,
        SCHEMA_FILE,
        answers_text,
        answers_values,
    )
    from scaffold_go_docker.inputs.schema import shipped_schema_text

    values = dict(choices.values)
    variant = values.pop("variant", None)
    generated = generate(values, variant)
    files = {
        **generated.files,
        ANSWERS_FILE: answers_text(answers_values(generated.options, choices.values, variant)),
        SCHEMA_FILE: shipped_schema_text(),
    }
    return files, generated.options


def _interview(choices: Choices) -> tuple[dict[str, str], dict[Any, Any]]:
    """Ask for what is missing; re-ask when the answers cannot be combined."""
    from scaffold_go_docker.cli.option_flags import flag_name
    from scaffold_go_docker.inputs import prompts

    if "variant" not in choices:
        choices.set("variant", prompts.ask_variant(), Source.PROMPT)
    variant = choices.values["variant"]
    previous: dict[str, Any] = {}
    while True:
        prompts.ask_options(variant, choices, previous)
        try:
            return _project_files(choices)
        except InvalidOptionsError as error:
            previous = {
                name: value
                for name, value in choices.values.items()
                if choices.origins[name] is Source.PROMPT and name not in ("variant", "app_name")
            }
            # Only a problem an answer contributed to can be fixed by answering again.
            if not any(flag_name(name) in str(error) for name in previous):
                raise
            prompts.say(f"{error}; please answer again")
            for name in previous:
                del choices.values[name]
                del choices.origins[name]


def _summary(choices: Choices, resolved: Mapping[Any, Any]) -> list[str]:
    lines = ["Summary:"]
    for name, (value, source) in _described_options(choices, resolved).items():
        if source is not Source.DEFAULT or name in choices:
            lines.append(f"  {name:<16} {_show(value):<24} ({source.value})")
    return lines


def _described_options(
    choices: Choices, resolved: Mapping[Any, Any]
) -> dict[str, tuple[Any, Source]]:
    """Each option the answers file records, with the source of its value."""
    from scaffold_go_docker.inputs.answers import answers_values
    from scaffold_go_docker.options import preset_for

    variant = choices.values.get("variant")
    values = answers_values(resolved, choices.values, variant)
    preset = {} if variant == ALL_VARIANTS else preset_for(values["variant"])
    return {
        name: (value, choices.origins.get(name) or unset_origin(name, preset))
        for name, value in values.items()
    }


def _say_defaults(choices: Choices, resolved: Mapping[Any, Any], reason: str) -> None:
    """Without prompts, tell which of the questions an interview would ask took defaults."""
    from scaffold_go_docker.inputs.interview import interview_fields

    variant = choices.values.get("variant")
    described = _described_options(choices, resolved)
    taken = [
        f"{name}={_show(described[name][0])}"
        for name in interview_fields(variant or "enterprise")
        if name not in choices and name in described
    ]
    if taken:
        typer.echo(f"not prompting ({reason}); defaults used: {', '.join(taken)}", err=True)


def _show(value: Any) -> str:
    return ("yes" if value else "no") if isinstance(value, bool) else str(value)


_ACTION_COLOURS = {"create": "green", "overwrite": "yellow", "identical": "bright_black"}


def _plan_lines(target: Path, planned: Any, *, colour: bool) -> list[str]:
    lines = []
    for entry in planned:
        action = f"{entry.action.value:>9}"
        if colour:
            action = typer.style(action, fg=_ACTION_COLOURS.get(entry.action.value, "blue"))
        lines.append(f"{action}  {target / entry.path}")
    return lines


def _print_json(
    target: Path, planned: Any, choices: Choices, resolved: Mapping[Any, Any], *, dry_run: bool
) -> None:
    import json

    document = {
        "target": str(target),
        "dry_run": dry_run,
        "files": [{"path": entry.path, "action": entry.action.value} for entry in planned],
        "options": {
            name: {"value": value, "source": source.value}
            for name, (value, source) in _described_options(choices, resolved).items()
        },
    }
    typer.echo(json.dumps(document, indent=2))


@app.command(cls=OptionFlagsCommand)
@with_option_flags
def render(
    ctx: typer.Context,
    app_name: Annotated[
        str | None,
        typer.Option("--app-name", envvar=f"{ENV_PREFIX}APP_NAME", help="App name."),
    ] = None,
    variant: VariantOption = None,
    config: ConfigOption = None,
    check: Annotated[
        Path | None,
        typer.Option(
            "--check",
            metavar="PATH",
            help="Compare PATH with the rendered Dockerfile: exit 0 if equal, 1 with a "
            "unified diff if it has drifted.",
        ),
    ] = None,
    **option_values: Any,
) -> None:
    """Print the Dockerfile for the options to stdout, or --check a file; write nothing."""
    from scaffold_go_docker.options import Options
    from scaffold_go_docker.rendering import render_dockerfile

    choices = _gather(
        ctx,
        option_values,
        config,
        app_name=app_name,
        variant=variant.value if variant else None,
    )
    values = dict(choices.values)
    if values.get("variant") == ALL_VARIANTS:
        values["variant"] = _variant_for_all(check, choices.origins["variant"])
    text = render_dockerfile(Options.resolve(values))
    if check is None:
        sys.stdout.write(text)
        return
    _check_drift(check, text)


def _variant_for_all(check: Path | None, source: Source) -> str:
    """`all` renders four Dockerfiles: --check picks one by its file name, else refuse."""
    from scaffold_go_docker.rendering import DOCKERFILE_NAMES

    by_name = {name: variant.value for variant, name in DOCKERFILE_NAMES.items()}
    if check is not None and source is Source.CONFIG and check.name in by_name:
        return by_name[check.name]
    raise ScaffoldError(
        "render prints one Dockerfile: choose a single --variant"
        + (" (the config file says all)" if source is Source.CONFIG else "")
    )


def _check_drift(path: Path, rendered: str) -> None:
    try:
        current = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as error:
        raise ScaffoldError(f"--check {path}: {error.strerror}") from None
    if current == rendered:
        typer.echo(f"{path} is up to date", err=True)
        return
    import difflib

    diff = difflib.unified_diff(
        current.splitlines(keepends=True),
        rendered.splitlines(keepends=True),
        fromfile=str(path),
        tofile=f"{path} (rendered from the options)",
    )
    sys.stdout.writelines(line if line.endswith("\n") else line + "\n" for line in diff)
    raise DriftError(f"{path} has drifted from what the options render (diff above)")


@app.command()
def schema() -> None:
    """Print the JSON Schema of --config files and answers files."""
    from scaffold_go_docker.inputs.schema import schema_text

    sys.stdout.write(schema_text())


verify_command.register(app)
audit_command.register(app)


_COMPLETION_VARIABLE = "_SCAFFOLD_GO_DOCKER_COMPLETE"


def click_command(args: Sequence[str]) -> ClickCommand:
    """The command line as click runs it, for these arguments.

    typer builds the parameters of every command before parsing anything, a few
    milliseconds per command here; a run whose first argument names its command needs
    only that one. Help, completion and anything else get the whole app.
    """
    wanted = [
        info
        for info in app.registered_commands
        if args
        and info.callback is not None
        and (info.name or typer.main.get_command_name(info.callback.__name__)) == args[0]
    ]
    if not wanted or _COMPLETION_VARIABLE in os.environ:
        return typer.main.get_command(app)
    only = copy.copy(app)
    only.registered_commands = wanted
    return typer.main.get_command(only)


def main() -> None:
    """Console entry point: user errors become one line on stderr and an exit code."""
    args = sys.argv[1:]
    try:
        code = click_command(args).main(
            args=args, prog_name="scaffold-go-docker", standalone_mode=False
        )
    except ScaffoldError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    except (KeyboardInterrupt, EOFError, typer.Abort):
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
    if code == 130:  # typer turns Ctrl-C into this exit code without a word
        typer.echo("Aborted", err=True)
    sys.exit(code if isinstance(code, int) else 0)
