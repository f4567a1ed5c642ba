"""`scaffold-go-docker audit` as a user runs it: paths, exit codes, settings, the init line."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from scaffold_go_docker.audit import RULES

from .conftest import TUTORIAL, Outcome

Cli = Callable[..., Outcome]
ROOT_ON_SCRATCH = RULES["SGD110"].example.replace("alpine:3.20\nCOPY", "scratch\nCOPY")
INFO_ONLY = RULES["SGD190"].example  # SGD190 and SGD121, both info
STDLIB_MODULE = "module example.com/svc\n\ngo 1.22\n"


def _rules(out: str) -> list[str]:
    return [finding["rule"] for finding in json.loads(out)["findings"]]


def test_clean_file_exits_0(audit_cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(INFO_ONLY)

    result = audit_cli()

    assert result.code == 0, result.out
    assert result.out.splitlines()[-1].startswith(
        "2 findings in 1 Dockerfile (0 errors, 0 warnings, 2 info)"
    )


def test_warning_exits_1_and_fail_on_error_lets_it_pass(audit_cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(ROOT_ON_SCRATCH)

    assert audit_cli().code == 1
    assert audit_cli("--fail-on", "error").code == 0
    assert audit_cli("--fail-on", "info", "--format", "json").code == 1


def test_info_fails_only_with_fail_on_info(audit_cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(INFO_ONLY)

    assert audit_cli("--fail-on", "info").code == 1


def test_directory_search_finds_each_dockerfile_name_and_skips_vendored_trees(
    audit_cli: Cli, tmp_path: Path
) -> None:
    names = ["Dockerfile", "Dockerfile.prod", "api.Dockerfile", "Containerfile", "sub/Dockerfile"]
    skipped = [".git/Dockerfile", "vendor/x/Dockerfile", "node_modules/y/Dockerfile"]
    others = ["Dockerfile-notes.md", "Dockerfile.md", "Dockerfile.j2", "Dockerfile.dockerignore"]
    for name in [*names, *skipped, *others, "docker-compose.yaml"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(ROOT_ON_SCRATCH)

    result = audit_cli(".", "--format", "json")

    files = {finding["file"] for finding in json.loads(result.out)["findings"]}
    assert files == set(names)


def test_stdin_is_read_for_a_dash(audit_cli: Cli) -> None:
    result = audit_cli("-", stdin=ROOT_ON_SCRATCH)

    assert result.code == 1
    assert result.out.startswith("<stdin>:")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing/Dockerfile"], "error: missing/Dockerfile: no such file or directory\n"),
        (["empty-dir"], "error: empty-dir: no Dockerfile here"),
        (["--ignore", "SGD999", "Dockerfile"], "error: --ignore SGD999: no such rule"),
        (["--src", "empty-dir", "Dockerfile"], "error: --src empty-dir: no go.mod there\n"),
        (["--config", "nope.yaml", "Dockerfile"], "error: nope.yaml: no such file\n"),
        (["--format", "xml", "Dockerfile"], "error: Invalid value for '--format'"),
    ],
)
def test_bad_usage_or_path_exits_2_with_one_line(
    audit_cli: Cli, tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "empty-dir").mkdir()
    (tmp_path / "Dockerfile").write_text(ROOT_ON_SCRATCH)

    result = audit_cli(*args)

    assert result.code == 2
    assert result.err.startswith(message)
    assert result.err.count("\n") == 1
    assert result.out == ""


def test_unreadable_file_is_exit_2_without_traceback(tmp_path: Path) -> None:
    target = tmp_path / "Dockerfile"
    target.mkdir()  # a directory named like a file: searched, and holds nothing
    result = subprocess.run(
        [sys.executable, "-m", "scaffold_go_docker", "audit", str(target / "Dockerfile")],
        capture_output=True, text=True, cwd=tmp_path, timeout=60, check=False,
    )  # fmt: skip

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ")


def test_config_file_audit_section_ignores_sets_severity_and_fail_on(
    audit_cli: Cli, tmp_path: Path
) -> None:
    (tmp_path / "Dockerfile").write_text(ROOT_ON_SCRATCH)
    (tmp_path / ".scaffold-go-docker.yaml").write_text(
        "variant: pro\n"  # generator options in the same file are left alone
        "audit:\n"
        "  ignore: [SGD120]\n"
        "  severity: {SGD110: error, SGD121: off}\n"
        "  fail_on: error\n"
    )

    result = audit_cli("--format", "json")

    findings = json.loads(result.out)["findings"]
    assert {f["rule"]: f["severity"] for f in findings} == {"SGD110": "error"}
    assert result.code == 1
    assert audit_cli("--fail-on", "warning", "--format", "json").code == 1


def test_toml_config_given_with_config(audit_cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(ROOT_ON_SCRATCH)
    (tmp_path / "team.toml").write_text('[audit]\nignore = "SGD110, SGD120"\nfail_on = "warning"\n')

    result = audit_cli("--config", "team.toml")

    assert result.code == 0, result.out


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("audit:\n  ignroe: [SGD110]\n", "audit: unknown key 'ignroe'; did you mean 'ignore'?"),
        ("audit:\n  ignore: [SGD999]\n", "audit.ignore: unknown rule 'SGD999'"),
        ("audit:\n  fail_on: fatal\n", "audit.fail_on: 'fatal' is not one of info, warning, error"),
        ("audit:\n  severity: {SGD110: loud}\n", "audit.severity.SGD110: 'loud' is not one of"),
        ("audit: [SGD110]\n", "audit: expected a mapping"),
    ],
)
def test_bad_audit_section_is_exit_2_naming_file_and_key(
    audit_cli: Cli, tmp_path: Path, section: str, message: str
) -> None:
    (tmp_path / "Dockerfile").write_text(ROOT_ON_SCRATCH)
    (tmp_path / ".scaffold-go-docker.yaml").write_text(section)

    result = audit_cli()

    assert result.code == 2
    assert result.err.startswith(f"error: {tmp_path / '.scaffold-go-docker.yaml'}: {message}")


def test_ignore_flag_adds_to_the_config(audit_cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(ROOT_ON_SCRATCH)

    result = audit_cli("--ignore", "SGD110", "--ignore", "sgd120", "--format", "json")

    assert "SGD110" not in _rules(result.out)
    assert "SGD120" not in _rules(result.out)
    assert result.code == 0


def test_text_report_beside_a_go_mod_ends_with_the_init_command(
    audit_cli: Cli, tmp_path: Path
) -> None:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "go.mod").write_text(STDLIB_MODULE)
    (tmp_path / "svc" / "Dockerfile").write_text(ROOT_ON_SCRATCH)

    result = audit_cli("svc")

    assert result.out.splitlines()[-1] == (
        "A Dockerfile without these findings (svc/Dockerfile): "
        "scaffold-go-docker init svc --base scratch --builder alpine --non-root "
        "--ca-certificates --tzdata"
    )


def test_no_init_command_without_a_go_module(audit_cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(ROOT_ON_SCRATCH)

    assert "scaffold-go-docker init" not in audit_cli().out


def test_src_points_at_the_module_for_a_dockerfile_elsewhere(
    audit_cli: Cli, tmp_path: Path
) -> None:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "go.mod").write_text(STDLIB_MODULE)
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "Dockerfile").write_text((TUTORIAL / "pro.Dockerfile").read_text())

    without = audit_cli("deploy", "--format", "json")
    with_src = audit_cli("deploy", "--src", "svc", "--format", "json")

    assert "SGD104" in _rules(without.out)  # modules may need downloading
    assert "SGD104" not in _rules(with_src.out)  # svc requires nothing


RUNNER = """
import json, runpy, sys
report, sys.argv = sys.argv[1], ["scaffold-go-docker", *sys.argv[2:]]
try:
    runpy.run_module("scaffold_go_docker", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
with open(report, "w") as stream:
    json.dump(sorted(sys.modules), stream)
"""


def _imported(tmp_path: Path, *args: str) -> set[str]:
    report = tmp_path / "modules.json"
    subprocess.run(
        [sys.executable, "-c", RUNNER, str(report), *args],
        cwd=tmp_path, stdin=subprocess.DEVNULL, capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    return set(json.loads(report.read_text()))


def test_new_and_render_do_not_load_the_parser_or_the_checks(tmp_path: Path) -> None:
    for args in (("new", "demo", "--no-input"), ("render", "--app-name", "demo")):
        imported = _imported(tmp_path, *args)

        assert "scaffold_go_docker.options.model" in imported  # the run really ran
        assert not {"dockerfile", "scaffold_go_docker.audit.engine"} & imported, args


def test_audit_loads_the_parser(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(ROOT_ON_SCRATCH)

    imported = _imported(tmp_path, "audit", "--format", "json")

    assert {"dockerfile", "scaffold_go_docker.audit.checks"} <= imported
