"""The read models and use cases behind the network's and the secretariat's pages, called as the pages call them."""

from datetime import date, timedelta

import pytest
from sqlmodel import select

from models.enums import MeetingStatus, Role
from models.outbox import OutboxMessage, OutboxStatus
from models.strategy import Decision
from notifications.outbox.views import outbox_listing, retry_mail
from tests.support.factories import World
from tests.support.network import convened_group, held_meeting, mail
from tests.support.strategy import meeting_ahead
from web.wording.refusals import english
from workflow.engine.errors import EngineRefusal, InvalidInput, NotFound, NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.directory import assign_role
from workflow.network.working_group_events import fire_working_group_event, group_event_forms
from workflow.queries.browsing import standing_of
from workflow.queries.composition_view import composition_view
from workflow.queries.group_views import deciding_meetings, group_overview
from workflow.queries.reminder_overview import reminder_plan
from workflow.reminders.plan import ReminderPolicy
from workflow.strategy_group.seat_holders import all_seats


def test_a_group_counts_only_the_recommendations_the_person_may_see(world: World) -> None:
    world.recommendation(group=world.other_group)
    world.recommendation(group=world.other_group, state="submitted")
    with world.db.read() as s:
        day = world.now.date()
        as_lead = {g.name: g for g in group_overview(s, standing_of(s, world.lead.id or 0, day), day)}
        as_chair = {g.name: g for g in group_overview(s, standing_of(s, world.chair.id or 0, day), day)}
    assert as_lead["AG Andere"].recommendations == 1 and as_chair["AG Andere"].recommendations == 2
    assert as_lead["AG Beispiel"].leads == ["Leitung Lange"]
    assert as_lead["AG Beispiel"].members == ["AG-Mitglied Mertens"]


def test_concluding_a_group_asks_for_the_deciding_meeting_and_records_the_decision(world: World) -> None:
    meeting = held_meeting(world)
    with unit_of_work(world.db) as s:
        forms = {f.event: f for f in group_event_forms(s, world.group, world.secretariat, world.now)}
        with pytest.raises(InvalidInput, match=r"network\.decision_needs_meeting \(event='conclude'"):
            fire_working_group_event(s, world.group.id or 0, "conclude", actor=world.secretariat, now=world.now,
                                     comment="Auftrag erfüllt")
    assert forms["conclude"].needs_meeting and forms["conclude"].needs_comment
    with unit_of_work(world.db) as s:
        group = fire_working_group_event(s, world.group.id or 0, "conclude", actor=world.secretariat,
                                         now=world.now, comment="Auftrag erfüllt", meeting_id=meeting.id)
        decision = s.exec(select(Decision).where(Decision.working_group_id == world.group.id)).one()
    assert group.state == "concluded" and decision.meeting_id == meeting.id


def test_who_may_not_fire_a_group_event_learns_that_before_anything_else(world: World) -> None:
    with pytest.raises(NotPermitted) as refused, unit_of_work(world.db) as s:
        fire_working_group_event(s, world.group.id or 0, "conclude", actor=world.lead, now=world.now)
    assert refused.value.code is EngineRefusal.ROLE_REQUIRED and refused.value.params["event"] == "conclude"
    assert set(refused.value.params["allowed"]) == {"secretariat", "chair"}
    assert english(refused.value).endswith("only the secretariat or the chair may.")
    with world.db.read() as s:
        assert s.exec(select(Decision)).first() is None


def test_a_group_event_fired_through_the_form_moves_the_group(world: World) -> None:
    group = convened_group(world, held_meeting(world), "AG Neu")
    with unit_of_work(world.db) as s:
        moved = fire_working_group_event(s, group.id or 0, "activate", actor=world.secretariat, now=world.now)
    assert moved.state == "active"


def test_decisions_can_be_recorded_for_held_meetings_and_written_procedures_only(world: World) -> None:
    held = held_meeting(world)
    procedure = meeting_ahead(world, 10, written=True, title="Umlauf")
    cancelled = held_meeting(world, 5, title="Abgesagt")
    with unit_of_work(world.db) as s:
        row = s.get(type(cancelled), cancelled.id)
        assert row is not None
        row.status = MeetingStatus.CANCELLED
        s.commit()
    with world.db.read() as s:
        ids = [m.id for m in deciding_meetings(s, world.now)]
    assert ids == [procedure.id, held.id]
    assert world.meeting.id not in ids


def test_the_composition_shows_only_terms_in_force_with_their_dates(world: World) -> None:
    with unit_of_work(world.db) as s:
        seats = {seat.code: seat.id for seat in all_seats(s)}
        assign_role(s, world.lead, Role.STRATEGY_MEMBER, date(2020, 1, 1), seat_id=seats["KLV-GT"],
                    ends_on=date(2025, 12, 31))
        assign_role(s, world.wg_member, Role.STRATEGY_MEMBER, date(2026, 1, 1), seat_id=seats["KLV-GT"])
        assign_role(s, world.other_lead, Role.DEPUTY, date(2027, 1, 1), seat_id=seats["KLV-GT"])
    with world.db.read() as s:
        view = composition_view(s, date(2026, 3, 10))
    seat = next(seat for c in view.categories for seat in c.seats if seat.code == "KLV-GT")
    assert [h.model_dump() for h in seat.holders] == [{"name": "AG-Mitglied Mertens", "starts_on": date(2026, 1, 1),
                                                      "ends_on": None}]
    assert seat.deputies == []
    assert [c.category for c in view.categories] == ["ministry", "municipal_association",
                                                     "administration_head", "integration_commissioner"]
    assert "KLV-GT" not in {f.values["code"] for f in view.vacancies}


def test_the_reminder_plan_names_what_each_reminder_is_about(world: World) -> None:
    with world.db.read() as s:
        plan = reminder_plan(s, world.now, ReminderPolicy(), meeting_id=world.meeting.id)
        with pytest.raises(NotFound):
            reminder_plan(s, world.now, ReminderPolicy(), meeting_id=999)
    assert plan.rows and not plan.limited
    assert {r.about.title for r in plan.rows} == {"Sitzung der Strategiegruppe"}
    assert all(r.send_at >= world.now for r in plan.rows)
    assert plan.rows == sorted(plan.rows, key=lambda r: r.send_at)


def test_only_the_secretariat_queues_a_mail_again(world: World) -> None:
    failed = mail(world, status=OutboxStatus.FAILED, error="550")
    with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
        retry_mail(s, failed, actor=world.chair, now=world.now)
    with world.db.read() as s:
        assert outbox_listing(s).counts["failed"] == 1
    later = world.now + timedelta(minutes=5)
    with unit_of_work(world.db) as s:
        retry_mail(s, failed, actor=world.secretariat, now=later)
    with world.db.read() as s:
        listing = outbox_listing(s, OutboxStatus.QUEUED)
        row = s.get(OutboxMessage, failed)
    assert listing.counts["failed"] == 0 and [r.id for r in listing.rows] == [failed]
    assert row is not None and row.attempts == 0 and row.next_attempt_at == later
