"""Every computed deadline and reminder time lies on the network's local calendar: N days or weeks earlier means
N calendar days earlier at the same wall-clock time, across every change to and from summer time 2026–2030."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from config import get_settings
from models.meeting import Meeting
from workflow.engine.clock import at_local, local_shift
from workflow.forwarding.review_calendar import add_months, report_due_at, review_threshold
from workflow.reminders.plan import ReminderPolicy, days_before
from workflow.strategy_group.meetings import submission_deadline

BERLIN = ZoneInfo("Europe/Berlin")


def _dst_changes(first: int, last: int) -> list[date]:
    """The days on which Berlin's offset changes, found by looking at the calendar (no rule assumed)."""
    day, end, found = date(first, 1, 1), date(last, 12, 31), []
    while day < end:
        before = datetime.combine(day, time(0), tzinfo=BERLIN).utcoffset()
        after = datetime.combine(day + timedelta(days=1), time(0), tzinfo=BERLIN).utcoffset()
        if before != after:
            found.append(day)
        day += timedelta(days=1)
    return found


CHANGES = _dst_changes(2026, 2030)


def _exists(naive: datetime) -> bool:
    """Whether a wall-clock time happens on the local calendar (the spring change skips an hour)."""
    return datetime.fromtimestamp(naive.replace(tzinfo=BERLIN).timestamp(), BERLIN).replace(tzinfo=None) == naive


def _expected(start: datetime, days: int) -> datetime:
    """What the local calendar says: ``days`` calendar days from the start's local day, same wall time; a wall time
    the day skips lies an hour later (the declared rule)."""
    local = start.astimezone(BERLIN)
    naive = datetime.combine(local.date() + timedelta(days=days), local.time().replace(fold=0))
    return naive if _exists(naive) else naive + timedelta(hours=1)


def _wall(instant: datetime) -> datetime:
    return instant.astimezone(BERLIN).replace(tzinfo=None)


# A meeting some days after a change (so that counting back crosses it), at any minute of the local day.
starts = st.builds(
    lambda change, after, minutes: at_local(change + timedelta(days=after), time(minutes // 60, minutes % 60), BERLIN),
    st.sampled_from(CHANGES), st.integers(min_value=1, max_value=120), st.integers(min_value=0, max_value=24 * 60 - 1))


def test_the_calendar_has_two_changes_a_year() -> None:
    assert len(CHANGES) == 10 and {d.month for d in CHANGES} == {3, 10}


@settings(max_examples=400, deadline=None)
@given(start=starts, weeks=st.integers(min_value=0, max_value=12), days=st.integers(min_value=-60, max_value=60))
def test_a_local_shift_keeps_the_wall_clock_time_on_the_shifted_local_day(start: datetime, weeks: int,
                                                                          days: int) -> None:
    shifted = local_shift(start, weeks=-weeks, days=days, tz=BERLIN)
    assert shifted.tzinfo == UTC
    assert _wall(shifted) == _expected(start, days - 7 * weeks)


@settings(max_examples=300, deadline=None)
@given(start=starts)
def test_the_submission_deadline_is_six_calendar_weeks_earlier_at_the_meetings_local_time(start: datetime) -> None:
    weeks = get_settings().submission_deadline_weeks
    deadline = submission_deadline(Meeting(title="Sitzung", starts_at=start))
    assert _wall(deadline) == _expected(start, -7 * weeks)


@settings(max_examples=300, deadline=None)
@given(start=starts)
def test_reports_are_due_the_configured_calendar_days_before_the_review_at_its_local_time(start: datetime) -> None:
    due = report_due_at(Meeting(title="Überprüfung", starts_at=start))
    assert _wall(due) == _expected(start, -get_settings().report_due_days_before_review)


@settings(max_examples=300, deadline=None)
@given(start=starts, days=st.integers(min_value=0, max_value=60))
def test_reminders_go_out_at_office_start_on_the_local_day_n_days_before_or_the_friday_before(start: datetime,
                                                                                               days: int) -> None:
    policy = ReminderPolicy(tz=BERLIN, office_start=time(9, 0))
    sent = _wall(days_before(start, days, policy))
    target = start.astimezone(BERLIN).date() - timedelta(days=days)
    while target.weekday() >= 5:
        target -= timedelta(days=1)
    assert sent == datetime.combine(target, time(9, 0))


@settings(max_examples=200, deadline=None)
@given(forwarded=starts)
def test_the_review_threshold_is_local_midnight_of_the_same_day_months_later(forwarded: datetime) -> None:
    months = get_settings().review_after_months
    threshold = review_threshold(forwarded)
    assert _wall(threshold) == datetime.combine(add_months(forwarded.astimezone(BERLIN).date(), months), time(0))


def test_a_wall_time_the_spring_change_skips_is_moved_forward_by_the_gap() -> None:
    for change in (d for d in CHANGES if d.month == 3):
        skipped = at_local(change, time(2, 30), BERLIN)
        assert _wall(skipped) == datetime.combine(change, time(3, 30))


def test_a_wall_time_the_autumn_change_repeats_is_its_first_occurrence_in_summer_time() -> None:
    for change in (d for d in CHANGES if d.month == 10):
        repeated = at_local(change, time(2, 30), BERLIN)
        assert repeated.astimezone(BERLIN).utcoffset() == timedelta(hours=2)
        assert repeated + timedelta(hours=1) == datetime.combine(change, time(2, 30), tzinfo=BERLIN).replace(
            fold=1).astimezone(UTC)


def test_the_issues_meeting_at_02_08_after_the_end_of_summer_time_has_its_deadline_at_02_08() -> None:
    # 8 November 2026 02:08 (winter time); six weeks earlier is 27 September, summer time: still 02:08 there.
    meeting = Meeting(title="Sitzung", starts_at=datetime(2026, 11, 8, 2, 8, tzinfo=BERLIN))
    assert _wall(submission_deadline(meeting)) == datetime(2026, 9, 27, 2, 8)
