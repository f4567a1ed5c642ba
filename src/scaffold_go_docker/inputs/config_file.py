"""Read options from a YAML or TOML file (a config file or a project's answers file)."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, NamedTuple

from scaffold_go_docker.errors import ConfigFileError
from scaffold_go_docker.options.enums import ALL_VARIANTS

#: Key recording the tool version in answers files; accepted, not an option.
VERSION_KEY = "scaffold_go_docker_version"
#: The section of a config file that `scaffold-go-docker audit` reads (audit/config.py).
AUDIT_SECTION = "audit"
VARIANT_KEY = "variant"
#: Key of an answers file listing the options its user chose (the rest a preset or a
#: default supplied, which `--variant` replaces).
CHOSEN_KEY = "chosen"
_FORMATS = {".yaml": "YAML", ".yml": "YAML", ".toml": "TOML"}


class FileOptions(NamedTuple):
    """What a config or answers file says, each value validated."""

    path: Path
    values: dict[str, Any]
    #: The options its user chose, when it says (an answers file lists them); None: every
    #: value is the user's, or, in an answers file from before the list, nobody knows.
    chosen: frozenset[str] | None
    #: The tool version that wrote it: the file is an answers file.
    version: str | None


def load_config(path: Path) -> dict[str, Any]:
    """The options `path` sets, each validated; raises ConfigFileError naming file and key.

    The tool version and the list of chosen options an answers file records are checked
    for form and left out.
    """
    return read_options(path).values


def read_options(path: Path) -> FileOptions:
    """The options `path` sets, each validated, with the answers file's records."""
    data = _parse(path)
    if data is None:
        return FileOptions(path, {}, None, None)  # an empty YAML file sets nothing
    if not isinstance(data, dict):
        raise ConfigFileError(
            f"{path}: expected a mapping of option names to values, found {_kind(data)}"
        )
    checked = {
        str(key): _checked(path, key, value)
        for key, value in data.items()
        if key != AUDIT_SECTION  # the audit command's settings, read and checked by it
    }
    version = checked.pop(VERSION_KEY, None)
    chosen = checked.pop(CHOSEN_KEY, None)
    return FileOptions(path, checked, None if chosen is None else frozenset(chosen), version)


def _parse(path: Path) -> Any:
    kind = _FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ConfigFileError(
            f"{path}: unknown config format {path.suffix or '(no extension)'!r}; "
            "use .yaml, .yml or .toml"
        )
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigFileError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise ConfigFileError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise ConfigFileError(f"{path}: cannot read: {error.strerror}") from None
    if kind == "TOML":
        import tomllib

        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigFileError(f"{path}: invalid TOML: {error}") from None
    # PyYAML costs import time; only runs given a YAML file pay it.
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ConfigFileError(f"{path}: invalid YAML: {_yaml_problem(error)}") from None


def _yaml_problem(error: Exception) -> str:
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return str(problem)
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})"


def _checked(path: Path, key: object, value: Any) -> Any:
    from scaffold_go_docker.inputs.fields import check_field
    from scaffold_go_docker.options import Options

    if not isinstance(key, str):
        raise ConfigFileError(f"{path}: key {key!r} is not an option name")
    if key == VERSION_KEY:
        if not isinstance(value, str):
            raise ConfigFileError(f"{path}: key {key!r}: expected a version string")
        return value
    if key == VARIANT_KEY and value == ALL_VARIANTS:
        return value
    if key == CHOSEN_KEY:
        return _chosen(path, value)
    if key not in Options.model_fields:
        known = [*Options.model_fields, VERSION_KEY, CHOSEN_KEY, AUDIT_SECTION]
        close = difflib.get_close_matches(key.replace("-", "_"), known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ConfigFileError(f"{path}: unknown key {key!r}{hint}")
    try:
        return check_field(key, value, strict=True)
    except ValueError as error:
        raise ConfigFileError(f"{path}: key {key!r}: {error} (got {value!r})") from None


def _chosen(path: Path, value: Any) -> list[str]:
    from scaffold_go_docker.options import Options

    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise ConfigFileError(
            f"{path}: key {CHOSEN_KEY!r}: expected a list of option names, such as "
            f"[app_name, port] (got {value!r})"
        )
    if VARIANT_KEY in value:
        raise ConfigFileError(
            f"{path}: key {CHOSEN_KEY!r}: lists options, not the variant ({VARIANT_KEY}: ...)"
        )
    for name in value:
        if name not in Options.model_fields:
            close = difflib.get_close_matches(name, list(Options.model_fields), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigFileError(f"{path}: key {CHOSEN_KEY!r}: {name!r} is no option{hint}")
    return value


def _kind(value: object) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number"}.get(
        type(value), f"a {type(value).__name__}"
    )
