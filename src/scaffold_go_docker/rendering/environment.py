"""The Jinja2 environment over the templates folder."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def templates_dir() -> Path:
    """Templates ship inside the wheel; a source checkout keeps them at the top level."""
    bundled = _PACKAGE_DIR / "templates"
    if bundled.is_dir():
        return bundled
    return _PACKAGE_DIR.parent.parent / "templates"


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )


def render_template(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)
