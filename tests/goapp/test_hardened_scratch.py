"""Hardened scratch (issue 4): a name for the numeric user and a writable /tmp, when asked.

A probe built with the Dockerfile's go build step runs in the assembled root as its USER.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import AssembleRoot, Build, MakeProject, Root
from .rootfs import run_in_root, user_spec

PROBE = "/usr/local/bin/rootcheck"


@pytest.fixture(scope="module")
def check(
    make_project: MakeProject, assemble_root: AssembleRoot, build: Build, probes: Path
) -> Any:
    def run(check: str, **choices: object) -> tuple[Root, int, str]:
        project = make_project(variant="enterprise", base="scratch", **choices)
        probe = build(project, source=probes / "rootcheck")
        root = assemble_root(project, extra={PROBE: probe})
        result = run_in_root(root.path, root.stage, [PROBE, check])
        return root, result.returncode, (result.stdout + result.stderr).strip()

    return run


def passwd_name(root: Root, uid: int) -> str:
    for line in (root.path / "etc/passwd").read_text().splitlines():
        fields = line.split(":")
        if int(fields[2]) == uid:
            return fields[0]
    raise AssertionError(f"UID {uid} is not in the root's /etc/passwd")


def test_passwd_entry_gives_the_numeric_user_a_name(check: Any) -> None:
    root, code, output = check("user")
    uid, _ = user_spec(root.stage)
    assert (code, output) == (0, passwd_name(root, uid))


def test_without_passwd_entry_the_user_has_no_name(check: Any) -> None:
    _, code, output = check("user", passwd_entry=False)
    assert (code, output) == (1, "open /etc/passwd: no such file or directory")


def test_writable_tmp_lets_the_user_create_temporary_files(check: Any) -> None:
    _, code, output = check("tmp")
    assert code == 0, output
    assert output.startswith("/tmp/rootcheck-")


def test_without_writable_tmp_temporary_files_fail(check: Any) -> None:
    _, code, output = check("tmp", writable_tmp=False)
    assert code == 1
    assert "no such file or directory" in output
