"""Refusals on the pages speak the reader's language and point to the page's forms, not to command-line options."""

from tests.support.factories import World
from tests.support.web import browsers


def test_the_submit_button_says_in_german_what_is_missing(web_world: World) -> None:
    rec = web_world.recommendation(complete=False)
    with browsers(web_world) as cast:
        page = cast["lead"].client.get(f"/recommendations/{rec.id}").text
    assert "Die Empfehlung hat noch keine Begründung. Ergänzen Sie sie über „Entwurf bearbeiten“." in page
    assert "Schlagen Sie mindestens eine zuständige Stelle als Adressatin vor" in page
    assert "--rationale" not in page and "rec edit" not in page


def test_a_refused_submit_is_explained_in_german_and_changes_nothing(web_world: World) -> None:
    rec = web_world.recommendation(complete=False)
    with browsers(web_world) as cast:
        response = cast["lead"].post(f"/recommendations/{rec.id}/events/submit", comment="fertig")
    assert response.status_code == 409
    assert "Die Empfehlung hat noch keine Begründung" in response.text
    assert "--" not in response.text.split("<main", 1)[1]
    assert web_world.reload(rec).state == "draft"


def test_readers_of_english_get_the_same_reasons_in_english(web_world: World) -> None:
    rec = web_world.recommendation(complete=False)
    with browsers(web_world) as cast:
        lead = cast["lead"]
        lead.post("/language", lang="en", next=f"/recommendations/{rec.id}")
        page = lead.client.get(f"/recommendations/{rec.id}").text
    assert "The recommendation has no rationale yet. Add one with “Edit the draft”." in page
    assert "rec edit" not in page
