"""`render --check PATH`: a CI gate for committed Dockerfiles."""

from __future__ import annotations

from pathlib import Path

from scaffold_go_docker.inputs.answers import ANSWERS_FILE
from scaffold_go_docker.options import Lang
from scaffold_go_docker.rendering.environment import environment

from .conftest import Cli, run_tool


def _committed(cli: Cli, tmp_path: Path) -> Path:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(cli("render", "--app-name", "svc", "--variant", "pro").out)
    return dockerfile


def test_check_exits_0_when_the_file_matches(cli: Cli, tmp_path: Path) -> None:
    dockerfile = _committed(cli, tmp_path)

    outcome = cli("render", "--app-name", "svc", "--variant", "pro", "--check", str(dockerfile))

    assert (outcome.code, outcome.out) == (0, "")
    assert "up to date" in outcome.err


def test_check_exits_1_with_a_unified_diff_when_the_file_drifted(cli: Cli, tmp_path: Path) -> None:
    dockerfile = _committed(cli, tmp_path)
    dockerfile.write_text(dockerfile.read_text().replace("USER 10001:10001", "USER root"))

    outcome = cli("render", "--app-name", "svc", "--variant", "pro", "--check", str(dockerfile))

    assert outcome.code == 1
    assert outcome.out.startswith(
        f"--- {dockerfile}\n+++ {dockerfile} (rendered from the options)\n"
    )
    assert "\n-USER root\n" in outcome.out
    assert "\n+USER 10001:10001\n" in outcome.out
    assert outcome.err == (
        f"error: {dockerfile} has drifted from what the options render (diff above); to "
        f"write it again: scaffold-go-docker render --app-name svc --variant pro > {dockerfile}\n"
    )


def test_check_reports_drift_from_changed_options(cli: Cli, tmp_path: Path) -> None:
    dockerfile = _committed(cli, tmp_path)

    outcome = cli(
        "render",
        "--app-name",
        "svc",
        "--variant",
        "pro",
        "--port",
        "9000",
        "--check",
        str(dockerfile),
    )

    assert outcome.code == 1
    assert "+EXPOSE 9000" in outcome.out


def test_check_of_a_missing_file_is_bad_input(cli: Cli, tmp_path: Path) -> None:
    outcome = cli("render", "--app-name", "svc", "--check", str(tmp_path / "Dockerfile"))

    assert outcome.code == 2
    assert "no such file" in outcome.err


def test_render_prints_the_dockerfile_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    outcome = cli("render", "--app-name", "svc")  # the fixture runs it in tmp_path

    assert outcome.code == 0
    assert outcome.out.startswith("# syntax=")
    assert list(tmp_path.iterdir()) == []


def test_new_and_render_leave_nothing_under_home(
    cli: Cli, tmp_path: Path, isolated_home: Path
) -> None:
    assert cli("new", "demo", "--no-input", "--output-dir", str(tmp_path)).code == 0
    assert cli("render", "--app-name", "demo").code == 0
    done = run_tool("new", "again", "--no-input", cwd=tmp_path)
    assert done.returncode == 0, done.stderr

    assert list(isolated_home.rglob("*")) == []


def test_no_template_cache_is_kept_on_disk_under_any_cache_directory(
    tmp_path: Path, isolated_home: Path
) -> None:
    # A cache on disk could be full, truncated or hold a planted pickle; there is none.
    assert all(environment(lang).bytecode_cache is None for lang in Lang)
    cache = tmp_path / "xdg-cache"
    cache.mkdir()
    for args in (["new", "demo", "--no-input", "--lang", "zh"], ["render", "--app-name", "x"]):
        done = run_tool(*args, cwd=tmp_path, env={"XDG_CACHE_HOME": str(cache)})
        assert done.returncode == 0, done.stderr

    assert list(cache.iterdir()) == []
    assert list(isolated_home.rglob("*")) == []


def test_the_pro_variant_renders_without_buildkit_as_a_classic_native_build(cli: Cli) -> None:
    outcome = cli("render", "--app-name", "api", "--variant", "pro", "--no-buildkit")

    assert outcome.code == 0, outcome.err
    assert "variant: pro" in outcome.out
    assert "syntax=" not in outcome.out
    assert "--platform" not in outcome.out
    assert "--mount" not in outcome.out
    assert "# Build:\n#   docker build \\\n" in outcome.out


def test_skip_existing_after_deleting_the_dockerfile_records_what_is_on_disk(
    cli: Cli, tmp_path: Path
) -> None:
    cli("new", "demo", "--no-input")
    (tmp_path / "demo" / "Dockerfile").unlink()

    assert cli("new", "demo", "--skip-existing", "--variant", "pro", "--no-input").code == 0

    checked = cli("render", "--config", f"demo/{ANSWERS_FILE}", "--check", "demo/Dockerfile")
    assert checked.code == 0, checked.out + checked.err
    assert "variant: pro" in (tmp_path / "demo" / "Dockerfile").read_text()


def test_a_file_that_differs_only_in_line_endings_or_the_final_newline_is_up_to_date(
    cli: Cli, tmp_path: Path
) -> None:
    dockerfile = _committed(cli, tmp_path)
    text = dockerfile.read_text()

    for variant in (text.replace("\n", "\r\n"), text.rstrip("\n"), text + "\n"):
        dockerfile.write_bytes(variant.encode())
        outcome = cli("render", "--app-name", "svc", "--variant", "pro", "--check", str(dockerfile))
        assert (outcome.code, outcome.out) == (0, ""), repr(variant[-4:])


def test_render_writes_utf8_whatever_the_terminals_encoding(tmp_path: Path) -> None:
    result = run_tool(
        "render", "--app-name", "svc", "--lang", "zh",
        cwd=tmp_path, env={"PYTHONIOENCODING": "latin-1"}, encoding="utf-8",
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "# svc 的 Dockerfile，由 scaffold-go-docker 生成" in result.stdout
