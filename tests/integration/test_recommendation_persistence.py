"""What a transition leaves in the database: the record, the version, the number, the revisions."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import select

from models.recommendation import RecommendationUpdate, Revision
from models.transition_record import TransitionRecord
from tests.support.factories import World
from workflow.engine.errors import GuardFailed, InvalidInput, NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.queries.recommendation_views import recommendation_detail, recommendation_history
from workflow.recommendations.lifecycle import edit_recommendation, fire
from workflow.recommendations.refusals import RecommendationRefusal


def test_submitting_records_who_when_from_to_why_and_the_revision(world: World) -> None:
    rec = world.recommendation()
    with unit_of_work(world.db) as session:
        fire(session, rec.id or 0, "submit", actor=world.lead, now=world.now, comment="Bitte beraten")
    with world.db.read() as session:
        [entry] = recommendation_history(session, rec.id or 0)
    assert entry.event == "submit"
    assert (entry.from_, entry.to) == ("draft", "submitted")
    assert entry.actor is not None and entry.actor.email == world.lead.email
    assert entry.at == world.now
    assert entry.comment == "Bitte beraten"
    assert entry.revision == 1


def test_the_first_submission_numbers_the_recommendation_per_year(world: World) -> None:
    first, second = world.recommendation(), world.recommendation()
    with unit_of_work(world.db) as session:
        fire(session, first.id or 0, "submit", actor=world.lead, now=world.now)
        fire(session, second.id or 0, "submit", actor=world.lead, now=world.now)
    assert world.reload(first).number == "HE-2026-001"
    assert world.reload(second).number == "HE-2026-002"


def test_a_returned_and_resubmitted_recommendation_keeps_its_number(world: World) -> None:
    rec = world.recommendation()
    with unit_of_work(world.db) as session:
        fire(session, rec.id or 0, "submit", actor=world.lead, now=world.now)
        fire(session, rec.id or 0, "return", actor=world.secretariat, now=world.now, comment="Bitte ergänzen")
        fire(session, rec.id or 0, "submit", actor=world.lead, now=world.now + timedelta(days=400))
    assert world.reload(rec).number == "HE-2026-001"


def test_each_saved_edit_is_a_numbered_revision_and_history_names_the_submitted_one(world: World) -> None:
    rec = world.recommendation()
    with unit_of_work(world.db) as session:
        edit_recommendation(session, rec.id or 0, RecommendationUpdate(text="Neuer Text"), world.wg_member,
                            world.now, comment="präzisiert")
        fire(session, rec.id or 0, "submit", actor=world.lead, now=world.now)
    with world.db.read() as session:
        revisions = session.exec(select(Revision).where(Revision.recommendation_id == rec.id)).all()
        [entry] = recommendation_history(session, rec.id or 0)
    assert [(r.number, r.text) for r in revisions] == [(1, "Die Kommunen sollen …"), (2, "Neuer Text")]
    assert entry.revision == 2


def test_an_edit_that_changes_nothing_is_refused(world: World) -> None:
    rec = world.recommendation()
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as session:
        edit_recommendation(session, rec.id or 0, RecommendationUpdate(text=rec.text), world.lead, world.now)
    assert refused.value.code is RecommendationRefusal.NOTHING_TO_SAVE


def test_proposing_the_same_addressees_again_is_not_a_change(world: World) -> None:
    rec = world.recommendation()
    same = RecommendationUpdate(addressee_ids=[b.id or 0 for b in reversed(world.bodies)])
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as session:
        edit_recommendation(session, rec.id or 0, same, world.lead, world.now)
    assert refused.value.code is RecommendationRefusal.NOTHING_TO_SAVE
    assert world.reload(rec).version == rec.version


def test_only_drafts_can_be_edited(world: World) -> None:
    rec = world.recommendation(state="submitted")
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as session:
        edit_recommendation(session, rec.id or 0, RecommendationUpdate(text="x"), world.lead, world.now)
    assert refused.value.code is RecommendationRefusal.ONLY_DRAFTS_EDITABLE
    assert refused.value.params["state"] == "submitted"


def test_someone_outside_the_group_may_not_edit_its_draft(world: World) -> None:
    rec = world.recommendation()
    with pytest.raises(NotPermitted), unit_of_work(world.db) as session:
        edit_recommendation(session, rec.id or 0, RecommendationUpdate(text="x"), world.other_lead, world.now)
    assert world.reload(rec).text == rec.text


def test_an_incomplete_draft_cannot_be_submitted_and_the_reasons_are_named(world: World) -> None:
    rec = world.recommendation(complete=False)
    with pytest.raises(GuardFailed) as refused, unit_of_work(world.db) as session:
        fire(session, rec.id or 0, "submit", actor=world.lead, now=world.now)
    assert [r.code for r in refused.value.reasons] == ["rationale_missing", "addressee_missing"]
    assert world.reload(rec).state == "draft"


def test_returning_without_a_reason_is_refused(world: World) -> None:
    rec = world.recommendation(state="submitted")
    with pytest.raises(GuardFailed, match="comment_missing"), unit_of_work(world.db) as session:
        fire(session, rec.id or 0, "return", actor=world.secretariat, now=world.now)


def test_scheduling_needs_a_meeting_that_lies_ahead(world: World) -> None:
    rec = world.recommendation(state="submitted")
    with pytest.raises(GuardFailed, match="meeting_missing"), unit_of_work(world.db) as session:
        fire(session, rec.id or 0, "schedule", actor=world.secretariat, now=world.now)
    late = world.now + timedelta(days=41)
    with pytest.raises(GuardFailed, match="meeting_past"), unit_of_work(world.db) as session:
        fire(session, rec.id or 0, "schedule", actor=world.secretariat, now=late, meeting_id=world.meeting.id)
    assert world.reload(rec).state == "submitted"


def test_a_concluded_group_can_no_longer_submit(world: World) -> None:
    from workflow.network.working_groups import fire_group_event

    rec = world.recommendation()
    with unit_of_work(world.db) as session:
        fire_group_event(session, world.group.id or 0, "conclude", actor=world.chair, now=world.now,
                         comment="Mandat erfüllt")
    with pytest.raises(GuardFailed, match="group_concluded"), unit_of_work(world.db) as session:
        fire(session, rec.id or 0, "submit", actor=world.lead, now=world.now)


def test_the_lead_is_offered_submit_and_withdraw_and_nothing_else(world: World) -> None:
    rec = world.recommendation()
    with world.db.read() as session:
        lead = recommendation_detail(session, rec.id or 0, world.lead, world.now).possible_events or []
        stranger = recommendation_detail(session, rec.id or 0, world.stranger, world.now).possible_events
    assert [e.event for e in lead] == ["submit", "withdraw"]
    assert all(e.ready for e in lead)
    assert stranger == []


def test_an_incomplete_draft_offers_submit_as_blocked_with_the_reason(world: World) -> None:
    rec = world.recommendation(complete=False)
    with world.db.read() as session:
        events = recommendation_detail(session, rec.id or 0, world.lead, world.now).possible_events or []
    submit = next(e for e in events if e.event == "submit")
    assert not submit.ready
    assert [r.code for r in submit.blocked_by] == ["rationale_missing", "addressee_missing"]


def test_the_transition_record_is_append_only_in_the_database(world: World) -> None:
    rec = world.recommendation()
    with unit_of_work(world.db) as session:
        fire(session, rec.id or 0, "submit", actor=world.lead, now=world.now)
    with world.db.engine.connect() as conn:
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            conn.execute(sa.update(TransitionRecord).values(comment="geändert"))
        conn.rollback()
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            conn.execute(sa.delete(TransitionRecord))
