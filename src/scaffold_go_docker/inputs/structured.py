"""Read a YAML or TOML file that someone else may have written, within bounds.

Config and answers files are committed and read in CI, so one pull request can hand the
tool a hostile file. Both their readers (the options in `config_file.py`, the `audit:`
section in `audit/config.py`) read through `read_structured`, which holds every file to:

- a regular file (not a FIFO, a device or a directory) of at most `MAX_FILE_BYTES`, read
  with a bounded read, UTF-8, a byte-order mark allowed in either format;
- YAML without anchors, aliases or merge keys (a few hundred bytes of aliases expand to
  gigabytes), without a key given twice;
- at most `MAX_DEPTH` levels of nesting, no text value longer than `MAX_TEXT`, no integer
  beyond 64 bits: checked before any value is validated, each refusal one line naming the
  file and the key.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from scaffold_go_docker.errors import ConfigFileError, excerpt

if TYPE_CHECKING:
    import yaml

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 8
MAX_TEXT = 4096
_MAX_INT_BITS = 64
FORMATS = {".yaml": "YAML", ".yml": "YAML", ".toml": "TOML"}
_BOM = "\ufeff"


class UnreadableFileError(Exception):
    """Why a file cannot be read, in a few words ("no such file", "not a regular file")."""


def read_regular_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `path`, a regular file of at most `limit` bytes; raises UnreadableFileError.

    Opened without blocking and checked before reading: a FIFO (or /dev/stdin from a pipe)
    would wait forever for a writer, /dev/zero would fill the memory.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise UnreadableFileError("no such file") from None
    except OSError as error:
        raise UnreadableFileError(f"cannot read: {error.strerror}") from None
    except ValueError:  # a NUL in the name
        raise UnreadableFileError("not a usable file name") from None
    with os.fdopen(descriptor, "rb") as file:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise UnreadableFileError(f"not a regular file ({_file_kind(mode)})")
        try:
            data = file.read(limit + 1)
        except OSError as error:
            raise UnreadableFileError(f"cannot read: {error.strerror}") from None
    if len(data) > limit:
        raise UnreadableFileError(f"larger than {_size(limit)}")
    return data


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "not a file"


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit} bytes"


class SourceFloat(float):
    """A number read from a file, with the text it was written as (`1.30`, not `1.3`)."""

    text: str

    def __new__(cls, value: float, text: str) -> SourceFloat:
        number = super().__new__(cls, value)
        number.text = text
        return number


class Structured(NamedTuple):
    """A file's data (None for an empty YAML file) and its format, "YAML" or "TOML"."""

    data: Any
    kind: str


def read_structured(path: Path) -> Structured:
    """The data of a YAML or TOML file, within the bounds above; raises ConfigFileError."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ConfigFileError(
            f"{path}: unknown config format {excerpt(path.suffix or '(no extension)')}; "
            "use .yaml, .yml or .toml"
        )
    try:
        text = read_regular_file(path).decode("utf-8")
    except UnreadableFileError as error:
        raise ConfigFileError(f"{path}: {error}") from None
    except UnicodeDecodeError:
        raise ConfigFileError(f"{path}: not UTF-8 text") from None
    text = text.removeprefix(_BOM)
    data = _toml(path, text) if kind == "TOML" else _yaml(path, text)
    problem = _out_of_bounds(data)
    if problem:
        raise ConfigFileError(f"{path}: {problem}")
    return Structured(data, kind)


def _toml(path: Path, text: str) -> Any:
    import tomllib

    try:
        return tomllib.loads(text, parse_float=lambda written: SourceFloat(float(written), written))
    except tomllib.TOMLDecodeError as error:
        raise ConfigFileError(f"{path}: invalid TOML: {error}") from None
    except ValueError:  # an integer past Python's 4,300-digit limit for text
        where = _toml_key_at(text, lambda line: re.search(r"[0-9_]{100,}", line) is not None)
        raise ConfigFileError(f"{path}: {where}a number too long (at most 64 bits)") from None
    except RecursionError:
        where = _toml_key_at(text, _nests_too_deeply())
        raise ConfigFileError(f"{path}: {where}nested deeper than {MAX_DEPTH} levels") from None


def _toml_key_at(text: str, offending: Callable[[str], bool]) -> str:
    """`key 'name': ` for the key/value pair that holds the first offending line, if any."""
    key = None
    for line in text.splitlines():
        assignment = re.match(r"\s*([A-Za-z0-9_\-.\"' ]+?)\s*=", line)
        if assignment:
            key = assignment.group(1).replace('"', "").replace("'", "")
        if offending(line):
            break
    return f"key {excerpt(key)}: " if key else ""


def _nests_too_deeply() -> Callable[[str], bool]:
    depth = 0

    def offending(line: str) -> bool:
        nonlocal depth
        for char in line:
            depth += (char in "[{") - (char in "]}")
            if depth > MAX_DEPTH:
                return True
        return False

    return offending


def _out_of_bounds(data: Any) -> str | None:
    """Why `data` exceeds the bounds, naming the key; None if it does not. Iterative: the
    data may be nested deeper than Python's recursion limit."""
    pending: list[tuple[Any, tuple[str, ...], int]] = [(data, (), 0)]
    while pending:
        value, keys, depth = pending.pop()
        where = f"key {excerpt('.'.join(keys))}: " if keys else ""
        if isinstance(value, dict | list):
            if depth + 1 > MAX_DEPTH:
                return f"{where}nested deeper than {MAX_DEPTH} levels"
            items = value.items() if isinstance(value, dict) else enumerate(value)
            pending.extend((item, (*keys, str(key)), depth + 1) for key, item in items)
        elif isinstance(value, str) and len(value) > MAX_TEXT:
            return f"{where}{excerpt(value)} is longer than {MAX_TEXT} characters"
        elif isinstance(value, int) and value.bit_length() > _MAX_INT_BITS - 1:
            return f"{where}{excerpt(value)} is too big (at most 64 bits)"
    return None


def _yaml(path: Path, text: str) -> Any:
    # PyYAML costs import time; only runs given a YAML file pay it.
    import yaml

    loader = _bounded_loader()(text)
    try:
        return loader.get_single_data()
    except _RefusedError as refused:
        raise ConfigFileError(f"{path}: {refused}") from None
    except yaml.YAMLError as error:
        raise ConfigFileError(f"{path}: invalid YAML: {_yaml_problem(error)}") from None
    except RecursionError:  # not expected within MAX_DEPTH; never a traceback
        raise ConfigFileError(f"{path}: nested deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()


def _yaml_problem(error: Exception) -> str:
    problem = getattr(error, "problem", None) or (str(error).splitlines() or ["error"])[0]
    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return str(problem)
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})"


class _RefusedError(Exception):
    """What the bounded YAML loader refuses, as the rest of an error line."""


_MERGE_TAG = "tag:yaml.org,2002:merge"


@functools.cache
def _bounded_loader() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader, refusing anchors, aliases, merge keys, duplicate keys, deep
    nesting and long scalars as it composes, before anything is built."""
    import yaml

    class BoundedLoader(yaml.SafeLoader):
        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.keys: list[str] = []
            self.depth = 0

        def where(self, mark: Any) -> str:
            key = f"key {excerpt('.'.join(self.keys))}, " if self.keys else ""
            return f"{key}line {mark.line + 1}" if mark else key.rstrip(", ")

        def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
            named = isinstance(index, yaml.ScalarNode | int)  # a mapping's value, a list's item
            if named:
                self.keys.append(str(index.value if isinstance(index, yaml.ScalarNode) else index))
            event = self.peek_event()  # type: ignore[no-untyped-call]
            nests = isinstance(event, yaml.CollectionStartEvent)
            self.depth += nests
            try:
                self.refuse(event)
                return super().compose_node(parent, index)
            finally:
                self.depth -= nests
                if named:
                    self.keys.pop()

        def refuse(self, event: yaml.Event) -> None:
            """Refuse what the next node would be, before it is composed."""
            where = self.where(event.start_mark)
            if isinstance(event, yaml.AliasEvent):
                raise _RefusedError(
                    f"{where}: aliases (*{event.anchor}) are not accepted; write the value out"
                )
            if getattr(event, "anchor", None) is not None:
                raise _RefusedError(
                    f"{where}: anchors (&name) are not accepted; write each value out"
                )
            if isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_TEXT:
                raise _RefusedError(
                    f"{where}: {excerpt(event.value)} is longer than {MAX_TEXT} characters"
                )
            if self.depth > MAX_DEPTH:
                raise _RefusedError(f"{where}: nested deeper than {MAX_DEPTH} levels")

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                line = key_node.start_mark.line + 1
                if key_node.tag == _MERGE_TAG:
                    raise _RefusedError(f"line {line}: merge keys (<<) are not accepted")
                key = self.construct_object(key_node, deep=deep)
                try:
                    if key in seen:
                        raise _RefusedError(f"line {line}: key {excerpt(key)} is given twice")
                    seen.add(key)
                except TypeError:
                    pass  # an unhashable key: PyYAML's own error follows
            return super().construct_mapping(node, deep=deep)

        def construct_source_float(self, node: yaml.ScalarNode) -> SourceFloat:
            return SourceFloat(self.construct_yaml_float(node), node.value)

    BoundedLoader.add_constructor("tag:yaml.org,2002:float", BoundedLoader.construct_source_float)
    return BoundedLoader
