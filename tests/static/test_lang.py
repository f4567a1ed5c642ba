"""`--lang`: the comments in another language, everything else exactly as in English."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings

from scaffold_go_docker.generate import generate_files
from scaffold_go_docker.inputs.answers import ANSWERS_FILE, SCHEMA_FILE
from scaffold_go_docker.options import PRESETS, Lang, Options
from scaffold_go_docker.options.rules import RULES
from scaffold_go_docker.rendering import environment as environment_module
from scaffold_go_docker.rendering.environment import build_environment
from scaffold_go_docker.rendering.source_text import SourceText
from scaffold_go_docker.rendering.text import COMMENT_WIDTH, comment, display_width, wrap

from .cases import APP, accepted, any_choices
from .expected import parse

PROPERTY = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
YAML_FILES = ("compose.yaml", ".github/workflows/docker-image.yml", ANSWERS_FILE)


def _instructions(text: str) -> list[tuple[Any, ...]]:
    """What BuildKit reads from a Dockerfile, without the line numbers comments shift."""
    return [(c.cmd, c.sub_cmd, c.json, c.flags, c.value, c.original) for c in parse(text)]


def _without_comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.lstrip().startswith("#")]


@given(any_choices)
@PROPERTY
def test_any_accepted_options_give_the_same_project_in_every_language(
    choices: dict[str, Any],
) -> None:
    english = {**choices, "lang": Lang.EN.value}
    assume(accepted(english) is not None)
    projects = {lang: generate_files({**choices, "lang": lang.value}) for lang in Lang}

    reference = projects[Lang.EN]
    for lang, files in projects.items():
        assert files.keys() == reference.keys()
        for path, text in files.items():
            if path == SCHEMA_FILE or path.endswith(".go") or path == "go.mod":
                assert text == reference[path], path
            elif path.startswith("Dockerfile"):
                assert _instructions(text) == _instructions(reference[path]), path
            elif path in YAML_FILES:
                data, expected = yaml.safe_load(text), yaml.safe_load(reference[path])
                if path == ANSWERS_FILE:
                    assert data.pop("lang") == lang.value
                    expected.pop("lang")
                assert data == expected, path
            else:
                assert _without_comments(text) == _without_comments(reference[path]), path


def test_the_language_belongs_to_no_preset_and_no_rule() -> None:
    assert not any("lang" in preset for preset in PRESETS.values())
    assert not any("lang" in rule.fields for rule in RULES)


def test_english_is_the_default_language() -> None:
    assert Options.resolve({"app_name": APP}).lang is Lang.EN


@pytest.mark.parametrize("variant", ["bad", "all"])
def test_the_bad_variant_and_all_four_are_translated_too(variant: str) -> None:
    files = generate_files({"app_name": APP, "variant": variant, "lang": "zh"})
    dockerfiles = [text for path, text in files.items() if path.startswith("Dockerfile")]
    assert dockerfiles
    for text in dockerfiles:
        assert "反面教材" in text or "运行阶段" in text


def test_the_answers_file_records_the_language_and_its_comments_follow_it() -> None:
    text = generate_files({"app_name": APP, "lang": "zh"})[ANSWERS_FILE]
    lines = text.splitlines()
    assert lines[0] == f"# yaml-language-server: $schema={SCHEMA_FILE}"  # a directive
    assert lines[1] == "# 由 scaffold-go-docker new 写入：生成本项目所用的选项。"
    assert yaml.safe_load(text)["lang"] == "zh"


def test_directives_and_pragmas_stay_as_tools_read_them() -> None:
    choices = {"app_name": APP, "variant": "pro", "non_root": False, "lang": "zh"}
    text = generate_files(choices)["Dockerfile"]
    assert text.startswith("# syntax=docker/dockerfile:1\n# my-go-app 的 Dockerfile")
    assert "# scaffold-go-docker ignore=SGD110 runs as root, by choice" in text
    assert "# scaffold-go-docker ignore=SGD120 no outbound TLS, by choice" in text


def test_english_comments_keep_their_hand_wrapped_lines() -> None:
    long_line = "a" * 60 + " " + "b" * 60
    assert comment(f"{long_line}\nnext", indent=2) == f"  # {long_line}\n  # next"


def test_a_translated_line_wider_than_the_width_is_wrapped_by_display_columns() -> None:
    text = (
        "二进制文件自己探测自己，所以健康检查不需要镜像里有 curl 或 wget"
        "（scratch 和 distroless 都没有）。"
    )
    lines = comment(text, width=COMMENT_WIDTH).splitlines()
    assert lines == [
        "# 二进制文件自己探测自己，所以健康检查不需要镜像里有 curl 或 wget",
        "# （scratch 和 distroless 都没有）。",
    ]
    assert all(display_width(line) <= COMMENT_WIDTH for line in lines)


def test_wrapping_prefers_a_clause_end_and_never_splits_words_or_code() -> None:
    text = (
        "`go.*` 总能匹配 go.mod，有了依赖后也会带上 go.sum；"
        "而匹配不到任何文件的 `go.sum*` 在 buildah 上会失败。"
    )
    assert wrap(text, 60) == [
        "`go.*` 总能匹配 go.mod，有了依赖后也会带上 go.sum；",
        "而匹配不到任何文件的 `go.sum*` 在 buildah 上会失败。",
    ]
    code = "因此 `docker buildx build --platform linux/amd64,linux/arm64` 不需要模拟。"
    assert wrap(code, 30) == [
        "因此",
        "`docker buildx build --platform linux/amd64,linux/arm64`",
        "不需要模拟。",
    ]


def test_closing_punctuation_never_starts_a_line() -> None:
    text = "一二三四五六七八九十，一二三四五六七八九十。"
    for width in range(4, 40):
        assert not any(line[0] in "，。" for line in wrap(text, width)), width


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("CA 证书") == 7
    assert display_width("（）") == 4


@given(any_choices)
@PROPERTY
def test_english_messages_folded_into_the_templates_render_as_gettext_would(
    choices: dict[str, Any],
) -> None:
    choices = {**choices, "lang": Lang.EN.value}
    assume(accepted(choices) is not None)
    folded = generate_files(choices)
    with pytest.MonkeyPatch.context() as patch:
        unfolded = build_environment(Lang.EN, fold_source_text=False)
        patch.setattr(environment_module, "environment", lambda lang: unfolded)
        assert generate_files(choices) == folded


def test_every_message_in_the_templates_is_folded_in_english() -> None:
    """A message the folding does not recognise still renders, but compiles slower."""
    env = environment_module.source_environment(Lang.EN)
    (fold,) = [ext for ext in env.extensions.values() if isinstance(ext, SourceText)]
    assert env.loader is not None
    for name in env.loader.list_templates():
        source = env.loader.get_source(env, name)[0]
        assert "{{ _(" not in fold.preprocess(source, name), name
