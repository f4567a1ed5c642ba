"""The interview, with real questionary prompts fed keystrokes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from scaffold_go_docker.inputs.answers import ANSWERS_FILE

from .conftest import CTRL_C, CTRL_U, DOWN, ENTER, UP, Interview

#: variant, base, CA certs, time zone, tzdata, non-root, git, strip, health check, Go
#: version, port, module path, compose, CI workflow, and "more build options?" (no).
ENTERPRISE_QUESTIONS = 15


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
        "Run as a non-root user", "Install git", "Strip the binary",
        "Add a HEALTHCHECK", "Go version", "Port the app listens on", "Go module path",
        "Also write compose.yaml", "Also write a GitHub Actions workflow", "More build options",
        "Summary:", "Write these files?",
    ]  # fmt: skip
    positions = [session.screen.find(text) for text in order]
    assert -1 not in positions, [t for t, p in zip(order, positions, strict=True) if p == -1]
    assert positions == sorted(positions)
    assert "static stripped binary on scratch" in session.screen  # the pro choice's line
    assert re.search(r"create +go\.mod, .*Dockerfile", session.screen)  # before the confirm


def test_a_changed_answer_is_used(interview: Interview, tmp_path: Path) -> None:
    # Variant: one up from enterprise is pro; the rest default, but the port is retyped.
    keys = UP + ENTER + ENTER * 9 + CTRL_U + "9090" + ENTER + ENTER * 4 + ENTER
    session = interview("new", "demo", keys=keys)

    assert session.code == 0, session.err
    answers = _answers(tmp_path / "demo")
    assert (answers["variant"], answers["base"], answers["port"]) == ("pro", "scratch", 9090)


def test_an_invalid_answer_is_re_asked_with_the_validation_message(
    interview: Interview, tmp_path: Path
) -> None:
    rejection = "'99999' is too big: at most 65535"
    steps = [
        ("", ENTER * 10 + CTRL_U + "99999" + ENTER),  # the port: rejected, asked again
        (rejection, CTRL_U + "9091" + ENTER + ENTER * 4 + ENTER),
    ]
    session = interview("new", "demo", keys=steps)

    assert session.code == 0, session.err
    assert rejection in session.screen
    assert _answers(tmp_path / "demo")["port"] == 9091


def test_only_what_flags_did_not_give_is_asked(interview: Interview, tmp_path: Path) -> None:
    session = interview(
        "new", "demo", "--variant", "better", "--port", "7000", "--no-git",
        keys=ENTER * 12 + ENTER,
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
    session = interview("new", "demo", keys=ENTER * ENTERPRISE_QUESTIONS + "n" + ENTER)

    assert session.code == 130
    assert list(tmp_path.iterdir()) == []


def test_an_occupied_target_is_a_choice_before_any_question(
    interview: Interview, tmp_path: Path
) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "keep.txt").write_text("x")

    session = interview("new", "demo", keys=ENTER)  # the offered choice: abort

    assert session.code == 130
    assert "exists and is not empty" in session.screen
    assert "Variant" not in session.screen
    assert [p.name for p in (tmp_path / "demo").iterdir()] == ["keep.txt"]


def test_answers_that_cannot_combine_are_explained_and_asked_again(
    interview: Interview, tmp_path: Path
) -> None:
    # pro stamps main.version itself: an -X main.version answer cannot work and is asked again.
    steps = [
        ("", UP + ENTER + ENTER * 13 + "y" + ENTER),  # pro, defaults, more build options
        ("Extra linker flags", "-X main.version=1" + ENTER + ENTER + ENTER),
        ("please answer again", CTRL_U + "-X main.builtBy=me" + ENTER),
        ("Write these files?", ENTER),
    ]
    session = interview("new", "demo", keys=steps)

    assert session.code == 0, session.err
    assert "-X main.version is what the version stamp writes" in " ".join(session.screen.split())
    after = session.screen.split("please answer again", 1)[1]
    assert "Extra linker flags" in after
    assert "Build tags" not in after
    assert _answers(tmp_path / "demo")["ldflags"] == "-X main.builtBy=me"


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
    keys = ENTER + DOWN + DOWN + ENTER + ENTER * 10 + ENTER  # enterprise, base: distroless
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
        ("", ENTER * 14 + "y" + ENTER),  # every default, then yes to more build options
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
        ("Run as a non-root user", ENTER * 10),  # the rest: defaults, no more build options
        ("Write these files?", ENTER),
    ]
    session = interview("new", "demo", "--variant", "pro", keys=steps)

    assert session.code == 0, session.err
    assert "Add time-zone data" not in session.screen
    answers = _answers(tmp_path / "demo")
    assert (answers["timezone"], answers["tzdata"]) == ("Asia/Shanghai", True)


def test_a_yes_no_answer_waits_for_enter_and_answers_only_its_question(
    interview: Interview, tmp_path: Path
) -> None:
    steps = [
        ("", ENTER * 2),  # variant, base
        ("Add CA certificates", "n" + ENTER),  # n, then Enter: this question only
        ("Time zone of the service", "Asia/Shanghai" + ENTER),
        ("Run as a non-root user", ENTER * 10),
        ("Write these files?", ENTER),
    ]
    session = interview("new", "demo", keys=steps)

    assert session.code == 0, session.err
    answers = _answers(tmp_path / "demo")
    assert (answers["ca_certificates"], answers["timezone"]) == (False, "Asia/Shanghai")


def test_with_lang_zh_every_question_and_the_summary_are_in_chinese(
    interview: Interview, tmp_path: Path
) -> None:
    session = interview("new", "demo", "--lang", "zh", keys=ENTER * ENTERPRISE_QUESTIONS + ENTER)

    assert session.code == 0, session.err
    order = [
        "变体", "运行阶段的基础镜像", "添加 CA 证书", "服务的时区", "添加时区数据",
        "以非 root 用户运行", "在构建阶段安装 git", "去除符号表和调试信息", "Go 版本",
        "应用监听的端口", "Go 模块路径", "更多构建选项", "汇总：", "写入这些文件？",
    ]  # fmt: skip
    positions = [session.screen.find(text) for text in order]
    assert -1 not in positions, [t for t, p in zip(order, positions, strict=True) if p == -1]
    assert positions == sorted(positions)
    assert "去除符号表的静态二进制放在 scratch 上" in session.screen  # the pro choice's line
    assert "（用方向键选择）" in session.screen
    assert not any(english in session.screen for english in ("Variant", "Summary:", "Go version"))
    assert _answers(tmp_path / "demo")["lang"] == "zh"
    assert "# exec 形式：" in (tmp_path / "demo" / "Dockerfile").read_text(encoding="utf-8")


def test_a_language_from_the_config_file_is_spoken_from_the_first_question(
    interview: Interview, tmp_path: Path
) -> None:
    (tmp_path / "team.yaml").write_text("lang: zh\nvariant: pro\n", encoding="utf-8")
    steps = [("", "web" + ENTER + ENTER * (ENTERPRISE_QUESTIONS - 1)), ("写入这些文件？", ENTER)]
    session = interview("new", "--config", "team.yaml", keys=steps)

    assert session.code == 0, session.err
    assert session.screen.startswith("? 应用名称（即要创建的目录）")
    assert _answers(tmp_path / "web")["lang"] == "zh"


def test_answers_that_cannot_combine_are_explained_and_asked_again_in_chinese(
    interview: Interview, tmp_path: Path
) -> None:
    steps = [
        ("", UP + ENTER + ENTER * 13 + "y" + ENTER),  # pro, defaults, more build options
        ("额外的链接器参数", "-X main.version=1" + ENTER + ENTER + ENTER),
        ("请重新回答", CTRL_U + "-X main.builtBy=me" + ENTER),
        ("写入这些文件？", ENTER),
    ]
    session = interview("new", "demo", "--lang", "zh", keys=steps)

    assert session.code == 0, session.err
    # The question is named as it was asked; the reason stays English (the model's words).
    screen = " ".join(session.screen.split())
    assert (
        '-X main.version=1 for "额外的链接器参数，放在 -s -w 和版本标记之后（留空：无）"' in screen
    )
    assert "额外的链接器参数" in session.screen.split("请重新回答", 1)[1]
    assert _answers(tmp_path / "demo")["ldflags"] == "-X main.builtBy=me"
