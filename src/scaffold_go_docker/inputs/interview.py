"""The interview: which questions, in which order, with which defaults, and the loop that
asks again when answers cannot be combined. No terminal I/O here: an `Asker` does that.

Kept apart from the questionary prompts, so a run without prompts can still say which
defaults it took for the questions it did not ask, without importing questionary.

Every text a person reads is an English message marked with `N_` and translated where it
is asked, in the language the choices name (`--lang`); the language itself is not asked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, NamedTuple, Protocol, TypeVar

from scaffold_go_docker.errors import InvalidOptionsError
from scaffold_go_docker.facts.image_sizes import size_label
from scaffold_go_docker.i18n import N_, gettext_for
from scaffold_go_docker.inputs.fields import check_field
from scaffold_go_docker.inputs.sources import Choices
from scaffold_go_docker.options.defaults import DISTROLESS_UID
from scaffold_go_docker.options.enums import ALL_VARIANTS, DEFAULT_VARIANT, Lang, Source, Variant
from scaffold_go_docker.options.model import Options, field_defaults
from scaffold_go_docker.options.presets import DISTROLESS_BASES, DISTROLESS_PROVIDES, fill
from scaffold_go_docker.options.rules import CombinationError

VARIANT_DESCRIPTIONS = {
    Variant.BAD: N_("one stage on the full golang image, `go run`: the anti-pattern (%(size)s)"),
    Variant.BETTER: N_("multi-stage: cached module layer, binary copied onto alpine (%(size)s)"),
    Variant.PRO: N_("static stripped binary on scratch, nothing else in the image (%(size)s)"),
    Variant.ENTERPRISE: N_("alpine with CA certs, tzdata, a non-root user, git in the builder"),
}
#: The image size each variant's description quotes, from the measured table.
VARIANT_SIZES = {
    Variant.BAD: size_label("bad", "golang"),
    Variant.BETTER: size_label("better", "alpine"),
    Variant.PRO: size_label("pro", "scratch"),
}
ALL_DESCRIPTION = N_("all four side by side (Dockerfile.bad/.better/.pro, Dockerfile)")
#: Formatted with the distroless UID as `uid`.
BASE_DESCRIPTIONS = {
    "alpine": N_("small, has a shell and apk for debugging"),
    "scratch": N_("empty: only what is copied in"),
    "distroless": N_("no shell; CA certs, tzdata and user %(uid)s built in"),
}
#: Said before the questions a problem involves are asked again.
ASK_AGAIN = N_("%(problem)s; please answer again")


class Question(NamedTuple):
    field: str
    message: str


APP_NAME_QUESTION = Question("app_name", N_("App name (the directory to create)"))
VARIANT_QUESTION = Question("variant", N_("Variant"))
#: The options a variant presets (and the time zone, which decides whether tzdata is
#: needed), in the order they are asked.
PRESET_QUESTIONS = (
    Question("base", N_("Runtime base image")),
    Question("ca_certificates", N_("Add CA certificates (outbound TLS)?")),
    Question("timezone", N_("Time zone of the service, e.g. Asia/Shanghai (empty: UTC)")),
    Question("tzdata", N_("Add time-zone data?")),
    Question("non_root", N_("Run as a non-root user (numeric USER uid:gid)?")),
    Question("git", N_("Install git in the builder (modules fetched from VCS)?")),
    Question("strip", N_("Strip the binary (-ldflags '-s -w')?")),
    Question("healthcheck", N_("Add a HEALTHCHECK? The binary probes its own /healthz.")),
)
#: Options every variant shares, asked after the preset ones.
SHARED_QUESTIONS = (
    Question("go_version", N_("Go version")),
    Question("port", N_("Port the app listens on")),
    Question("module_path", N_("Go module path")),
    Question("compose", N_("Also write compose.yaml, to run it with docker compose up --build?")),
    Question("ci_workflow", N_("Also write a GitHub Actions workflow that builds and pushes it?")),
)
#: Asked only when the person says yes to MORE_BUILD_OPTIONS (default no).
MORE_BUILD_OPTIONS = N_("More build options (linker flags, build tags, target platforms)?")
BUILD_QUESTIONS = (
    Question("ldflags", N_("Extra linker flags, after -s -w and the version stamp (empty: none)")),
    Question("tags", N_("Build tags, comma-separated (empty: none)")),
    Question(
        "platforms",
        N_("Target platforms, comma-separated os/arch or os/arch/variant (empty: default)"),
    ),
)
ALL_QUESTIONS = (
    APP_NAME_QUESTION,
    VARIANT_QUESTION,
    *PRESET_QUESTIONS,
    *SHARED_QUESTIONS,
    *BUILD_QUESTIONS,
)


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


def describe_variant(variant: Variant, _: Callable[[str], str]) -> str:
    """The variant's line in the menu, with the size of its image, in `_`'s language."""
    return _(VARIANT_DESCRIPTIONS[variant]) % {"size": VARIANT_SIZES.get(variant, "")}


def language(choices: Choices) -> Lang:
    """The language the choices name, English unless one was given."""
    given = choices.values.get("lang")
    return next((lang for lang in Lang if lang.value == given), Lang.EN)


def question_texts(lang: Lang) -> dict[str, str]:
    """Each asked option's question, as the person read it: errors name an answer by it."""
    _ = gettext_for(lang)
    return {q.field: _(q.message) for q in ALL_QUESTIONS}


def questions_for(variant: str, choices: Choices, extra: Sequence[Question] = ()) -> list[Question]:
    """The questions still open: preset options (not for bad/all), shared ones, `extra`."""
    asked: list[Question] = []
    if variant not in (Variant.BAD, ALL_VARIANTS):
        base = default_for("base", choices) if "base" not in choices else choices.values["base"]
        asked += [
            q
            for q in PRESET_QUESTIONS
            if not (base in DISTROLESS_BASES and q.field in DISTROLESS_PROVIDES)
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


def ask_app_name(asker: Asker, lang: Lang = Lang.EN) -> str:
    message = gettext_for(lang)(APP_NAME_QUESTION.message)
    return asker.text(message, "", _validator("app_name"))


T = TypeVar("T")


def interview(choices: Choices, asker: Asker, resolve: Callable[[Choices], T]) -> T:
    """Ask for what `choices` lacks, then `resolve`; ask again what answers made unworkable.

    A problem among given values alone (flags, environment, config) is raised before any
    question: no answer could fix it.
    """
    _ = gettext_for(language(choices))
    if "variant" not in choices:
        choices.set("variant", _ask_variant(asker, choices, _), Source.PROMPT)
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
            value = _ask(asker, question, default_for(question.field, choices), choices, _)
            # An empty answer to an optional question leaves the option unset (None).
            choices.set(question.field, value, Source.PROMPT)
        if not offered:
            offered = True
            if asker.confirm(_(MORE_BUILD_OPTIONS), False):
                extra = BUILD_QUESTIONS
                continue
        try:
            return resolve(choices)
        except CombinationError as error:
            answered = _answers_involved(error, choices)
            if not answered:
                raise
            asker.tell(_(ASK_AGAIN) % {"problem": error.explain()})
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


def _ask_variant(asker: Asker, choices: Choices, _: Callable[[str], str]) -> str:
    width = max(len(v.value) for v in Variant)
    descriptions = {v.value: describe_variant(v, _) for v in Variant}
    descriptions[ALL_VARIANTS] = _(ALL_DESCRIPTION)
    workable = _workable(choices, "variant", list(descriptions))
    menu = [Choice(name, f"{name:<{width}}  {descriptions[name]}") for name in workable]
    default = DEFAULT_VARIANT.value if DEFAULT_VARIANT.value in workable else workable[0]
    return asker.select(_(VARIANT_QUESTION.message), menu, default)


def _workable(choices: Choices, field: str, candidates: Sequence[str]) -> list[str]:
    """The candidates for `field` that no rule refuses together with what is decided.

    A refusal that involves a question not yet answered does not count: that answer may
    still make the candidate work. When nothing works, every candidate is offered, and the
    refusal is explained once the answers are in.
    """
    decided = set(choices.values)
    workable = []
    for candidate in candidates:
        trial = {**choices.values, field: candidate}
        variants = list(Variant) if candidate == ALL_VARIANTS else [trial.get("variant")]
        if all(_works(trial, variant, decided | {field}) for variant in variants):
            workable.append(candidate)
    return workable or list(candidates)


def _works(trial: dict[str, Any], variant: Any, decided: set[str]) -> bool:
    try:
        Options.resolve({**trial, "variant": variant} if variant else trial)
    except CombinationError as error:
        return not any(set(problem.fields) <= decided for problem in error.problems)
    except InvalidOptionsError:
        return True  # a malformed value elsewhere is reported, not hidden in a menu
    return True


def _ask(
    asker: Asker, question: Question, default: Any, choices: Choices, _: Callable[[str], str]
) -> Any:
    message = _(question.message)
    if question.field == "base":
        bases = _workable(choices, "base", list(BASE_DESCRIPTIONS))
        menu = [
            Choice(name, f"{name:<10}  {_(BASE_DESCRIPTIONS[name]) % {'uid': DISTROLESS_UID}}")
            for name in bases
        ]
        return asker.select(message, menu, str(default) if default in bases else bases[0])
    if isinstance(default, bool):
        return asker.confirm(message, default)
    text = asker.text(message, _shown(default), _validator(question.field))
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
