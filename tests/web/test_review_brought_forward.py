"""On the page, 'Überprüfung beginnen' waits for its meeting's day, shown disabled with that day; the secretariat
may bring the review forward with a ticked box and a reason, which the history shows."""

from tests.support.factories import World
from tests.support.forwarding import add_meeting, forwarded
from tests.support.web import browsers
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.review import set_review_meeting


def test_the_review_waits_for_its_meeting_day_unless_the_secretariat_brings_it_forward(web_world: World) -> None:
    rec, _links = forwarded(web_world)
    meeting = add_meeting(web_world, 200, title="Herbstsitzung")
    with unit_of_work(web_world.db) as s:
        set_review_meeting(s, rec.id or 0, meeting.id, web_world.secretariat, web_world.now)
    path = f"/recommendations/{rec.id}"
    with browsers(web_world, cast=("secretariat",)) as cast:
        office = cast["secretariat"]
        before = office.client.get(path).text
        no_reason = office.post(f"{path}/review/start", meeting_id=str(meeting.id), early="yes", reason=" ")
        plain = office.post(f"{path}/review/start", meeting_id=str(meeting.id))
        early = office.post(f"{path}/review/start", meeting_id=str(meeting.id), early="yes",
                            reason="Alle Stellen haben berichtet.")
        after = office.client.get(path).text
    day = meeting.starts_at.astimezone(web_world.now.tzinfo).strftime("%d.%m.%Y")
    assert (f"Noch nicht möglich: Die Überprüfung beginnt in ihrer Sitzung „{meeting.title}“, also ab dem {day}. "
            "Soll sie früher beginnen, können Sie sie unten mit einer Begründung vorziehen.") in before
    assert 'disabled aria-describedby="blocked-start_review">Überprüfung beginnen</button>' in before
    assert 'name="early" value="yes" required> Überprüfung vorziehen</label>' in before
    assert '<label for="early-reason">Begründung (erforderlich)</label>' in before
    assert no_reason.status_code == 422 and "geben Sie bitte eine Begründung an" in no_reason.text
    assert plain.status_code == 409 and f"also ab dem {day}" in plain.text
    assert early.status_code == 303
    assert "Vorgezogen von Sekretariat Sommer: Alle Stellen haben berichtet." in after
    assert 'name="early"' not in after
