"""A recommendation decided by the strategy group: through a meeting's agenda and vote, and through a written
procedure closed at its deadline; the minutes show both decisions."""

from datetime import timedelta

from sqlmodel import select

from models.strategy import Choice, Vote
from models.transition_record import TransitionRecord
from tests.support.factories import World
from tests.support.strategy import attend, fill_seats, meeting_ahead, scheduled
from workflow.engine.unit_of_work import unit_of_work
from workflow.queries.minutes import minutes
from workflow.queries.recommendation_views import recommendation_history
from workflow.recommendations.lifecycle import fire
from workflow.strategy_group.agenda import agenda_items, build_agendas
from workflow.strategy_group.votes import cast_ballot, close_due_votes, close_vote, open_vote


def test_a_recommendation_goes_from_submission_to_adopted_through_the_agenda_and_a_meeting_vote(
        world: World) -> None:
    holders = fill_seats(world)
    later = meeting_ahead(world, 120, title="Sitzung im Sommer")
    early, late = world.recommendation(title="Vor dem Antragsschluss"), world.recommendation(title="Danach")
    with unit_of_work(world.db) as s:
        # The first meeting's submission deadline (six weeks before it) is two days ago.
        fire(s, early.id or 0, "submit", actor=world.lead, now=world.now - timedelta(days=5))
        fire(s, late.id or 0, "submit", actor=world.lead, now=world.now)
    with unit_of_work(world.db) as s:
        placed = build_agendas(s, world.now, world.secretariat)
    assert {(label, m.id) for label, m in placed} == {
        (world.reload(early).number, world.meeting.id), (world.reload(late).number, later.id)}
    with world.db.read() as s:
        assert [r.id for _i, r in agenda_items(s, world.meeting.id or 0)] == [early.id]
        record = s.exec(select(TransitionRecord).where(TransitionRecord.subject_id == early.id,
                                                       TransitionRecord.event == "schedule")).one()
        assert record.meeting_id == world.meeting.id

    during = world.meeting.starts_at + timedelta(hours=1)
    attend(world, world.meeting, list(holders)[:8], during)
    with unit_of_work(world.db) as s:
        vote = open_vote(s, world.meeting.id or 0, [str(early.id)], actor=world.chair, now=during)
    assert world.reload(early).state == "voting"
    choices = [Choice.YES] * 5 + [Choice.NO, Choice.ABSTAIN, Choice.YES]
    for code, choice in zip(list(holders)[:8], choices, strict=True):
        with unit_of_work(world.db) as s:
            cast_ballot(s, vote.id or 0, choice, actor=holders[code], now=during)
    with unit_of_work(world.db) as s:
        closed = close_vote(s, vote.id or 0, actor=world.chair, now=during + timedelta(minutes=5))
    assert (closed.result, closed.yes, closed.no, closed.abstain) == ("adopted", 6, 1, 1)
    assert world.reload(early).state == "adopted"
    assert world.reload(late).state == "scheduled"
    with world.db.read() as s:
        record = minutes(s, world.meeting.id or 0)
    [decision] = record.decisions
    assert decision.result == "adopted" and (decision.yes, decision.no, decision.abstain) == (6, 1, 1)
    assert world.reload(early).number in decision.summary
    assert len(record.votes[0].ballots) == 8


def test_a_written_procedure_is_closed_by_close_due_votes_and_its_minutes_show_the_decision(world: World) -> None:
    holders = fill_seats(world)
    procedure = meeting_ahead(world, 10, written=True, title="Umlaufverfahren")
    rec = scheduled(world, procedure)
    with unit_of_work(world.db) as s:
        vote = open_vote(s, procedure.id or 0, [rec.number or ""], actor=world.secretariat, now=world.now)
    assert vote.deadline == procedure.starts_at
    for code in list(holders)[:7]:
        with unit_of_work(world.db) as s:
            cast_ballot(s, vote.id or 0, Choice.YES, actor=holders[code], now=world.now + timedelta(days=1))
    with unit_of_work(world.db) as s:
        assert close_due_votes(s, world.now + timedelta(days=9)) == []
    with unit_of_work(world.db) as s:
        [closed] = close_due_votes(s, procedure.starts_at + timedelta(minutes=1))
    assert closed.result == "adopted" and closed.closed_by is None
    assert world.reload(rec).state == "adopted"
    with world.db.read() as s:
        [decision] = minutes(s, procedure.id or 0).decisions
        assert s.exec(select(Vote)).one().status == "closed"
    assert decision.result == "adopted" and decision.yes == 7


def test_a_written_procedure_without_quorum_at_its_deadline_is_rejected_and_the_record_says_why(
        world: World) -> None:
    holders = fill_seats(world)
    procedure = meeting_ahead(world, 10, written=True)
    rec = scheduled(world, procedure)
    with unit_of_work(world.db) as s:
        vote = open_vote(s, procedure.id or 0, [str(rec.id)], actor=world.secretariat, now=world.now)
    with unit_of_work(world.db) as s:
        cast_ballot(s, vote.id or 0, Choice.YES, actor=holders["MIN-3"], now=world.now)
    with unit_of_work(world.db) as s:
        [closed] = close_due_votes(s, procedure.starts_at)
    assert (closed.result, closed.quorum_met, closed.closed_by) == ("rejected", False, None)
    assert world.reload(rec).state == "rejected"
    why = "closed at its deadline; no quorum: 1 of 12 seats voted, 7 needed"
    with world.db.read() as s:
        [decision] = minutes(s, procedure.id or 0).decisions
        last = recommendation_history(s, rec.id or 0)[-1]
    assert decision.result == "rejected" and why in decision.summary
    assert (last.event, last.to, last.actor, last.comment) == ("close_vote", "rejected", None, why)


def test_the_strategy_group_can_return_a_block_for_revision_when_closing(world: World) -> None:
    fill_seats(world)
    procedure = meeting_ahead(world, 10, written=True)
    first, second = scheduled(world, procedure), scheduled(world, procedure)
    with unit_of_work(world.db) as s:
        vote = open_vote(s, procedure.id or 0, [str(first.id), str(second.id)], actor=world.chair, now=world.now)
    with unit_of_work(world.db) as s:
        closed = close_vote(s, vote.id or 0, actor=world.chair, now=world.now, return_for_revision=True,
                            comment="Kosten klären")
    assert closed.result == "returned"
    assert [world.reload(r).state for r in (first, second)] == ["draft", "draft"]
    with world.db.read() as s:
        assert [d.result for d in minutes(s, procedure.id or 0).decisions] == ["returned", "returned"]
