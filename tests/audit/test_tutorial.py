"""The tutorial's four Dockerfiles (the seed, reproduced as fixtures) raise what it warns about."""

from __future__ import annotations

import pytest

from .conftest import TUTORIAL, audit_file, rules_of

EXPECTED = {
    "bad": {"SGD101", "SGD102", "SGD103"},
    "better": {"SGD140", "SGD110"},
    "pro": {"SGD110", "SGD120", "SGD121"},
    "enterprise": {"SGD111", "SGD140"},
}


@pytest.mark.parametrize(("name", "expected"), EXPECTED.items())
def test_tutorial_dockerfile_raises_at_least_what_the_issue_lists(
    name: str, expected: set[str]
) -> None:
    report = audit_file(TUTORIAL / f"{name}.Dockerfile")

    assert rules_of(report) >= expected


def test_tutorial_final_template_is_not_called_root_for_its_named_user() -> None:
    report = audit_file(TUTORIAL / "enterprise.Dockerfile")

    assert "SGD110" not in rules_of(report)  # USER appuser is not root, only unverifiable


def test_tutorial_multi_stage_files_keep_the_toolchain_out_of_the_final_image() -> None:
    for name in ("better", "pro", "enterprise"):
        assert "SGD101" not in rules_of(audit_file(TUTORIAL / f"{name}.Dockerfile")), name
