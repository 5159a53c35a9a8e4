"""Refusals of the strategy group's use cases (meetings, agendas, attendance, votes, ballots) kept as a sentence id
with its values, so that the command line prints the English sentence and the pages can word it in German.

Each refusal is still a ``NotPermitted``, ``InvalidInput`` or ``NotFound``: callers that catch those see no change.
"""

from collections.abc import Mapping
from datetime import datetime
from enum import Enum
from typing import Any, ClassVar

from workflow.engine.errors import EngineRefusal, InvalidInput, NotFound, NotPermitted, RecoflowError

# The English sentences (what ``str(error)`` says); ``%(name)s`` placeholders take the values.
SENTENCES: dict[str, str] = {
    # who may act
    "role_required": "%(name)s <%(email)s> may not %(doing)s: only %(roles)s may.",
    # ballots
    "no_seat": "%(name)s <%(email)s> holds no seat of the strategy group and is no deputy; only seat holders "
               "and their deputies vote.",
    "not_seat_of": "%(name)s is neither holder nor deputy of seat %(seat)s.",
    "several_seats": "%(name)s sits for several seats (%(codes)s); name the seat with --seat.",
    "seat_not_attending": "Seat %(seat)s is not recorded as present or represented at meeting %(meeting)s; in a "
                          "meeting only present or represented seats vote.",
    "seat_present": "Seat %(seat)s is present at this meeting by %(who)s; only they vote for it.",
    "seat_represented": "Seat %(seat)s is represented at this meeting by %(who)s; only they vote for it.",
    "seat_voted_by_other": "Seat %(seat)s has voted already, through %(who)s; a seat votes once, by its holder or "
                           "its deputy, never both.",
    "vote_closed": "Vote %(vote)s is closed (%(result)s); its ballots and result can no longer change.",
    "ballot_deadline_passed": "The deadline of vote %(vote)s has passed; no more ballots are accepted.",
    # opening and closing votes
    "meeting_not_open_for_votes": "Meeting %(meeting)s is %(status)s; votes open in meetings not yet closed.",
    "meeting_not_begun": "Meeting %(meeting)s has not begun yet; votes in it open once it has.",
    "no_quorum_to_open": "Only %(attending)s seats are present or represented at meeting %(meeting)s; a vote needs a "
                         "quorum of %(needed)s (record attendance with 'recoflow meetings attendance').",
    "vote_deadline_passed": "The deadline %(deadline)s has passed; give a later --deadline.",
    "nothing_to_vote_on": "Name at least one recommendation to vote on.",
    "not_scheduled": "%(label)s is %(state)s; only scheduled recommendations can be put to the vote.",
    "not_on_this_agenda": "%(label)s is not on the agenda of meeting %(meeting)s; move it there first.",
    "return_needs_reason": "Say why the strategy group returns it for revision (--comment).",
    "no_quorum_to_close": "Vote %(vote)s has no quorum yet (%(participants)s of %(total)s seats voted, %(needed)s "
                          "needed); wait for more ballots, or close it with --return to send it back for revision.",
    "runs_until_deadline": "Vote %(vote)s runs until %(deadline)s and closes then on its own; %(missing)s occupied "
                           "seat(s) have not voted yet.",
    # the calendar
    "meeting_needs_title": "Give the meeting a title.",
    "time_in_past": "The %(what)s lies in the past (%(when)s); give a time after now.",
    "ends_before_start": "A meeting cannot end before it starts; give an end after the start.",
    "meeting_needs_place": "Give a place (--location) or an online link (--online-url) for the meeting.",
    "meeting_not_changeable": "Meeting %(meeting)s is %(status)s; only planned or moved meetings can change.",
    "meeting_begun": "Meeting %(meeting)s has already begun; it can no longer be moved or cancelled.",
    "meeting_has_open_vote": "Meeting %(meeting)s has an open vote; close it before cancelling the meeting.",
    "meeting_already": "Meeting %(meeting)s is %(status)s already.",
    "meeting_not_begun_held": "Meeting %(meeting)s has not begun yet; it can be recorded as held once it has.",
    # attendance
    "no_attendance_in_procedure": "%(title)s is a written procedure; there is no attendance, every seat may vote.",
    "meeting_cancelled_attendance": "Meeting %(meeting)s is cancelled; nobody attends it.",
    "seat_without_holder": "Seat %(seat)s has no holder today, so it cannot be recorded as present.",
    "seat_without_deputy": "Seat %(seat)s has no deputy today, so it cannot be recorded as represented.",
    "several_holders": "Seat %(seat)s has several holders; name who attended (--person EMAIL).",
    "several_deputies": "Seat %(seat)s has several deputies; name who attended (--person EMAIL).",
    "not_holder_of": "%(name)s is not a holder of seat %(seat)s.",
    "not_deputy_of": "%(name)s is not a deputy of seat %(seat)s.",
    "attendance_locked": "Seat %(seat)s has voted in an open vote of this meeting; its attendance can change only "
                         "after that vote is closed.",
    # the agenda
    "position_out_of_range": "Position %(position)s is not on the agenda; choose 1 to %(last)s.",
    "item_not_scheduled": "%(label)s is %(state)s; only scheduled items can move to another meeting.",
    "target_not_ahead": "Meeting %(meeting)s is %(status)s or has begun; choose a meeting ahead.",
    "not_on_agenda": "%(label)s is not on the agenda of meeting %(meeting)s.",
    # written procedures
    "procedure_item_state": "%(label)s is %(state)s; a written procedure decides submitted or scheduled "
                            "recommendations.",
}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return ", ".join(str(_plain(v)) for v in value)
    return value


def sentence(code: str, values: Mapping[str, Any]) -> str:
    """The English sentence of ``code`` with ``values`` filled in."""
    return SENTENCES[code] % {k: _plain(v) for k, v in values.items()}


class Worded(RecoflowError):
    """A refusal of a family that still keeps its English sentences here (``sentences``), known by
    ``"<family>.<key>"``; the pages word each family from a table of their own (``web/wording/refusals``).

    Families move to codes of their own room (a ``RefusalCode`` enum) with their sentences in the one wording table.
    """

    family: ClassVar[str] = "strategy"
    sentences: ClassVar[Mapping[str, str]] = SENTENCES

    def __init__(self, key: str, **values: Any) -> None:
        if key not in self.sentences:
            raise KeyError(f"{self.family} has no refusal {key!r}")
        self.key = key
        self.values = values
        super().__init__(EngineRefusal.FAMILY, family=self.family, key=key, **values)

    def __str__(self) -> str:
        return self.sentences[self.key] % {k: _plain(v) for k, v in self.values.items()}


class WordedNotPermitted(Worded, NotPermitted):
    """The actor may not do this (see ``key``)."""


class WordedInvalidInput(Worded, InvalidInput):
    """Not possible with these values or at this time (see ``key``)."""


class WordedNotFound(Worded, NotFound):
    """A named thing is not where it was looked for (see ``key``)."""
