"""The answers file `new` writes into a project, so the Dockerfile can be rendered again.

It is YAML holding every option a render used, and which of them the user chose (the rest
a preset or a default supplied, which another `--variant` replaces); `render --config`
reads it back. It is written by hand (every value is a validated string, integer, boolean
or list of strings) so that writing it does not need PyYAML's import time; strings are
JSON-quoted (lists as JSON arrays), which YAML reads as is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from scaffold_go_docker import __version__
from scaffold_go_docker.i18n import N_, gettext_for
from scaffold_go_docker.inputs.config_file import CHOSEN_KEY, VARIANT_KEY, VERSION_KEY
from scaffold_go_docker.options import ALL_VARIANTS, Lang, Options, Variant
from scaffold_go_docker.options.presets import PRESET_CONTROLLED

ANSWERS_FILE = ".scaffold-go-docker.yaml"
SCHEMA_FILE = ".scaffold-go-docker.schema.json"
CHOSEN_COMMENT = N_(
    "%(key)s: the options you gave; render --variant keeps them and takes the rest from its preset."
)


def answers_values(
    resolved: Mapping[Variant, Options], given: Mapping[str, Any], variant: str | None
) -> dict[str, Any]:
    """What the answers file records.

    One variant: every resolved option, so a later release with other presets or defaults
    renders the same Dockerfile. `all`: the options shared by the four (those no preset sets)
    plus what was given explicitly, with `variant: all`, because each variant's presets
    must apply again when it is rendered.
    """
    if variant != ALL_VARIANTS:
        (options,) = resolved.values()
        return options.model_dump(mode="json", exclude_none=True)
    shared = resolved.get(Variant.ENTERPRISE) or next(iter(resolved.values()))
    values = {
        name: value
        for name, value in shared.model_dump(mode="json", exclude_none=True).items()
        if name not in PRESET_CONTROLLED and name != VARIANT_KEY
    }
    values.update({k: v for k, v in given.items() if k != VARIANT_KEY and v is not None})
    in_order = {name: values[name] for name in Options.model_fields if name in values}
    return {VARIANT_KEY: ALL_VARIANTS, **in_order}


def answers_text(values: Mapping[str, Any], chosen: Iterable[str]) -> str:
    """The file's text: the schema line (a directive, never translated), what it is and how
    to use it in the recorded language, the options the user chose, then the values."""
    _ = gettext_for(values.get("lang", Lang.EN))
    again = f"scaffold-go-docker render --config {ANSWERS_FILE}"
    ordered = {VARIANT_KEY: values[VARIANT_KEY], **values}
    wanted = set(chosen)
    own = [name for name in ordered if name in wanted and name != VARIANT_KEY]
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_FILE}",
        "# "
        + (
            _("Written by scaffold-go-docker init: the options this Dockerfile was generated with.")
            if values.get("source_module")
            else _(
                "Written by scaffold-go-docker new: the options this project was generated with."
            )
        ),
        "# " + _("Render the Dockerfile again: %(command)s") % {"command": again},
        "# " + _("Fail CI on drift: %(command)s") % {"command": f"{again} --check Dockerfile"},
        "# " + _(CHOSEN_COMMENT) % {"key": CHOSEN_KEY},
        f"{VERSION_KEY}: {json.dumps(__version__)}",
        f"{CHOSEN_KEY}: [{', '.join(json.dumps(name) for name in own)}]",
    ]
    lines += [f"{name}: {_scalar(value)}" for name, value in ordered.items()]
    return "\n".join(lines) + "\n"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_scalar(entry) for entry in value) + "]"
    raise TypeError(f"no YAML form for {value!r}")
