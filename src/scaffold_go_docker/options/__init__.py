"""The validated options model: enums, presets, the rules that refuse what cannot work."""

from scaffold_go_docker.options.enums import (
    ALL_VARIANTS,
    Base,
    Builder,
    CgoLink,
    Lang,
    PrivateAuth,
    Source,
    TzdataSource,
    Variant,
)
from scaffold_go_docker.options.model import Options
from scaffold_go_docker.options.presets import PRESETS

__all__ = [
    "ALL_VARIANTS",
    "PRESETS",
    "Base",
    "Builder",
    "CgoLink",
    "Lang",
    "Options",
    "PrivateAuth",
    "Source",
    "TzdataSource",
    "Variant",
]
