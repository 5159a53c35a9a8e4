"""German is the default language of the web pages: every message they show has a German text with the same
placeholders, so no page falls back to English in the middle of a German sentence."""

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from web.i18n import catalog_files, read_catalog

ROOT = Path(__file__).resolve().parents[2]
METHODS = [("web/templates/**.html", "jinja2"), ("web/**.py", "python")]
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _used_messages() -> dict[str, str]:
    """Each message id the pages use, with where it is used."""
    used: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(ROOT), METHODS, keywords=KEYWORDS, comment_tags=()):
        # A plural message is catalogued under its singular.
        msgid = message if isinstance(message, str) else message[0]
        used.setdefault(msgid, f"{filename}:{lineno}")
    return used


USED = _used_messages()


def test_the_pages_use_messages_at_all() -> None:
    assert len(USED) > 300  # the extraction found the templates and modules


def test_every_message_of_the_pages_has_a_german_text() -> None:
    catalog = read_catalog("de")
    missing = []
    for msgid, where in sorted(USED.items()):
        entry = catalog.get(msgid)
        texts = [] if entry is None else [entry.string] if isinstance(entry.string, str) else list(entry.string)
        if not texts or not all(texts):
            missing.append(f"{where}: {msgid!r}")
    assert not missing, "add German texts to a catalog in web/locale/de/LC_MESSAGES/ for:\n" + "\n".join(missing)


def test_no_german_text_names_a_placeholder_its_message_does_not_fill() -> None:
    wrong = []
    for entry in read_catalog("de"):
        if not entry.id or not entry.string:
            continue
        ids = [entry.id] if isinstance(entry.id, str) else list(entry.id)
        texts = [entry.string] if isinstance(entry.string, str) else list(entry.string)
        wanted = set(_PLACEHOLDER.findall(ids[-1]))
        for text in texts:
            # A German text may leave a value out ("Der Zeitpunkt ..."), but one it names must be given.
            if not set(_PLACEHOLDER.findall(text)) <= wanted:
                wrong.append(f"{ids[0]!r} → {text!r}")
    assert not wrong, "German texts with placeholders their message does not have:\n" + "\n".join(wrong)


def test_no_message_has_two_german_texts_in_different_catalog_files() -> None:
    seen: dict[str, str] = {}
    twice = []
    for po_file in catalog_files("de"):
        with po_file.open("rb") as handle:
            for entry in read_po(handle, locale="de"):
                if entry.id and entry.id in seen:
                    twice.append(f"{entry.id!r} in {seen[entry.id]} and {po_file.name}")
                seen.setdefault(entry.id, po_file.name)
    assert not twice, "one German text per message:\n" + "\n".join(twice)
