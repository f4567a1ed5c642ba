"""The library entry point: choices in, every file `new` writes out (no I/O)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, NamedTuple

from scaffold_go_docker.errors import InvalidOptionsError
from scaffold_go_docker.inputs.answers import (
    ANSWERS_FILE,
    SCHEMA_FILE,
    answers_text,
    answers_values,
)
from scaffold_go_docker.inputs.schema import schema_text
from scaffold_go_docker.options import ALL_VARIANTS, Options, Variant, versions
from scaffold_go_docker.options.naming import Provenance, Wording
from scaffold_go_docker.options.rules import CombinationError
from scaffold_go_docker.rendering import USER_FILES, render_project, render_side_by_side
from scaffold_go_docker.writing import FileKind


class Generated(NamedTuple):
    """The files of a project, each file's kind, and the validated options per variant."""

    files: dict[str, str]
    kinds: dict[str, FileKind]
    options: dict[Variant, Options]


def resolve_variants(
    choices: Mapping[str, Any], variant: str | None, provenance: Provenance | None = None
) -> dict[Variant, Options]:
    """Options for the chosen variant, or for each of the four when `variant` is `all`."""
    if variant != ALL_VARIANTS:
        chosen = {**choices, "variant": variant} if variant else dict(choices)
        options = Options.resolve(chosen, provenance)
        return {options.variant: options}
    resolved = {}
    for each in Variant:
        try:
            resolved[each] = Options.resolve({**choices, "variant": each.value}, provenance)
        except CombinationError as error:
            raise CombinationError(error.problems, error.wording, f"variant {each}") from None
    return resolved


def generate(
    choices: Mapping[str, Any],
    variant: str | None = None,
    provenance: Provenance | None = None,
    chosen: Collection[str] | None = None,
) -> Generated:
    """Validate `choices` for `variant` (or `all`) and render every file `new` writes.

    `choices` holds the options given (None or absent: unset); `variant`, when given,
    overrides a variant among them. `chosen` names those the user chose, as the answers
    file lists them (default: every one given); the others came from an answers file that
    recorded a preset's or a default's value.
    """
    values = {name: value for name, value in choices.items() if name != "variant"}
    variant = variant or choices.get("variant")
    resolved = resolve_variants(values, variant, provenance)
    _sample_app_builds(resolved, provenance)
    if variant == ALL_VARIANTS:
        files = render_side_by_side(resolved)
    else:
        (options,) = resolved.values()
        files = render_project(options)
    files[ANSWERS_FILE] = answers_text(
        answers_values(resolved, values, variant), values if chosen is None else chosen
    )
    files[SCHEMA_FILE] = schema_text()
    kinds = {path: FileKind.GENERATED for path in files}
    kinds.update(dict.fromkeys(USER_FILES, FileKind.USERS))
    kinds.update(dict.fromkeys((ANSWERS_FILE, SCHEMA_FILE), FileKind.RECORD))
    return Generated(files, kinds, resolved)


def _sample_app_builds(resolved: Mapping[Variant, Options], provenance: Provenance | None) -> None:
    """The sample app uses method-aware ServeMux patterns: it needs a recent enough Go.

    An existing module (`source_module`) gets no sample app: its own go.mod decides.
    """
    options = next(iter(resolved.values()))
    if not options.source_module and not options.go_has(versions.MIN_GO_MINOR):
        named = Wording(options.model_dump(), {}, provenance).name("go_version")
        raise InvalidOptionsError(
            f"{named}: Go {options.go_version} is too old for the sample app, which needs "
            f"Go 1.{versions.MIN_GO_MINOR}+ (render writes the Dockerfile alone for any Go)"
        )


def generate_files(choices: Mapping[str, Any], variant: str | None = None) -> dict[str, str]:
    """Every file of the project, keyed by relative path."""
    return generate(choices, variant).files
