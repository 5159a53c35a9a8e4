"""Translations of the web pages: message ids are English, the German catalog is the default language.

The catalogs are read from the ``.po`` files in ``web/locale`` (``messages.po`` and one file per area of the pages)
and compiled in memory when first used, so a fresh clone needs no build step and no compiled ``.mo`` file is kept
in the repository.
"""

import gettext
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"


def N_(message: str) -> str:  # noqa: N802  (the conventional gettext marker)
    """Mark a message for extraction; it is translated where it is shown."""
    return message


def catalog_files(language: str) -> list[Path]:
    """The ``.po`` files of ``language``: ``messages.po`` first, then one per area of the pages, by name."""
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    main = folder / "messages.po"
    return ([main] if main.exists() else []) + sorted(p for p in folder.glob("*.po") if p != main)


def read_catalog(language: str) -> Catalog:
    """All messages of ``language`` in one catalog (an area's file may not repeat another's message)."""
    merged = Catalog(locale=language)
    for po_file in catalog_files(language):
        with po_file.open("rb") as handle:
            for message in read_po(handle, locale=language):
                if message.id:
                    merged[message.id] = message
    return merged


@cache
def catalog(language: str) -> gettext.NullTranslations:
    """The compiled catalog of ``language`` (English shows the message ids themselves)."""
    if not catalog_files(language):
        return gettext.NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(language))
    buffer.seek(0)
    return Translations(fp=buffer)


@dataclass(frozen=True)
class Translator:
    """The messages of one language, with ``%(name)s`` placeholders filled from keyword arguments."""

    language: str

    def gettext(self, message: str, **values: Any) -> str:
        """The translation of ``message``."""
        text = catalog(self.language).gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        """The singular or plural translation for ``n``; ``%(n)s`` is filled in."""
        text = catalog(self.language).ngettext(singular, plural, n)
        return text % {"n": n, **values}


def pick_language(*candidates: str | None) -> str:
    """The first supported language among ``candidates``, else German."""
    for candidate in candidates:
        if candidate in LANGUAGES:
            return str(candidate)
    return DEFAULT_LANGUAGE
