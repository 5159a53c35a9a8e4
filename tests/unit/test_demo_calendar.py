"""The demo's meeting calendar, for every day the demo could be loaded on: two or three strategy meetings in
every year, one year with three, and - from late February to September - this year's three are the last one held
(with its minutes) and two ahead."""

from collections import Counter
from datetime import date, timedelta

import pytest

from demo.calendar import demo_calendar

DAYS = [date(2026, 1, 1) + timedelta(days=n) for n in range(4 * 365 + 1)]


def _years(today: date, offsets: list[int]) -> Counter[int]:
    return Counter((today + timedelta(days=o)).year for o in offsets)


@pytest.mark.parametrize("year", [2026, 2027, 2028, 2029])
def test_every_year_of_the_demo_has_two_or_three_strategy_meetings_and_one_has_three(year: int) -> None:
    for today in (d for d in DAYS if d.year == year):
        counts = _years(today, demo_calendar(today).all())
        assert all(2 <= counts[y] <= 3 for y in range(min(counts), max(counts) + 1)), (today, counts)
        assert 3 in counts.values(), (today, counts)


def test_the_stories_meetings_keep_their_order_and_distances_on_every_day() -> None:
    for today in DAYS:
        cal = demo_calendar(today)
        assert -300 <= cal.second <= -250 and -70 <= cal.last_held <= -45, today
        assert cal.first < cal.second < cal.last_held < 0 < cal.next < cal.review, today
        assert min(b - a for a, b in zip(cal.all(), cal.all()[1:], strict=False)) >= 25, today


@pytest.mark.parametrize("today", [date(2026, 2, 19), date(2026, 3, 10), date(2027, 6, 30), date(2028, 10, 1)])
def test_this_year_has_the_last_meeting_held_and_two_ahead(today: date) -> None:
    cal = demo_calendar(today)
    this_year = [o for o in cal.all() if (today + timedelta(days=o)).year == today.year]
    assert len(this_year) == 3 and cal.last_held in this_year
    assert len([o for o in this_year if o > 0]) == 2
