"""The `audit:` section of a config file: ignored rules, per-rule severity, fail_on.

```yaml
audit:
  ignore: [SGD191]          # or "SGD190, SGD191"
  severity: {SGD121: warning, SGD190: off}
  fail_on: error
```

Only the `audit` key is read here; the rest of the file (generator options) is left to the
options reader.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from scaffold_go_docker.audit.errors import AuditConfigError
from scaffold_go_docker.audit.findings import Severity
from scaffold_go_docker.audit.rules import RULES
from scaffold_go_docker.errors import excerpt

#: Read from the current directory when --config is not given and it has an audit section.
DEFAULT_CONFIG = ".scaffold-go-docker.yaml"
SECTION = "audit"
_KEYS = ("ignore", "severity", "fail_on")
_OFF = "off"


class AuditSettings(NamedTuple):
    ignore: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = MappingProxyType({})
    fail_on: Severity = Severity.WARNING


def load_settings(path: Path | None, cwd: Path) -> AuditSettings:
    """The settings of `path`'s audit section; without a path, of ./.scaffold-go-docker.yaml
    if it exists; defaults when there is no audit section."""
    if path is None:
        default = cwd / DEFAULT_CONFIG
        if not default.is_file():
            return AuditSettings()
        path = default
    section = _read(path).get(SECTION)
    if section is None:
        return AuditSettings()
    if not isinstance(section, dict):
        raise AuditConfigError(f"{path}: {SECTION}: expected a mapping of {', '.join(_KEYS)}")
    return _settings(path, section)


def _read(path: Path) -> dict[str, Any]:
    """The file's top-level mapping, read as the options reader reads it (size, depth,
    no YAML aliases...)."""
    from scaffold_go_docker.inputs.structured import read_structured

    data = read_structured(path).data
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AuditConfigError(f"{path}: expected a mapping at the top level")
    return data


def _settings(path: Path, section: Mapping[Any, Any]) -> AuditSettings:
    for key in section:
        if key not in _KEYS:
            close = difflib.get_close_matches(str(key), _KEYS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise AuditConfigError(f"{path}: {SECTION}: unknown key {excerpt(key)}{hint}")
    ignore = set(_rule_list(path, section.get("ignore", [])))
    severities: dict[str, Severity] = {}
    raw_severities = section.get("severity", {})
    if not isinstance(raw_severities, dict):
        raise AuditConfigError(
            f"{path}: {SECTION}.severity: expected a mapping of rule to severity"
        )
    for rule, value in raw_severities.items():
        rule_id = _rule_id(path, "severity", rule)
        if value == _OFF or value is False:  # YAML 1.1 reads a bare `off` as false
            ignore.add(rule_id)
            continue
        severities[rule_id] = _severity(path, f"severity.{rule_id}", value, allow_off=True)
    fail_on = _severity(path, "fail_on", section.get("fail_on", Severity.WARNING.value))
    return AuditSettings(frozenset(ignore), MappingProxyType(severities), fail_on)


def _rule_list(path: Path, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [part for part in value.replace(",", " ").split() if part]
    if not isinstance(value, list):
        raise AuditConfigError(f"{path}: {SECTION}.ignore: expected a list of rule IDs")
    return [_rule_id(path, "ignore", item) for item in value]


def _rule_id(path: Path, key: str, value: Any) -> str:
    rule = str(value).upper()
    if rule not in RULES:
        raise AuditConfigError(
            f"{path}: {SECTION}.{key}: unknown rule {excerpt(value)} (rules: SGD001, "
            "SGD101-SGD191; see docs/audit.md)"
        )
    return rule


def _severity(path: Path, key: str, value: Any, *, allow_off: bool = False) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        choices = ", ".join([*(s.value for s in Severity), *([_OFF] if allow_off else [])])
        raise AuditConfigError(
            f"{path}: {SECTION}.{key}: {excerpt(value)} is not one of {choices}"
        ) from None
