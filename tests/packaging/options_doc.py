"""Generate docs/options.md from the options model, the variant presets and the CLI itself.

Flags and environment variables are read from the typer commands, defaults and presets from
the model, and every rejection message is produced by resolving an example through the
model, so the reference cannot drift from the code. Rewrite the committed copy with
`python tests/packaging/options_doc.py` or `python -m pytest tests/packaging --update-golden`.
"""

from __future__ import annotations

import re
import shlex
import sys
from collections.abc import Iterator, Mapping
from enum import Enum
from pathlib import Path
from typing import Any, get_args

import typer
from annotated_types import Ge, Le
from pydantic_core import PydanticUndefined

from scaffold_go_docker.cli.app import app
from scaffold_go_docker.cli.option_flags import VariantChoice
from scaffold_go_docker.errors import InvalidOptionsError
from scaffold_go_docker.options import Options, versions
from scaffold_go_docker.options.model import (
    _FIXED_FOR_BAD,
    MAX_APP_NAME,
    MAX_IMAGE_REF,
    MAX_MODULE_PATH,
    Base,
    Builder,
    Variant,
)
from scaffold_go_docker.options.presets import ALL_VARIANTS, preset_for
from scaffold_go_docker.rendering import DOCKERFILE_NAMES

REPO_ROOT = Path(__file__).resolve().parents[2]
DOC = REPO_ROOT / "docs" / "options.md"
COMMANDS = ("new", "render")
_SAMPLE = {"app_name": "demo"}

#: The accepted form of each text option, as the model's validators enforce it.
TEXT_FORMATS = {
    "app_name": (
        "letters, digits, `.`, `_`, `-`; starts with a letter or digit, no `..`, does not end "
        f"with `.`; at most {MAX_APP_NAME} characters"
    ),
    "module_path": (
        "a Go module path: `/`-separated elements of letters, digits, `.`, `_`, `~`, `-`, none "
        f"starting or ending with `.`; at most {MAX_MODULE_PATH} characters"
    ),
    "go_version": f"`1.N` or `1.N.P`, at least `1.{versions.MIN_GO_MINOR}`",
    "alpine_version": "an Alpine minor release, `3.N`",
    "source_url": "an `http://` or `https://` URL",
    "goprivate": "comma-separated module path patterns, e.g. `github.com/acme/*,gitlab.acme.io`",
    "builder_image": (
        f"an image reference `[registry/]name:tag` or `...@sha256:...` (at most {MAX_IMAGE_REF} "
        "characters); a tag or digest is required and `:latest` is refused"
    ),
}
TEXT_FORMATS["runtime_image"] = TEXT_FORMATS["builder_image"]

#: One example per rule of `_combination_problems`; the message shown is the model's own.
#: Unlisted options keep the enterprise defaults.
REJECTED_EXAMPLES: tuple[Mapping[str, Any], ...] = (
    {"variant": "bad", "strip": True},
    {"variant": "pro", "base": "golang"},
    {"base": "scratch", "cgo": True, "cross_compile": False},
    {"builder": "debian", "base": "alpine", "cgo": True, "cross_compile": False},
    {"cgo": True, "cross_compile": True},
    {"base": "distroless", "tzdata": False},
    {"base": "distroless", "non_root": False, "passwd_entry": False},
    {"base": "distroless", "passwd_entry": True, "uid": versions.DEFAULT_UID},
    {"tzdata": False, "tzdata_source": "embed"},
    {"base": "scratch", "tzdata_source": "package"},
    {"base": "distroless", "tzdata_source": "copy"},
    {"non_root": False, "passwd_entry": True},
    {"buildkit": False, "cross_compile": True},
    {"private_auth": "netrc"},
    {"private_auth": "netrc", "goprivate": "*.example.com/*"},
    {
        "private_auth": "ssh",
        "goprivate": "git.example.com/*",
        "buildkit": False,
        "cross_compile": False,
    },
    {"goprivate": "git.example.com/*", "git": False},
    {"source_url": "https://git.example.com/demo", "labels": False},
)


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
            env = f" Environment: `{param.envvar}`." if param.envvar else ""
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
        if param is not None and param.envvar:
            by_var.setdefault(param.envvar, []).append(command)
    if not by_var:
        return "none"
    return "; ".join(
        f"`{var}`" + ("" if len(cmds) == len(COMMANDS) else f" (`{'`, `'.join(cmds)}` only)")
        for var, cmds in by_var.items()
    )


def _value_type(field: str) -> type[Any]:
    annotation: Any = Options.model_fields[field].annotation
    while get_args(annotation):
        annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
    assert isinstance(annotation, type)
    return annotation


def _accepted(field: str) -> str:
    value_type = _value_type(field)
    if value_type is bool:
        return "`true` or `false` (on the command line: the flag or its `--no-` form)"
    if issubclass(value_type, Enum):
        return "one of " + ", ".join(f"`{member.value}`" for member in value_type)
    if value_type is int:
        metadata = Options.model_fields[field].metadata
        low = next(m.ge for m in metadata if isinstance(m, Ge))
        high = next(m.le for m in metadata if isinstance(m, Le))
        return f"an integer from {low} to {high}"
    return TEXT_FORMATS[field]


def _literal(value: Any) -> str:
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    return f"`{value}`"


def _preset_fields() -> list[str]:
    fields = set(preset_for(Variant.ENTERPRISE.value))
    return [name for name in Options.model_fields if name in fields]


def _default(field: str) -> str:
    if field in _preset_fields():
        values = [f"{v.value} {_literal(preset_for(v.value)[field])}" for v in Variant]
        return "from the variant's preset: " + ", ".join(values)
    default = Options.model_fields[field].default
    if default is PydanticUndefined:
        return "required" if field == "app_name" else "derived (see below)"
    if default is None:
        return "none"
    return _literal(default)


def _resolve(choices: Mapping[str, Any]) -> Options:
    return Options.resolve({**_SAMPLE, **choices})


def _distroless_defaults() -> dict[str, Any]:
    """What `--base distroless` sets, in place of any multi-stage preset, when left unset."""
    changed: dict[str, Any] = {}
    for variant in (Variant.BETTER, Variant.PRO, Variant.ENTERPRISE):
        preset = preset_for(variant.value)
        resolved = _resolve({"variant": variant.value, "base": Base.DISTROLESS.value})
        for name in preset:
            if name != "base" and getattr(resolved, name) != preset[name]:
                changed[name] = getattr(resolved, name)
    return {name: changed[name] for name in Options.model_fields if name in changed}


def _derived_notes() -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for name, value in _distroless_defaults().items():
        notes.setdefault(name, []).append(
            f"With `--base distroless` the default is {_literal(value)}, whatever the variant: "
            "the distroless image provides it."
        )
    derived = _resolve({"module_path": None})
    notes.setdefault("module_path", []).append(
        f"Defaults to the app name (app `demo` gives `{derived.module_path}`)."
    )
    for name in _FIXED_FOR_BAD:
        notes.setdefault(name, []).append(
            "Fixed for the bad variant: any value but its preset (or default) is rejected."
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
    if ALL_VARIANTS in {choice.value for choice in VariantChoice}:
        names = ", ".join(f"`{DOCKERFILE_NAMES[v]}` ({v.value})" for v in Variant)
        notes.setdefault("variant", []).append(
            f"`new --variant {ALL_VARIANTS}` writes the four side by side: {names}."
        )
    for name in ("builder_image", "runtime_image"):
        notes.setdefault(name, []).append("See [Image references](#image-references).")
    return notes


def _named_in(field: str, message: str) -> bool:
    kebab = re.escape(field.replace("_", "-"))
    return re.search(rf"--(no-)?{kebab}(?![-\w])", message) is not None


def _option_sections() -> Iterator[str]:
    params = _command_params()
    notes = _derived_notes()
    messages = [m for example, m in rejection_messages() if example.get("variant") != "bad"]
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
        lines += [f"- Refused: {message}" for message in messages if _named_in(field, message)]
        yield "\n".join(lines)


def _preset_table() -> str:
    rows = [
        "| option | " + " | ".join(v.value for v in Variant) + " |",
        "|---|" + "---|" * len(Variant),
    ]
    for field in _preset_fields():
        values = [_literal(preset_for(v.value)[field]) for v in Variant]
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


def _as_flags(choices: Mapping[str, Any]) -> str:
    parts = []
    for name, value in choices.items():
        flag = "--" + name.replace("_", "-")
        if isinstance(value, bool):
            parts.append(flag if value else "--no-" + name.replace("_", "-"))
        else:
            parts.append(f"{flag} {shlex.quote(str(value))}")
    return " ".join(parts)


def rejection_messages() -> list[tuple[Mapping[str, Any], str]]:
    """Each example with the model's message; fails loudly if an example is accepted."""
    shown = []
    for example in REJECTED_EXAMPLES:
        try:
            _resolve(example)
        except InvalidOptionsError as error:
            shown.append((example, str(error)))
        else:
            raise AssertionError(f"{example} is accepted; update REJECTED_EXAMPLES")
    return shown


def _rejections() -> str:
    items = [
        f"- `{_as_flags(example)}`\n  → {message}" for example, message in rejection_messages()
    ]
    return "\n".join(items)


def render() -> str:
    """The whole text of docs/options.md."""
    variants = ", ".join(f"`{v.value}`" for v in Variant)
    fixed = ", ".join(f"`{name}`" for name in _FIXED_FOR_BAD)
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
        "and an explicit value always wins. Combinations that cannot work are refused with a",
        "one-line reason (exit status 2, nothing written): see",
        "[Rejected combinations](#rejected-combinations).",
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
        f"The bad variant reproduces the seed's anti-pattern as is, so it refuses any value "
        f"other than its preset for {fixed}.",
        "",
        _rejections(),
    ]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {DOC.relative_to(REPO_ROOT)}\n")
