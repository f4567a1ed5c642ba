"""Templates compiled ahead of time, and when they may stand in for the sources.

Compiling the Dockerfile templates is a third of what a one-shot `new` spends after its
imports (benchmarks/bench_new.py). `scripts/compile_templates.py` compiles them per
language with Jinja's own `Environment.compile_templates` into `compiled/<lang>/`, which the
package carries, and records in `compiled/manifest.json` what they were compiled from: the
Jinja2 version and a digest of the templates' sources. They are loaded (Jinja's
`ModuleLoader`) only while both still hold; otherwise the templates compile from source as
before, so a stale or foreign compilation changes speed, never output.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

COMPILED_DIR = Path(__file__).resolve().parent / "compiled"
MANIFEST = COMPILED_DIR / "manifest.json"
TEMPLATE_SUFFIX = ".j2"


def template_names() -> list[str]:
    """Every template the package carries, by its loader name (`dockerfile/builder.j2`)."""
    root = files("scaffold_go_docker") / "templates"
    names: list[str] = []
    folders = [(root, "")]
    while folders:
        folder, prefix = folders.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                folders.append((entry, f"{prefix}{entry.name}/"))
            elif entry.name.endswith(TEMPLATE_SUFFIX):
                names.append(prefix + entry.name)
    return sorted(names)


def sources_digest() -> str:
    """A digest of every template's name and text: what a compilation depends on."""
    root = files("scaffold_go_docker") / "templates"
    digest = hashlib.sha256()
    for name in template_names():
        digest.update(name.encode() + b"\0")
        digest.update(root.joinpath(*name.split("/")).read_bytes() + b"\0")
    return digest.hexdigest()


def jinja_version() -> str:
    return metadata.version("jinja2")


def current_manifest() -> dict[str, str]:
    """What a compilation made now, from these sources with this Jinja2, records."""
    return {"jinja2": jinja_version(), "sources": sources_digest()}


def recorded_manifest() -> Any:
    """What the compiled templates say they were compiled from; None if unreadable."""
    try:
        return json.loads(MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def loader(lang: str) -> jinja2.BaseLoader | None:
    """A loader of `lang`'s compiled templates, or None where they cannot stand in."""
    import jinja2

    directory = COMPILED_DIR / lang
    if not directory.is_dir() or recorded_manifest() != current_manifest():
        return None
    return jinja2.ModuleLoader(directory)


def compile_into(environment: jinja2.Environment, directory: Path) -> None:
    """Compile every template with `environment` into `directory` (replacing what was there)."""
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("tmpl_*.py"):
        stale.unlink()
    environment.compile_templates(
        directory,
        zip=None,
        filter_func=lambda name: name.endswith(TEMPLATE_SUFFIX),
        ignore_errors=False,
    )


def write_manifest() -> None:
    text = json.dumps(current_manifest(), indent=2, sort_keys=True) + "\n"
    MANIFEST.write_text(text, encoding="utf-8", newline="\n")
