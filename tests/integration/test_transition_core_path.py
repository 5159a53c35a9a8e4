"""A transition runs its statements on the unit of work's connection without the ORM's bookkeeping: whatever the
ORM does after it in the same unit of work lands with it, or is rolled back with it (SQLite file and PostgreSQL)."""

from datetime import timedelta

import pytest
from sqlmodel import func, select

from models.recommendation import Recommendation, RecommendationCreate
from models.transition_record import TransitionRecord
from tests.support.factories import World
from workflow.engine.errors import NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.recommendations.lifecycle import create_recommendation, fire


def _draft(world: World, s: object, title: str) -> Recommendation:
    return create_recommendation(s, RecommendationCreate(  # type: ignore[arg-type]
        title=title, text="Die Kommunen sollen …", rationale="Weil …", working_group_id=world.group.id or 0,
        addressee_ids=[b.id or 0 for b in world.bodies]), world.lead, world.now - timedelta(days=1))


def _titles(world: World) -> set[str]:
    with world.db.read() as s:
        return set(s.exec(select(Recommendation.title)).all())


def test_a_draft_created_after_a_transition_lands_with_it(world: World) -> None:
    rec = world.recommendation()
    with unit_of_work(world.db) as s:
        fire(s, rec.id or 0, "submit", actor=world.lead, now=world.now)
        _draft(world, s, "Danach angelegt")
    assert world.reload(rec).state == "submitted"
    assert "Danach angelegt" in _titles(world)


def test_a_refusal_after_a_transition_and_orm_work_rolls_back_all_of_it(world: World) -> None:
    rec, other = world.recommendation(), world.recommendation()
    with world.db.read() as s:
        records = s.exec(select(func.count()).select_from(TransitionRecord)).one()
    with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
        fire(s, rec.id or 0, "submit", actor=world.lead, now=world.now)
        _draft(world, s, "Nie gespeichert")
        fire(s, other.id or 0, "submit", actor=world.stranger, now=world.now)
    assert world.reload(rec).state == "draft"
    assert "Nie gespeichert" not in _titles(world)
    with world.db.read() as s:
        assert s.exec(select(func.count()).select_from(TransitionRecord)).one() == records


def test_two_transitions_in_one_unit_of_work_are_both_recorded(world: World) -> None:
    rec, other = world.recommendation(), world.recommendation()
    with unit_of_work(world.db) as s:
        first = fire(s, rec.id or 0, "submit", actor=world.lead, now=world.now)
        second = fire(s, other.id or 0, "submit", actor=world.lead, now=world.now)
    assert (world.reload(rec).state, world.reload(other).state) == ("submitted", "submitted")
    with world.db.read() as s:
        recorded = s.exec(select(TransitionRecord.id, TransitionRecord.subject_id, TransitionRecord.occurred_at)
                          .where(TransitionRecord.event == "submit")).all()
    assert {(first.id, rec.id, world.now), (second.id, other.id, world.now)} <= {tuple(r) for r in recorded}
