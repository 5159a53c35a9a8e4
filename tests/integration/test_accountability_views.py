"""The read models of the pages after the vote: the body's page, a recommendation's forwarding panel and the
accountability overview, with who may see what."""

from datetime import date

import pytest

from models.forwarding import ReportStatus
from tests.support.factories import World
from tests.support.forwarding import add_meeting, forwarded, third_body
from workflow.engine.errors import NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.forwardings import forward_to_suggested
from workflow.forwarding.personal_links import LinkRefused
from workflow.forwarding.reports import ContactInput, ReportInput, acknowledge_by_link, report_by_link
from workflow.forwarding.review import conclude_review, set_review_meeting, start_review
from workflow.queries.accountability_views import forwardings_overview, recommendation_panel, require_overview_reader
from workflow.queries.browsing import standing_of
from workflow.queries.link_view import link_page
from workflow.queries.recommendation_views import recommendation_detail


def _panel(world: World, rec_id: int, who: str) -> dict | None:
    person = getattr(world, who)
    with world.db.read() as session:
        detail = recommendation_detail(session, rec_id, person, world.now)
        return recommendation_panel(session, detail, standing_of(session, person.id, world.now.date()), world.now)


def _report(world: World, token: str, status: ReportStatus, text: str, **extra: object) -> None:
    with unit_of_work(world.db) as session:
        report_by_link(session, token, world.now, ReportInput(status=status, text=text, **extra))


def test_the_body_sees_its_own_reports_and_when_the_next_report_is_due(world: World) -> None:
    rec, [mine, theirs] = forwarded(world)
    with unit_of_work(world.db) as session:
        set_review_meeting(session, rec.id or 0, world.meeting.id, world.secretariat, world.now)
    _report(world, mine.token, ReportStatus.IN_PROGRESS, "Wir beginnen.")
    _report(world, theirs.token, ReportStatus.IMPLEMENTED, "Schon erledigt.")
    with world.db.read() as session:
        page = link_page(session, mine.token, world.now)
    assert [r.text for r in page.reports] == ["Wir beginnen."]
    assert page.forwarding.forwarded_by == world.secretariat.name
    # Six weeks before the meeting of 19 April.
    assert page.report_due_at is not None and page.report_due_at.astimezone(world.now.tzinfo).date() == date(2026, 3, 8)
    assert page.reporting_open is True
    assert mine.organisation_name not in [o.name for o in page.organisations]


def test_after_the_review_the_body_page_takes_no_more_reports_and_a_bad_token_is_refused(world: World) -> None:
    rec, [link, _other] = forwarded(world)
    with unit_of_work(world.db) as session:
        start_review(session, rec.id or 0, world.secretariat, world.now, world.meeting.id,
                     "Die Berichte liegen vor.", early=True)  # before its meeting: brought forward
    with unit_of_work(world.db) as session:
        conclude_review(session, rec.id or 0, "implemented", "Erledigt.", world.chair, world.now)
    with world.db.read() as session:
        page = link_page(session, link.token, world.now)
        with pytest.raises(LinkRefused):
            link_page(session, link.token[:-1], world.now)
    assert page.reporting_open is False and page.report_due_at is None


def test_the_panel_appears_once_adopted_and_only_the_secretariat_may_forward(world: World) -> None:
    submitted = world.recommendation(state="submitted")
    adopted = world.recommendation(state="adopted")
    assert _panel(world, submitted.id or 0, "secretariat") is None
    secretariat = _panel(world, adopted.id or 0, "secretariat")
    chair = _panel(world, adopted.id or 0, "chair")
    assert secretariat is not None and chair is not None
    assert secretariat.may_forward and secretariat.preset_ids == {b.id for b in world.bodies}
    assert len(secretariat.organisations) == 3  # the preset can be changed to any body of the directory
    assert not chair.may_forward and chair.organisations == [] and not chair.has_actions


def test_only_the_secretariat_sees_the_contact_persons_in_the_panel(world: World) -> None:
    rec, [link, _other] = forwarded(world)
    with unit_of_work(world.db) as session:
        acknowledge_by_link(session, link.token, world.now, ContactInput(name="Petra Paulsen",
                                                                          email="petra@example.org"))
    secretariat = _panel(world, rec.id or 0, "secretariat")
    member = _panel(world, rec.id or 0, "member")
    assert secretariat is not None and member is not None
    assert secretariat.forwardings[0].contact_name == "Petra Paulsen"
    assert member.forwardings[0].contact_name == member.forwardings[0].contact_email == ""
    assert member.forwardings[0].acknowledged_at is not None


def test_a_not_responsible_answer_is_offered_for_onward_forwarding_until_it_is_done(world: World) -> None:
    rec, [link, _other] = forwarded(world)
    instead = third_body(world)
    _report(world, link.token, ReportStatus.NOT_RESPONSIBLE, "Nicht wir.", suggested_organisation_id=instead.id)
    before = _panel(world, rec.id or 0, "secretariat")
    assert before is not None
    [offered] = before.onward.values()
    assert offered.suggested_body == instead.name and instead.id in before.unsent_ids
    with unit_of_work(world.db) as session:
        forward_to_suggested(session, offered.id, world.secretariat, world.now)
    after = _panel(world, rec.id or 0, "secretariat")
    assert after is not None and after.onward == {} and instead.id not in after.unsent_ids
    assert [row.referred_by for row in after.forwardings][-1] == link.organisation_name


def test_the_overview_groups_forwardings_per_recommendation_and_body_and_lists_overdue_reports(world: World) -> None:
    first, [a1, _b1] = forwarded(world)
    second, [_a2, _b2] = forwarded(world)
    with unit_of_work(world.db) as session:
        set_review_meeting(session, first.id or 0, world.meeting.id, world.secretariat, world.now)
    with unit_of_work(world.db) as session:
        set_review_meeting(session, second.id or 0, add_meeting(world, 300).id, world.secretariat, world.now)
    _report(world, a1.token, ReportStatus.IMPLEMENTED, "Erledigt.")
    with world.db.read() as session:
        overview = forwardings_overview(session, world.now)
    assert [g.recommendation_id for g in overview.by_recommendation] == [first.id, second.id]
    assert [(g.body, len(g.forwardings), g.reported) for g in overview.by_body] == [
        ("Landkreis Beispiel", 2, 1), ("Stadt Beispiel", 2, 0)]
    # Due six weeks before a meeting 40 days ahead: already overdue for the body that has not reported.
    assert [(r.recommendation_id, r.body) for r in overview.overdue] == [(first.id, "Stadt Beispiel")]
    assert overview.totals.forwardings == 4 and overview.totals.overdue == 1


def test_only_the_secretariat_and_the_chair_read_the_overview(world: World) -> None:
    with world.db.read() as session:
        for who, allowed in (("secretariat", True), ("chair", True), ("member", False), ("lead", False)):
            person = getattr(world, who)
            standing = standing_of(session, person.id, world.now.date())
            if allowed:
                require_overview_reader(person, standing)
            else:
                with pytest.raises(NotPermitted):
                    require_overview_reader(person, standing)
