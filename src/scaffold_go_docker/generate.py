"""The library entry point: choices in, the project's files out (no I/O)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from scaffold_go_docker.errors import InvalidOptionsError
from scaffold_go_docker.options import Options, Variant
from scaffold_go_docker.options.presets import ALL_VARIANTS
from scaffold_go_docker.rendering import render_project, render_side_by_side


class Generated(NamedTuple):
    """The files of a project and the validated options behind them, one set per variant."""

    files: dict[str, str]
    options: dict[Variant, Options]


def resolve_variants(choices: Mapping[str, Any], variant: str | None) -> dict[Variant, Options]:
    """Options for the chosen variant, or for each of the four when `variant` is `all`."""
    if variant != ALL_VARIANTS:
        chosen = {**choices, "variant": variant} if variant else dict(choices)
        options = Options.resolve(chosen)
        return {options.variant: options}
    resolved = {}
    for each in Variant:
        try:
            resolved[each] = Options.resolve({**choices, "variant": each.value})
        except InvalidOptionsError as error:
            raise InvalidOptionsError(f"variant {each.value}: {error}") from None
    return resolved


def generate(choices: Mapping[str, Any], variant: str | None = None) -> Generated:
    """Validate `choices` for `variant` (or `all`) and render every file of the project."""
    resolved = resolve_variants(choices, variant)
    if variant == ALL_VARIANTS:
        return Generated(render_side_by_side(resolved), resolved)
    (options,) = resolved.values()
    return Generated(render_project(options), resolved)


def generate_files(choices: Mapping[str, Any], variant: str | None = None) -> dict[str, str]:
    """Every file of the project, keyed by relative path."""
    return generate(choices, variant).files
