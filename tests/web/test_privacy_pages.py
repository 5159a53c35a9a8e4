"""The data-protection pages: a person downloads their own data from their account page; the secretariat finds a
person, downloads their data and erases them after ticking the confirmation (nobody else may); the recommendation's
pages then show the pseudonym."""

import json
from collections.abc import Iterator

import pytest

from tests.support.factories import World
from tests.support.web import Browser, Clock, browsers
from workflow.engine.unit_of_work import unit_of_work
from workflow.recommendations.lifecycle import fire


@pytest.fixture
def people(web_world: World) -> Iterator[dict[str, Browser]]:
    with browsers(web_world, Clock(web_world.now), cast=("secretariat", "lead", "chair")) as clients:
        yield clients


def test_a_person_downloads_their_own_data_from_their_account_page(people: dict[str, Browser]) -> None:
    page = people["lead"].client.get("/account/api-tokens").text
    assert "Meine Daten herunterladen" in page and 'href="/account/personal-data"' in page
    answer = people["lead"].client.get("/account/personal-data")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/json")
    assert answer.headers["content-disposition"].startswith("attachment;")
    assert answer.headers["cache-control"] == "no-store"
    data = json.loads(answer.text)
    assert data["person"]["email"] == "lead@example.org" and "role_assignment" in data["tables"]


def test_only_the_secretariat_exports_and_erases_others(people: dict[str, Browser], web_world: World) -> None:
    other = web_world.stranger.id
    for who in ("lead", "chair"):
        assert people[who].client.get("/privacy?q=Fremde").status_code == 403
        assert people[who].client.get(f"/privacy/people/{other}/export").status_code == 403
        assert people[who].post(f"/privacy/people/{other}/erase", confirmed="yes").status_code == 403
    page = people["secretariat"].client.get("/privacy?q=Fremde")
    assert page.status_code == 200 and "<h1>Datenschutz: Auskunft und Löschung</h1>" in page.text
    assert "nach 180 Tagen geleert" in page.text and "Fremde Person löschen" in page.text
    export = people["secretariat"].client.get(f"/privacy/people/{other}/export")
    assert json.loads(export.text)["person"]["name"] == "Fremde Person"


def test_the_secretariat_erases_after_confirming_and_the_pages_show_the_pseudonym(
        people: dict[str, Browser], web_world: World) -> None:
    rec = web_world.recommendation(title="Elternarbeit")
    with unit_of_work(web_world.db) as s:
        fire(s, rec.id or 0, "submit", actor=web_world.lead, now=web_world.now)
    before = people["secretariat"].client.get(f"/recommendations/{rec.id}").text
    assert "Leitung Lange" in before
    unconfirmed = people["secretariat"].post(f"/privacy/people/{web_world.lead.id}/erase")
    assert unconfirmed.status_code == 422 and "Häkchen" in unconfirmed.text
    done = people["secretariat"].post(f"/privacy/people/{web_world.lead.id}/erase", confirmed="yes")
    assert done.status_code == 303
    listing = people["secretariat"].client.get("/privacy?q=Gelöschte").text
    assert "Gelöschte Person 1" in listing and "gelöscht" in listing
    history = people["secretariat"].client.get(f"/recommendations/{rec.id}").text
    assert "Gelöschte Person 1" in history and "Leitung Lange" not in history
    last = people["secretariat"].post(f"/privacy/people/{web_world.secretariat.id}/erase", confirmed="yes")
    assert last.status_code == 422 and "Geschäftsstelle zuerst einer anderen Person" in last.text
