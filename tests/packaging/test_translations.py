"""The catalogs hold a translation of every message the sources mark, and the compiled
catalogs the package reads are those translations.

Babel's extraction runs in-process, as scripts/update_translations.py runs it.
"""

from __future__ import annotations

import configparser
import gettext
from pathlib import Path
from typing import Any

import pytest
from conftest import load_script

from scaffold_go_docker.i18n import SOURCE_LANGUAGE, translations
from scaffold_go_docker.options import Lang
from scaffold_go_docker.rendering.environment import environment

REPO_ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [lang for lang in Lang if lang != SOURCE_LANGUAGE]


update = load_script("update_translations")


@pytest.fixture(scope="module")
def extracted_ids() -> set[str]:
    return {message.id for message in update.extracted() if message.id}


def _catalog(lang: Lang) -> list[Any]:
    return [m for m in update.read_catalog(update.po_path(lang).read_bytes()) if m.id]


def test_every_language_but_english_has_a_catalog() -> None:
    assert update.languages() == [lang.value for lang in TRANSLATED]


def test_the_sources_mark_messages_in_templates_and_python(extracted_ids: set[str]) -> None:
    assert "Exec form: the service is PID 1 and receives SIGTERM directly." in extracted_ids
    assert "Write these files?" in extracted_ids


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_catalog_holds_exactly_the_extracted_messages(
    lang: Lang, extracted_ids: set[str]
) -> None:
    in_catalog = {message.id for message in _catalog(lang)}
    assert sorted(extracted_ids - in_catalog) == [], "missing: scripts/update_translations.py"
    assert sorted(in_catalog - extracted_ids) == [], "stale: scripts/update_translations.py"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_has_a_reviewed_translation(lang: Lang) -> None:
    untranslated = [m.id for m in _catalog(lang) if not m.string]
    fuzzy = [m.id for m in _catalog(lang) if m.fuzzy]
    assert untranslated == []
    assert fuzzy == [], "review these translations and delete their #, fuzzy lines"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_each_translation_keeps_its_messages_placeholders(lang: Lang) -> None:
    catalog = update.read_catalog(update.po_path(lang).read_bytes())
    problems = [(message.id, [str(e) for e in errors]) for message, errors in catalog.check()]
    assert problems == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_committed_catalogs_are_what_the_update_script_writes(lang: Lang) -> None:
    """Locations and notes current in the .po; the .mo compiled from the .po as it is."""
    po = update.po_path(lang).read_bytes()
    assert update.po_entries(po) == update.po_entries(update.updated_po(lang, update.extracted()))
    mo = update.mo_path(lang).read_bytes()
    assert update.mo_entries(mo) == update.mo_entries(update.compiled_mo(po))


def test_the_extraction_parses_templates_as_the_renderer_does() -> None:
    config = configparser.RawConfigParser()
    config.read(REPO_ROOT / "babel.cfg", encoding="utf-8")
    (section,) = [name for name in config.sections() if name.startswith("jinja2:")]
    options = dict(config.items(section))
    env = environment(Lang.EN)
    for name in ("trim_blocks", "lstrip_blocks", "keep_trailing_newline"):
        assert config.getboolean(section, name) == getattr(env, name), name
    assert options["extensions"] == "jinja2.ext.i18n"
    assert "jinja2.ext.InternationalizationExtension" in env.extensions
    assert config.getboolean(section, "newstyle_gettext") is env.newstyle_gettext  # type: ignore[attr-defined]


def test_english_reads_no_catalog() -> None:
    assert type(translations(Lang.EN)) is gettext.NullTranslations
