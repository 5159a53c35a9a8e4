"""After a form, the page answers with its message in view: the redirect points at ``#message`` (the first flash,
focusable), so the browser scrolls to it without JavaScript."""

from tests.support.factories import World
from tests.support.forwarding import add_meeting, forwarded
from tests.support.web import browsers


def test_a_forms_redirect_points_at_the_message_the_next_page_shows(web_world: World) -> None:
    rec, _links = forwarded(web_world)
    later = add_meeting(web_world, 200, title="Herbstsitzung")
    with browsers(web_world, cast=("secretariat",)) as cast:
        office = cast["secretariat"]
        planned = office.post(f"/recommendations/{rec.id}/review/plan", meeting_id=str(later.id))
        page = office.client.get(planned.headers["location"]).text
        unchanged = office.client.get(f"/recommendations/{rec.id}").text
    # The section's own anchor (#review) gives way to the message, which answers the form sent there.
    assert planned.status_code == 303 and planned.headers["location"] == f"/recommendations/{rec.id}#message"
    assert 'id="message" tabindex="-1">Die Sitzung für die Überprüfung ist festgelegt.' in page
    assert 'id="message"' not in unchanged  # shown once, and only after a form


def test_a_redirect_without_a_message_keeps_its_target(web_world: World) -> None:
    with browsers(web_world, cast=("secretariat",)) as cast:
        office = cast["secretariat"]
        switched = office.post("/language", lang="en", next="/meetings")
    assert "#message" not in switched.headers.get("location", "")
