"""Merge the places options come from: flag > environment > config file > preset > default.

Flags and environment variables arrive already merged by the command-line parser (a flag
beats its variable); this module layers them over the config file and records where each
value came from. Presets and built-in defaults are applied by the model for what is left.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any


class Source(StrEnum):
    FLAG = "flag"
    ENV = "env"
    CONFIG = "config"
    PROMPT = "prompt"
    PRESET = "preset"
    DEFAULT = "default"


class Choices:
    """The options given so far, with the source of each."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.origins: dict[str, Source] = {}

    def set(self, name: str, value: Any, source: Source) -> None:
        self.values[name] = value
        self.origins[name] = source

    def __contains__(self, name: object) -> bool:
        return name in self.values


def merge(
    command_line: Mapping[str, Any],
    command_line_sources: Mapping[str, Source],
    config: Mapping[str, Any],
) -> Choices:
    """Config-file values under flag/environment values; unset (None) entries are ignored."""
    choices = Choices()
    for name, value in config.items():
        if value is not None:
            choices.set(name, value, Source.CONFIG)
    for name, value in command_line.items():
        if value is not None:
            choices.set(name, value, command_line_sources.get(name, Source.FLAG))
    return choices


def unset_origin(name: str, preset: Mapping[str, Any]) -> Source:
    """Where an option nobody gave gets its value: the variant's preset or the model."""
    return Source.PRESET if name in preset else Source.DEFAULT
