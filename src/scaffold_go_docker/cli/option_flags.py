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
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, get_args

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

if TYPE_CHECKING:  # recent typer vendors click as typer._click; only the types are needed
    from typer._click import Context as ClickContext
    from typer._click import Parameter

from scaffold_go_docker.options import Options, Variant
from scaffold_go_docker.options.presets import ALL_VARIANTS

ENV_PREFIX = "SCAFFOLD_GO_DOCKER_"
#: Fields that commands declare themselves (the app name is positional for `new`).
_HANDWRITTEN = {"app_name", "variant"}
_PANEL = "Options (each also settable as an environment variable or in --config)"


class VariantChoice(StrEnum):
    """A variant, or `all` for the four side by side."""

    BAD = Variant.BAD.value
    BETTER = Variant.BETTER.value
    PRO = Variant.PRO.value
    ENTERPRISE = Variant.ENTERPRISE.value
    ALL = ALL_VARIANTS


def env_var(field: str) -> str:
    return ENV_PREFIX + field.upper()


def flag_name(field: str) -> str:
    return "--" + field.replace("_", "-")


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


@cache  # `new` and `render` share them; typer copies what it keeps
def _parameter(field: str) -> inspect.Parameter:
    info = Options.model_fields[field]
    value_type = _value_type(field)
    flag = flag_name(field)
    decls = [f"{flag}/--no-{field.replace('_', '-')}"] if value_type is bool else [flag]
    option = typer.Option(
        *decls,
        envvar=env_var(field),
        help=info.description,
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


def with_option_flags(command: F) -> F:
    """Append the generated option parameters to `command`'s signature.

    The command receives them in `**option_values`.
    """
    signature = inspect.signature(command, eval_str=True)
    own = [p for p in signature.parameters.values() if p.kind is not p.VAR_KEYWORD]
    generated = [_parameter(field) for field in option_fields()]
    command.__signature__ = signature.replace(parameters=[*own, *generated])  # type: ignore[attr-defined]
    command.__annotations__ = {
        **{p.name: p.annotation for p in own},
        **{p.name: p.annotation for p in generated},
    }
    return command


class _UnsetPassesThrough(TyperOption):
    """An option whose unset value (None) skips typer's coercion, which returns it as is.

    typer builds a pydantic TypeAdapter for an option the first time it processes its
    value, even to hand back None; for `new`'s forty options, mostly unset, that was about
    6 ms of a 0.2 s run (benchmarks/bench_new.py).
    """

    def process_value(self, ctx: ClickContext, value: Any) -> Any:
        if value is None and self.nargs == 1 and not (self.multiple or self.required):
            return None if self.callback is None else self.callback(ctx, self, None)
        return super().process_value(ctx, value)


def _pass_unset_through(params: list[Parameter]) -> None:
    for param in params:
        if type(param) is TyperOption:
            param.__class__ = _UnsetPassesThrough


class OptionFlagsCommand(TyperCommand):
    """A command with many optional flags: unset ones cost nothing to parse."""

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        _pass_unset_through(self.params)
        return super().parse_args(ctx, args)


class OptionFlagsGroup(TyperGroup):
    """The top-level group: its unset options (--version, completion) cost nothing either."""

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        # Here, not in __init__: typer appends the completion options after building the group.
        _pass_unset_through(self.params)
        return super().parse_args(ctx, args)


def given(values: Mapping[str, Any]) -> dict[str, Any]:
    """The option values actually set by a flag or environment variable."""
    return {
        name: value.value if isinstance(value, Enum) else value
        for name, value in values.items()
        if value is not None
    }
