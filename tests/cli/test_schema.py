"""`scaffold-go-docker schema`, and the copy `new` writes beside the answers file."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
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
        "chosen",
        "audit",
    }
    assert "required" not in schema


def test_new_writes_the_schema_the_schema_command_prints(cli: Cli, tmp_path: Path) -> None:
    cli("new", "demo", "--no-input", "--output-dir", str(tmp_path))

    assert (tmp_path / "demo" / SCHEMA_FILE).read_text() == cli("schema").out


def test_answers_file_fits_the_schema_it_names(cli: Cli, tmp_path: Path) -> None:
    cli("new", "demo", "--no-input", "--variant", "all", "--output-dir", str(tmp_path))
    cli("new", "one", "--no-input", "--variant", "pro", "--port", "9000", "--output-dir", ".")

    for project in (tmp_path / "demo", tmp_path / "one"):
        schema = json.loads((project / SCHEMA_FILE).read_text())
        answers = yaml.safe_load((project / ANSWERS_FILE).read_text())
        jsonschema.validate(answers, schema, cls=jsonschema.Draft202012Validator)


def test_the_schema_refuses_a_chosen_list_naming_no_option(cli: Cli) -> None:
    schema = json.loads(cli("schema").out)
    validator = jsonschema.Draft202012Validator(schema)

    assert validator.is_valid({"chosen": ["port", "base"]})
    assert not validator.is_valid({"chosen": ["prot"]})
    assert not validator.is_valid({"chosen": ["variant"]})
