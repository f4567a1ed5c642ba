"""A finding's identity across edits: file, rule, the line's text, and which occurrence."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator

from scaffold_go_docker.audit.findings import Finding


def fingerprints(findings: Iterable[Finding]) -> Iterator[tuple[Finding, str]]:
    """Each finding with a hash that survives lines moving but not the line changing."""
    seen: Counter[tuple[str, str, str]] = Counter()
    for finding in findings:
        key = (finding.file, finding.rule, finding.snippet)
        seen[key] += 1
        text = "\0".join([*key, str(seen[key])])
        yield finding, hashlib.sha256(text.encode()).hexdigest()
