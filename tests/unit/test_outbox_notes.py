"""The outbox keeps why a mail was not sent as a code with values: it reads back as it was written, every code has an
English and a German text, and a note written before notes were coded reads as itself."""

import re
from datetime import UTC, datetime

import pytest

from notifications.outbox.notes import Note, OutboxNote, note, read_note
from web.i18n import Translator
from web.wording.refusals.notifications import NOTES, word_note

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_a_note_reads_back_as_its_code_and_values() -> None:
    planned = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    assert read_note(note(OutboxNote.LATE, planned_for=planned)) == Note(OutboxNote.LATE, {"planned_for": planned})
    assert read_note("550 mailbox unknown") == Note(None, {"text": "550 mailbox unknown"})
    assert read_note("") is None


@pytest.mark.parametrize("code", list(OutboxNote), ids=str)
def test_every_note_has_an_english_and_a_german_text_naming_the_same_values(code: OutboxNote) -> None:
    names = _PLACEHOLDER.findall(NOTES[code])
    german = Translator("de").gettext(NOTES[code])
    assert german != NOTES[code] and set(_PLACEHOLDER.findall(german)) == set(names)
    stored = note(code, **{name: f"<{name}>" for name in names})
    assert "%(" not in word_note(stored, Translator("de"), str)
