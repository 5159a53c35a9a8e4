"""Ballots: who may cast them, one per seat, never after close; bad input is refused and changes nothing."""

import contextlib
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import col, select

from models.strategy import AttendanceStatus, Ballot, Choice, Vote
from tests.support.factories import World
from tests.support.strategy import attend, fill_seats, meeting_ahead, scheduled
from workflow.engine.errors import GuardFailed, InvalidInput, NotPermitted, RecoflowError
from workflow.engine.unit_of_work import unit_of_work
from workflow.recommendations.lifecycle import fire
from workflow.strategy_group.meetings import add_meeting
from workflow.strategy_group.refusals import StrategyRefusal
from workflow.strategy_group.votes import cast_ballot, close_due_votes, close_vote, open_vote, vote_items


def _snapshot(world: World, vote_id: int) -> tuple:
    with world.db.read() as s:
        vote = s.get(Vote, vote_id)
        assert vote is not None
        ballots = s.exec(select(Ballot).where(Ballot.vote_id == vote_id).order_by(col(Ballot.seat_id))).all()
        return (vote.status, vote.result, vote.yes, vote.no, vote.abstain, vote.version,
                tuple((b.seat_id, b.person_id, b.choice, b.changed_at) for b in ballots))


def _meeting_vote(world: World) -> tuple[Vote, dict, object]:
    holders = fill_seats(world)
    rec = scheduled(world, world.meeting)
    during = world.meeting.starts_at + timedelta(hours=1)
    attend(world, world.meeting, [c for c in holders if c != "MIN-2"][:7], during)
    attend(world, world.meeting, ["MIN-2"], during, AttendanceStatus.REPRESENTED)
    with unit_of_work(world.db) as s:
        vote = open_vote(s, world.meeting.id or 0, [str(rec.id)], actor=world.chair, now=during)
    return vote, holders, during


def test_a_stranger_a_holder_whose_seat_is_represented_and_an_absent_seat_cannot_vote(world: World) -> None:
    vote, holders, during = _meeting_vote(world)
    before = _snapshot(world, vote.id or 0)
    refusals = [(world.stranger, StrategyRefusal.NO_SEAT), (world.member, StrategyRefusal.SEAT_REPRESENTED),
                (holders["IB-LK"], StrategyRefusal.SEAT_NOT_ATTENDING)]
    for person, reason in refusals:
        with pytest.raises(NotPermitted) as refused, unit_of_work(world.db) as s:
            cast_ballot(s, vote.id or 0, Choice.YES, actor=person, now=during)
        assert refused.value.code is reason
    assert refused.value.params["seat"] == "IB-LK" and refused.value.params["meeting"] == world.meeting.id
    assert _snapshot(world, vote.id or 0) == before
    with unit_of_work(world.db) as s:
        cast_ballot(s, vote.id or 0, Choice.NO, actor=world.deputy, now=during)
    assert _snapshot(world, vote.id or 0)[-1][0][2] == "no"


def test_a_ballot_can_change_until_the_vote_closes_and_never_after(world: World) -> None:
    vote, holders, during = _meeting_vote(world)
    codes = [c for c in holders if c != "MIN-2"][:7]
    for code in codes:
        with unit_of_work(world.db) as s:
            cast_ballot(s, vote.id or 0, Choice.NO, actor=holders[code], now=during)
    with unit_of_work(world.db) as s:
        changed = cast_ballot(s, vote.id or 0, Choice.YES, actor=holders[codes[0]], now=during + timedelta(minutes=1))
    assert changed.changed_at is not None
    with unit_of_work(world.db) as s:
        closed = close_vote(s, vote.id or 0, actor=world.chair, now=during + timedelta(minutes=2))
    assert (closed.result, closed.yes, closed.no) == ("rejected", 1, 6)
    after = _snapshot(world, vote.id or 0)
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        cast_ballot(s, vote.id or 0, Choice.YES, actor=holders[codes[1]], now=during + timedelta(minutes=3))
    assert refused.value.code is StrategyRefusal.VOTE_CLOSED and refused.value.params["vote"] == vote.id
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        close_vote(s, vote.id or 0, actor=world.chair, now=during + timedelta(minutes=3))
    assert refused.value.code is StrategyRefusal.VOTE_CLOSED and refused.value.params["vote"] == vote.id
    assert _snapshot(world, vote.id or 0) == after


def test_a_vote_without_quorum_is_refused_when_opened_and_when_closed(world: World) -> None:
    holders = fill_seats(world)
    rec = scheduled(world, world.meeting)
    during = world.meeting.starts_at + timedelta(hours=1)
    attend(world, world.meeting, list(holders)[:6], during)
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        open_vote(s, world.meeting.id or 0, [str(rec.id)], actor=world.chair, now=during)
    assert refused.value.code is StrategyRefusal.NO_QUORUM_TO_OPEN and refused.value.params["needed"] == 7
    assert world.reload(rec).state == "scheduled"
    attend(world, world.meeting, [list(holders)[6]], during)
    with unit_of_work(world.db) as s:
        vote = open_vote(s, world.meeting.id or 0, [str(rec.id)], actor=world.chair, now=during)
    with unit_of_work(world.db) as s:
        cast_ballot(s, vote.id or 0, Choice.YES, actor=holders["MIN-1"], now=during)
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        close_vote(s, vote.id or 0, actor=world.chair, now=during)
    assert refused.value.code is StrategyRefusal.NO_QUORUM_TO_CLOSE
    assert _snapshot(world, vote.id or 0)[0] == "open"
    assert world.reload(rec).state == "voting"


def test_close_vote_fired_by_hand_is_refused_while_the_vote_is_open(world: World) -> None:
    vote, _holders, during = _meeting_vote(world)
    with world.db.read() as s:
        [rec_id] = vote_items(s, vote.id or 0)
    with pytest.raises(GuardFailed, match="decided_by_open_vote"), unit_of_work(world.db) as s:
        fire(s, rec_id, "close_vote", actor=world.chair, now=during, outcome="adopted")
    with world.db.read() as s:
        assert s.exec(select(Vote)).one().status == "open"


def test_in_a_written_procedure_the_deputy_who_voted_first_keeps_the_seat(world: World) -> None:
    fill_seats(world)
    procedure = meeting_ahead(world, 10, written=True)
    rec = scheduled(world, procedure)
    with unit_of_work(world.db) as s:
        vote = open_vote(s, procedure.id or 0, [str(rec.id)], actor=world.chair, now=world.now)
    with unit_of_work(world.db) as s:
        cast_ballot(s, vote.id or 0, Choice.ABSTAIN, actor=world.deputy, now=world.now)
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        cast_ballot(s, vote.id or 0, Choice.YES, actor=world.member, now=world.now)
    assert refused.value.code is StrategyRefusal.SEAT_VOTED_BY_OTHER
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        cast_ballot(s, vote.id or 0, Choice.YES, actor=world.chair, now=procedure.starts_at)
    assert refused.value.code is StrategyRefusal.BALLOT_DEADLINE_PASSED
    assert [b[2] for b in _snapshot(world, vote.id or 0)[-1]] == ["abstain"]


def test_a_meeting_in_the_past_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        add_meeting(s, title="Zu spät", starts_at=world.now - timedelta(days=1), actor=world.secretariat,
                    now=world.now, location="Stuttgart")
    assert refused.value.code is StrategyRefusal.MEETING_IN_PAST


ACTIONS = st.lists(st.tuples(st.sampled_from(["cast", "close", "due", "return", "fire"]),
                             st.integers(0, 11), st.sampled_from(list(Choice))), max_size=8)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=ACTIONS, after=ACTIONS)
def test_no_sequence_of_calls_changes_a_closed_vote(world: World, before: list, after: list) -> None:
    holders = list(fill_seats(world).values())
    procedure = meeting_ahead(world, 10, written=True)
    rec = scheduled(world, procedure)
    with unit_of_work(world.db) as s:
        vote = open_vote(s, procedure.id or 0, [str(rec.id)], actor=world.chair, now=world.now)

    def run(action: str, who: int, choice: Choice, at) -> None:
        with unit_of_work(world.db) as s:
            if action == "cast":
                cast_ballot(s, vote.id or 0, choice, actor=holders[who], now=at)
            elif action == "close":
                close_vote(s, vote.id or 0, actor=world.chair, now=at)
            elif action == "due":
                close_due_votes(s, at + timedelta(days=30))
            elif action == "return":
                close_vote(s, vote.id or 0, actor=world.chair, now=at, return_for_revision=True, comment="zurück")
            else:
                fire(s, rec.id or 0, "close_vote", actor=world.chair, now=at, outcome="adopted")

    for step in before:
        with contextlib.suppress(RecoflowError):
            run(*step, world.now)
    with unit_of_work(world.db) as s:
        close_due_votes(s, procedure.starts_at)
    closed = _snapshot(world, vote.id or 0)
    state = world.reload(rec).state
    assert closed[0] == "closed"
    for step in after:
        with contextlib.suppress(RecoflowError):
            run(*step, world.now + timedelta(days=1))
    assert _snapshot(world, vote.id or 0) == closed
    assert world.reload(rec).state == state
