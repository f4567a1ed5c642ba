"""The Jinja2 environment over the templates folder."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import jinja2

from scaffold_go_docker import __version__

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def templates_dir() -> Path:
    """Templates ship inside the wheel; a source checkout keeps them at the top level."""
    bundled = _PACKAGE_DIR / "templates"
    if bundled.is_dir():
        return bundled
    return _PACKAGE_DIR.parent.parent / "templates"


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept in the user's cache: compiling them is a tenth of a run.

    Entries are keyed by each template's source checksum, so an edited template is
    recompiled; without a writable cache directory templates are compiled every time.
    """
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    directory = Path(root) / "scaffold-go-docker" / f"jinja2-{__version__}"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(directory)) if os.access(directory, os.W_OK) else None


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )


def render_template(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)
