"""Who, seat by seat, still owes the strategy group something: a word on attending, or a ballot.

Pure rules over facts read elsewhere (``reminder_facts``). A seat is answered for by its holder; its deputies
step in only where the seat is vacant or the holder is recorded as not coming (absent, or represented by a
deputy) — a deputy votes for an absent holder, never both (DOMAIN.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from workflow.reminders.addressees import AgendaItem, Recipient

# Attendance recorded for a seat: the holder comes, a deputy comes instead, or nobody comes.
PRESENT, REPRESENTED, ABSENT = "present", "represented", "absent"


@dataclass(frozen=True)
class SeatFacts:
    """One seat of the strategy group as a meeting sees it: holders, deputies and any attendance recorded."""

    code: str
    holders: tuple[Recipient, ...] = ()
    deputies: tuple[Recipient, ...] = ()
    # None while nothing is recorded for this meeting; else "present", "represented" or "absent".
    attendance: str | None = None

    def answering(self) -> tuple[Recipient, ...]:
        """Who answers for the seat: the holder, or the deputies where it is vacant or the holder stays away."""
        if self.holders and self.attendance not in (ABSENT, REPRESENTED):
            return self.holders
        return self.deputies


@dataclass(frozen=True)
class OpenVote:
    """An open vote of a written procedure: its deadline, what it decides, which seats have a ballot in it."""

    id: int
    deadline: datetime
    items: tuple[AgendaItem, ...]
    voted: frozenset[str] = frozenset()


def seat_members(seats: Iterable[SeatFacts]) -> tuple[Recipient, ...]:
    """Every holder and deputy of the seats, each once, holders first (invitations go to all of them)."""
    seats = tuple(seats)
    people = [p for s in seats for p in s.holders] + [p for s in seats for p in s.deputies]
    return tuple({p.key: p for p in people}.values())


def unconfirmed(seats: Iterable[SeatFacts]) -> Iterator[Recipient]:
    """Who to remind of a meeting: those answering for seats whose attendance is not recorded yet."""
    seen: set[str] = set()
    for seat in seats:
        if seat.attendance is not None:
            continue
        for person in seat.answering():
            if person.key not in seen:
                seen.add(person.key)
                yield person


@dataclass(frozen=True)
class BallotDue:
    """One person's missing ballots in a written procedure: the votes' items and the earliest deadline."""

    recipient: Recipient
    deadline: datetime
    items: tuple[AgendaItem, ...]


def ballots_due(seats: Iterable[SeatFacts], votes: Iterable[OpenVote]) -> list[BallotDue]:
    """For each person answering for a seat without a ballot in an open vote: what they still have to vote on."""
    seats = tuple(seats)
    due: dict[str, tuple[Recipient, datetime, list[AgendaItem]]] = {}
    for vote in sorted(votes, key=lambda v: (v.deadline, v.id)):
        for seat in seats:
            if seat.code in vote.voted:
                continue
            for person in seat.answering():
                _recipient, _deadline, items = due.setdefault(person.key, (person, vote.deadline, []))
                items.extend(i for i in vote.items if i not in items)
    return [BallotDue(person, deadline, tuple(items)) for person, deadline, items in due.values()]
