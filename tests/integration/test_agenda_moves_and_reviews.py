"""The agenda stays consistent: a moved item is on the new meeting's agenda only and its history records the
move; a review started for a forwarded recommendation is an item of its review meeting with the reports so far."""

from datetime import timedelta

import pytest
from click.testing import CliRunner

from cli import main
from models.strategy import AgendaPurpose
from tests.support.factories import World
from tests.support.forwarding import forwarded
from tests.support.strategy import attend, fill_seats, meeting_ahead, scheduled
from workflow.engine.errors import GuardFailed, InvalidInput, NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.reports import ReportInput, report_by_link
from workflow.forwarding.review import start_review
from workflow.queries.recommendation_views import HistoryEntry, recommendation_history
from workflow.strategy_group.agenda import agenda_items, agenda_view, move_item
from workflow.strategy_group.meetings import cancel_meeting
from workflow.strategy_group.refusals import StrategyRefusal
from workflow.strategy_group.votes import open_vote
from workflow.strategy_group.written_procedures import start_written_procedure

DAY = timedelta(days=1)


def _agenda(world: World, meeting_id: int | None) -> list[int | None]:
    with world.db.read() as s:
        return [rec.id for _item, rec in agenda_items(s, meeting_id or 0)]


def _last_event(world: World, rec_id: int | None) -> HistoryEntry:
    with world.db.read() as s:
        return recommendation_history(s, rec_id or 0)[-1]


def test_a_moved_item_is_on_the_new_meetings_agenda_only_and_its_history_records_the_move(world: World) -> None:
    later = meeting_ahead(world, 120, title="Sitzung im Sommer")
    stays, moves = scheduled(world, world.meeting), scheduled(world, world.meeting)
    with unit_of_work(world.db) as s:
        move_item(s, world.meeting.id or 0, str(moves.id), later.id or 0, actor=world.secretariat,
                  now=world.now + DAY)
    assert _agenda(world, world.meeting.id) == [stays.id]
    assert _agenda(world, later.id) == [moves.id]
    record = _last_event(world, moves.id)
    assert (record.event, record.from_, record.to, record.meeting_id) == (
        "reschedule", "scheduled", "scheduled", later.id)
    assert record.actor is not None
    assert record.actor.email == world.secretariat.email and "Sitzung im Sommer" in record.comment
    assert world.reload(moves).state == "scheduled"


def test_a_vote_on_a_moved_item_opens_only_at_its_new_meeting(world: World) -> None:
    holders = fill_seats(world)
    later = meeting_ahead(world, 120)
    rec = scheduled(world, world.meeting)
    with unit_of_work(world.db) as s:
        move_item(s, world.meeting.id or 0, str(rec.id), later.id or 0, actor=world.secretariat, now=world.now)
    during = world.meeting.starts_at + timedelta(hours=1)
    attend(world, world.meeting, list(holders)[:8], during)
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        open_vote(s, world.meeting.id or 0, [str(rec.id)], actor=world.chair, now=during)
    assert refused.value.code is StrategyRefusal.NOT_ON_THIS_AGENDA
    assert refused.value.params["meeting"] == world.meeting.id
    assert world.reload(rec).state == "scheduled"


def test_moving_to_the_same_meeting_or_by_anyone_but_the_secretariat_is_refused_and_changes_nothing(
        world: World) -> None:
    rec = scheduled(world, world.meeting)
    later = meeting_ahead(world, 120)
    with pytest.raises(GuardFailed) as refused, unit_of_work(world.db) as s:
        move_item(s, world.meeting.id or 0, str(rec.id), world.meeting.id or 0, actor=world.secretariat,
                  now=world.now)
    assert [(r.code, r.parameters) for r in refused.value.reasons] == [
        ("already_on_that_agenda", {"meeting": world.meeting.id})]
    with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
        move_item(s, world.meeting.id or 0, str(rec.id), later.id or 0, actor=world.chair, now=world.now)
    assert _agenda(world, world.meeting.id) == [rec.id] and _agenda(world, later.id) == []
    assert _last_event(world, rec.id).event == "schedule"


def test_cancelling_a_meeting_reschedules_its_items_onto_the_next_one_with_the_reason_on_record(
        world: World) -> None:
    later = meeting_ahead(world, 120)
    rec = scheduled(world, world.meeting)
    with unit_of_work(world.db) as s:
        cancel_meeting(s, world.meeting.id or 0, actor=world.secretariat, now=world.now)
    assert _agenda(world, world.meeting.id) == [] and _agenda(world, later.id) == [rec.id]
    record = _last_event(world, rec.id)
    assert (record.event, record.meeting_id) == ("reschedule", later.id)
    assert record.actor is not None
    assert "abgesagt" in record.comment and record.actor.email == world.secretariat.email


def test_a_scheduled_recommendation_put_to_a_written_procedure_leaves_its_meeting_with_the_move_recorded(
        world: World) -> None:
    fill_seats(world)
    rec = scheduled(world, world.meeting)
    with unit_of_work(world.db) as s:
        vote = start_written_procedure(s, title="Umlaufverfahren", deadline=world.now + 10 * DAY,
                                       refs=[str(rec.id)], actor=world.secretariat, now=world.now)
    assert _agenda(world, world.meeting.id) == [] and _agenda(world, vote.meeting_id) == [rec.id]
    with world.db.read() as s:
        events = [(r.event, r.meeting_id) for r in recommendation_history(s, rec.id or 0)]
    assert events[-2:] == [("reschedule", vote.meeting_id), ("open_vote", vote.meeting_id)]


def test_starting_a_review_puts_it_on_the_review_meetings_agenda_with_the_reports_gathered_so_far(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    decided = scheduled(world, world.meeting, title="Noch zu entscheiden")
    rec, (district, city) = forwarded(world)
    with unit_of_work(world.db) as s:
        report_by_link(s, district.token, world.now + DAY, ReportInput(status="implemented", text="Erledigt."))
    with unit_of_work(world.db) as s:
        start_review(s, rec.id or 0, world.secretariat, world.now + 2 * DAY, meeting_id=world.meeting.id,
                     comment="Die Berichte liegen vor.", early=True)  # before its meeting: brought forward
    with unit_of_work(world.db) as s:  # after the review was put on the agenda: not part of what it reviews
        report_by_link(s, city.token, world.now + 3 * DAY, ReportInput(status="in_progress", text="Später."))
    with world.db.read() as s:
        rows = agenda_view(s, world.meeting.id or 0)
    assert [(r["recommendation_id"], r["purpose"]) for r in rows] == [
        (decided.id, AgendaPurpose.DECISION), (rec.id, AgendaPurpose.REVIEW)]
    assert [(r["body"], r["status"]) for r in rows[1]["reports"]] == [("Landkreis Beispiel", "implemented")]
    assert "reports" not in rows[0]

    monkeypatch.setenv("RECOFLOW_DATABASE_URL", world.db.url)
    shown = CliRunner().invoke(main, ["meetings", "agenda", str(world.meeting.id)], catch_exceptions=False)
    assert shown.exit_code == 0, shown.output
    assert "review" in shown.output and "Landkreis Beispiel: implemented – Erledigt." in shown.output
    assert "Später." not in shown.output
