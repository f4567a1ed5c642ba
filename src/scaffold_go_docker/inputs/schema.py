"""The JSON Schema of config and answers files, derived from the options model."""

from __future__ import annotations

import json
from typing import Any

from scaffold_go_docker.inputs.config_file import (
    AUDIT_SECTION,
    CHOSEN_KEY,
    VARIANT_KEY,
    VERSION_KEY,
)
from scaffold_go_docker.options.enums import ALL_VARIANTS

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def options_schema() -> dict[str, Any]:
    """The model's schema, loosened to what a file may hold: any subset of the options.

    Nothing is required (presets and defaults fill the rest), `variant` also takes `all`,
    and answers files may record the tool version and which options the user chose.
    """
    from scaffold_go_docker.options import Options

    schema = Options.model_json_schema()
    schema.pop("required", None)
    properties = schema["properties"]
    variant = properties["variant"]
    properties["variant"] = {
        "anyOf": [
            {"$ref": variant.pop("$ref")},
            {"const": ALL_VARIANTS, "description": "The four variants side by side."},
        ],
        **variant,
    }
    properties[VERSION_KEY] = {
        "type": "string",
        "description": "Version of scaffold-go-docker that wrote this answers file.",
        "title": "Tool version",
    }
    properties[CHOSEN_KEY] = {
        "type": "array",
        "items": {"enum": [name for name in Options.model_fields if name != VARIANT_KEY]},
        "uniqueItems": True,
        "description": "The options the user chose; the others a preset or a default "
        "supplied, which another variant's preset replaces (render --variant).",
        "title": "Chosen options",
    }
    rule_ids = {"type": "string", "pattern": "^SGD[0-9]{3}$"}
    severities = ["info", "warning", "error"]
    properties[AUDIT_SECTION] = {
        "type": "object",
        "title": "Audit settings",
        "description": "Settings of `scaffold-go-docker audit` (docs/audit.md).",
        "additionalProperties": False,
        "properties": {
            "ignore": {
                "description": "Rules not to report.",
                "anyOf": [{"type": "array", "items": rule_ids}, {"type": "string"}],
            },
            "severity": {
                "description": "A rule's severity, or off.",
                "type": "object",
                "propertyNames": rule_ids,
                "additionalProperties": {"enum": [*severities, "off"]},
            },
            "fail_on": {"description": "Exit 1 at or above this severity.", "enum": severities},
        },
    }
    return {
        "$schema": DIALECT,
        "title": "scaffold-go-docker options",
        "description": (
            "Options for scaffold-go-docker --config FILE and the .scaffold-go-docker.yaml "
            "answers file. Precedence: flag > environment > this file > variant preset > "
            "built-in default."
        ),
        **{key: value for key, value in schema.items() if key not in ("title", "description")},
    }


def schema_text() -> str:
    return json.dumps(options_schema(), indent=2) + "\n"
