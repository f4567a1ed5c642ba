"""Command-line flags generated from the options model, so each option is declared once.

Every model field becomes `--kebab-name` (booleans also `--no-kebab-name`) with the
environment variable SCAFFOLD_GO_DOCKER_<NAME>; its help is the field's description.
A flag left unset arrives as None, so later layers can tell "not given" from a default.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from enum import Enum, StrEnum
from functools import cache
from typing import Annotated, Any, TypeVar, get_args

import typer

from scaffold_go_docker.options import ALL_VARIANTS, Options, Variant
from scaffold_go_docker.options.naming import env_var, flag, negated_flag

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


def _value_type(field: str) -> type[Any]:
    annotation = Options.model_fields[field].annotation
    # `X | None` and Annotated[...] both unwrap to their first concrete type.
    while get_args(annotation):
        annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
    assert isinstance(annotation, type)
    return annotation


@cache  # commands share them; typer copies what it keeps
def _parameter(field: str, with_all: bool) -> inspect.Parameter:
    info = Options.model_fields[field]
    value_type: type[Any] = VariantChoice if field == "variant" and with_all else _value_type(field)
    help_text = info.description or ""
    if field == "variant" and with_all:
        help_text += f" Or {ALL_VARIANTS}: the four side by side."
    decls = [f"{flag(field)}/{negated_flag(field)}"] if value_type is bool else [flag(field)]
    option = typer.Option(
        *decls,
        envvar=env_var(field),
        help=help_text,
        rich_help_panel=_PANEL,
        show_default=False,
        case_sensitive=not issubclass(value_type, Enum),
    )
    return inspect.Parameter(
        field,
        inspect.Parameter.KEYWORD_ONLY,
        default=None,
        annotation=Annotated[value_type | None, option],
    )


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
    """The option values actually set by a flag or environment variable."""
    return {
        name: value.value if isinstance(value, Enum) else value
        for name, value in values.items()
        if value is not None
    }
