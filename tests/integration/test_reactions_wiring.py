"""Firing runs the reactions an entry point wired, in the caller's unit of work; unwired, nothing fires at all,
so no entry point can skip the effects that keep the domain consistent (numbering, agenda, review rounds)."""

import pytest
from sqlmodel import select

from models.transition_record import TransitionRecord
from tests.support.factories import World
from workflow.engine.reactions import NotWired, Reactions, install
from workflow.engine.unit_of_work import unit_of_work
from workflow.recommendations.lifecycle import fire


def test_submitting_runs_the_wired_numbering_in_the_same_unit_of_work(world: World) -> None:
    rec = world.recommendation()
    with unit_of_work(world.db) as s:
        fire(s, rec.id or 0, "submit", actor=world.lead, now=world.now)
    submitted = world.reload(rec)
    assert submitted.state == "submitted" and submitted.number


def test_without_wired_reactions_firing_is_refused_and_leaves_the_recommendation_as_it_was(
        world: World, reactions: Reactions) -> None:
    rec = world.recommendation()
    previous = install(None)  # as in a process whose entry point never called bootstrap()
    try:
        with pytest.raises(NotWired), unit_of_work(world.db) as s:
            fire(s, rec.id or 0, "submit", actor=world.lead, now=world.now)
    finally:
        install(previous)
    unchanged = world.reload(rec)
    assert (unchanged.state, unchanged.number, unchanged.version) == ("draft", rec.number, rec.version)
    with world.db.read() as s:
        assert s.exec(select(TransitionRecord).where(TransitionRecord.subject_kind == "recommendation",
                                       TransitionRecord.subject_id == rec.id)).all() == []
