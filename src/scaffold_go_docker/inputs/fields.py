"""Validate one option value on its own, with the model's own field validator.

Config files and prompts check each value as it arrives, so an error names the key (or
re-asks the question) instead of surfacing later as a whole-model failure.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from scaffold_go_docker.options import Options
from scaffold_go_docker.options.model import validation_reason


@cache
def _adapter(field: str) -> TypeAdapter[Any]:
    info = Options.model_fields[field]
    annotation: Any = info.annotation
    if info.metadata:
        annotation = Annotated[(annotation, *info.metadata)]
    return TypeAdapter(annotation)


def check_field(field: str, value: Any, *, strict: bool) -> Any:
    """`value` validated for `field`; raises ValueError with the model's one-line reason.

    `strict` takes JSON's types at face value (a config file: `port: "80"` is a wrong type);
    otherwise text is converted (a prompt answer: "80" is a port).
    """
    adapter = _adapter(field)
    try:
        if strict:
            validated = adapter.validate_json(json.dumps(value), strict=True)
        else:
            validated = adapter.validate_python(value)
    except (TypeError, ValueError) as error:
        if isinstance(error, ValidationError):
            raise ValueError(validation_reason(error, field)) from None
        # json.dumps refuses values no option can hold (a YAML date, a TOML datetime...).
        raise ValueError(f"{type(value).__name__} is not a valid value here") from None
    return validated.value if hasattr(validated, "value") else validated
