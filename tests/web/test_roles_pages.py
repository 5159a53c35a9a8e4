"""The secretariat's pages for offices and seats: who holds the secretariat and the chair, giving and (after a
confirmation) ending terms, appointing seats and editing the composition, in German, with refusals worded."""

import json
import re
from html import unescape

from sqlmodel import select

from models.enums import Role
from models.people import RoleAssignment
from tests.support.factories import World
from tests.support.roles import FIVE_SEATS
from tests.support.web import browsers
from workflow.network.composition import composition_of


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _chair_terms(world: World) -> list[tuple[int, str | None]]:
    with world.db.read() as s:
        return [(t.person_id, t.ends_on.isoformat() if t.ends_on else None) for t in s.exec(
            select(RoleAssignment).where(RoleAssignment.role == Role.CHAIR).order_by(RoleAssignment.id)).all()]


def test_the_secretariat_sees_who_holds_the_offices_since_when_and_a_link_in_the_navigation(
        web_world: World) -> None:
    with browsers(web_world) as cast:
        page = cast["secretariat"].client.get("/network/roles")
        others = {name: cast[name].client.get("/network/roles") for name in ("chair", "member")}
        chair_nav = cast["chair"].client.get("/strategy-group").text
    text = _text(page.text)
    assert page.status_code == 200
    assert "Rollen: Geschäftsstelle und Vorsitz" in text and "Heute im Amt" in text
    assert "Vorsitz Vogt" in text and "01.01.2020" in text and "Sekretariat Sommer" in text
    assert 'href="/network/roles"' in page.text and 'href="/network/roles"' not in chair_nav
    assert {name: r.status_code for name, r in others.items()} == {"chair": 403, "member": 403}


def test_the_secretariat_ends_the_chair_after_confirming_and_gives_it_to_someone_else(web_world: World) -> None:
    with browsers(web_world) as cast:
        sek = cast["secretariat"]
        [(term_id,)] = [(t.id,) for t in _terms(web_world, Role.CHAIR)]
        confirm = sek.client.get(f"/network/roles/{term_id}/end")
        refused = sek.post("/network/roles", person_id=str(web_world.member.id), role="chair",
                           starts_on="2026-04-01")
        ended = sek.post(f"/network/roles/{term_id}/end", ends_on="2026-03-31", comment="Rücktritt")
        given = sek.post("/network/roles", person_id=str(web_world.member.id), role="chair",
                         starts_on="2026-04-01", comment="Wahl")
        after = _text(sek.client.get("/network/roles").text)
    assert "Bitte bestätigen Sie" in _text(confirm.text) and "Amtszeit beenden" in _text(confirm.text)
    assert refused.status_code == 422
    assert ("Vorsitz Vogt hat den Vorsitz vom 2020-01-01 bis offenes Ende inne. Das Netzwerk hat jeweils nur einen "
            "Vorsitz: Beenden Sie zuerst diese Amtszeit spätestens zum 2026-03-31.") in _text(refused.text)
    assert "recoflow roles" not in _text(refused.text) and "--" not in _text(refused.text)
    assert ended.status_code == given.status_code == 303
    assert _chair_terms(web_world) == [(web_world.chair.id, "2026-03-31"), (web_world.member.id, None)]
    assert "Künftige Amtszeiten" in after and "Mitglied Maier" in after


def _terms(world: World, role: Role) -> list[RoleAssignment]:
    with world.db.read() as s:
        return list(s.exec(select(RoleAssignment).where(RoleAssignment.role == role)).all())


def test_ending_the_last_secretariat_on_the_page_is_refused_in_german(web_world: World) -> None:
    [term] = _terms(web_world, Role.SECRETARIAT)
    with browsers(web_world) as cast:
        response = cast["secretariat"].post(f"/network/roles/{term.id}/end", ends_on="2026-03-31")
        bad_day = cast["secretariat"].post(f"/network/roles/{term.id}/end", ends_on="31.3.")
    assert response.status_code == 422
    assert "die letzte laufende Amtszeit in der Geschäftsstelle" in _text(response.text)
    assert "Bitte geben Sie im Feld „Letzter Tag der Amtszeit“ ein Datum ein" in _text(bad_day.text)
    assert [t.ends_on for t in _terms(web_world, Role.SECRETARIAT)] == [None]


def test_the_secretariat_appoints_and_ends_seat_terms_on_the_strategy_group_page(web_world: World) -> None:
    with browsers(web_world) as cast:
        sek = cast["secretariat"]
        page = sek.client.get("/strategy-group").text
        made = sek.post("/strategy-group/terms", seat="KLV-GT", person_id=str(web_world.stranger.id),
                        as_deputy="no", starts_on="2026-03-01")
        after = _text(sek.client.get("/strategy-group").text)
        [term] = [t for t in _terms(web_world, Role.STRATEGY_MEMBER) if t.person_id == web_world.stranger.id]
        confirm = sek.client.get(f"/strategy-group/terms/{term.id}/end")
        ended = sek.post(f"/strategy-group/terms/{term.id}/end", ends_on="2026-03-09")
        member_view = cast["member"].client.get("/strategy-group").text
    assert 'action="/strategy-group/terms"' in page and 'for="composition-json"' in page
    assert made.status_code == 303 and "Fremde Person (seit 01.03.2026)" in after
    assert "Inhaberin oder Inhaber des Sitzes KLV-GT" in _text(confirm.text)
    assert ended.status_code == 303
    assert [t.ends_on.isoformat() for t in _terms(web_world, Role.STRATEGY_MEMBER)
            if t.person_id == web_world.stranger.id and t.ends_on] == ["2026-03-09"]
    assert 'action="/strategy-group/terms"' not in member_view and "composition-json" not in member_view


def test_the_composition_editor_saves_a_valid_composition_and_words_errors_in_german(web_world: World) -> None:
    with browsers(web_world) as cast:
        sek = cast["secretariat"]
        broken = sek.post("/strategy-group/composition", composition="[{")
        empty = sek.post("/strategy-group/composition", composition=json.dumps(
            [{"code": "a", "label": "A", "seats": []}]))
        in_use = sek.post("/strategy-group/composition", composition=json.dumps(
            [{"code": "a", "label": "A", "seats": [{"code": "MIN-1", "label": "x"}]}]))
        by_chair = cast["chair"].post("/strategy-group/composition", composition=json.dumps(FIVE_SEATS))
        saved = sek.post("/strategy-group/composition", composition=json.dumps(FIVE_SEATS), comment="Satzung")
        page = _text(sek.client.get("/strategy-group").text)
    assert "Die Zusammensetzung ist kein gültiges JSON (Zeile 1, Spalte 3)" in _text(broken.text)
    assert "Die Kategorie a hat keine Sitze; geben Sie ihr mindestens einen." in _text(empty.text)
    assert "Sitz MIN-2 hat eine laufende Amtszeit (Mitglied Maier, Vertretung Vogel)" in _text(in_use.text)
    assert by_chair.status_code == 403 and saved.status_code == 303
    assert "Die Strategiegruppe hat 5 ordentliche Sitze in 2 Kategorien" in page
    assert "Kommunen" in page and "Sitz K-GEM (Gemeinden) ist unbesetzt." in page
    assert "Sitze, die nicht mehr zur Zusammensetzung gehören" in page
    with web_world.db.read() as s:
        assert composition_of(s).seat_codes == ["MIN-1", "MIN-2", "K-GEM", "K-STA", "K-KRS"]
