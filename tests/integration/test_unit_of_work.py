"""One entry point, one unit of work: a use case made of several services lands whole or not at all, a refusal
that is its own record (a failed sign-in) is kept, a stale version is a conflict (SQLite file and PostgreSQL)."""

from datetime import timedelta

import pytest
from sqlmodel import func, select

from models.accounts import LoginThrottle
from models.recommendation import Recommendation, RecommendationCreate, RecommendationUpdate, Revision
from models.transition_record import TransitionRecord
from tests.support.factories import World
from workflow.engine.errors import ConflictError, EngineRefusal, GuardFailed, NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.accounts import SignInRefused, sign_in
from workflow.recommendations.lifecycle import create_recommendation, edit_recommendation, fire


def _count(world: World, model: type) -> int:
    with world.db.read() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def test_two_services_roll_back_together_when_the_second_refuses(world: World) -> None:
    before = {model: _count(world, model) for model in (Recommendation, Revision, TransitionRecord)}
    with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
        rec = create_recommendation(s, RecommendationCreate(
            title="Empfehlung im Ganzen", text="Die Kommunen sollen …", rationale="Weil …",
            working_group_id=world.group.id or 0, addressee_ids=[b.id or 0 for b in world.bodies]),
            world.lead, world.now - timedelta(days=1))
        fire(s, rec.id or 0, "submit", actor=world.stranger, now=world.now)
    assert {model: _count(world, model) for model in before} == before


def test_an_edit_and_a_transition_in_one_unit_of_work_land_together(world: World) -> None:
    rec = world.recommendation()
    with unit_of_work(world.db) as s:
        edit_recommendation(s, rec.id or 0, RecommendationUpdate(title="Neuer Titel"), world.lead, world.now)
        fire(s, rec.id or 0, "submit", actor=world.lead, now=world.now)
    fresh = world.reload(rec)
    assert (fresh.title, fresh.state, fresh.revision_count) == ("Neuer Titel", "submitted", 2)


def test_an_edit_rolls_back_when_the_transition_after_it_is_refused(world: World) -> None:
    rec = world.recommendation(complete=False)
    with pytest.raises(GuardFailed), unit_of_work(world.db) as s:
        edit_recommendation(s, rec.id or 0, RecommendationUpdate(title="Nie gespeichert"), world.lead, world.now)
        fire(s, rec.id or 0, "submit", actor=world.lead, now=world.now)
    fresh = world.reload(rec)
    assert (fresh.title, fresh.state, fresh.revision_count) == (rec.title, "draft", 1)


def test_a_failed_sign_in_is_counted_although_it_is_refused(world: World) -> None:
    with pytest.raises(SignInRefused), unit_of_work(world.db) as s:
        sign_in(s, world.lead.email, "wrong password", "192.0.2.1", world.now)
    with world.db.read() as s:
        counted = {row.key: row.failures for row in s.exec(select(LoginThrottle)).all()}
    assert counted == {f"email:{world.lead.email}": 1, "ip:192.0.2.1": 1}


def test_a_stale_version_is_a_conflict_and_saves_nothing(world: World) -> None:
    rec = world.recommendation()
    with pytest.raises(ConflictError) as refused, unit_of_work(world.db) as s:
        fire(s, rec.id or 0, "submit", actor=world.lead, now=world.now, expected_version=rec.version - 1)
    assert refused.value.code is EngineRefusal.STALE_VERSION
    assert (refused.value.params["version"], refused.value.params["seen"]) == (rec.version, rec.version - 1)
    assert world.reload(rec).state == "draft"
