"""The demo's calendar of strategy meetings, in days relative to the day the demo is loaded.

The demo's stories need five meetings: two held long ago, the last one held (its minutes are in the demo), the
next one, and one at least six months after the latest forwarding (its review meeting). They are placed, and
further meetings without business added, so that every calendar year has two or three strategy meetings (the
rule ``meetings.year_warnings`` checks), at least one year has three, and - whenever the date allows -
the current year has three: the last one held, with its minutes, and two ahead.
"""

from dataclasses import dataclass
from datetime import date, timedelta

FIRST = -420
# The second meeting lies 250 to 300 days back: it moves into last year when that keeps this year's three free.
SECOND_LATEST, SECOND_EARLIEST = -250, -300
# The last meeting held lies 45 to 70 days back: the latest forwarding (40 days back) follows its vote.
LAST_HELD_LATEST, LAST_HELD_EARLIEST = -45, -70
NEXT, REVIEW = 45, 160
# Meetings added to fill a year keep this distance (days) from every other meeting, and from today.
GAP, NEAR = 30, 10


@dataclass(frozen=True)
class DemoCalendar:
    """Offsets (days from today) of the stories' five meetings and of the meetings that fill the years."""

    first: int
    second: int
    last_held: int
    next: int
    review: int
    extra: tuple[int, ...] = ()

    @property
    def stories(self) -> tuple[int, int, int, int, int]:
        """The five meetings the stories refer to, in order."""
        return (self.first, self.second, self.last_held, self.next, self.review)

    def all(self) -> list[int]:
        """Every strategy meeting, earliest first."""
        return sorted((*self.stories, *self.extra))


def demo_calendar(today: date) -> DemoCalendar:
    """Where the demo's strategy meetings lie, seen from ``today``."""
    into_year = (today - date(today.year, 1, 1)).days
    # The last meeting held falls into this year when it can (not before 5 January).
    last_held = -min(-LAST_HELD_EARLIEST, into_year - 4) if into_year - 4 >= -LAST_HELD_LATEST else LAST_HELD_EARLIEST
    second = -(into_year + 1) if -SECOND_EARLIEST >= into_year + 1 >= -SECOND_LATEST else SECOND_LATEST
    taken = [FIRST, second, last_held, NEXT, REVIEW]

    def year(offset: int) -> int:
        return (today + timedelta(days=offset)).year

    def count(in_year: int) -> int:
        return sum(1 for o in taken if year(o) == in_year)

    def fill(in_year: int, after: int | None = None) -> bool:
        slot = _free_slot(today, in_year, taken, after)
        if slot is not None:
            taken.append(slot)
        return slot is not None

    # Two ahead this year beside the last one held, when the review meeting falls into next year.
    if year(last_held) == year(NEXT) == today.year != year(REVIEW) and count(today.year) < 3:
        fill(today.year, after=NEXT)
    for each in range(year(FIRST), year(max(taken)) + 1):
        while count(each) < 2 and fill(each):
            pass
    years = range(year(FIRST), year(max(taken)) + 1)
    if all(count(each) != 3 for each in years):
        # Rather this year or a later one (with a meeting ahead), else an earlier one.
        for each in sorted(years, key=lambda y: (y < today.year, y)):
            if count(each) == 2 and fill(each, after=NEXT if each >= today.year else None):
                break
    return DemoCalendar(FIRST, second, last_held, NEXT, REVIEW, tuple(sorted(taken[5:])))


def _free_slot(today: date, in_year: int, taken: list[int], after: int | None) -> int | None:
    """A mid-month day of ``in_year`` at least GAP days from every meeting and NEAR days from today (and later
    than ``after`` when given); None when the year has no such day."""
    for month in range(1, 13):
        offset = (date(in_year, month, 15) - today).days
        if abs(offset) < NEAR or (after is not None and offset <= after):
            continue
        if all(abs(offset - other) >= GAP for other in taken):
            return offset
    return None
