"""Command-line flags generated from the options model, so each option is declared once.

Every model field becomes `--kebab-name` (booleans also `--no-kebab-name`) with the
environment variable SCAFFOLD_GO_DOCKER_<NAME>; its help is the field's description.
A flag left unset arrives as None, so later layers can tell "not given" from a default.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Mapping
from enum import Enum, StrEnum
from functools import cache
from typing import Annotated, Any, TypeVar, get_origin

import typer

from scaffold_go_docker.options import ALL_VARIANTS, PRESETS, Options, Variant
from scaffold_go_docker.options.enums import DEFAULT_VARIANT
from scaffold_go_docker.options.model import value_type
from scaffold_go_docker.options.naming import env_var, flag, negated_flag, plain, repeats

#: Fields that commands declare themselves (the app name is positional for `new`).
_HANDWRITTEN = {"app_name"}
_PANEL = "Options (each also settable as an environment variable or in --config)"

#: `new --variant` also takes `all`: the four variants side by side.
VariantChoice = StrEnum(  # type: ignore[misc]
    "VariantChoice", {**{v.name: v.value for v in Variant}, "ALL": ALL_VARIANTS}
)


def option_fields() -> list[str]:
    """Model fields exposed as generated flags, in model order."""
    return [name for name in Options.model_fields if name not in _HANDWRITTEN]


@cache  # commands share them; typer copies what it keeps
def _parameter(field: str, with_all: bool) -> inspect.Parameter:
    """The option for `field`: a flag pair for a boolean, else text the model validates.

    Values reach the model as typed, so a refusal names the flag or the environment
    variable as given and speaks the tool's words (`_gather` checks each one).
    """
    info = Options.model_fields[field]
    kind = value_type(field)
    help_text = info.description or ""
    choices = [member.value for member in kind] if issubclass(kind, Enum) else []
    if field == "variant" and with_all:
        choices.append(ALL_VARIANTS)
        help_text += f" Or {ALL_VARIANTS}: the four side by side."
    extra: dict[str, Any] = {}
    annotation: Any = bool | None
    decls = [f"{flag(field)}/{negated_flag(field)}"]
    envvar: str | None = env_var(field)
    if is_list(field) and repeats(field):
        # Given once per entry; the environment variable holds the entries separated by ","
        # and is read by the command (`list_variables`): typer splits it at spaces, or, in
        # older releases, not at all.
        annotation, decls, envvar = list[str] | None, [flag(field)], None
        extra["metavar"] = "<str>"
        help_text += (
            f" Repeatable; in the environment variable {env_var(field)}, separate entries with ','."
        )
    elif kind is not bool:
        annotation, decls = str | None, [flag(field)]
        metavar = "|".join(choices) if choices else {int: "int"}.get(kind, "str")
        extra["metavar"] = f"<{metavar}>"
        if choices:
            extra["autocompletion"] = _completer(tuple(choices))
    option = typer.Option(
        *decls,
        envvar=envvar,
        help=help_text,
        rich_help_panel=_PANEL,
        show_default=_shown_default(field),
        **extra,
    )
    return inspect.Parameter(
        field,
        inspect.Parameter.KEYWORD_ONLY,
        default=None,
        annotation=Annotated[annotation, option],
    )


def list_variables(values: Mapping[str, Any]) -> dict[str, str]:
    """The list options not given as flags whose environment variable is set: its text."""
    return {
        name: os.environ[env_var(name)]
        for name in values
        if name in Options.model_fields
        and is_list(name)
        and repeats(name)
        and not values[name]
        and os.environ.get(env_var(name))
    }


def is_list(field: str) -> bool:
    """Whether an option holds a list of values (a tuple field)."""
    annotation: Any = Options.model_fields[field].annotation
    return get_origin(annotation) is tuple


def _completer(choices: tuple[str, ...]) -> Callable[[str], list[str]]:
    # typer finds the typed word by this parameter's name.
    def complete(incomplete: str) -> list[str]:
        return [choice for choice in choices if choice.startswith(incomplete)]

    return complete


def _shown_default(field: str) -> str | bool:
    """What --help shows as the default: the preset's word where the variant decides."""
    if field in PRESETS[DEFAULT_VARIANT]:
        return "from the variant"
    info = Options.model_fields[field]
    if info.is_required() or info.default in (None, ()):
        return False
    return plain(info.default)


F = TypeVar("F", bound=Callable[..., Any])


def with_option_flags(*, all_variants: bool) -> Callable[[F], F]:
    """Append the generated option parameters to a command's signature.

    The command receives them in `**option_values`; `all_variants` lets `--variant`
    take `all`.
    """

    def decorate(command: F) -> F:
        signature = inspect.signature(command, eval_str=True)
        own = [p for p in signature.parameters.values() if p.kind is not p.VAR_KEYWORD]
        generated = [_parameter(field, all_variants) for field in option_fields()]
        command.__signature__ = signature.replace(parameters=[*own, *generated])  # type: ignore[attr-defined]
        command.__annotations__ = {
            **{p.name: p.annotation for p in own},
            **{p.name: p.annotation for p in generated},
        }
        return command

    return decorate


def given(values: Mapping[str, Any]) -> dict[str, Any]:
    """The option values actually set by a flag or environment variable.

    A repeatable flag given no times arrives as an empty list: not given.
    """
    return {
        name: value.value if isinstance(value, Enum) else value
        for name, value in values.items()
        if value is not None and value != [] and value != ()
    }
