"""`init` as a library call: an existing Go module, choices, a policy and an asker in; the
plan out (nothing written).

    plan = plan_init(Path("."), choices, force=False, asker=None)
    plan.summary_lines()   # each detected value with where it was read
    plan.diffs()           # unified diffs against an existing Dockerfile or .dockerignore

It writes the Dockerfile, .dockerignore, the answers file and its schema (compose.yaml and
the CI workflow when asked) and never a Go file, go.mod or go.sum.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from scaffold_go_docker.detect import Detection, detect
from scaffold_go_docker.detect.choices import Adoption, adopt
from scaffold_go_docker.errors import TargetExistsError
from scaffold_go_docker.generate import generate
from scaffold_go_docker.inputs.answers import ANSWERS_FILE
from scaffold_go_docker.inputs.config_file import read_options
from scaffold_go_docker.inputs.interview import Asker, language, question_texts
from scaffold_go_docker.inputs.sources import Choices, layer_file
from scaffold_go_docker.options import Source
from scaffold_go_docker.plan_notes import (
    describe_options,
    option_warnings,
    shown,
    wrapped,
)
from scaffold_go_docker.project import ProjectPlan, next_steps
from scaffold_go_docker.writing import Action, ConflictPolicy, FileKind, PlannedFile, plan_files

#: The files of a module `init` must never create, change or delete.
_NEVER_WRITTEN = ("go.mod", "go.sum", "go.work", "go.work.sum")


class GoFileWriteError(AssertionError):
    """A bug: the plan would write a Go file or go.mod into the user's module."""


@dataclass
class InitPlan:
    """What `init` would write, and what detection found."""

    plan: ProjectPlan
    adoption: Adoption
    #: The existing generated files (Dockerfile, .dockerignore) that differ from the plan.
    replaced: list[str]
    force: bool

    @property
    def target(self) -> Path:
        return self.plan.target

    @property
    def files(self) -> list[PlannedFile]:
        return self.plan.files

    @property
    def notes(self) -> list[str]:
        return self.plan.notes

    @property
    def detection(self) -> Detection:
        return self.adoption.detection

    def summary_lines(self, width: int = 80) -> list[str]:
        """Each detected value with where it was read, then the plan's own summary."""
        lines = ["Detected:"]
        described = self.plan.described
        for found in self.adoption.found:
            current = described.get(found.field)
            if current is None or (current.source is not Source.DETECTED and not found.default):
                continue  # a stronger source replaced it: the summary shows that one
            where = found.origin or f"default: {found.reason}"
            reason = f", {found.reason}" if found.reason and found.origin else ""
            lines += wrapped(f"  {found.field}={shown(found.value)}  ", f"({where}{reason})", width)
        overridden = self._overridden()
        if overridden:
            lines += wrapped("  given over detected: ", ", ".join(overridden), width)
        return [*(lines if len(lines) > 1 else []), *self.plan.summary_lines(width)]

    def _overridden(self) -> list[str]:
        described = self.plan.described
        return [
            f"{found.field}={shown(described[found.field].value)} "
            f"(detected {shown(found.value)} at {found.origin})"
            for found in self.adoption.found
            if found.origin is not None
            and found.field in described
            and described[found.field].source is not Source.DETECTED
            and described[found.field].value != _jsonish(found.value)
        ]

    def diffs(self) -> str:
        """Unified diffs of the existing generated files the plan would replace."""
        chunks: list[str] = []
        for entry in self.files:
            if entry.path not in self.replaced:
                continue
            current = (self.target / entry.path).read_text(encoding="utf-8", errors="replace")
            chunks += difflib.unified_diff(
                current.splitlines(keepends=True),
                entry.content.splitlines(keepends=True),
                fromfile=f"{entry.path} (on disk)",
                tofile=f"{entry.path} (init)",
            )
        return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)

    def next_steps(self) -> list[str]:
        return next_steps(
            next(iter(self.plan.options.values())),
            self.target,
            "  scaffold-go-docker render --check Dockerfile    (in CI: fails on drift)",
        )

    def as_json(self, *, dry_run: bool) -> dict[str, Any]:
        document = self.plan.as_json(dry_run=dry_run)
        document["detected"] = [
            {"option": f.field, "value": _jsonish(f.value), "origin": f.origin, "reason": f.reason}
            for f in self.adoption.found
        ]
        document["warnings"] = list(self.adoption.warnings)
        return document


def plan_init(
    directory: Path,
    choices: Choices,
    *,
    force: bool = False,
    dry_run: bool = False,
    asker: Asker | None = None,
    why_no_asker: str = "",
) -> InitPlan:
    """Plan the Dockerfile of the Go module at `directory`.

    Raises a ScaffoldError (one line, exit 2) for a directory that is no usable module,
    several main packages with neither --main nor an asker, or an existing Dockerfile or
    .dockerignore that differs (without `force`; a `dry_run` plans anyway, for its diff).
    """
    detection = detect(directory)
    target = detection.context_root
    notes: list[str] = []
    answers = target / ANSWERS_FILE
    recorded = choices.config_file is None and answers.is_file()
    if recorded:
        file = read_options(answers)
        layer_file(choices, file)
        notes.append(
            f"starting from {answers}: the options recorded there are used, not detected "
            "ones (delete it to detect again)"
        )
        notes += file.warnings
    adoption = adopt(detection, choices, asker, fill=not recorded)
    if target != detection.directory:
        notes.append(
            f"the build context is the workspace root {target}: the files are written there"
        )
    questions = question_texts(language(choices))
    generated = generate(
        choices.values, provenance=choices.provenance(questions), chosen=choices.chosen()
    )
    files = {
        path: text
        for path, text in generated.files.items()
        if generated.kinds[path] is not FileKind.USERS
    }
    _never_go_files(files)
    described = describe_options(choices, generated)
    defaults = [f for f in adoption.found if f.default]
    if defaults:
        taken = ", ".join(f"{f.field}={shown(f.value)} ({f.reason})" for f in defaults)
        reason = f" ({why_no_asker})" if why_no_asker else ""
        notes.append(f"not detected{reason}; defaults used: {taken}")
    notes += [f"warning: {w}" for w in adoption.warnings]
    notes += option_warnings(generated)
    policy = ConflictPolicy.OVERWRITE if force else ConflictPolicy.SKIP
    planned = plan_files(target, files, policy, generated.kinds)
    existing = [
        entry.path
        for entry in planned
        if entry.kind is FileKind.GENERATED and entry.action in (Action.SKIP, Action.OVERWRITE)
    ]
    if existing and not force and not dry_run:
        raise TargetExistsError(
            f"{', '.join(existing)} already in {target} and different from what init writes: "
            "--dry-run shows the diff, --force replaces " + ("it" if len(existing) == 1 else "them")
        )
    if existing and not force:
        differ, them = ("differs", "it") if len(existing) == 1 else ("differ", "them")
        notes.append(
            f"{', '.join(existing)} {differ} from what init writes; --force replaces {them}"
        )
    plan = ProjectPlan(target, planned, generated.options, choices, described, notes)
    return InitPlan(plan, adoption, existing, force)


def _never_go_files(files: dict[str, str]) -> None:
    """init writes nothing Go reads as source or module metadata, whatever the options."""
    for path in files:
        name = PurePosixPath(path).name
        if name.endswith(".go") or name in _NEVER_WRITTEN:
            raise GoFileWriteError(f"init must never write {path}")


def _jsonish(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


__all__ = ["InitPlan", "plan_init"]
