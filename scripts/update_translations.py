"""Extract the translatable messages, bring each language's catalog up to date, compile it.

    .venv/bin/python scripts/update_translations.py          # write the .po and .mo files
    .venv/bin/python scripts/update_translations.py --check  # exit 1 if any is out of date

The messages are the English texts in `templates/**.j2` (`{{ _("...") }}`) and in
`src/**.py` (`_(...)`, `N_(...)`), found as babel.cfg says. Each catalog
`src/scaffold_go_docker/locale/<lang>/LC_MESSAGES/scaffold_go_docker.po` gets new messages
with an empty translation, loses removed ones, and marks a translation `fuzzy` where a
message changed: translate or review those, delete the `#, fuzzy` lines, and run this again
to compile the `.mo` the package reads. tests/packaging/test_translations.py fails while a
message is untranslated or fuzzy, or a `.mo` is stale. Babel (the `test` extra) does this
work; the tool itself reads the `.mo` with the standard library's gettext.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from scaffold_go_docker import __version__

REPO_ROOT = Path(__file__).resolve().parent.parent
MAPPING = REPO_ROOT / "babel.cfg"
LOCALE_DIR = REPO_ROOT / "src" / "scaffold_go_docker" / "locale"
DOMAIN = "scaffold_go_docker"
#: A tag that marks a comment in the source as a note for translators (kept in the .po).
TRANSLATOR_NOTE = "Translators:"


def languages() -> list[str]:
    return sorted(path.name for path in LOCALE_DIR.iterdir() if path.is_dir())


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def extracted() -> Catalog:
    """Every message in the sources, in the order they first occur, as a template."""
    with MAPPING.open(encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping, str(MAPPING))  # type: ignore[no-untyped-call]
    template = Catalog(project="scaffold-go-docker", fuzzy=False)
    found = extract_from_dir(
        REPO_ROOT,
        method_map,
        options_map,
        comment_tags=(TRANSLATOR_NOTE,),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        template.add(
            message, None, [(Path(filename).as_posix(), lineno)],
            auto_comments=comments, context=context,
        )  # fmt: skip
    return template


def read_catalog(data: bytes) -> Catalog:
    return read_po(io.BytesIO(data))


def updated_po(lang: str, template: Catalog) -> bytes:
    """The text the catalog of `lang` should have: its translations, today's messages."""
    path = po_path(lang)
    catalog = read_catalog(path.read_bytes()) if path.exists() else Catalog(locale=lang)
    catalog.update(template, update_creation_date=False)
    catalog.project, catalog.version = "scaffold-go-docker", __version__
    out = io.BytesIO()
    # File names without line numbers: a template edit does not touch every location.
    # No wrapping: one line per message line, the same whichever Babel writes it.
    write_po(out, catalog, width=0, ignore_obsolete=True, include_lineno=False)
    return out.getvalue()


def compiled_mo(po_text: bytes) -> bytes:
    """The .mo of a .po's text; fuzzy translations are left out (English is shown)."""
    out = io.BytesIO()
    write_mo(out, read_catalog(po_text), use_fuzzy=False)
    return out.getvalue()


def po_entries(po_text: bytes) -> list[tuple[object, ...]]:
    """What a .po says, without its header (dates, versions): each message in order."""
    return [
        (m.id, m.string, sorted(m.flags), m.locations, m.auto_comments, m.context)
        for m in read_catalog(po_text)
        if m.id
    ]


def mo_entries(mo_data: bytes) -> dict[object, object]:
    """What a .mo says, without its header: each message id and its translation."""
    return {m.id: m.string for m in read_mo(io.BytesIO(mo_data)) if m.id}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    template = extracted()
    stale = []
    for lang in languages():
        po = updated_po(lang, template)
        # Compared by content, so a newer Babel or another day rewrites nothing.
        for path, text, entries in (
            (po_path(lang), po, po_entries),
            (mo_path(lang), compiled_mo(po), mo_entries),
        ):
            if path.exists() and entries(path.read_bytes()) == entries(text):
                continue
            stale.append(path)
            if not args.check:
                path.write_bytes(text)
    verb = "out of date" if args.check else "written"
    for path in stale:
        print(f"{verb}: {path.relative_to(REPO_ROOT)}", file=sys.stderr)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
