"""The demo's strategy year: three meetings in the current calendar year - the last one held, with its minutes,
and two ahead - no year with fewer than two or more than three, a written procedure in progress."""

from datetime import datetime

from sqlmodel import select

from demo.data import load_demo
from models.db import Database
from models.enums import MeetingKind
from models.meeting import Meeting
from models.strategy import Vote
from workflow.engine.unit_of_work import unit_of_work
from workflow.queries.minutes import minutes
from workflow.strategy_group.meetings import year_warnings


def test_the_demo_has_this_years_three_meetings_one_held_with_minutes_and_two_ahead(
        database: Database, now: datetime) -> None:
    with unit_of_work(database) as s:
        load_demo(s, now)
    with database.read() as s:
        assert year_warnings(s) == []
        meetings = s.exec(select(Meeting).where(Meeting.kind == MeetingKind.MEETING)
                          .order_by(Meeting.starts_at)).all()  # type: ignore[arg-type]
        this_year = [m for m in meetings if m.starts_at.astimezone(now.tzinfo).year == now.year]
        assert [m.status for m in this_year] == ["held", "planned", "planned"]
        record = minutes(s, this_year[0].id or 0)
        assert record.decisions and all(d.yes is not None for d in record.decisions)
        assert sum(a.status != "not recorded" for a in record.attendance) == 12
        assert [m.title for m in meetings] == [f"{n}. Sitzung der Strategiegruppe" for n in range(1, len(meetings) + 1)]
        [procedure_vote] = s.exec(select(Vote).where(Vote.status == "open")).all()
        assert procedure_vote.deadline is not None and procedure_vote.deadline > now
