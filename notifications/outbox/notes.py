"""Why a mail stands in the outbox as it does (skipped, failed, waiting): a code with its values, never a sentence.

A note is stored in the mail's ``last_error`` as ``"<code> <values as JSON>"``, so that the secretariat's pages word it
in the reader's language and the command line in English (``web/wording/refusals/notifications.py``). A note that is
no code (written before notes were coded) reads as itself.
"""

import contextlib
import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from models.base import json_value


class OutboxNote(StrEnum):
    """Why a mail was skipped, failed or waits; each member's comment names its values."""

    LATE = "outbox.late"                          # planned_for: a reminder due more than the grace period ago
    DEMO_HISTORY = "outbox.demo_history"          # hours: a mail about the demo's past, recorded but never sent
    SUBJECT_GONE = "outbox.subject_gone"          # subject: whom a personal link was for no longer exists or acts
    SERVER_ANSWER = "outbox.server_answer"        # answer: the mail server refused this mail (its own words)
    UNREACHABLE = "outbox.unreachable"            # server, error: no connection to the mail server (an outage)
    LOGIN_REFUSED = "outbox.login_refused"        # answer: the server refused the login (the settings' fault)
    CONNECTION_LOST = "outbox.connection_lost"    # error: the connection broke while this mail was being sent
    NEEDS_SMTPUTF8 = "outbox.needs_smtputf8"      # address: non-ASCII before the @, the server offers no SMTPUTF8
    BAD_ADDRESS = "outbox.bad_address"            # address: no mail can go to it
    NOT_COMPOSED = "outbox.not_composed"          # error: the mail could not be put together (template, attachment)
    GIVEN_UP = "outbox.given_up"                  # attempts: its senders died while sending it, this many times


@dataclass(frozen=True)
class Note:
    """A note read back: its code (``None`` for an uncoded one) and its values (``text`` for an uncoded one)."""

    code: OutboxNote | None
    values: dict[str, Any]


def note(code: OutboxNote, **values: Any) -> str:
    """The note as it is stored: the code, then its values as JSON (instants in ISO 8601)."""
    return f"{code.value} {json.dumps({k: json_value(v) for k, v in values.items()}, ensure_ascii=False)}"


def read_note(text: str) -> Note | None:
    """The stored note ``text`` as its code and values; ``None`` when there is none."""
    if not text:
        return None
    code, _, rest = text.partition(" ")
    if code in OutboxNote.__members__.values():
        try:
            values = json.loads(rest) if rest else {}
        except ValueError:
            values = None
        if isinstance(values, dict):
            if "planned_for" in values:
                with contextlib.suppress(TypeError, ValueError):
                    values["planned_for"] = datetime.fromisoformat(values["planned_for"])
            return Note(OutboxNote(code), values)
    return Note(None, {"text": text})
