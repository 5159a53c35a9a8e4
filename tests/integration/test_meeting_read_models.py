"""The read models behind the meeting pages and the written procedure's one-step start."""

from datetime import timedelta

import pytest
from sqlmodel import select

from models.meeting import Meeting
from models.strategy import AgendaItem, AttendanceStatus, Choice, Vote
from tests.support.factories import World
from tests.support.strategy import attend, fill_seats, meeting_ahead, scheduled
from workflow.engine.errors import InvalidInput, NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.queries.meeting_views import calendar, meeting_page
from workflow.queries.vote_views import ballot_cards, vote_board
from workflow.recommendations.lifecycle import fire
from workflow.strategy_group.agenda import agenda_items
from workflow.strategy_group.refusals import StrategyRefusal
from workflow.strategy_group.votes import cast_ballot, close_due_votes, open_vote
from workflow.strategy_group.written_procedures import start_written_procedure


def _submitted(world: World, title: str) -> int:
    rec = world.recommendation(title=title)
    with unit_of_work(world.db) as s:
        fire(s, rec.id or 0, "submit", actor=world.lead, now=world.now)
    return rec.id or 0


def test_a_written_procedure_starts_in_one_step_and_closes_at_its_deadline_as_adopted(world: World) -> None:
    holders = fill_seats(world)
    fresh = _submitted(world, "Frisch eingereicht")
    planned = scheduled(world, world.meeting, title="Schon terminiert")
    deadline = world.now + timedelta(days=14)
    with unit_of_work(world.db) as s:
        vote = start_written_procedure(s, title="Umlauf März", deadline=deadline, refs=[str(fresh), str(planned.id)],
                                       actor=world.secretariat, now=world.now)
    with world.db.read() as s:
        procedure = s.get(Meeting, vote.meeting_id)
        assert procedure is not None and procedure.kind == "written_procedure"
        assert [r.id for _i, r in agenda_items(s, procedure.id or 0)] == [fresh, planned.id]
        assert agenda_items(s, world.meeting.id or 0) == []
    assert vote.deadline == deadline and world.reload(planned).state == "voting"
    for code in list(holders)[:7]:
        with unit_of_work(world.db) as s:
            cast_ballot(s, vote.id or 0, Choice.YES, actor=holders[code], now=world.now + timedelta(days=1))
    with unit_of_work(world.db) as s:
        [closed] = close_due_votes(s, deadline)
    assert closed.result == "adopted" and world.reload(planned).state == "adopted"


def test_a_written_procedure_with_a_draft_among_its_items_is_refused_and_nothing_is_written(world: World) -> None:
    fresh = _submitted(world, "Eingereicht")
    draft = world.recommendation(title="Noch Entwurf")
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        start_written_procedure(s, title="Umlauf", deadline=world.now + timedelta(days=7),
                                refs=[str(fresh), str(draft.id)], actor=world.secretariat, now=world.now)
    assert refused.value.code is StrategyRefusal.PROCEDURE_ITEM_STATE and refused.value.params["state"] == "draft"
    with world.db.read() as s:
        assert len(s.exec(select(Meeting)).all()) == 1 and s.exec(select(Vote)).all() == []
    assert world.reload(draft).state == "draft"
    with world.db.read() as s:
        assert s.exec(select(AgendaItem)).all() == []


def test_only_the_secretariat_starts_a_written_procedure(world: World) -> None:
    fresh = _submitted(world, "Eingereicht")
    with pytest.raises(NotPermitted) as refused, unit_of_work(world.db) as s:
        start_written_procedure(s, title="Umlauf", deadline=world.now + timedelta(days=7), refs=[str(fresh)],
                                actor=world.chair, now=world.now)
    assert refused.value.code is StrategyRefusal.ROLE_REQUIRED and refused.value.params["allowed"] == ("secretariat",)
    assert world.reload(world.recommendation()).state == "draft"


def test_the_tally_counts_each_choice_the_seats_still_to_vote_and_the_quorum(world: World) -> None:
    holders = fill_seats(world)
    rec = scheduled(world, world.meeting)
    during = world.meeting.starts_at + timedelta(hours=1)
    codes = list(holders)[:8]
    attend(world, world.meeting, codes, during)
    with unit_of_work(world.db) as s:
        vote = open_vote(s, world.meeting.id or 0, [str(rec.id)], actor=world.chair, now=during)
    for code, choice in zip(codes[:6], [Choice.YES] * 3 + [Choice.NO, Choice.ABSTAIN, Choice.YES], strict=True):
        with unit_of_work(world.db) as s:
            cast_ballot(s, vote.id or 0, choice, actor=holders[code], now=during)
    with world.db.read() as s:
        board = vote_board(s, vote.id or 0, during)
    tally = board.tally
    assert (tally.yes, tally.no, tally.abstain, tally.not_voted) == (4, 1, 1, 2)
    assert tally.quorum_needed == 7 and tally.quorum_met is False
    assert [w.seat for w in board.waiting] == codes[6:]
    with unit_of_work(world.db) as s:
        cast_ballot(s, vote.id or 0, Choice.YES, actor=holders[codes[6]], now=during)
    with world.db.read() as s:
        tally = vote_board(s, vote.id or 0, during).tally
    assert tally.quorum_met is True and tally.adopted_if_closed_now is True and tally.not_voted == 1


def test_the_ballot_cards_say_who_sits_for_a_represented_seat(world: World) -> None:
    holders = fill_seats(world)
    rec = scheduled(world, world.meeting)
    during = world.meeting.starts_at + timedelta(hours=1)
    attend(world, world.meeting, [c for c in holders if c != "MIN-2"][:7], during)
    attend(world, world.meeting, ["MIN-2"], during, AttendanceStatus.REPRESENTED)
    with unit_of_work(world.db) as s:
        vote = open_vote(s, world.meeting.id or 0, [str(rec.id)], actor=world.chair, now=during)
        cast_ballot(s, vote.id or 0, Choice.NO, actor=world.deputy, now=during)
    with world.db.read() as s:
        [member_card] = ballot_cards(s, world.member.id or 0, during)
        [deputy_card] = ballot_cards(s, world.deputy.id or 0, during)
        assert ballot_cards(s, world.stranger.id or 0, during) == []
    [member_slot] = member_card.slots
    assert member_slot.refusal is not None and member_slot.refusal.code is StrategyRefusal.SEAT_REPRESENTED
    assert member_slot.refusal.params["who"] == world.deputy.name
    [deputy_slot] = deputy_card.slots
    assert deputy_slot.refusal is None and deputy_slot.choice == "no" and deputy_slot.as_deputy


def test_the_calendar_warns_about_a_year_with_one_meeting_and_the_page_lists_agenda_and_seats(world: World) -> None:
    written = meeting_ahead(world, 10, written=True, title="Umlauf")
    rec = scheduled(world, world.meeting, title="Auf der Tagesordnung")
    with world.db.read() as s:
        data = calendar(s, world.now)
        page = meeting_page(s, world.meeting.id or 0, world.now)
    assert [m.id for m in data.meetings] == [world.meeting.id]
    assert [p.id for p in data.procedures] == [written.id]
    assert data.unusual_years == [(2026, 1)] and data.meetings[0].items == 1
    assert [a.id for a in page.agenda] == [rec.id] and len(page.seats) == 12
    assert page.quorum == 7 and [t.id for t in page.targets] == [written.id]
