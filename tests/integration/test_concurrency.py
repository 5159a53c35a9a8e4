"""Two people firing conflicting events on the same recommendation at the same moment, on two connections."""

import threading
from collections.abc import Callable
from datetime import datetime

import pytest
from sqlmodel import select

from models.db import Database
from models.people import Person
from models.transition_record import TransitionRecord
from tests.support.factories import World
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import ConflictError, EngineRefusal, InvalidTransition, RecoflowError
from workflow.engine.firing import FiredTransition
from workflow.engine.reactions import Reactions
from workflow.engine.unit_of_work import unit_of_work
from workflow.recommendations.lifecycle import fire


def _race(*attempts: Callable[[], object]) -> list[object]:
    """Run the attempts in threads released at the same instant; collect results or errors."""
    barrier = threading.Barrier(len(attempts))
    results: list[object] = [None] * len(attempts)

    def run(index: int, attempt: Callable[[], object]) -> None:
        barrier.wait()
        try:
            results[index] = attempt()
        except RecoflowError as exc:
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(attempts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


def _attempt(db: Database, rec_id: int, event: str, actor: Person, now: datetime, **kwargs: object):
    def attempt() -> object:
        with unit_of_work(db) as session:
            return fire(session, rec_id, event, actor=actor, now=now, **kwargs)  # type: ignore[arg-type]
    return attempt


def _records(db: Database, rec_id: int) -> list[TransitionRecord]:
    with db.read() as session:
        return list(session.exec(select(TransitionRecord).where(
            TransitionRecord.subject_kind == "recommendation", TransitionRecord.subject_id == rec_id)).all())


def test_two_conflicting_events_on_the_version_both_saw_exactly_one_wins(world: World) -> None:
    rec = world.recommendation(state="submitted")
    seen = rec.version
    results = _race(
        _attempt(world.db, rec.id or 0, "schedule", world.secretariat, world.now, meeting_id=world.meeting.id,
                 expected_version=seen),
        _attempt(world.db, rec.id or 0, "return", world.secretariat, world.now, comment="Bitte überarbeiten",
                 expected_version=seen),
    )
    winners = [r for r in results if isinstance(r, FiredTransition)]
    losers = [r for r in results if isinstance(r, ConflictError)]
    assert (len(winners), len(losers)) == (1, 1), results
    assert losers[0].code in (EngineRefusal.STALE_VERSION, EngineRefusal.CHANGED_MEANWHILE)
    after = world.reload(rec)
    assert after.state == winners[0].to_state
    assert after.version == seen + 1
    assert len(_records(world.db, rec.id or 0)) == 1


def test_the_same_event_fired_twice_at_once_takes_effect_once(world: World) -> None:
    rec = world.recommendation()
    results = _race(*[_attempt(world.db, rec.id or 0, "submit", world.lead, world.now) for _ in range(2)])
    winners = [r for r in results if isinstance(r, FiredTransition)]
    refused = [r for r in results if isinstance(r, ConflictError | InvalidTransition)]
    assert (len(winners), len(refused)) == (1, 1), results
    assert world.reload(rec).number == "HE-2026-001"
    assert len(_records(world.db, rec.id or 0)) == 1


@pytest.fixture
def postgres_world(postgres_database: Database, now: datetime) -> World:
    from tests.conftest import _truncate_all
    from tests.support.factories import build_world

    _truncate_all(postgres_database)
    return build_world(postgres_database, now)


def test_on_postgresql_two_writers_who_both_read_the_row_cannot_both_write_it(
    postgres_world: World, reactions: Reactions
) -> None:
    """No expected version given: the conditional UPDATE alone stops the lost update."""
    world = postgres_world
    rec = world.recommendation(state="submitted")
    both_have_read = threading.Barrier(2, timeout=10)

    def wait_for_the_other(_ctx: object, _rule: object) -> None:
        both_have_read.wait()  # both transactions have loaded version 1 and changed it in memory

    for event in ("schedule", "return"):
        reactions.on_transition(RECOMMENDATION_WORKFLOW, event, f"test.wait_for_the_other_{event}", wait_for_the_other)
    results = _race(
        _attempt(world.db, rec.id or 0, "schedule", world.secretariat, world.now, meeting_id=world.meeting.id),
        _attempt(world.db, rec.id or 0, "return", world.secretariat, world.now, comment="Zurück"),
    )
    assert sorted(type(r).__name__ for r in results) == ["ConflictError", "FiredTransition"], results
    assert world.reload(rec).version == rec.version + 1
    assert len(_records(world.db, rec.id or 0)) == 1
