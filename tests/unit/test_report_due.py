"""A report is due a fixed number of days before the review meeting, at the meeting's local time of day."""

from datetime import datetime
from zoneinfo import ZoneInfo

from models.meeting import Meeting
from workflow.forwarding.review_calendar import report_due_at

BERLIN = ZoneInfo("Europe/Berlin")


def test_the_due_time_keeps_the_local_time_of_day_across_the_change_to_summer_time() -> None:
    # 42 days before 15 April 2027 10:00 (summer time) is 4 March 2027 10:00 (winter time), not 09:00.
    review = Meeting(title="Überprüfung", starts_at=datetime(2027, 4, 15, 10, 0, tzinfo=BERLIN))
    due = report_due_at(review).astimezone(BERLIN)
    assert (due.date().isoformat(), due.hour, due.minute) == ("2027-03-04", 10, 0)


def test_the_due_time_keeps_the_local_time_of_day_across_the_change_to_winter_time() -> None:
    review = Meeting(title="Überprüfung", starts_at=datetime(2027, 11, 25, 14, 30, tzinfo=BERLIN))
    due = report_due_at(review).astimezone(BERLIN)
    assert (due.date().isoformat(), due.hour, due.minute) == ("2027-10-14", 14, 30)
