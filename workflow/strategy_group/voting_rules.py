"""The counting rules of the strategy group, as pure functions of ballots and seats (no database, no clock).

Definitions, applied to the seats of the network's configured composition (vacant ones included):
- quorum: more than half of all seats cast a ballot (yes, no or abstain all count as taking part);
- ``default``: quorum, and more yes than no; a tie is not adopted;
- ``two_thirds``: quorum, at least one yes, and yes at least two thirds of the yes and no ballots
  (abstentions count for the quorum only);
- ``each_category``: the default rule, and every seat category has at least one yes;
- ``silence``: no quorum; adopted unless at least one seat voted no.
"""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from models.strategy import Choice, VoteRule

SeatKey = TypeVar("SeatKey", bound=Hashable)


@dataclass(frozen=True)
class Tally:
    """How many seats voted which way."""

    yes: int = 0
    no: int = 0
    abstain: int = 0

    @property
    def participants(self) -> int:
        """Seats that cast a ballot of any kind."""
        return self.yes + self.no + self.abstain

    def __str__(self) -> str:
        return f"{self.yes} yes, {self.no} no, {self.abstain} abstentions"


@dataclass(frozen=True)
class Count:
    """The outcome of applying a rule: the tally, whether the quorum was met, and whether it is adopted."""

    rule: VoteRule
    tally: Tally
    total_seats: int
    quorum_met: bool
    adopted: bool
    reason: str


def quorum_size(total_seats: int) -> int:
    """The fewest ballots that are more than half of ``total_seats``."""
    return total_seats // 2 + 1


def tally_of(ballots: Mapping[SeatKey, Choice]) -> Tally:
    """Count the ballots by choice."""
    values = list(ballots.values())
    return Tally(yes=values.count(Choice.YES), no=values.count(Choice.NO), abstain=values.count(Choice.ABSTAIN))


def count(rule: VoteRule, ballots: Mapping[SeatKey, Choice], seats: Mapping[SeatKey, str]) -> Count:
    """Apply ``rule`` to one ballot per seat; ``seats`` maps every configured seat to its category code."""
    unknown = set(ballots) - set(seats)
    if unknown:
        raise ValueError(f"ballots for seats that do not exist: {sorted(map(str, unknown))}")
    tally = tally_of(ballots)
    total = len(seats)
    if rule == VoteRule.SILENCE:
        adopted = tally.no == 0
        reason = "no objection" if adopted else f"{tally.no} objection(s)"
        return Count(rule, tally, total, True, adopted, reason)
    quorum = tally.participants >= quorum_size(total)
    if not quorum:
        return Count(rule, tally, total, False, False,
                     f"no quorum: {tally.participants} of {total} seats voted, {quorum_size(total)} needed")
    if rule == VoteRule.TWO_THIRDS:
        adopted = tally.yes > 0 and 3 * tally.yes >= 2 * (tally.yes + tally.no)
        return Count(rule, tally, total, True, adopted, "two-thirds majority" if adopted else "no two-thirds majority")
    adopted = tally.yes > tally.no
    reason = "more yes than no" if adopted else "not more yes than no"
    if adopted and rule == VoteRule.EACH_CATEGORY:
        without = sorted({str(c) for c in seats.values()} - {str(seats[s]) for s, c in ballots.items()
                                                               if c == Choice.YES})
        if without:
            adopted, reason = False, f"no yes from the seat categories {', '.join(without)}"
    return Count(rule, tally, total, True, adopted, reason)
