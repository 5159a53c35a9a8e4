"""Recommendation numbers under concurrent first submissions: every submission of a different draft succeeds, and
the numbers are consecutive (the counter row is taken with one UPDATE … RETURNING, not max + 1)."""

import threading
from datetime import datetime

import pytest
from sqlmodel import col, select

from models.db import Database
from models.recommendation import Recommendation
from tests.support.factories import World
from workflow.engine.errors import RecoflowError
from workflow.engine.firing import FiredTransition
from workflow.engine.unit_of_work import unit_of_work
from workflow.recommendations.lifecycle import fire

WRITERS, ROUNDS = 8, 50


def _submit_all_at_once(world: World, rec_ids: list[int]) -> list[object]:
    barrier = threading.Barrier(len(rec_ids))
    results: list[object] = [None] * len(rec_ids)

    def submit(index: int, rec_id: int) -> None:
        barrier.wait()
        try:
            with unit_of_work(world.db) as session:
                results[index] = fire(session, rec_id, "submit", actor=world.lead, now=world.now)
        except RecoflowError as exc:
            results[index] = exc

    threads = [threading.Thread(target=submit, args=(i, r)) for i, r in enumerate(rec_ids)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def postgres_world(postgres_database: Database, now: datetime) -> World:
    from tests.conftest import _truncate_all
    from tests.support.factories import build_world

    _truncate_all(postgres_database)
    return build_world(postgres_database, now)


@pytest.mark.postgres
def test_eight_concurrent_first_submissions_all_get_consecutive_numbers_on_postgresql(postgres_world: World) -> None:
    world = postgres_world
    refused: list[object] = []
    for _ in range(ROUNDS):
        drafts = [world.recommendation().id or 0 for _ in range(WRITERS)]
        results = _submit_all_at_once(world, drafts)
        refused += [r for r in results if not isinstance(r, FiredTransition)]
    print(f"\nnumbering race on PostgreSQL: {len(refused)} of {WRITERS * ROUNDS} first submissions refused")
    assert refused == []
    with world.db.read() as session:
        numbers = session.exec(select(Recommendation.number).where(col(Recommendation.number).is_not(None))).all()
    assert sorted(n or "" for n in numbers) == [f"HE-2026-{n:03d}" for n in range(1, WRITERS * ROUNDS + 1)]


def test_a_year_whose_numbers_predate_the_counter_counts_on_from_its_highest_number(world: World) -> None:
    older = world.recommendation(state="adopted")
    with unit_of_work(world.db) as session:
        row = session.get(Recommendation, older.id)
        assert row is not None
        row.number = "HE-2026-041"
        session.add(row)
    rec = world.recommendation()
    with unit_of_work(world.db) as session:
        fire(session, rec.id or 0, "submit", actor=world.lead, now=world.now)
    assert world.reload(rec).number == "HE-2026-042"
