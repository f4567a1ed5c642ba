"""The options given so far, each with where it came from.

Precedence: flag > environment > config file > detected (`init` reads the Go module; only
what none of the above gave) > prompt (only what none of them gave or detection decided).
Flags and environment variables arrive already merged by the command-line parser (a flag
beats its variable); `merge` layers them over the config file. Presets, followers and
built-in defaults are applied by the model for what is left.

An answers file records every option a project was generated with, and lists which of
them its user chose; the others came from the variant's preset or a default. A variant
given over it keeps the user's choices and takes the rest from its own preset.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scaffold_go_docker.errors import ConfigFileError
from scaffold_go_docker.inputs.config_file import CHOSEN_KEY, VARIANT_KEY, FileOptions
from scaffold_go_docker.options.enums import ALL_VARIANTS, Source, Variant
from scaffold_go_docker.options.naming import Provenance, env_var, plain
from scaffold_go_docker.options.presets import PRESET_CONTROLLED


class Choices:
    """The options given so far, with the source of each."""

    def __init__(self, config_file: str | None = None) -> None:
        self.values: dict[str, Any] = {}
        self.origins: dict[str, Source] = {}
        self.config_file = config_file
        #: Where each detected value was read ("go.mod:3"), for messages and the summary.
        self.detected: dict[str, str] = {}
        #: Options an answers file recorded that its user did not choose (a preset's or a
        #: default's value then): given here, yet not the user's choice.
        self.recorded: set[str] = set()

    def set(self, name: str, value: Any, source: Source) -> None:
        self.values[name] = value
        self.origins[name] = source
        self.detected.pop(name, None)
        self.recorded.discard(name)

    def detect(self, name: str, value: Any, origin: str) -> None:
        """A value `init` read from the module, unless a stronger source gave one."""
        if name not in self.values:
            self.set(name, value, Source.DETECTED)
            self.detected[name] = origin

    def forget(self, name: str) -> None:
        self.values.pop(name, None)
        self.origins.pop(name, None)
        self.detected.pop(name, None)
        self.recorded.discard(name)

    def __contains__(self, name: object) -> bool:
        return name in self.values

    def chosen(self) -> list[str]:
        """The options the user chose (the variant aside): what an answers file lists."""
        return [n for n in self.values if n != VARIANT_KEY and n not in self.recorded]

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
    config: FileOptions | None = None,
) -> Choices:
    """Config-file values under flag/environment values; unset (None) entries are ignored."""
    choices = Choices()
    for name, value in command_line.items():
        if value is not None:
            choices.set(name, value, command_line_sources.get(name, Source.FLAG))
    if config is not None:
        layer_file(choices, config)
    return choices


def layer_file(choices: Choices, file: FileOptions) -> None:
    """`file`'s values under the options already given.

    When a variant given before names another variant than the answers file records, the
    values its preset supplied give way to the new preset's; an answers file that does not
    say which values were chosen is refused if it holds values the new preset sets otherwise.
    """
    choices.config_file = str(file.path)
    recorded = file.values.get(VARIANT_KEY)
    wanted = choices.values.get(VARIANT_KEY)
    switching = wanted is not None and recorded not in (None, ALL_VARIANTS, wanted)
    if switching and file.chosen is None and file.version is not None:
        _refuse_unknown_choices(choices, file)
    following = _following_what_is_given(choices, file)
    for name, value in file.values.items():
        if name in choices or value is None:
            continue
        chosen = file.chosen is None or name in file.chosen or name == VARIANT_KEY
        if switching and not chosen and name in PRESET_CONTROLLED:
            continue  # the new variant's preset gives it
        if not chosen and name in following:
            continue  # its default follows an option given now
        choices.set(name, value, Source.CONFIG)
        if not chosen:
            choices.recorded.add(name)


def _following_what_is_given(choices: Choices, file: FileOptions) -> frozenset[str]:
    """Options whose default, under the file's own choices, changes with those given now.

    The file recorded them without its user choosing them, so they were a preset's or a
    default's value; a default that follows another option (`--healthcheck-path` turns the
    HEALTHCHECK on) follows it here too, as it would without the file.
    """
    from scaffold_go_docker.options.model import field_defaults
    from scaffold_go_docker.options.presets import fill

    given_now = {n: v for n, v in choices.values.items() if n != VARIANT_KEY}
    if file.chosen is None or not given_now:
        return frozenset()
    own = {n: v for n, v in file.values.items() if n in file.chosen and v is not None}
    variant = choices.values.get(VARIANT_KEY, file.values.get(VARIANT_KEY))
    if variant is not None:
        own[VARIANT_KEY] = variant
    defaults = field_defaults()
    before = fill(own, defaults).values
    after = fill({**own, **given_now}, defaults).values
    return frozenset(name for name, value in before.items() if after.get(name) != value)


def _refuse_unknown_choices(choices: Choices, file: FileOptions) -> None:
    """An answers file from before the list of chosen options, under another variant: each
    recorded value counts as chosen, which is refused where the new preset differs."""
    from scaffold_go_docker.options.model import field_defaults
    from scaffold_go_docker.options.presets import fill

    wanted = str(choices.values[VARIANT_KEY])
    variants = list(Variant) if wanted == ALL_VARIANTS else [wanted]
    kept = {n: v for n, v in file.values.items() if n not in PRESET_CONTROLLED}
    differ: dict[str, Any] = {}
    for variant in variants:
        fresh = fill({**kept, **choices.values, VARIANT_KEY: variant}, field_defaults()).values
        differ.update(
            (name, value)
            for name, value in file.values.items()
            if name in PRESET_CONTROLLED and name not in choices and value != fresh.get(name)
        )
    if not differ:
        return
    said = (
        f"{env_var(VARIANT_KEY)}={wanted}"
        if choices.origins.get(VARIANT_KEY) is Source.ENV
        else f"--variant {wanted}"
    )
    values = ", ".join(f"{name}: {plain(value)}" for name, value in differ.items())
    raise ConfigFileError(
        f"{file.path} records the {plain(file.values[VARIANT_KEY])} variant's options without "
        f"saying which you chose, so {said} would keep {values}, and the Dockerfile would not "
        f"be the {wanted} variant; list your own choices in it "
        f"({CHOSEN_KEY}: [app_name, port, ...]) and the rest follow the {wanted} preset, "
        "or delete the values you did not choose"
    )
