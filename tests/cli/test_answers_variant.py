"""An answers file under another `--variant`: the user's own choices kept, the rest from the
new variant's preset, or exit 2 saying why not; never a header claiming another variant."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaffold_go_docker.errors import ScaffoldError
from scaffold_go_docker.generate import generate
from scaffold_go_docker.inputs.answers import ANSWERS_FILE
from scaffold_go_docker.inputs.config_file import CHOSEN_KEY, read_options
from scaffold_go_docker.inputs.sources import merge
from scaffold_go_docker.options import Options, Source
from scaffold_go_docker.rendering import render_dockerfile

from .conftest import Cli


def _answers(project: Path) -> dict[str, Any]:
    values: dict[str, Any] = yaml.safe_load((project / ANSWERS_FILE).read_text())
    return values


def _without_chosen(answers: Path) -> None:
    """The answers file as releases before the list of chosen options wrote it."""
    lines = answers.read_text().splitlines(keepends=True)
    answers.write_text("".join(line for line in lines if not line.startswith(CHOSEN_KEY)))


@pytest.mark.parametrize(
    ("args", "env", "chosen"),
    [
        (["--port", "9000"], {}, ["app_name", "port"]),
        ([], {"SCAFFOLD_GO_DOCKER_BASE": "distroless"}, ["app_name", "base"]),
        (
            ["--no-healthcheck", "--go-version", "1.26"],
            {},
            ["app_name", "go_version", "healthcheck"],
        ),
    ],
)
def test_the_answers_file_lists_the_options_the_user_chose(
    cli: Cli, tmp_path: Path, args: list[str], env: dict[str, str], chosen: list[str]
) -> None:
    cli("new", "demo", "--no-input", "--output-dir", str(tmp_path), *args, env=env)

    assert _answers(tmp_path / "demo")[CHOSEN_KEY] == chosen


def test_options_from_a_config_file_are_listed_as_chosen(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "team.yaml").write_text("variant: pro\nport: 9000\n")

    cli("new", "demo", "--no-input", "--config", "team.yaml", "--output-dir", str(tmp_path))

    assert _answers(tmp_path / "demo")[CHOSEN_KEY] == ["app_name", "port"]


def test_render_with_another_variant_keeps_the_users_choices_and_takes_the_rest_from_its_preset(
    cli: Cli, tmp_path: Path
) -> None:
    cli("new", "demo", "--no-input", "--port", "9000", "--no-healthcheck", "--output-dir", ".")
    answers = str(tmp_path / "demo" / ANSWERS_FILE)

    outcome = cli("render", "--config", answers, "--variant", "pro")
    pro = cli(
        "render", "--app-name", "demo", "--variant", "pro", "--port", "9000", "--no-healthcheck"
    )

    assert outcome.code == 0, outcome.err
    assert outcome.out == pro.out
    assert "FROM scratch AS runtime" in outcome.out


def test_render_check_with_another_variant_compares_with_that_variants_file(
    cli: Cli, tmp_path: Path
) -> None:
    cli("new", "demo", "--no-input", "--port", "9000", "--output-dir", ".")
    pro = cli("render", "--app-name", "demo", "--variant", "pro", "--port", "9000")
    (tmp_path / "Dockerfile.pro").write_text(pro.out)

    outcome = cli(
        "render",
        "--config",
        f"demo/{ANSWERS_FILE}",
        "--variant",
        "pro",
        "--check",
        "Dockerfile.pro",
    )

    assert outcome.code == 0, outcome.out


def test_an_older_answers_file_under_another_variant_is_refused_naming_what_keeps_it(
    cli: Cli, tmp_path: Path
) -> None:
    cli("new", "demo", "--no-input", "--port", "9000", "--output-dir", ".")
    answers = tmp_path / "demo" / ANSWERS_FILE
    _without_chosen(answers)

    outcome = cli("render", "--config", str(answers), "--variant", "pro")

    assert outcome.code == 2
    assert outcome.out == ""
    [line] = outcome.err.splitlines()
    assert line.startswith(f"error: {answers} records the enterprise variant's options")
    assert "--variant pro would keep base: alpine, git: true" in line
    assert "port" not in line.split("would keep", 1)[1].split(";")[0]  # the same in both
    assert f"({CHOSEN_KEY}: [app_name, port, ...])" in line


def test_an_older_answers_file_still_renders_its_own_variant(cli: Cli, tmp_path: Path) -> None:
    cli("new", "demo", "--no-input", "--variant", "better", "--port", "9000", "--output-dir", ".")
    project = tmp_path / "demo"
    _without_chosen(project / ANSWERS_FILE)

    plain = cli("render", "--config", str(project / ANSWERS_FILE))
    same = cli("render", "--config", str(project / ANSWERS_FILE), "--variant", "better")

    assert plain.out.encode() == same.out.encode() == (project / "Dockerfile").read_bytes()


def test_a_config_files_values_stay_choices_under_another_variant(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "team.yaml").write_text("variant: pro\nbase: alpine\n")

    outcome = cli("render", "--app-name", "demo", "--config", "team.yaml", "--variant", "better")
    better = cli("render", "--app-name", "demo", "--variant", "better", "--base", "alpine")

    assert outcome.code == 0, outcome.err
    assert outcome.out == better.out


def test_new_force_with_another_variant_keeps_the_projects_choices(
    cli: Cli, tmp_path: Path
) -> None:
    cli("new", "demo", "--no-input", "--port", "9000", "--output-dir", ".")

    outcome = cli("new", "demo", "--no-input", "--force", "--variant", "pro", "--output-dir", ".")

    assert outcome.code == 0, outcome.err
    dockerfile = (tmp_path / "demo" / "Dockerfile").read_text()
    assert "variant: pro" in dockerfile
    assert "FROM scratch AS runtime" in dockerfile
    assert "EXPOSE 9000" in dockerfile
    assert _answers(tmp_path / "demo")[CHOSEN_KEY] == ["app_name", "port"]


def test_new_force_from_the_answers_file_keeps_its_list_of_choices(
    cli: Cli, tmp_path: Path
) -> None:
    cli("new", "demo", "--no-input", "--port", "9000", "--output-dir", ".")
    before = (tmp_path / "demo" / ANSWERS_FILE).read_text()

    outcome = cli("new", "demo", "--no-input", "--force", "--output-dir", ".")

    assert outcome.code == 0, outcome.err
    assert (tmp_path / "demo" / ANSWERS_FILE).read_text() == before


_CHOICES = st.fixed_dictionaries(
    {},
    optional={
        "port": st.sampled_from([8080, 9000]),
        "base": st.sampled_from(["scratch", "alpine", "distroless"]),
        "healthcheck": st.booleans(),
        "cgo": st.booleans(),
        "buildkit": st.booleans(),
        "git": st.booleans(),
        "uid": st.sampled_from([10001, 4242]),
    },
)
_VARIANTS = st.sampled_from(["bad", "better", "pro", "enterprise"])


def _resolved(values: dict[str, Any]) -> str:
    try:
        return render_dockerfile(Options.resolve(values))
    except ScaffoldError as error:
        return f"refused: {type(error).__name__}"


def _over_answers(choices: dict[str, Any], variant: str, flags: dict[str, Any]) -> str | None:
    """What render gives for `flags` over the answers file `new` writes for `choices` under
    `variant`; None where new refuses those choices (no answers file to reuse)."""
    try:
        project = generate({"app_name": "demo", **choices}, variant)
    except ScaffoldError:
        return None
    with tempfile.TemporaryDirectory() as directory:
        answers = Path(directory) / ANSWERS_FILE
        answers.write_text(project.files[ANSWERS_FILE])
        try:
            merged = merge(flags, dict.fromkeys(flags, Source.FLAG), read_options(answers))
        except ScaffoldError as error:
            return f"refused: {type(error).__name__}"
    return _resolved(merged.values)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(choices=_CHOICES, recorded=_VARIANTS, wanted=_VARIANTS)
def test_any_answers_file_under_any_variant_renders_as_the_choices_would(
    choices: dict[str, Any], recorded: str, wanted: str
) -> None:
    rendered = _over_answers(choices, recorded, {"variant": wanted})

    if rendered is not None:  # None: new refuses these choices, no answers file to reuse
        assert rendered == _resolved({"app_name": "demo", **choices, "variant": wanted})


def test_a_flag_whose_default_follows_turns_on_what_the_answers_file_left_off(
    cli: Cli, tmp_path: Path
) -> None:
    """better records `healthcheck: false` from its preset: --healthcheck-path turns it on,
    as it would without the answers file."""
    cli("new", "demo", "--no-input", "--variant", "better", "--output-dir", ".")
    answers = str(tmp_path / "demo" / ANSWERS_FILE)

    outcome = cli("render", "--config", answers, "--healthcheck-path", "/ready")
    direct = cli(
        "render", "--app-name", "demo", "--variant", "better", "--healthcheck-path", "/ready"
    )

    assert outcome.code == 0, outcome.err
    assert outcome.out == direct.out
    assert "HEALTHCHECK" in outcome.out


# Options whose giving makes a default follow (presets.FOLLOWERS).
_FOLLOWED = st.fixed_dictionaries(
    {},
    optional={
        "healthcheck_path": st.just("/ready"),
        "source_url": st.just("https://example.com/demo"),
        "timezone": st.just("Asia/Shanghai"),
        "tzdata_source": st.just("package"),
        "base": st.sampled_from(["distroless", "scratch"]),
        "cgo": st.just(True),
        "cgo_link": st.just("static"),
        "goprivate": st.just("example.com/private"),
        "buildkit": st.just(False),
        "non_root": st.just(False),
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(choices=_CHOICES, variant=_VARIANTS, given_now=_FOLLOWED)
def test_options_given_over_an_answers_file_render_as_the_choices_with_them_would(
    choices: dict[str, Any], variant: str, given_now: dict[str, Any]
) -> None:
    """What the file recorded without the user choosing it gives way to a default that follows
    the options given now, as a preset's value would."""
    rendered = _over_answers(choices, variant, given_now)

    if rendered is not None:  # None: new refuses these choices, no answers file to reuse
        expected = _resolved({"app_name": "demo", **choices, **given_now, "variant": variant})
        assert rendered == expected
