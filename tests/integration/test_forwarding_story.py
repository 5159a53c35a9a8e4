"""The issue's end-to-end story: two bodies, one implements, one is not responsible and names a third, the third
reports, the review concludes "partially implemented", and the transition record tells it all in order."""

from datetime import timedelta

from models.forwarding import ReportStatus
from tests.support.factories import World
from tests.support.forwarding import add_meeting, forwarded, third_body
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.accountability import recommendation_overview, recommendation_story
from workflow.forwarding.forwardings import forward_to_suggested
from workflow.forwarding.reports import ContactInput, ReportInput, acknowledge_by_link, report_by_link
from workflow.forwarding.review import conclude_review, start_review


def test_two_bodies_a_referral_and_a_partial_review_tell_the_whole_story_in_order(world: World) -> None:
    day = timedelta(days=1)
    review_meeting = add_meeting(world, 200)
    third = third_body(world)
    rec, (district, city) = forwarded(world)
    assert rec.state == "forwarded"
    assert [link.organisation_name for link in (district, city)] == ["Landkreis Beispiel", "Stadt Beispiel"]

    with unit_of_work(world.db) as s:
        acknowledge_by_link(s, district.token, world.now + day, ContactInput(name="Erika Muster",
                                                                              email="e.muster@example.org"))
    with unit_of_work(world.db) as s:
        referral = report_by_link(s, city.token, world.now + 10 * day, ReportInput(
            status=ReportStatus.NOT_RESPONSIBLE, text="Zuständig ist die Gemeinde.",
            suggested_organisation_id=third.id))
    with unit_of_work(world.db) as s:
        onward = forward_to_suggested(s, referral.id or 0, world.secretariat, world.now + 12 * day)
    with unit_of_work(world.db) as s:
        report_by_link(s, district.token, world.now + 30 * day, ReportInput(
            status=ReportStatus.IMPLEMENTED, text="Umgesetzt zum 1. April."))
    with unit_of_work(world.db) as s:
        report_by_link(s, onward.token, world.now + 60 * day, ReportInput(
            status=ReportStatus.PARTIALLY_IMPLEMENTED, text="Teilweise umgesetzt."))
    with unit_of_work(world.db) as s:
        start_review(s, rec.id or 0, world.secretariat, world.now + 150 * day,  # before its meeting: brought forward
                     comment="Die Berichte liegen vor.", early=True)
    with unit_of_work(world.db) as s:
        conclude_review(s, rec.id or 0, "partially_implemented", "Zwei von drei Stellen haben umgesetzt.",
                        world.chair, world.now + 200 * day)

    assert world.reload(rec).state == "partially_implemented"
    with world.db.read() as s:
        story = recommendation_story(s, rec.id or 0)
        overview = recommendation_overview(s, rec.id or 0, world.now + 201 * day)
    assert [(e["subject"], e["event"], e["to"]) for e in story] == [
        ("recommendation", "forward", "forwarded"),
        ("Landkreis Beispiel", "send", "sent"),
        ("Stadt Beispiel", "send", "sent"),
        ("Landkreis Beispiel", "acknowledge", "acknowledged"),
        ("Stadt Beispiel", "report", "reported"),
        ("Gemeinde Drittort", "send", "sent"),
        ("Landkreis Beispiel", "report", "reported"),
        ("Gemeinde Drittort", "report", "reported"),
        ("recommendation", "start_review", "under_review"),
        ("recommendation", "conclude_review", "partially_implemented"),
    ]
    assert [e["at"] for e in story] == sorted(e["at"] for e in story)
    assert story[0]["actor"] == world.secretariat.name
    assert story[3]["actor"] is None and "persönlichen Link" in story[3]["comment"]
    assert "Stadt Beispiel" in story[5]["comment"]
    assert story[-2]["meeting_id"] == story[-1]["meeting_id"] == review_meeting.id
    assert story[-1]["actor"] == world.chair.name and story[-1]["comment"] == "Zwei von drei Stellen haben umgesetzt."

    by_body = {f.body: f for f in overview["forwardings"]}
    assert by_body["Landkreis Beispiel"].latest_status == "implemented"
    assert by_body["Landkreis Beispiel"].contact_name == "Erika Muster"
    assert by_body["Stadt Beispiel"].latest_status == "not_responsible"
    assert by_body["Stadt Beispiel"].suggested_body == "Gemeinde Drittort"
    assert by_body["Gemeinde Drittort"].referred_by == "Stadt Beispiel"
    assert overview["review_rounds"][0]["outcome"] == "partially_implemented"
