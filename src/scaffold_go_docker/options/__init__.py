"""The validated options model and the variant presets behind it."""

from scaffold_go_docker.options.model import (
    Base,
    Builder,
    Options,
    PrivateAuth,
    TzdataSource,
    Variant,
)
from scaffold_go_docker.options.presets import VARIANT_NAMES, preset_for

__all__ = [
    "VARIANT_NAMES",
    "Base",
    "Builder",
    "Options",
    "PrivateAuth",
    "TzdataSource",
    "Variant",
    "preset_for",
]
