"""Read options from a YAML or TOML file (a config file or a project's answers file)."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any, NamedTuple

from scaffold_go_docker import __version__
from scaffold_go_docker.errors import EXCERPT_LENGTH, ConfigFileError, excerpt
from scaffold_go_docker.inputs.structured import SourceFloat, read_structured
from scaffold_go_docker.options.enums import ALL_VARIANTS

#: Key recording the tool version in answers files; accepted, not an option.
VERSION_KEY = "scaffold_go_docker_version"
#: The section of a config file that `scaffold-go-docker audit` reads (audit/config.py).
AUDIT_SECTION = "audit"
VARIANT_KEY = "variant"
#: Key of an answers file listing the options its user chose (the rest a preset or a
#: default supplied, which `--variant` replaces).
CHOSEN_KEY = "chosen"


class FileOptions(NamedTuple):
    """What a config or answers file says, each value validated."""

    path: Path
    values: dict[str, Any]
    #: The options its user chose, when it says (an answers file lists them); None: every
    #: value is the user's, or, in an answers file from before the list, nobody knows.
    chosen: frozenset[str] | None
    #: The tool version that wrote it: the file is an answers file.
    version: str | None
    #: What to tell on stderr about the file (written by a newer release).
    warnings: tuple[str, ...] = ()


def load_config(path: Path) -> dict[str, Any]:
    """The options `path` sets, each validated; raises ConfigFileError naming file and key.

    The tool version and the list of chosen options an answers file records are checked
    for form and left out.
    """
    return read_options(path).values


def read_options(path: Path) -> FileOptions:
    """The options `path` sets, each validated, with the answers file's records.

    A file written by a newer release is warned about, or named in the error it causes.
    """
    data, kind = read_structured(path)
    if data is None:
        return FileOptions(path, {}, None, None)  # an empty YAML file sets nothing
    if not isinstance(data, dict):
        raise ConfigFileError(
            f"{path}: expected a mapping of option names to values, found {_kind(data)}"
        )
    newer = _written_by_newer(path, data.get(VERSION_KEY))
    try:
        checked = {
            str(key): _checked(path, kind, key, value)
            for key, value in data.items()
            if key != AUDIT_SECTION  # the audit command's settings, read and checked by it
        }
    except ConfigFileError as error:
        if newer is None:
            raise
        raise ConfigFileError(f"{error} ({newer})") from None
    version = checked.pop(VERSION_KEY, None)
    chosen = checked.pop(CHOSEN_KEY, None)
    return FileOptions(
        path,
        checked,
        None if chosen is None else frozenset(chosen),
        version,
        (f"warning: {newer}",) if newer else (),
    )


def _release(version: str) -> tuple[int, ...] | None:
    """`0.2.0rc1` → (0, 2, 0): the release numbers a version starts with."""
    numbers = re.match(r"v?(\d+(?:\.\d+)*)", version)
    return tuple(int(part) for part in numbers.group(1).split(".")) if numbers else None


def _written_by_newer(path: Path, recorded: Any) -> str | None:
    """Why to warn that `path` comes from a newer release than this one, if it does."""
    if not isinstance(recorded, str):
        return None
    written, running = _release(recorded), _release(__version__)
    if written is None or running is None or written <= running:
        return None
    return (
        f"{path} was written by scaffold-go-docker {excerpt(recorded)}, newer than this "
        f"{__version__}: it may hold keys or values this version does not know"
    )


def _checked(path: Path, kind: str, key: object, value: Any) -> Any:
    from scaffold_go_docker.inputs.fields import check_field
    from scaffold_go_docker.options import Options
    from scaffold_go_docker.options.model import value_type

    if not isinstance(key, str):
        raise ConfigFileError(f"{path}: key {excerpt(key)} is not an option name")
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
        raise ConfigFileError(f"{path}: unknown key {excerpt(key)}{hint}")
    if isinstance(value, SourceFloat) and value_type(key) is str:
        written = value.text if len(value.text) <= EXCERPT_LENGTH else excerpt(value.text)
        quoted = _quoted(kind, key, value.text) if written == value.text else "the value"
        raise ConfigFileError(
            f"{path}: key {key!r}: {written} is read as the number {excerpt(float(value))}; "
            f"quote it: {quoted}"
        )
    try:
        return check_field(key, value, strict=True)
    except ValueError as error:
        raise ConfigFileError(f"{path}: key {key!r}: {error} (got {excerpt(value)})") from None


def _quoted(kind: str, key: str, text: str) -> str:
    """How the file should write `key` as text: `go_version: "1.30"` or `go_version = "1.30"`."""
    return f"{key}{' =' if kind == 'TOML' else ':'} {json.dumps(text)}"


def _chosen(path: Path, value: Any) -> list[str]:
    from scaffold_go_docker.options import Options

    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise ConfigFileError(
            f"{path}: key {CHOSEN_KEY!r}: expected a list of option names, such as "
            f"[app_name, port] (got {excerpt(value)})"
        )
    if VARIANT_KEY in value:
        raise ConfigFileError(
            f"{path}: key {CHOSEN_KEY!r}: lists options, not the variant ({VARIANT_KEY}: ...)"
        )
    for name in value:
        if name not in Options.model_fields:
            close = difflib.get_close_matches(name, list(Options.model_fields), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigFileError(f"{path}: key {CHOSEN_KEY!r}: {excerpt(name)} is no option{hint}")
    return value


def _kind(value: object) -> str:
    numbers = dict.fromkeys((int, float, SourceFloat), "a number")
    return {list: "a list", str: "a string", **numbers}.get(
        type(value), f"a {type(value).__name__}"
    )
