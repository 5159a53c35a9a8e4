"""Refusals of forwarding, reading recommendations and the outbox are codes: the pages word them in German, the API
answers with the code and its values, the command line in English with the command that helps."""

import re
from datetime import UTC, datetime
from html import unescape

from models.outbox import OutboxStatus
from notifications.outbox.notes import OutboxNote, note
from tests.support.factories import World
from tests.support.network import mail
from tests.support.web import browsers, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_a_forwarding_refused_on_the_page_is_worded_in_german(web_world: World) -> None:
    rec = web_world.recommendation(state="adopted")
    with browsers(web_world) as cast:
        response = cast["secretariat"].post(f"/recommendations/{rec.id}/forward", comment="")
    assert response.status_code == 422
    assert ("Bitte kreuzen Sie mindestens eine zuständige Stelle an, an die die Empfehlung weitergeleitet werden "
            "soll.") in _text(response.text)


def test_the_outbox_words_why_a_mail_was_skipped_in_german_and_in_english(web_world: World) -> None:
    planned = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    mail(web_world, status=OutboxStatus.SKIPPED, error=note(OutboxNote.LATE, planned_for=planned))
    mail(web_world, status=OutboxStatus.SKIPPED, error=note(OutboxNote.DEMO_HISTORY, hours=48), name="Vorsitz Vogt",
         address="chair@example.org")
    with browsers(web_world) as cast:
        german = _text(cast["secretariat"].client.get("/outbox").text)
        cast["secretariat"].post("/language", lang="en", next="/outbox")
        english = _text(cast["secretariat"].client.get("/outbox").text)
    assert "Geplant für 20.11.2026 09:00, länger als die Nachfrist zurück; nicht gesendet." in german
    assert "Vorgeschichte der Demo: zu einem Ereignis mehr als 48 Stunden vor dem Laden der Demo" in german
    assert "outbox.late" not in german and "planned_for" not in german
    assert "Planned for 2026-11-20 09:00, more than the grace period ago; not sent." in english


def test_a_draft_of_another_group_is_a_403_problem_with_its_code(world: World) -> None:
    rec = world.recommendation()
    with unit_of_work(world.db) as session:
        token = issue_api_token(session, world.other_lead, "test", world.now)
    with client_for(world) as api:
        response = api.get(f"/api/v1/recommendations/{rec.id}", headers={"Authorization": f"Bearer {token}"})
    problem = response.json()
    assert response.status_code == 403 and problem["code"] == "recommendations.draft_of_other_group"
    assert problem["type"] == "/api/v1/problems/recommendations.draft_of_other_group"
    assert problem["detail"] == "This draft belongs to another working group; it becomes visible once submitted."
