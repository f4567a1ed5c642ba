"""Translations of what the tool writes and asks, per language, with the stdlib's gettext.

English is the source language: its texts are the message ids, so no catalog is read for
it. Another language reads the compiled catalog the package carries,
`locale/<lang>/LC_MESSAGES/scaffold_go_docker.mo` (`scripts/update_translations.py`
extracts the messages and compiles it). Nothing is installed into builtins: a module that
translates asks for its language's `gettext` here.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from pathlib import Path

DOMAIN = "scaffold_go_docker"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE_LANGUAGE = "en"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of `lang`; for English, the identity."""
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


def gettext_for(lang: str) -> Callable[[str], str]:
    """`_` for `lang`: a message id in, its translation out."""
    return translations(lang).gettext


def N_(message: str) -> str:  # noqa: N802 (the name extraction tools look for)
    """Marks a message for extraction where it is defined; it is translated where it is used."""
    return message
