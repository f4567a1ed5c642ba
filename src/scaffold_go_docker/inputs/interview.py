"""The interview: which questions, in which order, with which defaults, and the loop that
asks again when answers cannot be combined. No terminal I/O here: an `Asker` does that.

Kept apart from the questionary prompts, so a run without prompts can still say which
defaults it took for the questions it did not ask, without importing questionary.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, NamedTuple, Protocol, TypeVar

from scaffold_go_docker.inputs.fields import check_field
from scaffold_go_docker.inputs.sources import Choices
from scaffold_go_docker.options.defaults import DISTROLESS_UID
from scaffold_go_docker.options.enums import ALL_VARIANTS, DEFAULT_VARIANT, Source, Variant
from scaffold_go_docker.options.model import Options, field_defaults
from scaffold_go_docker.options.presets import DISTROLESS_PROVIDES, fill
from scaffold_go_docker.options.rules import CombinationError

VARIANT_DESCRIPTIONS = {
    Variant.BAD: "one stage on the full golang image, `go run`: the anti-pattern (~1 GB)",
    Variant.BETTER: "multi-stage: cached module layer, binary copied onto alpine (~15 MB)",
    Variant.PRO: "static stripped binary on scratch, nothing else in the image (~7 MB)",
    Variant.ENTERPRISE: "alpine with CA certs, tzdata, a non-root user, git in the builder",
}
ALL_DESCRIPTION = "all four side by side (Dockerfile.bad/.better/.pro, Dockerfile)"
BASE_DESCRIPTIONS = {
    "alpine": "small, has a shell and apk for debugging",
    "scratch": "empty: only what is copied in",
    "distroless": f"no shell; CA certs, tzdata and user {DISTROLESS_UID} built in",
}


class Question(NamedTuple):
    field: str
    message: str


APP_NAME_QUESTION = Question("app_name", "App name (the directory to create)")
VARIANT_QUESTION = Question("variant", "Variant")
#: The options a variant presets (and the time zone, which decides whether tzdata is
#: needed), in the order they are asked.
PRESET_QUESTIONS = (
    Question("base", "Runtime base image"),
    Question("ca_certificates", "Add CA certificates (outbound TLS)?"),
    Question("timezone", "Time zone of the service, e.g. Asia/Shanghai (empty: UTC)"),
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
#: Asked only when the person says yes to MORE_BUILD_OPTIONS (default no).
MORE_BUILD_OPTIONS = "More build options (linker flags, build tags, target platforms)?"
BUILD_QUESTIONS = (
    Question("ldflags", "Extra linker flags, after -s -w and the version stamp (empty: none)"),
    Question("tags", "Build tags, comma-separated (empty: none)"),
    Question(
        "platforms", "Target platforms, comma-separated os/arch or os/arch/variant (empty: default)"
    ),
)
QUESTION_TEXTS = {
    q.field: q.message
    for q in (
        APP_NAME_QUESTION,
        VARIANT_QUESTION,
        *PRESET_QUESTIONS,
        *SHARED_QUESTIONS,
        *BUILD_QUESTIONS,
    )
}


class Choice(NamedTuple):
    """One entry of a menu: the value it stands for and the line that describes it."""

    value: str
    label: str


class Asker(Protocol):
    """Asks a person; the interview decides what, the asker only how."""

    def select(self, message: str, choices: Sequence[Choice], default: str) -> str: ...

    def confirm(self, message: str, default: bool) -> bool: ...

    def text(self, message: str, default: str, validate: Callable[[str], str | None]) -> str: ...

    def tell(self, message: str) -> None: ...


def questions_for(variant: str, choices: Choices, extra: Sequence[Question] = ()) -> list[Question]:
    """The questions still open: preset options (not for bad/all), shared ones, `extra`."""
    asked: list[Question] = []
    if variant not in (Variant.BAD, ALL_VARIANTS):
        base = default_for("base", choices) if "base" not in choices else choices.values["base"]
        asked += [
            q
            for q in PRESET_QUESTIONS
            if not (base == "distroless" and q.field in DISTROLESS_PROVIDES)
            # A time zone needs the data: the answer could only be yes.
            and not (q.field == "tzdata" and choices.values.get("timezone"))
        ]
    asked += [*SHARED_QUESTIONS, *extra]
    return [q for q in asked if q.field not in choices]


def default_for(field: str, choices: Choices) -> Any:
    """The value a question offers: what the preset and its followers give, else the default."""
    given = dict(choices.values)
    if given.get("variant") == ALL_VARIANTS:
        given.pop("variant")  # the options the four share come from the model's defaults
    value = fill(given, field_defaults()).values.get(field)
    return value.value if isinstance(value, Enum) else value


def interview_fields(variant: str) -> list[str]:
    """Every option an interview for `variant` could ask, in order (variant first)."""
    return ["variant", *(q.field for q in questions_for(variant, Choices()))]


def ask_app_name(asker: Asker) -> str:
    return asker.text(APP_NAME_QUESTION.message, "", _validator("app_name"))


T = TypeVar("T")


def interview(choices: Choices, asker: Asker, resolve: Callable[[Choices], T]) -> T:
    """Ask for what `choices` lacks, then `resolve`; ask again what answers made unworkable.

    A problem among given values alone (flags, environment, config) is raised before any
    question: no answer could fix it.
    """
    if "variant" not in choices:
        choices.set("variant", _ask_variant(asker), Source.PROMPT)
    variant = str(choices.values["variant"])
    _refuse_what_no_answer_fixes(
        choices, resolve, {q.field for q in questions_for(variant, choices, BUILD_QUESTIONS)}
    )
    extra: Sequence[Question] = ()
    offered = variant in (Variant.BAD, ALL_VARIANTS) or any(
        q.field in choices for q in BUILD_QUESTIONS
    )
    while True:
        while remaining := questions_for(variant, choices, extra):
            question = remaining[0]
            value = _ask(asker, question, default_for(question.field, choices))
            # An empty answer to an optional question leaves the option unset (None).
            choices.set(question.field, value, Source.PROMPT)
        if not offered:
            offered = True
            if asker.confirm(MORE_BUILD_OPTIONS, False):
                extra = BUILD_QUESTIONS
                continue
        try:
            return resolve(choices)
        except CombinationError as error:
            answered = _answers_involved(error, choices)
            if not answered:
                raise
            asker.tell(f"{error.explain()}; please answer again")
            for field in answered:
                choices.forget(field)


def _refuse_what_no_answer_fixes(
    choices: Choices, resolve: Callable[[Choices], object], to_ask: set[str]
) -> None:
    try:
        resolve(choices)
    except CombinationError as error:
        if not any(to_ask & set(problem.fields) for problem in error.problems):
            raise


def _answers_involved(error: CombinationError, choices: Choices) -> list[str]:
    """The prompted fields of the first problem any answer contributed to."""
    for problem in error.problems:
        answered = [f for f in problem.fields if choices.origins.get(f) is Source.PROMPT]
        answered = [f for f in answered if f not in ("variant", "app_name")]
        if answered:
            return answered
    return []


def _ask_variant(asker: Asker) -> str:
    width = max(len(v.value) for v in Variant)
    menu = [
        Choice(variant.value, f"{variant.value:<{width}}  {about}")
        for variant, about in VARIANT_DESCRIPTIONS.items()
    ]
    menu.append(Choice(ALL_VARIANTS, f"{ALL_VARIANTS:<{width}}  {ALL_DESCRIPTION}"))
    return asker.select(VARIANT_QUESTION.message, menu, DEFAULT_VARIANT.value)


def _ask(asker: Asker, question: Question, default: Any) -> Any:
    if question.field == "base":
        menu = [Choice(name, f"{name:<10}  {about}") for name, about in BASE_DESCRIPTIONS.items()]
        return asker.select(question.message, menu, str(default))
    if isinstance(default, bool):
        return asker.confirm(question.message, default)
    text = asker.text(question.message, _shown(default), _validator(question.field))
    if not text.strip() and Options.model_fields[question.field].default is None:
        return None
    return check_field(question.field, text.strip(), strict=False)


def _shown(default: Any) -> str:
    return "" if default is None else str(default)


def _validator(field: str) -> Callable[[str], str | None]:
    """None when `text` is a valid answer, else the model's reason."""

    def validate(text: str) -> str | None:
        if not text.strip() and Options.model_fields[field].default is None:
            return None  # an optional option may stay unset
        try:
            check_field(field, text.strip(), strict=False)
        except ValueError as error:
            return str(error)
        return None

    return validate
