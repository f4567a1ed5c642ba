"""The command line: map flags to a library call, print what it returns.

Heavy or optional modules (questionary, PyYAML, the JSON-schema generator) are imported
inside the commands that need them, so `new APP --no-input` and `render` stay fast.
"""

from __future__ import annotations

import contextlib
import copy
import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from scaffold_go_docker import __version__
from scaffold_go_docker.cli import audit_command, verify_command
from scaffold_go_docker.cli.option_flags import given, list_variables, with_option_flags
from scaffold_go_docker.cli.output import OutputError, discard, emit, emit_bytes, flush_stdout
from scaffold_go_docker.errors import (
    AbortedError,
    DriftError,
    InvalidOptionsError,
    ScaffoldError,
    one_line,
)
from scaffold_go_docker.inputs.config_file import read_options
from scaffold_go_docker.inputs.sources import Choices, merge
from scaffold_go_docker.inputs.terminal import use_colour, why_no_prompts
from scaffold_go_docker.options import ALL_VARIANTS, Source
from scaffold_go_docker.options.naming import Wording, env_var

if TYPE_CHECKING:
    from typer._click import Command as ClickCommand  # recent typer vendors click

    from scaffold_go_docker.inputs.interview import Asker
    from scaffold_go_docker.project import ProjectPlan

app = typer.Typer(
    name="scaffold-go-docker",
    help="Generate production-grade Dockerfiles (and a sample app) for Go services.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    # Plain help: rich's option tables cut long names (SCAFFOLD_GO_DOCKER_...) at 80 columns.
    rich_markup_mode=None,
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


ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        envvar=env_var("config"),
        help="YAML or TOML file of options (e.g. a project's .scaffold-go-docker.yaml). "
        "Precedence: flag > environment > config file > variant preset > default.",
    ),
]

_PARAMETER_SOURCES = {"COMMANDLINE": Source.FLAG, "ENVIRONMENT": Source.ENV}


def _gather(ctx: typer.Context, option_values: Mapping[str, Any], config: Path | None) -> Choices:
    """Flags and environment (already merged by the parser) over the config file."""
    command_line = given(option_values)
    sources = {}
    for name in command_line:
        parameter_source = ctx.get_parameter_source(name)
        sources[name] = _PARAMETER_SOURCES.get(getattr(parameter_source, "name", ""), Source.FLAG)
    for name, text in list_variables(option_values).items():
        command_line[name], sources[name] = text, Source.ENV
    typed = {name: _typed(name, value, sources) for name, value in command_line.items()}
    from_file = read_options(config) if config else None
    for warning in from_file.warnings if from_file else ():
        typer.echo(one_line(warning), err=True)
    return merge(typed, sources, from_file)


def _typed(name: str, value: Any, sources: Mapping[str, Source]) -> Any:
    """A flag's or variable's text as the option's value; a refusal names it as given."""
    if not isinstance(value, (str, list)) or name == "app_name" or value == ALL_VARIANTS:
        return value  # booleans come typed; the app name and `all` are checked later
    from scaffold_go_docker.inputs.fields import check_field

    try:
        return check_field(name, value, strict=False)
    except ValueError as error:
        named = Wording({}, sources).name(name)
        raise InvalidOptionsError(f"{named}: {error}") from None


_NEW_EXAMPLES = """\b
Examples:
  scaffold-go-docker new api                          # asks, at a terminal
  scaffold-go-docker new api -y --variant pro --base distroless
  scaffold-go-docker new api -y --config team.yaml --dry-run
  scaffold-go-docker new demo -y --variant all        # the four side by side
"""
_RENDER_EXAMPLES = """\b
Examples:
  scaffold-go-docker render --app-name api --variant pro > Dockerfile
  scaffold-go-docker render --config .scaffold-go-docker.yaml --check Dockerfile
  scaffold-go-docker render --check Dockerfile        # the answers file beside it
"""


@app.command(epilog=_NEW_EXAMPLES)
@with_option_flags(all_variants=True)
def new(
    ctx: typer.Context,
    app_name: Annotated[
        str | None,
        typer.Argument(
            metavar="APP",
            envvar=env_var("app_name"),
            help="App name: the directory to create.",
            show_envvar=True,
        ),
    ] = None,
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
        typer.Option(
            "--force",
            help="Replace the generated files (Dockerfile, ...) if they exist; the sample "
            "app's files are yours and always kept.",
        ),
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
        typer.Option(
            "--json", help="Print the plan and options, or an error, as JSON; never prompt."
        ),
    ] = False,
    **option_values: Any,
) -> None:
    """Create APP/ with a Dockerfile, .dockerignore, a Go sample app and an answers file."""
    from scaffold_go_docker.project import plan_project
    from scaffold_go_docker.writing import ConflictPolicy, write_planned

    choices = _gather(ctx, {**option_values, "app_name": app_name}, config)
    if force and skip_existing:
        raise ScaffoldError("--force and --skip-existing contradict each other; choose one")
    policy = (
        ConflictPolicy.OVERWRITE
        if force
        else ConflictPolicy.SKIP
        if skip_existing
        else ConflictPolicy.REFUSE
    )
    asker, no_prompt_reason = _asker(choices, no_input=no_input, json_output=json_output)

    plan = plan_project(
        choices,
        output_dir=output_dir,
        policy=policy,
        asker=asker,
        why_no_asker=no_prompt_reason,
    )
    if asker is not None and not dry_run:
        from scaffold_go_docker.inputs.prompts import confirm_plan

        width = shutil.get_terminal_size().columns
        if not confirm_plan([*plan.notes, *plan.summary_lines(width)], plan.lang):
            raise typer.Abort()
    # The report comes first: a run whose report cannot be printed writes nothing.
    _report(plan, dry_run=dry_run, json_output=json_output, summarised=asker is not None)
    if dry_run:
        return
    write_planned(plan.target, plan.files)
    if not json_output:
        with contextlib.suppress(ScaffoldError):  # written: the status stays 0
            for line in plan.next_steps():
                emit(one_line(line), err=True)


def _report(plan: ProjectPlan, *, dry_run: bool, json_output: bool, summarised: bool) -> None:
    """What `new` tells before it writes (or instead of writing, with --dry-run)."""
    if json_output:
        import json

        for note in plan.notes:  # stdout holds only the JSON document
            emit(one_line(note), err=True)
        emit(json.dumps(plan.as_json(dry_run=dry_run), indent=2))
        return
    if dry_run:
        for note in plan.notes:
            emit(one_line(note), err=True)
        emit("dry run: nothing written", err=True)
        for line in _plan_lines(plan, colour=use_colour(sys.stdout)):
            emit(line)
        return
    if not summarised:  # at a terminal the confirmed summary already listed the files
        for note in plan.notes:
            emit(one_line(note), err=True)
        for line in _plan_lines(plan, colour=use_colour(sys.stderr)):
            emit(line, err=True)


_INIT_EXAMPLES = """\b
Examples:
  scaffold-go-docker init                             # the module here; asks what it cannot tell
  scaffold-go-docker init ./svc -y --main ./cmd/api --port 9000
  scaffold-go-docker init -y --dry-run                # the plan, and diffs against your files
"""


@app.command(name="init", epilog=_INIT_EXAMPLES)
@with_option_flags(all_variants=False)
def init_(
    ctx: typer.Context,
    directory: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="The Go module (the directory holding go.mod)."),
    ] = Path(),
    app_name: Annotated[
        str | None,
        typer.Option(
            "--app-name",
            envvar=env_var("app_name"),
            help="App name (default: the binary's name, from the main package).",
        ),
    ] = None,
    config: ConfigOption = None,
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input",
            "--yes",
            "-y",
            help="Never prompt; take what is detected and defaults (also without a terminal "
            "or when CI is set).",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace an existing Dockerfile and .dockerignore."),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Print the plan and a diff against existing files; write nothing.",
        ),
    ] = False,
    json_output: Annotated[
        bool,
        typer.Option("--json", help="Print the plan, options and findings as JSON; never prompt."),
    ] = False,
    **option_values: Any,
) -> None:
    """Add a Dockerfile, .dockerignore and answers file to an existing Go module.

    What to build is read from its go.mod and sources; no Go file, go.mod or go.sum is
    touched."""
    from scaffold_go_docker.init_project import plan_init
    from scaffold_go_docker.writing import write_planned

    choices = _gather(ctx, {**option_values, "app_name": app_name}, config)
    asker, no_prompt_reason = _asker(choices, no_input=no_input, json_output=json_output)
    plan = plan_init(
        directory,
        choices,
        force=force,
        dry_run=dry_run,
        asker=asker,
        why_no_asker=no_prompt_reason,
    )
    # As with new, the report comes first: a run whose report cannot be printed writes nothing.
    if json_output:
        import json

        emit(json.dumps(plan.as_json(dry_run=dry_run), indent=2))
        if not dry_run:
            write_planned(plan.target, plan.files)
        return
    width = shutil.get_terminal_size().columns
    if asker is not None and not dry_run:
        from scaffold_go_docker.inputs.prompts import confirm_plan

        if not confirm_plan([*plan.notes, *plan.summary_lines(width)], plan.plan.lang):
            raise typer.Abort()
    else:
        for line in [*plan.notes, *plan.summary_lines(width)]:
            emit(one_line(line), err=True)
    if dry_run:
        emit("dry run: nothing written", err=True)
        for line in _plan_lines(plan.plan, colour=use_colour(sys.stdout)):
            emit(line)
        diff = plan.diffs()
        if diff:
            _write_utf8(diff)
        return
    write_planned(plan.target, plan.files)
    with contextlib.suppress(ScaffoldError):  # written: the status stays 0
        for line in plan.next_steps():
            emit(one_line(line), err=True)


def _asker(choices: Choices, *, no_input: bool, json_output: bool) -> tuple[Asker | None, str]:
    """The prompts this run may use, or None and why not (questionary loads only here)."""
    reason = why_no_prompts(no_input, sys.stdin, sys.stdout)
    if reason is None and json_output:
        reason = "--json"  # stdout carries the JSON document, not questions
    if reason is not None:
        return None, reason
    from scaffold_go_docker.inputs.interview import language
    from scaffold_go_docker.inputs.prompts import QuestionaryAsker

    return QuestionaryAsker(language(choices)), ""


_ACTION_COLOURS = {"create": "green", "overwrite": "yellow", "identical": "bright_black"}


def _plan_lines(plan: ProjectPlan, *, colour: bool) -> list[str]:
    lines = []
    for entry in plan.files:
        action = f"{entry.action.value:>9}"
        if colour:
            action = typer.style(action, fg=_ACTION_COLOURS.get(entry.action.value, "blue"))
        lines.append(f"{action}  {one_line(str(plan.target / entry.path))}")
    return lines


@app.command(epilog=_RENDER_EXAMPLES)
@with_option_flags(all_variants=False)
def render(
    ctx: typer.Context,
    app_name: Annotated[
        str | None,
        typer.Option("--app-name", envvar=env_var("app_name"), help="App name."),
    ] = None,
    config: ConfigOption = None,
    check: Annotated[
        Path | None,
        typer.Option(
            "--check",
            help="Compare this file with the rendered Dockerfile: exit 0 if equal, 1 with a "
            "unified diff if it has drifted.",
        ),
    ] = None,
    **option_values: Any,
) -> None:
    """Print the Dockerfile for the options to stdout, or --check a file; write nothing."""
    from scaffold_go_docker.options import Options
    from scaffold_go_docker.rendering import render_dockerfile

    if config is None:
        config = _answers_beside(check)
    choices = _gather(ctx, {**option_values, "app_name": app_name}, config)
    if choices.values.get("variant") == ALL_VARIANTS:
        from_file = choices.origins["variant"] is Source.CONFIG
        choices.set("variant", _variant_for_all(check, from_file), Source.CONFIG)
    options = Options.resolve(choices.values, choices.provenance())
    for warning in options.warnings:
        typer.echo(f"warning: {warning}", err=True)
    text = render_dockerfile(options)
    if check is None:
        _write_utf8(text)
        return
    _check_drift(check, text, sys.argv[1:])


def _answers_beside(check: Path | None) -> Path | None:
    """Without --config: the answers file of the --check file's directory, or of the current
    directory, said on stderr; None when there is none."""
    from scaffold_go_docker.inputs.answers import ANSWERS_FILE

    directory = check.parent if check is not None else Path()
    answers = directory / ANSWERS_FILE
    if not answers.is_file():
        return None
    typer.echo(f"using {answers} (no --config given)", err=True)
    return answers


def _write_utf8(text: str) -> None:
    """A generated file's text on stdout as UTF-8, whatever the terminal's encoding: with
    --lang zh its comments are Chinese, and `render > Dockerfile` must write them."""
    emit_bytes(text.encode("utf-8"))


def _variant_for_all(check: Path | None, from_file: bool) -> str:
    """A config file's `all` means four Dockerfiles: --check picks one by its file name."""
    from scaffold_go_docker.rendering import DOCKERFILE_NAMES

    by_name = {name: variant.value for variant, name in DOCKERFILE_NAMES.items()}
    if from_file and check is not None and check.name in by_name:
        return by_name[check.name]
    said = " (the config file says all)" if from_file else ""
    raise ScaffoldError(f"render prints one Dockerfile: choose a single --variant{said}")


def _check_drift(path: Path, rendered: str, argv: Sequence[str]) -> None:
    from scaffold_go_docker.inputs.structured import UnreadableFileError, read_regular_file

    try:
        current = read_regular_file(path).decode("utf-8", errors="replace")
    except UnreadableFileError as error:
        raise ScaffoldError(f"--check {path}: {error}") from None
    # A checkout with CRLF line endings, or an editor's missing final newline, is no drift.
    if current.replace("\r\n", "\n").rstrip("\n") + "\n" == rendered:
        typer.echo(f"{path} is up to date", err=True)
        return
    import difflib
    import shlex

    diff = difflib.unified_diff(
        current.splitlines(keepends=True),
        rendered.splitlines(keepends=True),
        fromfile=str(path),
        tofile=f"{path} (rendered from the options)",
    )
    _write_utf8("".join(line if line.endswith("\n") else line + "\n" for line in diff))
    again = [w for w in argv if w not in ("--check", str(path)) and not w.startswith("--check=")]
    raise DriftError(
        f"{path} has drifted from what the options render (diff above); to write it again: "
        f"scaffold-go-docker {shlex.join(again)} > {shlex.quote(str(path))}"
    )


@app.command()
def schema() -> None:
    """Print the JSON Schema of --config files and answers files."""
    from scaffold_go_docker.inputs.schema import schema_text

    emit(schema_text(), end="")


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
    """Console entry point: user errors become one line on stderr and an exit code (with
    JSON output, one JSON object on stdout)."""
    args = sys.argv[1:]
    if not args:  # the help, and nothing that reads as an error
        args = ["--help"]
    as_json = _json_output(args)
    try:
        code = click_command(args).main(
            args=args, prog_name="scaffold-go-docker", standalone_mode=False
        )
        flush_stdout()
    except ScaffoldError as error:
        # A stdout that failed cannot carry the JSON error either: say it on stderr.
        _fail(str(error), error.exit_code, as_json=as_json and not isinstance(error, OutputError))
    except (KeyboardInterrupt, EOFError, typer.Abort, AbortedError):
        _fail("Aborted", 130, as_json=as_json)
    except typer.Exit as exit_:
        sys.exit(exit_.exit_code)
    except OSError as error:  # a file or stream the command could not use
        where = f"{error.filename}: " if error.filename else ""
        _fail(f"{where}{error.strerror or error}", 2, as_json=as_json)
    except Exception as error:
        # The vendored click's usage errors; typer does not re-export their base class.
        if hasattr(error, "format_message") and hasattr(error, "exit_code"):
            _fail(error.format_message(), error.exit_code, as_json=as_json)
        raise
    if code == 130:  # typer turns Ctrl-C into this exit code without a word
        _fail("Aborted", 130, as_json=as_json)
    sys.exit(code if isinstance(code, int) else 0)


def _json_output(args: Sequence[str]) -> bool:
    """Does this run print a JSON document on stdout (`new --json`, `audit --format json`)?
    Then an error is one too. Read from the words, as a usage error comes before parsing."""
    words = [w.lower() for w in (args[: args.index("--")] if "--" in args else args)]
    if words[:1] == ["new"]:
        return "--json" in words
    if words[:1] == ["audit"]:
        pairs = zip(words, [*words[1:], ""], strict=True)
        return "--format=json" in words or ("--format", "json") in pairs
    return False


def _fail(message: str, code: int, *, as_json: bool) -> NoReturn:
    """Exit with `code`, saying why: one line on stderr (if stderr can take it), or with
    JSON output, on stdout `{"error": message, "exit_code": code}` (stderr keeps only
    progress)."""
    if as_json:
        import json

        try:
            typer.echo(json.dumps({"error": message, "exit_code": code}))
        except (OSError, ValueError):  # stdout cannot take it: say it where it can be read
            discard(sys.stdout)
            as_json = False
    if not as_json:
        try:
            typer.echo(message if code == 130 else f"error: {one_line(message)}", err=True)
        except (OSError, ValueError):
            discard(sys.stderr)
    _discard_unflushable_stdout()
    sys.exit(code)


def _discard_unflushable_stdout() -> None:
    with contextlib.suppress(ScaffoldError):
        flush_stdout()
