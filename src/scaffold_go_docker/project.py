"""`new` as a library call: choices, a conflict policy and an asker in; the plan out.

The plan holds every file `new` writes (the answers file and its schema included), what
happens to each, the validated options and where each value came from. Writing it is a
separate step (`writing.write_planned`), so a caller can show it, confirm it or print it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from scaffold_go_docker.errors import (
    AbortedError,
    InvalidOptionsError,
    ScaffoldError,
    TargetExistsError,
)
from scaffold_go_docker.generate import Generated, generate
from scaffold_go_docker.i18n import N_, gettext_for
from scaffold_go_docker.inputs.answers import ANSWERS_FILE
from scaffold_go_docker.inputs.config_file import load_config, read_options
from scaffold_go_docker.inputs.interview import (
    Asker,
    Choice,
    ask_app_name,
    interview,
    interview_fields,
    language,
    question_texts,
)
from scaffold_go_docker.inputs.sources import Choices, layer_file
from scaffold_go_docker.options import Options, Source, Variant
from scaffold_go_docker.options.enums import DEFAULT_VARIANT, Lang
from scaffold_go_docker.options.formats import check_app_name
from scaffold_go_docker.options.naming import env_var
from scaffold_go_docker.plan_notes import (
    Described,
    describe_options,
    option_warnings,
    shown,
    wrapped,
)
from scaffold_go_docker.writing import (
    Action,
    ConflictPolicy,
    FileKind,
    PlannedFile,
    check_target,
    plan_files,
    target_occupied,
)

SUMMARY_HEADING = N_("Summary:")
FILES_HEADING = N_("Files in %(target)s:")


class ProjectPlan(NamedTuple):
    target: Path
    files: list[PlannedFile]
    options: dict[Variant, Options]
    choices: Choices
    described: dict[str, Described]
    #: What the run tells besides the file list: files it kept, defaults it took.
    notes: list[str]

    @property
    def lang(self) -> Lang:
        """The language of the files' comments, and of the interview that planned them."""
        return next(iter(self.options.values())).lang

    def summary_lines(self, width: int = 80) -> list[str]:
        """The choices made, grouped by where they came from, and what happens to each
        file: short enough for a 24-row terminal."""
        _ = gettext_for(self.lang)
        groups: dict[str, list[str]] = {}
        for name, (value, source) in self.described.items():
            if source is Source.DEFAULT and name not in self.choices:
                continue
            groups.setdefault(_SUMMARY_GROUPS[source], []).append(f"{name}={shown(value)}")
        lines = [_(SUMMARY_HEADING)]
        for group in dict.fromkeys(_SUMMARY_GROUPS.values()):
            if group in groups:
                lines += wrapped(f"  {_(group):<10} ", ", ".join(groups[group]), width)
        by_action: dict[str, list[str]] = {}
        for entry in self.files:
            by_action.setdefault(entry.action.value, []).append(entry.path)
        lines.append(_(FILES_HEADING) % {"target": self.target})
        for action, paths in by_action.items():
            lines += wrapped(f"  {action:<10} ", ", ".join(paths), width)
        return lines

    def next_steps(self) -> list[str]:
        """What to do once the files are written, once."""
        options = next(iter(self.options.values()))
        if Variant.ENTERPRISE in self.options:
            options = self.options[Variant.ENTERPRISE]
        return next_steps(options, self.target)

    def as_json(self, *, dry_run: bool) -> dict[str, Any]:
        return {
            "target": str(self.target),
            "dry_run": dry_run,
            "files": [{"path": entry.path, "action": entry.action.value} for entry in self.files],
            "options": {
                name: {"value": value, "source": source.value}
                for name, (value, source) in self.described.items()
            },
        }


def plan_project(
    choices: Choices,
    *,
    output_dir: Path,
    policy: ConflictPolicy,
    asker: Asker | None = None,
    why_no_asker: str = "",
) -> ProjectPlan:
    """Plan the project `choices` describe, under `output_dir`/APP.

    With an `asker`, what the choices lack is asked (after the target is checked, so no
    answer is typed in vain); without one, presets and defaults are taken and the notes
    say which, with `why_no_asker`.
    """
    if "app_name" not in choices:
        if asker is None:
            raise ScaffoldError(
                f"APP is required: scaffold-go-docker new APP (or {env_var('app_name')}, "
                "or app_name in --config)"
            )
        choices.set("app_name", ask_app_name(asker, language(choices)), Source.PROMPT)
    app_name = str(choices.values["app_name"])
    try:
        check_app_name(app_name)
    except ValueError as error:
        hint = ""
        if app_name in (".", "..") or (output_dir / app_name / "go.mod").is_file():
            hint = f"; {_INIT_HINT % {'dir': output_dir / app_name}}"
        raise InvalidOptionsError(f"APP: {error}{hint}") from None
    target = output_dir / app_name
    _refuse_existing_module(target)
    if asker is not None and policy is ConflictPolicy.REFUSE and target_occupied(target):
        policy = _ask_about_existing(asker, target, language(choices))
    check_target(target, policy)
    notes = _start_from_answers(choices, target) if policy is not ConflictPolicy.REFUSE else []

    def resolve(current: Choices) -> Generated:
        questions = question_texts(language(current))
        return generate(
            current.values, provenance=current.provenance(questions), chosen=current.chosen()
        )

    generated = interview(choices, asker, resolve) if asker else resolve(choices)
    described = describe_options(choices, generated)
    notes += [] if asker else _defaults_taken(choices, described, why_no_asker)
    notes += option_warnings(generated)
    planned = plan_files(target, generated.files, policy, generated.kinds)
    notes += _kept(planned)
    notes += _kept_go_mod_contradicts(target, planned, described)
    return ProjectPlan(target, planned, generated.options, choices, described, notes)


_INIT_HINT = "to add a Dockerfile to an existing Go module: scaffold-go-docker init %(dir)s"


def _refuse_existing_module(target: Path) -> None:
    """A go.mod that `new` did not write is someone's module: `init` is for that.

    A project `new` made (its answers file beside go.mod, not one `init` wrote) may be
    generated again; the sample app's files stay the user's either way.
    """
    try:
        if not (target / "go.mod").is_file():
            return
    except OSError:
        return  # an unreadable target is reported where the files are planned
    answers = target / ANSWERS_FILE
    made_by_new = False
    if answers.is_file():
        try:
            made_by_new = not load_config(answers).get("source_module", False)
        except ScaffoldError:
            made_by_new = False
    if not made_by_new:
        raise TargetExistsError(
            f"{target} already holds a Go module (go.mod), and new writes a sample app; "
            + _INIT_HINT % {"dir": target}
        )


def _start_from_answers(choices: Choices, target: Path) -> list[str]:
    """Over an existing project without --config, its answers file fills what is not given,
    so replacing the generated files keeps the project's options (its port, its base...)."""
    answers = target / ANSWERS_FILE
    try:
        present = answers.is_file()
    except OSError as error:
        raise ScaffoldError(f"{answers} cannot be read: {error.strerror}") from None
    if choices.config_file is not None or not present:
        return []
    recorded = read_options(answers)
    layer_file(choices, recorded)
    return [
        f"starting from {answers}: the options the project was generated with",
        *recorded.warnings,
    ]


EXISTING_TARGET = N_("%(target)s exists and is not empty")
_EXISTING_CHOICES = {
    ConflictPolicy.SKIP: N_("keep the files there; write only the missing ones"),
    ConflictPolicy.OVERWRITE: N_("replace the generated files (your go.mod and Go files stay)"),
    ConflictPolicy.REFUSE: N_("abort: write nothing"),
}


def _ask_about_existing(asker: Asker, target: Path, lang: Lang) -> ConflictPolicy:
    _ = gettext_for(lang)
    menu = [Choice(policy.value, _(about)) for policy, about in _EXISTING_CHOICES.items()]
    question = _(EXISTING_TARGET) % {"target": target}
    answer = asker.select(question, menu, ConflictPolicy.REFUSE.value)
    if answer == ConflictPolicy.REFUSE.value:
        raise AbortedError
    return ConflictPolicy(answer)


def _defaults_taken(choices: Choices, described: dict[str, Described], reason: str) -> list[str]:
    """Without prompts: which of the questions an interview would ask took defaults."""
    variant = str(choices.values.get("variant", DEFAULT_VARIANT))
    taken = [
        f"{name}={shown(described[name].value)}"
        for name in interview_fields(variant)
        if name not in choices and name in described
    ]
    return [f"not prompting ({reason}); defaults used: {', '.join(taken)}"] if taken else []


def _kept(planned: list[PlannedFile]) -> list[str]:
    notes = []
    yours = [entry.path for entry in planned if entry.action is Action.KEEP]
    if yours:
        notes.append(f"kept {', '.join(yours)}: yours to edit, never replaced")
    skipped = [
        entry.path
        for entry in planned
        if entry.action is Action.SKIP and entry.kind is FileKind.GENERATED
    ]
    if skipped:
        records = [entry.path for entry in planned if entry.kind is FileKind.RECORD]
        notes.append(
            f"kept {', '.join(skipped)}, which differ from what these options give; "
            f"{records[0] if records else 'the answers file'} was left as it was, so it "
            "still describes the files on disk"
        )
    return notes


def _kept_go_mod_contradicts(
    target: Path, planned: list[PlannedFile], described: dict[str, Described]
) -> list[str]:
    """A go.mod the run keeps whose module path or go line the options now contradict."""
    if not any(entry.path == "go.mod" and entry.action is Action.KEEP for entry in planned):
        return []
    try:
        lines = (target / "go.mod").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    declared = dict(line.split(None, 1) for line in lines if line.startswith(("module ", "go ")))
    notes = []
    for directive, option in (("module", "module_path"), ("go", "go_version")):
        wanted = str(described[option].value)
        if directive in declared and declared[directive].strip() != wanted:
            notes.append(
                f"kept go.mod says {directive} {declared[directive].strip()}, not {wanted}: "
                f"edit it, or give the {option} it declares"
            )
    return notes


_SUMMARY_GROUPS = {
    Source.FLAG: N_("given"),
    Source.ENV: N_("given"),
    Source.CONFIG: N_("config"),
    Source.DETECTED: N_("detected"),
    Source.PROMPT: N_("answered"),
    Source.PRESET: N_("preset"),
    Source.DERIVED: N_("derived"),
    Source.DEFAULT: N_("given"),  # only a default someone restated ends up here
}


def next_steps(options: Options, target: Path, *more: str) -> list[str]:
    """The commands that build, run and check the image written into `target`."""
    tag = options.app_name.lower()
    publish = f"-p {options.port}:{options.port} " if options.listens else ""
    return [
        "Next:",
        f"  cd {target}",
        f"  docker build -t {tag} .",
        f"  docker run --rm {publish}{tag}",
        f"  scaffold-go-docker verify {target}    (builds, runs and checks the image)",
        *more,
    ]
