"""The interview, with real questionary prompts fed keystrokes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scaffold_go_docker.inputs.answers import ANSWERS_FILE

from .conftest import CTRL_C, CTRL_U, DOWN, ENTER, UP, Interview

#: variant, base, CA certs, time zone, tzdata, non-root, git, strip, Go version, port,
#: module path, and "more build options?" (default no).
ENTERPRISE_QUESTIONS = 12


def _answers(project: Path) -> dict[str, object]:
    values: dict[str, object] = yaml.safe_load((project / ANSWERS_FILE).read_text())
    return values


def test_accepting_every_default_writes_the_enterprise_project(
    interview: Interview, tmp_path: Path
) -> None:
    session = interview("new", "demo", keys=ENTER * ENTERPRISE_QUESTIONS + ENTER)

    assert session.code == 0, session.err
    assert _answers(tmp_path / "demo")["variant"] == "enterprise"
    assert _answers(tmp_path / "demo")["port"] == 8080


def test_questions_come_in_order_with_descriptions_and_a_summary(
    interview: Interview, tmp_path: Path
) -> None:
    session = interview("new", "demo", keys=ENTER * ENTERPRISE_QUESTIONS + ENTER)

    order = [
        "Variant", "Runtime base image", "Add CA certificates", "Time zone of the service",
        "Add time-zone data",
        "Run as a non-root user", "Install git", "Strip the binary", "Go version",
        "Port the app listens on", "Go module path", "More build options", "Summary:",
        "Write these files?",
    ]  # fmt: skip
    positions = [session.screen.find(text) for text in order]
    assert -1 not in positions, [t for t, p in zip(order, positions, strict=True) if p == -1]
    assert positions == sorted(positions)
    assert "static stripped binary on scratch" in session.screen  # the pro choice's line
    assert "create  demo/Dockerfile" in session.screen  # files listed before the confirm


def test_a_changed_answer_is_used(interview: Interview, tmp_path: Path) -> None:
    # Variant: one up from enterprise is pro; the rest default, but the port is retyped.
    keys = UP + ENTER + ENTER * 8 + CTRL_U + "9090" + ENTER + ENTER + ENTER + ENTER
    session = interview("new", "demo", keys=keys)

    assert session.code == 0, session.err
    answers = _answers(tmp_path / "demo")
    assert (answers["variant"], answers["base"], answers["port"]) == ("pro", "scratch", 9090)


def test_an_invalid_answer_is_re_asked_with_the_validation_message(
    interview: Interview, tmp_path: Path
) -> None:
    rejection = "Input should be less than or equal to 65535"
    steps = [
        ("", ENTER * 9 + CTRL_U + "99999" + ENTER),  # the port: rejected, the prompt stays
        (rejection, CTRL_U + "9091" + ENTER + ENTER + ENTER + ENTER),
    ]
    session = interview("new", "demo", keys=steps)

    assert session.code == 0, session.err
    assert rejection in session.screen
    assert _answers(tmp_path / "demo")["port"] == 9091


def test_only_what_flags_did_not_give_is_asked(interview: Interview, tmp_path: Path) -> None:
    session = interview(
        "new", "demo", "--variant", "better", "--port", "7000", "--no-git",
        keys=ENTER * 9 + ENTER,
    )  # fmt: skip

    assert session.code == 0, session.err
    assert "Variant" not in session.screen
    assert "Port the app listens on" not in session.screen
    assert "Install git" not in session.screen
    assert _answers(tmp_path / "demo")["port"] == 7000


def test_the_app_name_is_asked_first_when_missing(interview: Interview, tmp_path: Path) -> None:
    keys = "web" + ENTER + ENTER * ENTERPRISE_QUESTIONS + ENTER
    session = interview("new", keys=keys)

    assert session.code == 0, session.err
    assert session.screen.find("App name") < session.screen.find("Variant")
    assert (tmp_path / "web" / "Dockerfile").is_file()


def test_ctrl_c_aborts_with_130_and_writes_nothing(interview: Interview, tmp_path: Path) -> None:
    session = interview("new", "demo", keys=ENTER * 3 + CTRL_C)

    assert session.code == 130
    assert session.err == "Aborted\n"
    assert list(tmp_path.iterdir()) == []


def test_declining_the_summary_writes_nothing(interview: Interview, tmp_path: Path) -> None:
    session = interview("new", "demo", keys=ENTER * ENTERPRISE_QUESTIONS + "n")

    assert session.code == 130
    assert list(tmp_path.iterdir()) == []


def test_an_unusable_target_fails_before_any_question(interview: Interview, tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "keep.txt").write_text("x")

    session = interview("new", "demo", keys=ENTER)

    assert session.code == 2
    assert "not empty" in session.err
    assert session.screen == ""


def test_answers_that_cannot_combine_are_explained_and_asked_again(
    interview: Interview, tmp_path: Path
) -> None:
    # --cgo needs a C library: scratch, chosen for the base, is refused and only the base is
    # asked again (its offered default follows --cgo: alpine).
    steps = [
        ("", UP + ENTER + DOWN + ENTER + ENTER * 10),  # pro, base scratch, then every default
        ("please answer again", ENTER + ENTER),  # base: alpine; confirm
    ]
    session = interview("new", "demo", "--cgo", keys=steps)

    assert session.code == 0, session.err
    assert '--cgo with scratch for "Runtime base image": a cgo binary' in session.screen
    after = session.screen.split("please answer again", 1)[1]
    assert "Runtime base image" in after
    assert "Go version" not in after
    assert _answers(tmp_path / "demo")["base"] == "alpine"


@pytest.mark.parametrize(
    ("flags", "named"),
    [
        (["--cgo", "--base", "scratch"], "--cgo with --base scratch"),
        (["--base", "scratch", "--tzdata-source", "package"], "--tzdata-source package with"),
    ],
)
def test_a_conflict_among_flags_alone_is_an_error_before_any_question(
    interview: Interview, tmp_path: Path, flags: list[str], named: str
) -> None:
    session = interview("new", "demo", *flags, keys=ENTER * 20)

    assert session.code == 2
    assert named in session.err
    assert "Variant" in session.screen  # the variant is asked first: it picks the preset
    assert "Add CA certificates" not in session.screen
    assert list(tmp_path.iterdir()) == []


def test_choosing_distroless_skips_what_it_always_provides(
    interview: Interview, tmp_path: Path
) -> None:
    keys = ENTER + DOWN + DOWN + ENTER + ENTER * 7 + ENTER  # enterprise, base: distroless
    session = interview("new", "demo", keys=keys)

    assert session.code == 0, session.err
    assert "Add CA certificates" not in session.screen
    assert "Run as a non-root user" not in session.screen
    answers = _answers(tmp_path / "demo")
    assert (answers["base"], answers["ca_certificates"], answers["uid"]) == (
        "distroless",
        True,
        65532,
    )


def test_more_build_options_are_asked_only_when_wanted(
    interview: Interview, tmp_path: Path
) -> None:
    steps = [
        ("", ENTER * 11 + "y"),  # every default, then yes to more build options
        ("Extra linker flags", CTRL_U + "-X main.builtBy=me" + ENTER),
        ("Build tags", CTRL_U + "netgo" + ENTER),
        ("Target platforms", ENTER),  # empty: the default
        ("Write these files?", ENTER),
    ]
    session = interview("new", "demo", keys=steps)

    assert session.code == 0, session.err
    answers = _answers(tmp_path / "demo")
    assert (answers["ldflags"], answers["tags"]) == ("-X main.builtBy=me", "netgo")
    assert "platforms" not in answers
    assert "-X main.builtBy=me" in (tmp_path / "demo" / "Dockerfile").read_text()


def test_a_time_zone_answer_brings_its_data_without_asking(
    interview: Interview, tmp_path: Path
) -> None:
    steps = [
        ("", ENTER * 2),  # base, CA certificates: the defaults
        ("Time zone of the service", "Asia/Shanghai" + ENTER),
        ("Run as a non-root user", ENTER * 7),  # the rest: defaults, no more build options
        ("Write these files?", ENTER),
    ]
    session = interview("new", "demo", "--variant", "pro", keys=steps)

    assert session.code == 0, session.err
    assert "Add time-zone data" not in session.screen
    answers = _answers(tmp_path / "demo")
    assert (answers["timezone"], answers["tzdata"]) == ("Asia/Shanghai", True)
