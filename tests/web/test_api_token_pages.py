"""The page 'Meine API-Schlüssel': a person with a role lists their own tokens with their state, creates one whose
secret is shown once (and never again), and revokes one after ticking the confirmation, in German."""

import re
from collections.abc import Iterator
from datetime import timedelta
from html import unescape

import httpx
import pytest
from sqlmodel import col, select

from models.accounts import ApiToken
from tests.support.factories import World
from tests.support.web import Browser, Clock, browsers, client_for, sign_in
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token

PAGE = "/account/api-tokens"
_SECRET = re.compile(r"rf_[A-Za-z0-9_-]{20,}")
# The clock time of an expiry that lies across the change to summer time (29.03.2026) is the service's to settle
# (whole days of 24 hours or the local calendar); these tests pin its date only.
ACROSS_DST = r"\d\d:\d\d"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture
def app_clock(web_world: World) -> Clock:
    return Clock(web_world.now)


@pytest.fixture
def people(web_world: World, app_clock: Clock) -> Iterator[dict[str, Browser]]:
    """The lead, a working group's member and someone without a role, each signed in on one app."""
    with browsers(web_world, app_clock, cast=("lead", "wg_member", "stranger")) as clients:
        yield clients


def _rows(world: World) -> list[ApiToken]:
    with world.db.read() as s:
        return list(s.exec(select(ApiToken).order_by(col(ApiToken.id))).all())


def _api(browser: Browser, secret: str) -> httpx.Response:
    return browser.client.get("/api/v1/tokens", headers={"Authorization": f"Bearer {secret}"})


def test_everyone_with_a_role_finds_their_tokens_from_the_header_in_an_accessible_german_table(
        people: dict[str, Browser], web_world: World) -> None:
    with unit_of_work(web_world.db) as s:
        issue_api_token(s, web_world.lead, "Statistik", web_world.now)
        issue_api_token(s, web_world.wg_member, "Fremdes Skript", web_world.now)
    tasks = people["lead"].client.get("/tasks").text
    page = people["lead"].client.get(PAGE)
    text = _text(page.text)
    assert 'href="/account/api-tokens"' in tasks and "Meine API-Schlüssel" in _text(tasks)
    assert page.status_code == 200 and "<h1>Meine API-Schlüssel</h1>" in page.text
    assert "<caption>Ihre API-Schlüssel, die neuesten zuerst</caption>" in page.text
    assert '<th scope="col">Zuletzt benutzt</th>' in page.text and '<th scope="row">Statistik</th>' in page.text
    assert re.search(rf"Statistik 10\.03\.2026 09:00 08\.06\.2026 {ACROSS_DST} noch nie gültig", text)  # 90 days
    assert "Fremdes Skript" not in text  # only one's own
    assert 'name="days" type="number" min="1" max="3650" required value="90"' in page.text
    assert people["stranger"].client.get(PAGE).status_code == 403
    assert 'href="/account/api-tokens"' not in people["stranger"].client.get("/tasks").text
    with client_for(web_world) as anonymous:
        assert anonymous.get(PAGE).headers["location"].startswith("/login")


def test_a_new_tokens_secret_is_shown_once_uncached_and_opens_the_api_while_the_list_never_shows_it(
        people: dict[str, Browser], web_world: World, app_clock: Clock) -> None:
    lead = people["lead"]
    answer = lead.post(PAGE, name="Statistik", days="14")
    [secret] = set(_SECRET.findall(answer.text))
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store" and answer.headers["referrer-policy"] == "no-referrer"
    assert "Er wird nur dieses eine Mal angezeigt" in _text(answer.text)
    assert f'readonly value="{secret}"' in answer.text and f"<code>Authorization: Bearer {secret}</code>" in answer.text
    assert "„Statistik“, gültig bis 24.03.2026 09:00." in _text(answer.text)
    [row] = _rows(web_world)
    assert row.person_id == web_world.lead.id and secret not in row.token_hash

    app_clock.now = web_world.now + timedelta(hours=2)
    assert _api(lead, secret).status_code == 200
    again = lead.client.get(PAGE)
    assert again.status_code == 200 and not _SECRET.search(again.text)
    assert "Statistik 10.03.2026 09:00 24.03.2026 09:00 10.03.2026 11:00 gültig" in _text(again.text)


def test_revoking_needs_the_ticked_box_and_then_the_api_answers_401(people: dict[str, Browser],
                                                                    web_world: World) -> None:
    lead = people["lead"]
    with unit_of_work(web_world.db) as s:
        secret = issue_api_token(s, web_world.lead, "Statistik", web_world.now)
    [row] = _rows(web_world)
    unconfirmed = lead.post(f"{PAGE}/{row.id}/revoke")
    assert unconfirmed.status_code == 422
    assert "Bitte bestätigen Sie durch das Häkchen" in _text(unconfirmed.text)
    assert _rows(web_world)[0].revoked_at is None and _api(lead, secret).status_code == 200

    revoked = lead.post(f"{PAGE}/{row.id}/revoke", confirmed="yes")
    assert revoked.status_code == 303 and revoked.headers["location"] == f"{PAGE}#message"
    page = _text(lead.client.get(PAGE).text)
    assert "Der API-Schlüssel „Statistik“ ist widerrufen" in page
    # used once by the API above, at the same minute
    assert re.search(rf"Statistik 10\.03\.2026 09:00 08\.06\.2026 {ACROSS_DST} 10\.03\.2026 09:00 "
                     r"widerrufen am 10\.03\.2026 09:00 –", page)
    refused = _api(lead, secret)
    assert refused.status_code == 401 and refused.json()["code"] == "api.token_revoked"


def test_another_persons_token_cannot_be_revoked_and_a_form_without_its_security_token_changes_nothing(
        people: dict[str, Browser], web_world: World) -> None:
    with unit_of_work(web_world.db) as s:
        issue_api_token(s, web_world.wg_member, "Fremdes Skript", web_world.now)
    [row] = _rows(web_world)
    foreign = people["lead"].post(f"{PAGE}/{row.id}/revoke", confirmed="yes")
    unknown = people["lead"].post(f"{PAGE}/999/revoke", confirmed="yes")
    forged = people["wg_member"].client.post(f"{PAGE}/{row.id}/revoke", data={"confirmed": "yes"})
    no_role = people["stranger"].post(f"{PAGE}/{row.id}/revoke", confirmed="yes")
    created = people["lead"].client.post(PAGE, data={"name": "Ohne Formular-Token", "days": "30"})
    assert [r.status_code for r in (foreign, unknown, forged, no_role, created)] == [404, 404, 403, 403, 403]
    assert f"Einen API-Schlüssel {row.id} gibt es unter Ihren Schlüsseln nicht." in _text(foreign.text)
    assert [(r.name, r.revoked_at) for r in _rows(web_world)] == [("Fremdes Skript", None)]


@pytest.mark.parametrize(("name", "days", "says"), [
    ("Statistik", "0", "Ein Schlüssel gilt mindestens 1 und höchstens 3650 Tage."),
    ("Statistik", "3651", "Ein Schlüssel gilt mindestens 1 und höchstens 3650 Tage."),
    ("Statistik", "²", "Ein Schlüssel gilt mindestens 1 und höchstens 3650 Tage."),
    ("   ", "30", "Bitte geben Sie dem Token einen Namen (1 bis 100 Zeichen)"),
    ("x" * 101, "30", "Bitte geben Sie dem Token einen Namen (1 bis 100 Zeichen)"),
])
def test_a_refused_name_or_validity_is_worded_at_the_form_and_creates_nothing(
        people: dict[str, Browser], web_world: World, name: str, days: str, says: str) -> None:
    answer = people["lead"].post(PAGE, name=name, days=days)
    assert answer.status_code == 422 and says in _text(answer.text)
    assert 'role="alert" id="create-error"' in answer.text and not _SECRET.search(answer.text)
    assert _rows(web_world) == []


def test_a_validity_no_number_column_can_hold_is_refused_before_the_form_and_creates_nothing(
        people: dict[str, Browser], web_world: World) -> None:
    answer = people["lead"].post(PAGE, name="Statistik", days="9" * 30)
    assert answer.status_code == 422 and "„days“ ist eine Zahl, die zu groß ist" in _text(answer.text)
    assert _rows(web_world) == []


def test_a_blank_validity_takes_the_setting_and_an_expired_token_offers_no_revoking(
        people: dict[str, Browser], web_world: World, app_clock: Clock) -> None:
    lead = people["lead"]
    assert lead.post(PAGE, name="Kurz", days="1").status_code == 200
    assert lead.post(PAGE, name="Lang", days="").status_code == 200
    app_clock.now = web_world.now + timedelta(days=2)
    page = lead.client.get(PAGE).text
    assert re.search(rf"Lang 10\.03\.2026 09:00 08\.06\.2026 {ACROSS_DST} noch nie gültig", _text(page))
    assert "Kurz 10.03.2026 09:00 11.03.2026 09:00 noch nie abgelaufen –" in _text(page)
    kurz, _lang = _rows(web_world)
    assert f"{PAGE}/{kurz.id}/revoke" not in page


def test_the_page_reads_english_for_an_english_reader(web_world: World) -> None:
    with client_for(web_world) as client:
        sign_in(client, web_world.member)  # the member reads English
        page = _text(client.get(PAGE).text)
    assert "My API tokens" in page and "You have no API token yet." in page and "Create the token" in page
