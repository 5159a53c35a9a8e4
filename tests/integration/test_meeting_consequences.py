"""What moving or cancelling a meeting would do, read before it is confirmed: the preview names the deadlines that
move (and those that would lie in the past) and the bodies' reports that would turn overdue, changes nothing, and
says exactly what the move then does. Attendance is refused before the meeting's day; members check in themselves."""

from datetime import timedelta

import pytest
from sqlmodel import select

from models.forwarding import Forwarding, ReportStatus
from models.meeting import Meeting
from models.network import ChangeRecord
from models.recommendation import Recommendation
from models.strategy import AgendaItem, Attendance, AttendanceStatus
from tests.support.factories import World
from tests.support.forwarding import forwarded
from tests.support.meeting_web import during, seated
from tests.support.strategy import fill_seats, meeting_ahead, scheduled
from workflow.engine.clock import local_date
from workflow.engine.errors import ConflictError, InvalidInput, NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.accountability import forwarding_rows
from workflow.forwarding.reports import ReportInput, report_by_link
from workflow.forwarding.review import set_review_meeting
from workflow.queries.meeting_consequences import cancel_preview, move_preview
from workflow.strategy_group.meetings import (
    cancel_meeting,
    check_in,
    mark_held,
    move_meeting,
    record_attendance,
    submission_deadline,
)
from workflow.strategy_group.refusals import StrategyRefusal


def _reviewed_at(world: World, meeting: Meeting) -> tuple[Recommendation, str]:
    """A recommendation numbered NI-2026-007, forwarded to two bodies and reviewed at ``meeting``; the first body has
    reported already. Returns it and the name of the body still owing its report."""
    rec, [reported, owing] = forwarded(world)
    with unit_of_work(world.db) as s:
        row = s.get(Recommendation, rec.id)
        assert row is not None
        row.number = "NI-2026-007"
        set_review_meeting(s, rec.id or 0, meeting.id, world.secretariat, world.now)
    with unit_of_work(world.db) as s:
        report_by_link(s, reported.token, world.now, ReportInput(status=ReportStatus.IN_PROGRESS, text="Wir beginnen."))
    return rec, owing.organisation_name


def test_moving_a_meeting_earlier_names_the_deadline_in_the_past_and_the_report_turning_overdue(world: World) -> None:
    meeting = meeting_ahead(world, 60)
    rec, owing = _reviewed_at(world, meeting)
    new_start = world.now + timedelta(days=30)
    with unit_of_work(world.db) as s:
        preview = move_preview(s, meeting.id or 0, new_start, actor=world.secretariat, now=world.now)
    dates = {d.what: d for d in preview.dates}
    deadline = dates["submission_deadline"]
    assert deadline.before == submission_deadline(meeting) and deadline.before > world.now
    assert deadline.past and deadline.after < world.now
    assert dates["report_due"].past
    assert [(r.body, r.number) for r in preview.overdue] == [(owing, "NI-2026-007")]
    with world.db.read() as s:  # nothing changed
        assert s.get(Meeting, meeting.id).starts_at == meeting.starts_at  # type: ignore[union-attr]

    with unit_of_work(world.db) as s:
        moved = move_meeting(s, meeting.id or 0, new_start, actor=world.secretariat, now=world.now)
        # The preview said what the move does: the same Antragsschluss, and those overdue afterwards.
        assert submission_deadline(moved) == deadline.after
        rows = forwarding_rows(s, world.now, s.exec(select(Forwarding).where(
            Forwarding.recommendation_id == rec.id)).all())
    assert [r.body for r in rows if r.overdue] == [owing]


def test_a_move_the_secretariat_may_not_make_is_refused_by_the_preview_as_well(world: World) -> None:
    meeting = meeting_ahead(world, 60)
    with unit_of_work(world.db) as s, pytest.raises(NotPermitted):
        move_preview(s, meeting.id or 0, world.now + timedelta(days=30), actor=world.member, now=world.now)
    with unit_of_work(world.db) as s, pytest.raises(InvalidInput) as refused:
        move_preview(s, meeting.id or 0, world.now - timedelta(days=1), actor=world.secretariat, now=world.now)
    assert refused.value.code == StrategyRefusal.NEW_DATE_IN_PAST


def test_the_cancellation_preview_names_the_items_that_move_and_where(world: World) -> None:
    here = meeting_ahead(world, 60, title="Diese")
    item = scheduled(world, here, title="Ganztag an Grundschulen")
    with unit_of_work(world.db) as s:
        preview = cancel_preview(s, here.id or 0, actor=world.secretariat, now=world.now)
    assert [i.title for i in preview.items] == [item.title] and preview.target_id == world.meeting.id
    with unit_of_work(world.db) as s:
        cancel_meeting(s, here.id or 0, actor=world.secretariat, now=world.now)
    with world.db.read() as s:  # the item went where the preview said
        assert s.exec(select(AgendaItem.meeting_id).where(AgendaItem.recommendation_id == item.id)
                      .order_by(AgendaItem.id.desc())).first() == preview.target_id  # type: ignore[union-attr]


def test_attendance_is_refused_before_the_meetings_day_and_names_the_day(world: World) -> None:
    fill_seats(world)
    the_day_before = world.meeting.starts_at - timedelta(days=1)
    with unit_of_work(world.db) as s, pytest.raises(InvalidInput) as refused:
        record_attendance(s, world.meeting.id or 0, "MIN-3", AttendanceStatus.PRESENT, actor=world.secretariat,
                          now=the_day_before)
    assert refused.value.code == StrategyRefusal.ATTENDANCE_TOO_EARLY
    assert refused.value.params["day"] == local_date(world.meeting.starts_at)


def test_a_member_checks_in_and_out_themselves_and_the_record_names_who_did(world: World) -> None:
    fill_seats(world)
    at = during(world)
    with unit_of_work(world.db) as s:
        check_in(s, world.meeting.id or 0, actor=world.member, now=at)
    with world.db.read() as s:
        row = s.exec(select(Attendance).where(Attendance.meeting_id == world.meeting.id)).one()
        assert (row.status, row.person_id, row.recorded_by_id) == ("present", world.member.id, world.member.id)
    with unit_of_work(world.db) as s:
        check_in(s, world.meeting.id or 0, actor=world.member, now=at, present=False)
    with world.db.read() as s:
        assert s.exec(select(Attendance.status).where(Attendance.meeting_id == world.meeting.id)).one() == "absent"
        history = s.exec(select(ChangeRecord).where(ChangeRecord.subject_kind == "meeting",
                                                    ChangeRecord.subject_id == world.meeting.id)).all()
    assert [(h.action, h.actor_id, h.changes["status"]) for h in history] == [
        ("check_in", world.member.id, [None, "present"]), ("check_in", world.member.id, ["present", "absent"])]


def test_a_member_cannot_check_in_someone_else_nor_after_the_meeting_is_held(world: World) -> None:
    holders = fill_seats(world)
    at = during(world)
    with unit_of_work(world.db) as s, pytest.raises(NotPermitted) as refused:
        record_attendance(s, world.meeting.id or 0, "MIN-3", AttendanceStatus.PRESENT, actor=world.member, now=at,
                          person=holders["MIN-3"])
    assert refused.value.code == StrategyRefusal.ONLY_OWN_ATTENDANCE
    with unit_of_work(world.db) as s, pytest.raises(NotPermitted):
        check_in(s, world.meeting.id or 0, actor=world.stranger, now=at)
    with unit_of_work(world.db) as s:
        check_in(s, world.meeting.id or 0, actor=world.member, now=at)
    with unit_of_work(world.db) as s, pytest.raises(ConflictError):  # the deputy cannot take the holder's place
        check_in(s, world.meeting.id or 0, actor=world.deputy, now=at)
    with unit_of_work(world.db) as s:
        mark_held(s, world.meeting.id or 0, actor=world.secretariat, now=at)
    with unit_of_work(world.db) as s, pytest.raises(InvalidInput) as closed:
        check_in(s, world.meeting.id or 0, actor=world.member, now=at, present=False)
    assert closed.value.code == StrategyRefusal.CHECK_IN_CLOSED


def test_seated_records_attendance_on_the_meetings_day(world: World) -> None:
    seated(world)
    with world.db.read() as s:
        days = {r.recorded_at.astimezone(world.now.tzinfo).date() for r in s.exec(select(Attendance)).all()}
    assert days == {local_date(world.meeting.starts_at)}
