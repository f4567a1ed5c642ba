"""`new` as a library call: plan_project with a scripted asker, per-file policies, notes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from scaffold_go_docker.errors import AbortedError, TargetExistsError
from scaffold_go_docker.generate import generate
from scaffold_go_docker.inputs.answers import ANSWERS_FILE, SCHEMA_FILE
from scaffold_go_docker.inputs.interview import MORE_BUILD_OPTIONS, Choice, question_texts
from scaffold_go_docker.inputs.sources import Choices
from scaffold_go_docker.options import Source
from scaffold_go_docker.options.enums import Lang
from scaffold_go_docker.options.rules import CombinationError
from scaffold_go_docker.project import ProjectPlan, plan_project
from scaffold_go_docker.writing import Action, ConflictPolicy, FileKind, write_planned

LDFLAGS_QUESTION = question_texts(Lang.EN)["ldflags"]


class ScriptedAsker:
    """Answers each question from a script (by its text), else with the offered default."""

    def __init__(self, script: Mapping[str, Sequence[Any]] | None = None) -> None:
        self.script = {question: list(answers) for question, answers in (script or {}).items()}
        self.asked: list[str] = []
        self.told: list[str] = []
        self.menus: dict[str, list[str]] = {}

    def _answer(self, message: str, default: Any) -> Any:
        self.asked.append(message)
        answers = self.script.get(message)
        return answers.pop(0) if answers else default

    def select(self, message: str, choices: Sequence[Choice], default: str) -> str:
        self.menus[message] = [choice.value for choice in choices]
        answer = self._answer(message, default)
        assert answer in [choice.value for choice in choices]
        return str(answer)

    def confirm(self, message: str, default: bool) -> bool:
        return bool(self._answer(message, default))

    def text(self, message: str, default: str, validate: Callable[[str], str | None]) -> str:
        answer = str(self._answer(message, default))
        assert validate(answer) is None
        return answer

    def tell(self, message: str) -> None:
        self.told.append(message)


def choices(**given: Any) -> Choices:
    result = Choices()
    for name, value in given.items():
        result.set(name, value, Source.FLAG)
    return result


def plan(
    tmp_path: Path,
    policy: ConflictPolicy = ConflictPolicy.REFUSE,
    asker: ScriptedAsker | None = None,
    **given: Any,
) -> ProjectPlan:
    return plan_project(
        choices(app_name="demo", **given),
        output_dir=tmp_path,
        policy=policy,
        asker=asker,
        why_no_asker="a test",
    )


def actions(planned: ProjectPlan) -> dict[str, Action]:
    return {entry.path: entry.action for entry in planned.files}


def test_the_plan_holds_every_file_new_writes_with_the_answers_file_and_schema(
    tmp_path: Path,
) -> None:
    planned = plan(tmp_path, variant="pro", compose=True)

    assert {e.path: e.content for e in planned.files} == generate(
        {"app_name": "demo", "variant": "pro", "compose": True}
    ).files
    assert {ANSWERS_FILE, SCHEMA_FILE, "Dockerfile", "main.go", "compose.yaml"} <= set(
        actions(planned)
    )
    assert set(actions(planned).values()) == {Action.CREATE}
    assert not (tmp_path / "demo").exists()  # planning writes nothing


def test_without_an_asker_the_notes_say_which_defaults_were_taken(tmp_path: Path) -> None:
    planned = plan(tmp_path, port=9000)

    (note,) = planned.notes
    assert note.startswith("not prompting (a test); defaults used: variant=enterprise, base=")
    assert "port=" not in note


def test_the_asker_is_asked_only_what_the_choices_lack(tmp_path: Path) -> None:
    asker = ScriptedAsker()

    plan(tmp_path, asker=asker, variant="better", port=7000, git=False)

    assert "Variant" not in asker.asked
    assert "Port the app listens on" not in asker.asked
    assert asker.asked[0] == "Runtime base image"
    assert not any(question.startswith("Install git") for question in asker.asked)


def test_a_problem_among_given_values_is_raised_before_any_question(tmp_path: Path) -> None:
    asker = ScriptedAsker()

    with pytest.raises(CombinationError, match=r"^--tzdata-source package with --base scratch"):
        plan(tmp_path, asker=asker, variant="pro", base="scratch", tzdata_source="package")

    assert asker.asked == []


def test_a_menu_offers_only_what_works_with_what_is_decided(tmp_path: Path) -> None:
    asker = ScriptedAsker()

    plan(tmp_path, asker=asker, variant="pro", cgo=True)

    assert asker.menus["Runtime base image"] == ["alpine"]  # no C library on the others


def test_only_the_answers_a_problem_involves_are_asked_again(tmp_path: Path) -> None:
    stamp = "-X main.version=1.0"  # what pro's version stamp writes itself
    asker = ScriptedAsker(
        {MORE_BUILD_OPTIONS: [True], LDFLAGS_QUESTION: [stamp, "-X main.builtBy=ci"]}
    )

    planned = plan(tmp_path, asker=asker, variant="pro")

    (told,) = asker.told
    assert told.startswith(f'{stamp} for "{LDFLAGS_QUESTION}" with version_stamp true')
    assert asker.asked.count(LDFLAGS_QUESTION) == 2
    assert asker.asked.count("Go version") == 1
    assert planned.choices.values["ldflags"] == "-X main.builtBy=ci"


def test_an_occupied_target_is_refused_before_any_question_without_an_asker(
    tmp_path: Path,
) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "notes.txt").write_text("mine\n")

    with pytest.raises(TargetExistsError, match="not empty"):
        plan(tmp_path)


@pytest.mark.parametrize(
    ("answer", "outcome"),
    [("refuse", "aborted"), ("skip", ConflictPolicy.SKIP), ("overwrite", ConflictPolicy.OVERWRITE)],
)
def test_an_occupied_target_is_the_first_question_at_a_terminal(
    tmp_path: Path, answer: str, outcome: object
) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "Dockerfile").write_text("FROM scratch\n")
    question = f"{tmp_path / 'demo'} exists and is not empty"
    asker = ScriptedAsker({question: [answer]})

    if outcome == "aborted":
        with pytest.raises(AbortedError):
            plan(tmp_path, asker=asker)
        assert asker.asked == [question]
        return
    planned = plan(tmp_path, asker=asker)
    assert asker.asked[0] == question
    expected = Action.SKIP if outcome is ConflictPolicy.SKIP else Action.OVERWRITE
    assert actions(planned)["Dockerfile"] is expected


def _write(planned: ProjectPlan) -> None:
    write_planned(planned.target, planned.files)


def test_force_replaces_generated_files_and_keeps_the_users_and_says_so(tmp_path: Path) -> None:
    _write(plan(tmp_path))
    (tmp_path / "demo" / "main.go").write_text("package main // mine\n")
    (tmp_path / "demo" / "Dockerfile").write_text("FROM scratch\n")

    replanned = plan(tmp_path, ConflictPolicy.OVERWRITE)

    assert actions(replanned)["main.go"] is Action.KEEP
    assert actions(replanned)["Dockerfile"] is Action.OVERWRITE
    assert "kept main.go: yours to edit, never replaced" in replanned.notes
    _write(replanned)
    assert (tmp_path / "demo" / "main.go").read_text() == "package main // mine\n"


def test_every_file_has_the_policy_of_its_kind(tmp_path: Path) -> None:
    kinds = {entry.path: entry.kind for entry in plan(tmp_path, compose=True).files}

    assert {p for p, k in kinds.items() if k is FileKind.USERS} == {
        "go.mod",
        "main.go",
        "main_test.go",
    }
    assert {p for p, k in kinds.items() if k is FileKind.RECORD} == {ANSWERS_FILE, SCHEMA_FILE}
    assert (
        kinds["Dockerfile"] is kinds[".dockerignore"] is kinds["compose.yaml"] is FileKind.GENERATED
    )


def test_a_kept_dockerfile_that_differs_leaves_the_answers_file_describing_the_disk(
    tmp_path: Path,
) -> None:
    _write(plan(tmp_path))
    answers = (tmp_path / "demo" / ANSWERS_FILE).read_text()

    replanned = plan(tmp_path, ConflictPolicy.SKIP, port=9000)

    assert actions(replanned)["Dockerfile"] is Action.SKIP
    assert actions(replanned)[ANSWERS_FILE] is Action.SKIP
    assert any("kept Dockerfile, which differ" in note for note in replanned.notes)
    _write(replanned)
    assert (tmp_path / "demo" / ANSWERS_FILE).read_text() == answers


def test_a_kept_go_mod_with_another_module_path_is_reported(tmp_path: Path) -> None:
    _write(plan(tmp_path))

    replanned = plan(tmp_path, ConflictPolicy.OVERWRITE, module_path="example.com/acme/demo")

    assert actions(replanned)["go.mod"] is Action.KEEP
    assert any(
        "go.mod says module demo, not example.com/acme/demo" in note for note in replanned.notes
    )


def test_the_summary_fits_a_24_row_terminal_with_the_question_under_it(tmp_path: Path) -> None:
    planned = plan(tmp_path, variant="enterprise", compose=True, ci_workflow=True, port=9000)

    lines = planned.summary_lines(width=80)
    assert len(lines) <= 22
    assert all(len(line) <= 80 for line in lines)
    assert "port=9000" in " ".join(lines)
