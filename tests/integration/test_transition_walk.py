"""Every row of the transition table, allowed from its sources and refused from every other state,
and the permission matrix of each role against each event, on SQLite and PostgreSQL."""

import pytest
from sqlmodel import select

from cli.hints import error_line
from models.enums import Role
from models.recommendation import Recommendation
from models.transition_record import TransitionRecord
from tests.support.factories import World
from web.wording.refusals import english
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW, SERVICE_ONLY_EVENTS
from workflow.engine.errors import EngineRefusal, GuardFailed, InvalidTransition, NotPermitted
from workflow.engine.states import RecommendationState
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.forwardings import forward_recommendation
from workflow.recommendations.lifecycle import fire

ALL_STATES = [s.value for s in RecommendationState]


@pytest.fixture
def world(module_world: World) -> World:
    """Every test makes its own recommendation and looks only at it: one cast serves the whole module."""
    return module_world


def _sibling_sources(rule) -> set[str]:
    """States from which another row of the same event fires (that row's own case covers them)."""
    return {s for r in RECOMMENDATION_WORKFLOW.rules if r.event == rule.event and r is not rule
            for s in r.sources} - set(rule.sources)


CASES = [(rule, state) for rule in RECOMMENDATION_WORKFLOW.rules for state in ALL_STATES
         if state not in _sibling_sources(rule)]


# The use cases that fire service-only events (the plain event is refused; see the test below).
SERVICES = {"forward": lambda session, rec_id, actor, now: forward_recommendation(session, rec_id, [], actor, now)}
assert set(SERVICES) == SERVICE_ONLY_EVENTS


def _fire(world: World, rec_id: int, rule, actor) -> None:
    with unit_of_work(world.db) as session:
        rec = session.get(Recommendation, rec_id)
        assert rec is not None
        if rule.event in SERVICES and rec.state in rule.sources:
            SERVICES[rule.event](session, rec_id, actor, world.now)
            return
        # A review starts from its meeting's day on; every other row fires before the meeting.
        now = world.meeting.starts_at if rule.event == "start_review" else world.now
        fire(session, rec_id, rule.event, actor=actor, now=now, comment="Begründung",
             outcome=rule.outcome, meeting_id=world.meeting.id)


def _records(world: World, rec_id: int) -> list[TransitionRecord]:
    with world.db.read() as session:
        return list(session.exec(select(TransitionRecord).where(
            TransitionRecord.subject_kind == "recommendation", TransitionRecord.subject_id == rec_id)).all())


def _allowed_actor(world: World, rule):
    return world.person_for(sorted(rule.roles)[0])


@pytest.mark.parametrize(("rule", "state"), CASES,
                         ids=[f"{r.event}->{r.dest}-from-{s}" for r, s in CASES])
def test_each_row_fires_from_its_sources_and_nowhere_else(world: World, rule, state: str) -> None:
    rec = world.recommendation(state=state)
    assert rec.id is not None
    if state in rule.sources:
        _fire(world, rec.id, rule, _allowed_actor(world, rule))
        after = world.reload(rec)
        assert after.state == rule.dest
        assert after.version == rec.version + 1
        [record] = _records(world, rec.id)
        assert (record.event, record.from_state, record.to_state) == (rule.event, state, rule.dest)
    else:
        with pytest.raises(InvalidTransition) as refused:
            _fire(world, rec.id, rule, _allowed_actor(world, rule))
        assert state in str(refused.value)
        assert list(refused.value.allowed) == RECOMMENDATION_WORKFLOW.events_from(state)
        assert world.reload(rec).state == state
        assert _records(world, rec.id) == []


MATRIX = [(rule, role) for rule in RECOMMENDATION_WORKFLOW.rules for role in Role]


@pytest.mark.parametrize(("rule", "role"), MATRIX, ids=[f"{r.event}->{r.dest}-as-{role}" for r, role in MATRIX])
def test_only_the_roles_of_a_row_may_fire_it(world: World, rule, role: Role) -> None:
    rec = world.recommendation(state=rule.sources[0])
    assert rec.id is not None
    actor = world.person_for(role)
    if role in rule.roles:
        _fire(world, rec.id, rule, actor)
        assert world.reload(rec).state == rule.dest
    else:
        with pytest.raises(NotPermitted) as refused:
            _fire(world, rec.id, rule, actor)
        assert actor.email in str(refused.value)
        assert world.reload(rec).state == rule.sources[0]
        assert _records(world, rec.id) == []


def test_a_lead_of_another_group_may_not_submit_this_groups_draft(world: World) -> None:
    rec = world.recommendation()
    with pytest.raises(NotPermitted) as refused, unit_of_work(world.db) as session:
        fire(session, rec.id or 0, "submit", actor=world.other_lead, now=world.now)
    assert refused.value.code is EngineRefusal.ROLE_REQUIRED and refused.value.params["email"] == world.other_lead.email
    assert english(refused.value).endswith(
        "only the lead of this working group or the deputy lead of this working group may.")
    assert world.reload(rec).state == "draft"


def test_a_person_without_any_role_may_fire_nothing(world: World) -> None:
    for rule in RECOMMENDATION_WORKFLOW.rules:
        rec = world.recommendation(state=rule.sources[0])
        with pytest.raises(NotPermitted):
            _fire(world, rec.id or 0, rule, world.stranger)


@pytest.mark.parametrize("event", sorted(SERVICE_ONLY_EVENTS))
def test_a_service_only_event_fired_plainly_is_refused_with_the_reason_to_use_its_service_and_changes_nothing(
        world: World, event: str) -> None:
    [rule] = [r for r in RECOMMENDATION_WORKFLOW.rules if r.event == event]
    rec = world.recommendation(state=rule.sources[0])
    with pytest.raises(GuardFailed) as refused, unit_of_work(world.db) as session:
        fire(session, rec.id or 0, event, actor=world.person_for(sorted(rule.roles)[0]), now=world.now,
             comment="Begründung")
    assert [(r.code, r.parameters) for r in refused.value.reasons] == [
        ("forward_through_service", {"recommendation": rec.number or rec.id})]
    assert error_line(refused.value).endswith(f"Forward it with 'recoflow {event} {rec.number or rec.id} --to BODY' "
                                              "(without --to: to its proposed addressees).")
    assert world.reload(rec).state == rule.sources[0]
    assert _records(world, rec.id or 0) == []
