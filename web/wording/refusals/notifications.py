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
    OutboxNote.SERVER_ANSWER: N_("Answer of the mail server: %(answer)s"),
    OutboxNote.UNREACHABLE: N_("The mail server %(server)s cannot be reached (%(error)s); the mail waits and is "
                               "sent once it answers."),
    OutboxNote.LOGIN_REFUSED: N_("The mail server refused the login; check the SMTP user and password. Answer of the "
                                 "mail server: %(answer)s"),
    OutboxNote.CONNECTION_LOST: N_("The connection to the mail server broke while this mail was sent (%(error)s); "
                                   "it is sent again."),
    OutboxNote.NEEDS_SMTPUTF8: N_("The address %(address)s has characters before the @ that the mail server does "
                                  "not accept (it offers no SMTPUTF8); ask the person for another address."),
    OutboxNote.BAD_ADDRESS: N_("No mail can be sent to %(address)s; correct the address in the directory."),
    OutboxNote.NOT_COMPOSED: N_("The mail could not be put together (%(error)s); it is not sent."),
    OutboxNote.GIVEN_UP: N_("Given up after %(attempts)s attempts that ended without an answer (the sender "
                            "stopped while sending it)."),
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
