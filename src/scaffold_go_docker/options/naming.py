"""The public names of each option (flag, environment variable, config key), and messages
that speak of an option in the words of the source that set it.

A config file's problem names the file and its keys; a flag's names the flag; an answer
names the question; a value nobody gave is called by where it came from (the preset).
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any

from scaffold_go_docker.options.enums import Source

ENV_PREFIX = "SCAFFOLD_GO_DOCKER_"


#: Flags named otherwise than their field: a list's flag is given once per entry.
FLAG_NAMES = {
    "main_packages": "main",
    "workspace_modules": "workspace-module",
    "writable_dirs": "writable-dir",
}


def flag(field: str) -> str:
    return "--" + FLAG_NAMES.get(field, field.replace("_", "-"))


def negated_flag(field: str) -> str:
    return "--no-" + FLAG_NAMES.get(field, field.replace("_", "-"))


def env_var(field: str) -> str:
    return ENV_PREFIX + field.upper()


def plain(value: Any) -> str:
    """A value as a user writes it: `true`, `scratch`, `8080`."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return ",".join(plain(entry) for entry in value)
    return str(value)


def flag_setting(field: str, value: Any) -> str:
    """The command-line words that set `field` to `value`: `--cgo`, `--base scratch`."""
    if isinstance(value, bool):
        return flag(field) if value else negated_flag(field)
    if isinstance(value, (tuple, list)):
        if not repeats(field):
            return f"{flag(field)} {shlex.quote(shlex.join(value))}"
        return " ".join(f"{flag(field)} {shlex.quote(plain(entry))}" for entry in value)
    return f"{flag(field)} {shlex.quote(plain(value))}"


def repeats(field: str) -> bool:
    """Whether a list option's flag is given once per entry (else it is one shell text)."""
    from scaffold_go_docker.options.formats import list_form
    from scaffold_go_docker.options.model import Options

    form = list_form(Options.model_fields[field].metadata)
    return form is None or form.repeat


class Provenance:
    """Where each given option came from, and what a message needs to name that source."""

    def __init__(
        self,
        origins: Mapping[str, Source] | None = None,
        *,
        config_file: str | None = None,
        questions: Mapping[str, str] | None = None,
        detected: Mapping[str, str] | None = None,
    ) -> None:
        self.origins: dict[str, Source] = dict(origins or {})
        self.config_file = config_file
        self.questions: dict[str, str] = dict(questions or {})
        #: Where `init` read each detected value ("go.mod:3", "cmd/api/main.go:42").
        self.detected: dict[str, str] = dict(detected or {})


class Wording:
    """Names options in a message: each in the words of its source.

    `values` are the options' values; `origins` says where each came from (given or filled).
    """

    def __init__(
        self,
        values: Mapping[str, Any],
        origins: Mapping[str, Source],
        provenance: Provenance | None = None,
    ) -> None:
        self.values = values
        self.origins = origins
        self.provenance = provenance or Provenance()

    def source(self, field: str) -> Source:
        return self.origins.get(field, Source.FLAG)

    def given(self, field: str) -> bool:
        return self.source(field) in (
            Source.FLAG,
            Source.ENV,
            Source.CONFIG,
            Source.DETECTED,
            Source.PROMPT,
        )

    def name(self, field: str) -> str:
        """The option itself, without a value: `--port`, `team.yaml: key 'port'`."""
        source = self.source(field)
        if source is Source.ENV:
            return env_var(field)
        if source is Source.CONFIG:
            return f"{self._config()}: key {field!r}"
        if source is Source.PROMPT:
            return self._question(field)
        if source is Source.DERIVED:
            return f"{flag(field)} (not given: derived from other options)"
        return flag(field)

    def mention(self, field: str) -> str:
        """The option as it is set: `--cgo`, `base: scratch in team.yaml`."""
        return self.subject([field])

    def subject(self, fields: Iterable[str]) -> str:
        """Several options as they are set ("A with B", "A, B and C"); a config file that
        set them all is named once."""
        fields = list(fields)
        from_config = [f for f in fields if self.source(f) is Source.CONFIG]
        once = len(from_config) == len(fields)
        words = [self._mention(f, name_file=not once) for f in fields]
        if len(words) == 2:
            joined = " with ".join(words)
        else:
            joined = ", ".join(words[:-1]) + (" and " if len(words) > 1 else "") + words[-1]
        return f"{joined} in {self._config()}" if once else joined

    def hint(self, field: str, value: Any) -> str:
        """How to set `field` to `value` instead, in the words of its source."""
        source = self.source(field)
        if source is Source.ENV:
            return f"{env_var(field)}={plain(value)}"
        if source is Source.CONFIG:
            return f"{field}: {plain(value)}"
        if source is Source.PROMPT:
            return f"{plain(value)} for {self._question(field)}"
        return flag_setting(field, value)

    def _mention(self, field: str, *, name_file: bool) -> str:
        value = self.values.get(field)
        source = self.source(field)
        if source is Source.FLAG:
            return flag_setting(field, value)
        if source is Source.ENV:
            return f"{env_var(field)}={plain(value)}"
        if source is Source.CONFIG:
            where = f" in {self._config()}" if name_file else ""
            return f"{field}: {plain(value)}{where}"
        if source is Source.PROMPT:
            return f"{plain(value)} for {self._question(field)}"
        if source is Source.DETECTED:
            at = self.provenance.detected.get(field)
            return f"{field} {plain(value)} (detected{f' at {at}' if at else ''})"
        if source is Source.PRESET:
            variant = plain(self.values.get("variant"))
            return f"{field} {plain(value)} (the {variant} preset)"
        if source is Source.DERIVED:
            return f"{field} {plain(value)} (derived from other options)"
        return f"{field} {plain(value)} (the default)"

    def _config(self) -> str:
        return self.provenance.config_file or "the config file"

    def _question(self, field: str) -> str:
        question = self.provenance.questions.get(field)
        return f'"{question}"' if question else field
