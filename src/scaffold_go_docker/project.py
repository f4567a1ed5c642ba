"""`new` as a library call: choices, a conflict policy and an asker in; the plan out.

The plan holds every file `new` writes (the answers file and its schema included), what
happens to each, the validated options and where each value came from. Writing it is a
separate step (`writing.write_planned`), so a caller can show it, confirm it or print it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from scaffold_go_docker.errors import InvalidOptionsError, ScaffoldError
from scaffold_go_docker.generate import Generated, generate
from scaffold_go_docker.inputs.answers import answers_values
from scaffold_go_docker.inputs.interview import (
    QUESTION_TEXTS,
    Asker,
    ask_app_name,
    interview,
    interview_fields,
)
from scaffold_go_docker.inputs.sources import Choices
from scaffold_go_docker.options import ALL_VARIANTS, Options, Source, Variant
from scaffold_go_docker.options.enums import DEFAULT_VARIANT
from scaffold_go_docker.options.formats import check_app_name
from scaffold_go_docker.options.model import field_defaults
from scaffold_go_docker.options.naming import env_var, plain
from scaffold_go_docker.options.presets import fill
from scaffold_go_docker.writing import (
    Action,
    ConflictPolicy,
    FileKind,
    PlannedFile,
    check_target,
    plan_files,
)


class Described(NamedTuple):
    """An option's value as the answers file records it, and where it came from."""

    value: Any
    source: Source


class ProjectPlan(NamedTuple):
    target: Path
    files: list[PlannedFile]
    options: dict[Variant, Options]
    choices: Choices
    described: dict[str, Described]
    #: What the run tells besides the file list: files it kept, defaults it took.
    notes: list[str]

    def summary_lines(self) -> list[str]:
        """The choices that were made (given, preset or derived), with their sources."""
        lines = ["Summary:"]
        for name, (value, source) in self.described.items():
            if source is not Source.DEFAULT or name in self.choices:
                lines.append(f"  {name:<16} {_show(value):<24} ({source.value})")
        return lines

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
        choices.set("app_name", ask_app_name(asker), Source.PROMPT)
    app_name = str(choices.values["app_name"])
    try:
        check_app_name(app_name)
    except ValueError as error:
        raise InvalidOptionsError(f"APP: {error}") from None
    target = output_dir / app_name
    check_target(target, policy)

    def resolve(current: Choices) -> Generated:
        return generate(current.values, provenance=current.provenance(QUESTION_TEXTS))

    generated = interview(choices, asker, resolve) if asker else resolve(choices)
    described = _described(choices, generated)
    notes = [] if asker else _defaults_taken(choices, described, why_no_asker)
    planned = plan_files(target, generated.files, policy, generated.kinds)
    notes += _kept(planned)
    notes += _kept_go_mod_contradicts(target, planned, described)
    return ProjectPlan(target, planned, generated.options, choices, described, notes)


def _described(choices: Choices, generated: Generated) -> dict[str, Described]:
    """Each option the answers file records, with the source of its value."""
    variant = choices.values.get("variant")
    values = answers_values(generated.options, choices.values, variant)
    given = dict(choices.values)
    if variant == ALL_VARIANTS:
        given.pop("variant")
    origins = fill(given, field_defaults()).origins
    return {
        name: Described(value, choices.origins.get(name) or origins.get(name, Source.DEFAULT))
        for name, value in values.items()
    }


def _defaults_taken(choices: Choices, described: dict[str, Described], reason: str) -> list[str]:
    """Without prompts: which of the questions an interview would ask took defaults."""
    variant = str(choices.values.get("variant", DEFAULT_VARIANT))
    taken = [
        f"{name}={_show(described[name].value)}"
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


def _show(value: Any) -> str:
    return ("yes" if value else "no") if isinstance(value, bool) else plain(value)
