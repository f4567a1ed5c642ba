"""`scaffold-go-docker schema`, and the copy `new` writes beside the answers file."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from scaffold_go_docker.inputs.answers import ANSWERS_FILE, SCHEMA_FILE
from scaffold_go_docker.options import Options

from .conftest import Cli


def test_schema_command_prints_the_options_json_schema(cli: Cli) -> None:
    outcome = cli("schema")

    schema = json.loads(outcome.out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == {
        *Options.model_fields,
        "scaffold_go_docker_version",
        "audit",
    }
    assert "required" not in schema


def test_new_writes_the_schema_the_schema_command_prints(cli: Cli, tmp_path: Path) -> None:
    cli("new", "demo", "--no-input", "--output-dir", str(tmp_path))

    assert (tmp_path / "demo" / SCHEMA_FILE).read_text() == cli("schema").out


def test_answers_file_fits_the_schema_it_names(cli: Cli, tmp_path: Path) -> None:
    cli("new", "demo", "--no-input", "--variant", "all", "--output-dir", str(tmp_path))
    cli("new", "one", "--no-input", "--variant", "pro", "--output-dir", str(tmp_path))

    for project in (tmp_path / "demo", tmp_path / "one"):
        schema = json.loads((project / SCHEMA_FILE).read_text())
        answers = yaml.safe_load((project / ANSWERS_FILE).read_text())
        for key, value in answers.items():
            assert key in schema["properties"]
            _assert_fits(value, schema["properties"][key], schema["$defs"])


def _assert_fits(
    value: object, rule: dict[str, object], defs: dict[str, dict[str, object]]
) -> None:
    """The part of JSON Schema these properties use: $ref, anyOf, const, enum, type, items."""
    if "$ref" in rule:
        _assert_fits(value, defs[str(rule["$ref"]).rsplit("/", 1)[-1]], defs)
    elif "anyOf" in rule:
        alternatives = rule["anyOf"]
        assert isinstance(alternatives, list)
        assert any(_fits(value, alternative, defs) for alternative in alternatives), (value, rule)
    if "const" in rule:
        assert value == rule["const"]
    if "enum" in rule:
        assert value in rule["enum"]  # type: ignore[operator]
    kinds = {"string": str, "integer": int, "boolean": bool, "null": type(None), "array": list}
    if "type" in rule:
        assert isinstance(value, kinds[str(rule["type"])]), (value, rule)
    if "items" in rule:
        assert isinstance(value, list)
        assert isinstance(rule["items"], dict)
        for item in value:
            _assert_fits(item, rule["items"], defs)
    if "maximum" in rule:
        assert value <= rule["maximum"]  # type: ignore[operator]


def _fits(value: object, rule: dict[str, object], defs: dict[str, dict[str, object]]) -> bool:
    try:
        _assert_fits(value, rule, defs)
    except AssertionError:
        return False
    return True
