"""Bad input around forwarding and reports is refused with one code and its values, and nothing is half-written."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from pydantic import ValidationError
from sqlmodel import func, select

from models.forwarding import Forwarding, ImplementationReport, ReportStatus
from models.recommendation import Recommendation
from models.transition_record import TransitionRecord
from tests.support.factories import World
from tests.support.forwarding import forwarded, third_body
from workflow.engine.errors import GuardFailed, InvalidInput, NotFound, NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.forwardings import forward_recommendation, forward_to_suggested, forwarding_of
from workflow.forwarding.refusals import ForwardingRefusal
from workflow.forwarding.reports import ReportInput, file_report, report_by_link
from workflow.network.refusals import DirectoryRefusal
from workflow.queries.recommendation_views import recommendation_detail
from workflow.recommendations.lifecycle import fire


def _counts(world: World) -> tuple[int, int, int]:
    with world.db.read() as s:
        return tuple(s.exec(select(func.count()).select_from(t)).one()  # type: ignore[return-value]
                     for t in (Forwarding, ImplementationReport, TransitionRecord))


@pytest.mark.parametrize("state", ["draft", "submitted", "voting", "rejected", "withdrawn"])
def test_forwarding_anything_not_adopted_is_refused(world: World, state: str) -> None:
    rec = world.recommendation(state=state)
    before = _counts(world)
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        forward_recommendation(s, rec.id or 0, [], world.secretariat, world.now)
    assert refused.value.code is ForwardingRefusal.NOT_ADOPTED and refused.value.params["state"] == state
    assert _counts(world) == before and world.reload(rec).state == state


def test_only_the_secretariat_forwards_and_nothing_is_written_otherwise(world: World) -> None:
    rec = world.recommendation(state="adopted")
    before = _counts(world)
    with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
        forward_recommendation(s, rec.id or 0, [], world.chair, world.now)
    assert _counts(world) == before and world.reload(rec).state == "adopted"


def test_forwarding_is_not_offered_as_a_plain_event_but_refused_with_the_command_to_use(world: World) -> None:
    rec = world.recommendation(state="adopted")
    with world.db.read() as s:
        offered = [e.event for e in recommendation_detail(s, rec.id or 0, world.secretariat, world.now)
                   .possible_events or []]
    assert "forward" not in offered
    before = _counts(world)
    with pytest.raises(GuardFailed, match="forward_through_service"), unit_of_work(world.db) as s:
        fire(s, rec.id or 0, "forward", actor=world.secretariat, now=world.now)
    assert _counts(world) == before and world.reload(rec).state == "adopted"


def test_an_unknown_or_twice_named_body_refuses_the_whole_forwarding(world: World) -> None:
    rec = world.recommendation(state="adopted")
    before = _counts(world)
    with pytest.raises(NotFound) as unknown, unit_of_work(world.db) as s:
        forward_recommendation(s, rec.id or 0, ["Stadt Beispiel", "Atlantis"], world.secretariat, world.now)
    assert unknown.value.code is DirectoryRefusal.NO_ORGANISATION and unknown.value.params["ref"] == "Atlantis"
    with pytest.raises(InvalidInput) as twice, unit_of_work(world.db) as s:
        forward_recommendation(s, rec.id or 0, ["Stadt Beispiel", "Stadt Beispiel"], world.secretariat, world.now)
    assert twice.value.code is ForwardingRefusal.BODY_NAMED_TWICE and twice.value.params["body"] == "Stadt Beispiel"
    assert _counts(world) == before


def test_the_secretariat_can_choose_other_bodies_than_the_proposed_ones(world: World) -> None:
    rec = world.recommendation(state="adopted")
    third = third_body(world)
    with unit_of_work(world.db) as s:
        links = forward_recommendation(s, rec.id or 0, [third.name], world.secretariat, world.now)
    assert [link.organisation_name for link in links] == [third.name]


def test_a_forwarded_recommendation_goes_onward_to_a_further_body_without_a_transition(world: World) -> None:
    rec, _links = forwarded(world)
    third = third_body(world)
    with unit_of_work(world.db) as s:
        [_link] = forward_recommendation(s, rec.id or 0, [third.id or 0], world.secretariat, world.now)
    after = world.reload(rec)
    assert (after.state, after.version) == ("forwarded", rec.version)
    with pytest.raises(InvalidInput) as again, unit_of_work(world.db) as s:
        forward_recommendation(s, rec.id or 0, [third.id or 0], world.secretariat, world.now)
    assert again.value.code is ForwardingRefusal.BODY_HAS_IT and again.value.params["body"] == "Gemeinde Drittort"
    with pytest.raises(InvalidInput) as unnamed, unit_of_work(world.db) as s:
        forward_recommendation(s, rec.id or 0, [], world.secretariat, world.now)
    assert unnamed.value.code is ForwardingRefusal.FORWARDED_ALREADY


def test_a_report_for_a_body_the_recommendation_was_not_forwarded_to_is_refused(world: World) -> None:
    rec, _links = forwarded(world)
    third = third_body(world)
    with pytest.raises(InvalidInput) as refused, world.db.read() as s:
        forwarding_of(s, rec.id or 0, third.name)
    assert refused.value.code is ForwardingRefusal.NOT_FORWARDED_TO
    assert refused.value.params["body"] == "Gemeinde Drittort"


def test_not_responsible_needs_the_body_it_should_go_to_and_only_then_names_one(world: World) -> None:
    with pytest.raises(ValidationError, match="names the body it should go to"):
        ReportInput(status=ReportStatus.NOT_RESPONSIBLE, text="Nicht zuständig.")
    with pytest.raises(ValidationError, match="only with the status not_responsible"):
        ReportInput(status=ReportStatus.IMPLEMENTED, text="Erledigt.", suggested_body="Irgendwer")


def test_a_report_dated_in_the_future_is_refused(world: World) -> None:
    _rec, (district, _city) = forwarded(world)
    later = (world.now + timedelta(days=3)).date()
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        report_by_link(s, district.token, world.now, ReportInput(
            status=ReportStatus.IN_PROGRESS, text="…", report_date=later))
    assert refused.value.code is ForwardingRefusal.REPORT_DATE_IN_FUTURE and refused.value.params["date"] == later


def test_a_referral_by_name_only_cannot_be_forwarded_automatically(world: World) -> None:
    _rec, (_district, city) = forwarded(world)
    with unit_of_work(world.db) as s:
        report = report_by_link(s, city.token, world.now, ReportInput(
            status=ReportStatus.NOT_RESPONSIBLE, text="Zuständig ist das Land.", suggested_body="Landesamt X"))
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        forward_to_suggested(s, report.id or 0, world.secretariat, world.now)
    assert refused.value.code is ForwardingRefusal.NO_SUGGESTED_BODY and refused.value.params["report"] == report.id


def test_reports_accumulate_and_the_database_refuses_to_change_one(world: World) -> None:
    rec, (district, _city) = forwarded(world)
    for days, status in ((1, ReportStatus.NOT_STARTED), (20, ReportStatus.IN_PROGRESS),
                         (40, ReportStatus.IMPLEMENTED)):
        with unit_of_work(world.db) as s:
            report_by_link(s, district.token, world.now + timedelta(days=days),
                           ReportInput(status=status, text=f"Stand nach {days} Tagen"))
    with world.db.read() as s:
        timeline = s.exec(select(ImplementationReport).order_by(ImplementationReport.id)).all()  # type: ignore[arg-type]
        forwarding = forwarding_of(s, rec.id or 0, district.organisation_id)
    assert [r.status for r in timeline] == ["not_started", "in_progress", "implemented"]
    assert forwarding.state == "reported"
    with pytest.raises(sa.exc.DBAPIError), world.db.engine.begin() as conn:
        conn.execute(sa.text("UPDATE implementation_report SET text = 'überschrieben'"))


def test_the_secretariat_enters_a_letter_and_others_may_not(world: World) -> None:
    rec, _links = forwarded(world)
    letter = ReportInput(status=ReportStatus.IN_PROGRESS, text="Schreiben vom 12. März")
    with unit_of_work(world.db) as s:
        forwarding = forwarding_of(s, rec.id or 0, "Stadt Beispiel")
        report = file_report(s, forwarding, letter, world.secretariat, world.now)
    assert report.filed_by_id == world.secretariat.id
    with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
        file_report(s, forwarding_of(s, rec.id or 0, "Stadt Beispiel"), letter, world.chair, world.now)


def test_reports_on_a_concluded_recommendation_are_no_longer_taken(world: World) -> None:
    rec, (district, _city) = forwarded(world)
    with unit_of_work(world.db) as s:
        row = s.get(Recommendation, rec.id)
        assert row is not None
        row.state = "implemented"  # a test shortcut: the review concluded
        s.add(row)
        s.commit()
    before = _counts(world)
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        report_by_link(s, district.token, world.now, ReportInput(status=ReportStatus.IMPLEMENTED, text="Fertig"))
    assert refused.value.code is ForwardingRefusal.REPORTS_CLOSED and refused.value.params["state"] == "implemented"
    assert _counts(world) == before
