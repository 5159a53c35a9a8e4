"""Translations of the web pages: message ids are English, the German catalog is the default language.

The catalogs are read from the ``.po`` files in ``web/locale`` and compiled in memory when first used, so a
fresh clone needs no build step and no compiled ``.mo`` file is kept in the repository.
"""

import gettext
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"


def N_(message: str) -> str:  # noqa: N802  (the conventional gettext marker)
    """Mark a message for extraction; it is translated where it is shown."""
    return message


@cache
def catalog(language: str) -> gettext.NullTranslations:
    """The compiled catalog of ``language`` (English shows the message ids themselves)."""
    po_file = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if not po_file.exists():
        return gettext.NullTranslations()
    with po_file.open("rb") as handle:
        messages = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, messages)
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
