"""Generate docs/options.md from the options model, the variant presets and the CLI itself.

Flags and environment variables are read from the typer commands, defaults and presets from
the model, and every rejection message is produced by resolving an example through the
model, so the reference cannot drift from the code. Rewrite the committed copy with
`python tests/packaging/options_doc.py` or `python -m pytest tests/packaging --update-golden`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from annotated_types import Ge, Le

from scaffold_go_docker.cli.app import app
from scaffold_go_docker.cli.option_flags import is_list
from scaffold_go_docker.errors import InvalidOptionsError
from scaffold_go_docker.options import ALL_VARIANTS, PRESETS, Options
from scaffold_go_docker.options.enums import Base, Builder, Variant
from scaffold_go_docker.options.formats import list_form, text_format
from scaffold_go_docker.options.model import value_type
from scaffold_go_docker.options.naming import env_var, flag_setting
from scaffold_go_docker.options.presets import BAD_FIXES, FOLLOWERS
from scaffold_go_docker.options.rules import RULES, Rule
from scaffold_go_docker.rendering import DOCKERFILE_NAMES

REPO_ROOT = Path(__file__).resolve().parents[2]
DOC = REPO_ROOT / "docs" / "options.md"
COMMANDS = ("new", "render")
_SAMPLE = {"app_name": "demo"}


def _command_params() -> dict[str, dict[str, Any]]:
    """For each command, its parameters by name (typer's click objects)."""
    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    return {name: {p.name: p for p in commands[name].params} for name in COMMANDS}


def _command_flags() -> str:
    """Each command's own flags (those that are not options), as its --help gives them."""
    group = typer.main.get_command(app)
    sections = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        lines = [f"### `scaffold-go-docker {name}`", "", str(command.help).split("\n")[0], ""]
        for param in command.params:
            if name in COMMANDS and param.name in Options.model_fields:
                continue
            if param.param_type_name == "argument":
                form = f"`{param.metavar or param.name.upper()}` (argument)"
            else:
                form = _code([*param.opts, *param.secondary_opts])
            envvar = param.envvar
            if not envvar and param.name in Options.model_fields and is_list(param.name):
                envvar = env_var(param.name)  # read by the command, not by the parser
            env = f" Environment: `{envvar}`." if envvar else ""
            lines.append(f"- {form}: {param.help or ''}{env}".rstrip())
        if lines[-1] == "":
            lines.append("No flags of its own.")
        sections.append("\n".join(lines))
    return "\n\n".join(sections)


def _code(items: list[str]) -> str:
    return " / ".join(f"`{item}`" for item in items)


def _command_line(field: str, params: Mapping[str, Mapping[str, Any]]) -> str:
    forms: dict[str, list[str]] = {}
    for command in COMMANDS:
        param = params[command].get(field)
        if param is None:
            continue
        if param.param_type_name == "argument":
            form = "`APP` argument"
        else:
            form = _code([*param.opts, *param.secondary_opts])
        forms.setdefault(form, []).append(command)
    if len(forms) == 1 and len(next(iter(forms.values()))) == len(COMMANDS):
        return next(iter(forms))
    return "; ".join(f"{form} (`{'`, `'.join(cmds)}`)" for form, cmds in forms.items())


def _env_vars(field: str, params: Mapping[str, Mapping[str, Any]]) -> str:
    by_var: dict[str, list[str]] = {}
    for command in COMMANDS:
        param = params[command].get(field)
        # A list option's variable is read by the command, not by the parser.
        envvar = param.envvar or (env_var(field) if is_list(field) else None) if param else None
        if envvar:
            by_var.setdefault(envvar, []).append(command)
    if not by_var:
        return "none"
    return "; ".join(
        f"`{var}`" + ("" if len(cmds) == len(COMMANDS) else f" (`{'`, `'.join(cmds)}` only)")
        for var, cmds in by_var.items()
    )


def _accepted(field: str) -> str:
    kind = value_type(field)
    if kind is bool:
        return "`true` or `false` (on the command line: the flag or its `--no-` form)"
    if issubclass(kind, Enum):
        return "one of " + ", ".join(f"`{member.value}`" for member in kind)
    if kind is int:
        metadata = Options.model_fields[field].metadata
        low = next(m.ge for m in metadata if isinstance(m, Ge))
        high = next(m.le for m in metadata if isinstance(m, Le))
        return f"an integer from {low} to {high}"
    info = Options.model_fields[field]
    form = text_format(info.annotation, info.metadata)
    assert form is not None, f"{field} has no TextFormat"
    listed = list_form(info.metadata)
    if listed is None:
        return form.described
    return f"a list, each entry {form.described}; on the command line {listed.described}"


def _literal(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(_literal(entry) for entry in value) if value else "none (empty list)"
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    return f"`{value}`"


def _preset_fields() -> list[str]:
    fields = set(PRESETS[Variant.ENTERPRISE])
    return [name for name in Options.model_fields if name in fields]


def _default(field: str) -> str:
    if field in _preset_fields():
        values = [f"{v.value} {_literal(PRESETS[v][field])}" for v in Variant]
        return "from the variant's preset: " + ", ".join(values)
    info = Options.model_fields[field]
    if info.is_required():
        return "required" if field == "app_name" else "derived (see below)"
    default = info.default
    if default is None:
        return "none"
    return _literal(default)


def _resolve(choices: Mapping[str, Any]) -> Options:
    return Options.resolve({**_SAMPLE, **choices})


def _derived_notes() -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for follower in FOLLOWERS:
        notes.setdefault(follower.field, []).append(
            f"Follows other options when left unset: {_literal(follower.value)} when "
            f"{follower.condition}."
        )
    derived = _resolve({"module_path": None})
    notes.setdefault("module_path", []).append(
        f"Defaults to the app name (app `demo` gives `{derived.module_path}`)."
    )
    for name in BAD_FIXES:
        notes.setdefault(name, []).append(
            "Fixed for the bad variant: any value but its preset (or default) is refused."
        )
    sourced = _resolve({"module_path": "github.com/acme/demo"})
    notes.setdefault("source_url", []).append(
        "Derived from a module path that starts with a host: `github.com/acme/demo` gives "
        f"`{sourced.effective_source_url}`; a bare name gives no source label."
    )
    auto = []
    for base in (Base.ALPINE, Base.SCRATCH, Base.DISTROLESS):
        source = _resolve({"base": base.value, "tzdata": True}).effective_tzdata_source
        auto.append(f"{base.value} → {source.value if source else 'none (the base has it)'}")
    notes.setdefault("tzdata_source", []).append("`auto` means: " + ", ".join(auto) + ".")
    names = ", ".join(f"`{DOCKERFILE_NAMES[v]}` ({v.value})" for v in Variant)
    notes.setdefault("variant", []).append(
        f"`new --variant {ALL_VARIANTS}` writes the four side by side: {names}."
    )
    for name in ("builder_image", "runtime_image"):
        notes.setdefault(name, []).append("See [Image references](#image-references).")
    return notes


def _option_sections() -> Iterator[str]:
    params = _command_params()
    notes = _derived_notes()
    refusals = [(rule, message) for rule, message in rejection_messages() if rule not in _bad()]
    for field, info in Options.model_fields.items():
        lines = [
            f"### `{field}`",
            "",
            str(info.description),
            "",
            f"- Command line: {_command_line(field, params)}",
            f"- Environment: {_env_vars(field, params)}",
            f"- Config file key: `{field}`",
            f"- Value: {_accepted(field)}",
            f"- Default: {_default(field)}",
        ]
        lines += [f"- {note}" for note in notes.get(field, [])]
        lines += [
            f"- Refused: {message}" for rule, message in refusals if field in rule.subject_fields()
        ]
        yield "\n".join(lines)


def _preset_table() -> str:
    rows = [
        "| option | " + " | ".join(v.value for v in Variant) + " |",
        "|---|" + "---|" * len(Variant),
    ]
    for field in _preset_fields():
        values = [_literal(PRESETS[v][field]) for v in Variant]
        rows.append(f"| `{field}` | " + " | ".join(values) + " |")
    return "\n".join(rows)


def _image_table() -> str:
    rows = ["| choice | image |", "|---|---|"]
    for builder in Builder:
        builder_ref = _resolve({"builder": builder.value}).builder_image_ref
        rows.append(f"| `--builder {builder.value}` | `{builder_ref}` |")
    for base in Base:
        choices = {"variant": "bad"} if base is Base.GOLANG else {"base": base.value}
        ref = _resolve(choices).runtime_image_ref
        shown = f"`{ref}`" if ref else "none: one stage, the builder image is the runtime"
        rows.append(f"| `--base {base.value}` | {shown} |")
    return "\n".join(rows)


def as_flags(choices: Mapping[str, Any]) -> str:
    return " ".join(flag_setting(name, value) for name, value in choices.items())


def _bad() -> list[Rule]:
    return [rule for rule in RULES if rule.id.startswith("bad-fixes-")]


def rejection_messages() -> list[tuple[Rule, str]]:
    """Each rule with the message its example gets; fails loudly if an example is accepted."""
    shown = []
    for rule in RULES:
        try:
            _resolve(rule.example)
        except InvalidOptionsError as error:
            shown.append((rule, str(error)))
        else:
            raise AssertionError(f"the example of rule {rule.id} is accepted: {rule.example}")
    return shown


def _rejections() -> str:
    bad = _bad()
    listed = [(rule, message) for rule, message in rejection_messages() if rule not in bad[1:]]
    items = [f"- `{as_flags(rule.example)}`\n  → {message}" for rule, message in listed]
    return "\n".join(items)


def render() -> str:
    """The whole text of docs/options.md."""
    variants = ", ".join(f"`{v.value}`" for v in Variant)
    fixed = ", ".join(f"`{name}`" for name in BAD_FIXES)
    parts = [
        "# Options reference",
        "",
        "<!-- Generated by tests/packaging/options_doc.py from the options model, the presets "
        "and the CLI; do not edit by hand. Regenerate: "
        "`.venv/bin/python -m pytest tests/packaging --update-golden`. -->",
        "",
        "Every option of `scaffold-go-docker new` and `render`, in one place. Each can be given",
        "as a command-line flag, as an environment variable `SCAFFOLD_GO_DOCKER_<NAME>`, or as a",
        "key in a `--config` file (YAML or TOML; see [configuration.md](configuration.md)).",
        "Precedence: flag > environment > config file > variant preset > built-in default;",
        "at a terminal, `new` asks only for what none of these gave.",
        "",
        f"The variant ({variants}) is a preset: it fills every option you leave unset,",
        "and an explicit value always wins. Some defaults follow other options instead: where",
        "a preset value cannot work with a value you gave, the default that can takes its",
        "place (`--variant pro --no-buildkit` builds natively instead of cross-compiling);",
        "each option below lists these. Combinations of values you gave that cannot work are",
        "refused with a one-line reason naming them as you gave them (exit status 2, nothing",
        "written): see [Rejected combinations](#rejected-combinations).",
        "",
        "## Variant presets",
        "",
        _preset_table(),
        "",
        "## Image references",
        "",
        "The `FROM` lines the choices give, unless `--builder-image` / `--runtime-image` name",
        "another reference (an internal mirror, a digest pin):",
        "",
        _image_table(),
        "",
        "## Options",
        "",
        "\n\n".join(_option_sections()),
        "",
        "## Commands and their own flags",
        "",
        "Flags that steer a command rather than the generated files; `--help` on each",
        "command shows the same. `new` and `render` also take every option above.",
        "",
        _command_flags(),
        "",
        "## Rejected combinations",
        "",
        "One example per rule, with the message the tool prints (options not shown keep the",
        "enterprise defaults). The first problem found is reported.",
        "",
        f"The bad variant reproduces the tutorial's anti-pattern as is, so it refuses any value "
        f"other than its preset for {fixed}; one example stands for them all.",
        "",
        _rejections(),
    ]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {DOC.relative_to(REPO_ROOT)}\n")
