"""A ballot cast on one connection while the chair closes the vote on another: the ballot either lands before
the close and is counted, or it is refused with a clear sentence; a ballot never lands after the close."""

import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import select

import workflow.strategy_group.votes
from models.db import Database
from models.people import Person
from models.strategy import Ballot, Choice, Vote
from tests.support.factories import World
from tests.support.strategy import attend, fill_seats, scheduled
from workflow.engine.errors import RecoflowError
from workflow.engine.unit_of_work import unit_of_work
from workflow.strategy_group.refusals import StrategyRefusal
from workflow.strategy_group.votes import cast_ballot, close_vote, open_vote

WAIT = 15  # seconds; only reached when something hangs


class Outcome:
    """What one thread's attempt returned or raised."""

    value: object = None


def _in_thread(attempt: Callable[[], object]) -> tuple[threading.Thread, Outcome]:
    outcome = Outcome()

    def run() -> None:
        try:
            outcome.value = attempt()
        except RecoflowError as exc:
            outcome.value = exc

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def _until_waiting_for_a_lock(db: Database) -> None:
    """Return once another connection waits for a lock (PostgreSQL shows it; on SQLite give its BEGIN IMMEDIATE a
    moment to start waiting: the outcome asserted must be the same if it had not)."""
    if db.is_sqlite:
        time.sleep(0.3)
        return
    deadline = time.monotonic() + WAIT
    with db.engine.connect() as conn:
        while time.monotonic() < deadline:
            waiting = conn.execute(sa.text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                           "AND datname = current_database()")).scalar_one()
            conn.commit()
            if waiting:
                return
            time.sleep(0.01)
    raise AssertionError("the second connection never waited for the first one's lock")


@pytest.fixture
def seven_yes(world: World) -> tuple[Vote, dict[str, Person], datetime]:
    """A meeting vote with all twelve seats present and seven yes ballots (the quorum) already cast."""
    holders = fill_seats(world)
    rec = scheduled(world, world.meeting)
    during = world.meeting.starts_at + timedelta(hours=1)
    attend(world, world.meeting, list(holders), during)
    with unit_of_work(world.db) as s:
        vote = open_vote(s, world.meeting.id or 0, [str(rec.id)], actor=world.chair, now=during)
    for code in list(holders)[:7]:
        with unit_of_work(world.db) as s:
            cast_ballot(s, vote.id or 0, Choice.YES, actor=holders[code], now=during)
    return vote, holders, during


def _ballots(world: World, vote_id: int) -> dict[int, str]:
    with world.db.read() as s:
        return {b.seat_id: b.choice for b in s.exec(select(Ballot).where(Ballot.vote_id == vote_id)).all()}


def _closed(world: World, vote_id: int) -> Vote:
    with world.db.read() as s:
        vote = s.get(Vote, vote_id)
        assert vote is not None and vote.status == "closed"
        return vote


def _close(world: World, vote_id: int, at: datetime) -> Callable[[], object]:
    def attempt() -> object:
        with unit_of_work(world.db) as s:
            return close_vote(s, vote_id, actor=world.chair, now=at)
    return attempt


def _cast(world: World, vote_id: int, person: Person, choice: Choice, at: datetime) -> Callable[[], object]:
    def attempt() -> object:
        with unit_of_work(world.db) as s:
            return cast_ballot(s, vote_id, choice, actor=person, now=at)
    return attempt


def test_a_ballot_cast_while_the_close_holds_the_vote_is_refused_and_not_counted(
        world: World, seven_yes, monkeypatch: pytest.MonkeyPatch) -> None:
    vote, holders, during = seven_yes
    counting, go_on = threading.Event(), threading.Event()
    real_count = workflow.strategy_group.votes.count

    def count_after_the_ballot_has_tried(*args: object, **kwargs: object) -> object:
        counting.set()  # the close has claimed the vote row and is about to count
        assert go_on.wait(WAIT)
        return real_count(*args, **kwargs)

    monkeypatch.setattr(workflow.strategy_group.votes, "count", count_after_the_ballot_has_tried)
    closing, closed = _in_thread(_close(world, vote.id or 0, during + timedelta(minutes=5)))
    assert counting.wait(WAIT)
    late = holders[list(holders)[7]]
    balloting, ballot = _in_thread(_cast(world, vote.id or 0, late, Choice.NO, during + timedelta(minutes=5)))
    _until_waiting_for_a_lock(world.db)
    go_on.set()
    closing.join(WAIT)
    balloting.join(WAIT)

    assert isinstance(closed.value, Vote), closed.value
    assert isinstance(ballot.value, RecoflowError) and ballot.value.code is StrategyRefusal.VOTE_CLOSED
    assert ballot.value.params["vote"] == vote.id
    final = _closed(world, vote.id or 0)
    assert (final.yes, final.no, final.abstain, final.result) == (7, 0, 0, "adopted")
    assert len(_ballots(world, vote.id or 0)) == 7


def test_a_ballot_that_holds_the_vote_first_is_counted_by_the_close_that_waited_for_it(
        world: World, seven_yes, monkeypatch: pytest.MonkeyPatch) -> None:
    vote, holders, during = seven_yes
    balloting_started, go_on = threading.Event(), threading.Event()
    real_seat = workflow.strategy_group.votes._ballot_seat

    def seat_after_the_close_has_tried(*args: object, **kwargs: object) -> object:
        balloting_started.set()  # the ballot has claimed the vote row and is about to be written
        assert go_on.wait(WAIT)
        return real_seat(*args, **kwargs)

    monkeypatch.setattr(workflow.strategy_group.votes, "_ballot_seat", seat_after_the_close_has_tried)
    late = holders[list(holders)[7]]
    balloting, ballot = _in_thread(_cast(world, vote.id or 0, late, Choice.NO, during + timedelta(minutes=5)))
    assert balloting_started.wait(WAIT)
    closing, closed = _in_thread(_close(world, vote.id or 0, during + timedelta(minutes=5)))
    _until_waiting_for_a_lock(world.db)
    go_on.set()
    balloting.join(WAIT)
    closing.join(WAIT)

    assert isinstance(ballot.value, Ballot), ballot.value
    assert isinstance(closed.value, Vote), closed.value
    final = _closed(world, vote.id or 0)
    assert (final.yes, final.no, final.result) == (7, 1, "adopted")
    assert len(_ballots(world, vote.id or 0)) == 8


def test_ballots_racing_the_close_are_each_counted_or_refused_and_the_tally_matches_the_stored_ballots(
        world: World, seven_yes) -> None:
    vote, holders, during = seven_yes
    at = during + timedelta(minutes=5)
    late_seats = list(holders)[7:]
    attempts = [_cast(world, vote.id or 0, holders[code], Choice.NO, at) for code in late_seats]
    attempts.insert(len(attempts) // 2, _close(world, vote.id or 0, at))
    start = threading.Barrier(len(attempts), timeout=WAIT)
    threads = [_in_thread(lambda attempt=attempt: (start.wait(), attempt())[1]) for attempt in attempts]
    for thread, _outcome in threads:
        thread.join(WAIT)

    outcomes = [outcome.value for _thread, outcome in threads]
    assert sum(isinstance(o, Vote) for o in outcomes) == 1, outcomes
    counted = [o for o in outcomes if isinstance(o, Ballot)]
    refused = [o for o in outcomes if isinstance(o, RecoflowError)]
    assert len(counted) + len(refused) == len(late_seats), outcomes
    assert all(r.code is StrategyRefusal.VOTE_CLOSED and r.params["vote"] == vote.id for r in refused), refused
    final = _closed(world, vote.id or 0)
    stored = _ballots(world, vote.id or 0)
    assert len(stored) == 7 + len(counted)
    assert (final.yes, final.no) == (7, len(counted))
