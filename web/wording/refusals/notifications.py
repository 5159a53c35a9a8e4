"""Refusals of notifications/ and the outbox's notes (English message ids; German from refusals_notifications.po)."""

from collections.abc import Callable
from datetime import datetime

from notifications.outbox.notes import OutboxNote, read_note
from notifications.outbox.refusals import OutboxRefusal
from web.i18n import N_, Translator
from workflow.engine.errors import RefusalCode

REFUSALS: dict[RefusalCode, str] = {
    OutboxRefusal.NO_MAIL: N_("There is no mail %(mail)s in the outbox."),
    OutboxRefusal.NOT_RETRYABLE: N_("Mail %(mail)s is %(status)s; only failed, skipped or queued mails can be "
                                    "sent again."),
}

# Why a mail stands in the outbox as it does: note code → English message id.
NOTES: dict[OutboxNote, str] = {
    OutboxNote.LATE: N_("Planned for %(planned_for)s, more than the grace period ago; not sent."),
    OutboxNote.DEMO_HISTORY: N_("Demo history: about an event more than %(hours)s hours before the demo was loaded; "
                                "not sent."),
    OutboxNote.SUBJECT_GONE: N_("%(subject)s no longer exists or is inactive; no personal link to send."),
}


def word_note(text: str, translate: Translator, when: Callable[[datetime], str]) -> str:
    """A mail's stored note in the reader's language (an uncoded one as it stands); empty when there is none."""
    found = read_note(text)
    if found is None:
        return ""
    if found.code is None:
        return str(found.values["text"])
    values = {k: when(v) if isinstance(v, datetime) else v for k, v in found.values.items()}
    return translate.gettext(NOTES[found.code], **values)
