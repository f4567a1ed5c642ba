"""What an interview asks, in which order, with which defaults; no terminal I/O here.

Kept apart from the questionary prompts so a run without prompts can still say which
defaults it took for the questions it did not ask, without importing questionary.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from scaffold_go_docker.inputs.sources import Choices
from scaffold_go_docker.options import Options, preset_for
from scaffold_go_docker.options.model import DISTROLESS_PROVIDES
from scaffold_go_docker.options.presets import ALL_VARIANTS

VARIANT_DESCRIPTIONS = {
    "bad": "one stage on the full golang image, `go run`: the seed's anti-pattern (~1 GB)",
    "better": "multi-stage: cached module layer, binary copied onto alpine (~15 MB)",
    "pro": "static stripped binary on scratch, nothing else in the image (~7 MB)",
    "enterprise": "alpine with CA certs, tzdata, a non-root user, git in the builder",
    ALL_VARIANTS: "all four side by side (Dockerfile.bad/.better/.pro, Dockerfile)",
}
BASE_DESCRIPTIONS = {
    "alpine": "small, has a shell and apk for debugging",
    "scratch": "empty: only what is copied in",
    "distroless": "no shell; CA certs, tzdata and user 65532 built in",
}


class Question(NamedTuple):
    field: str
    message: str


#: The options a variant presets, in the order they are asked.
PRESET_QUESTIONS = (
    Question("base", "Runtime base image"),
    Question("ca_certificates", "Add CA certificates (outbound TLS)?"),
    Question("tzdata", "Add time-zone data?"),
    Question("non_root", "Run as a non-root user (numeric USER uid:gid)?"),
    Question("git", "Install git in the builder (modules fetched from VCS)?"),
    Question("strip", "Strip the binary (-ldflags '-s -w')?"),
)
#: Options every variant shares, asked after the preset ones.
SHARED_QUESTIONS = (
    Question("go_version", "Go version"),
    Question("port", "Port the app listens on"),
    Question("module_path", "Go module path"),
)


def questions_for(variant: str, choices: Choices) -> list[Question]:
    """The questions still open: preset options (not for bad/all), then shared ones."""
    asked: list[Question] = []
    if variant not in ("bad", ALL_VARIANTS):
        base = choices.values.get("base", preset_for(variant)["base"])
        asked += [
            q
            for q in PRESET_QUESTIONS
            if not (base == "distroless" and q.field in DISTROLESS_PROVIDES)
        ]
    asked += SHARED_QUESTIONS
    return [q for q in asked if q.field not in choices]


def default_for(field: str, variant: str, choices: Choices) -> Any:
    """The value a question offers: the variant's preset, else the model's default."""
    if field == "module_path":
        return choices.values["app_name"]
    if variant != ALL_VARIANTS and field in preset_for(variant):
        return preset_for(variant)[field]
    return Options.model_fields[field].default


def interview_fields(variant: str) -> list[str]:
    """Every option an interview for `variant` could ask, in order (variant first)."""
    return ["variant", *(q.field for q in questions_for(variant, Choices()))]
