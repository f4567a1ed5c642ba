"""The options given so far, each with where it came from.

Precedence: flag > environment > config file > detected (`init` reads the Go module; only
what none of the above gave) > prompt (only what none of them gave or detection decided).
Flags and environment variables arrive already merged by the command-line parser (a flag
beats its variable); `merge` layers them over the config file. Presets, followers and
built-in defaults are applied by the model for what is left.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scaffold_go_docker.options.enums import Source
from scaffold_go_docker.options.naming import Provenance


class Choices:
    """The options given so far, with the source of each."""

    def __init__(self, config_file: str | None = None) -> None:
        self.values: dict[str, Any] = {}
        self.origins: dict[str, Source] = {}
        self.config_file = config_file
        #: Where each detected value was read ("go.mod:3"), for messages and the summary.
        self.detected: dict[str, str] = {}

    def set(self, name: str, value: Any, source: Source) -> None:
        self.values[name] = value
        self.origins[name] = source
        self.detected.pop(name, None)

    def detect(self, name: str, value: Any, origin: str) -> None:
        """A value `init` read from the module, unless a stronger source gave one."""
        if name not in self.values:
            self.set(name, value, Source.DETECTED)
            self.detected[name] = origin

    def forget(self, name: str) -> None:
        self.values.pop(name, None)
        self.origins.pop(name, None)
        self.detected.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self.values

    def provenance(self, questions: Mapping[str, str] | None = None) -> Provenance:
        return Provenance(
            self.origins,
            config_file=self.config_file,
            questions=questions,
            detected=self.detected,
        )


def merge(
    command_line: Mapping[str, Any],
    command_line_sources: Mapping[str, Source],
    config: Mapping[str, Any],
    config_file: str | None = None,
) -> Choices:
    """Config-file values under flag/environment values; unset (None) entries are ignored."""
    choices = Choices(config_file)
    for name, value in config.items():
        if value is not None:
            choices.set(name, value, Source.CONFIG)
    for name, value in command_line.items():
        if value is not None:
            choices.set(name, value, command_line_sources.get(name, Source.FLAG))
    return choices
