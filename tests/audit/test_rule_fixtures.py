"""Each rule on Dockerfiles written for it: those named raises-* raise it (at the severity
the name gives), those named passes-* do not."""

from __future__ import annotations

import pytest

from .conftest import RuleFixture, audit_file, rule_fixtures

FIXTURES = rule_fixtures()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.id for f in FIXTURES])
def test_fixture_raises_its_rule_or_does_not(fixture: RuleFixture) -> None:
    report = audit_file(fixture.dockerfile)
    mine = [finding for finding in report.findings if finding.rule == fixture.rule]

    if fixture.raises:
        assert mine, f"{fixture.rule} not raised; got {report.findings}"
        if fixture.severity is not None:
            assert {finding.severity for finding in mine} == {fixture.severity}
    else:
        assert mine == []
