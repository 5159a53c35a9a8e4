"""An event that cannot be undone asks for confirmation on its form and fires only once it is given."""

import re

from tests.support.factories import World
from tests.support.web import browsers, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token

CONFIRM_BOX = re.compile(r'<input type="checkbox" id="confirm-(\w+)" name="confirmed" value="yes" required>')


def test_withdrawing_asks_for_confirmation_and_fires_only_after_it(web_world: World) -> None:
    rec = web_world.recommendation(state="submitted")
    with browsers(web_world) as cast:
        lead = cast["lead"]
        page = lead.client.get(f"/recommendations/{rec.id}").text
        unconfirmed = lead.post(f"/recommendations/{rec.id}/events/withdraw", comment="Nicht mehr nötig",
                                version=str(rec.version))
        state_after_refusal = web_world.reload(rec).state
        confirmed = lead.post(f"/recommendations/{rec.id}/events/withdraw", comment="Nicht mehr nötig",
                              version=str(rec.version), confirmed="yes")
    assert CONFIRM_BOX.findall(page) == ["withdraw"]  # submitting is not irreversible: only withdrawing asks
    assert "Ich bestätige: „Zurückziehen“ kann nicht rückgängig gemacht werden." in page
    assert unconfirmed.status_code == 422
    assert "„Zurückziehen“ kann nicht rückgängig gemacht werden" in unconfirmed.text
    assert state_after_refusal == "submitted"
    assert confirmed.status_code == 303 and web_world.reload(rec).state == "withdrawn"


def test_forwarding_and_concluding_a_group_ask_for_confirmation_on_their_forms(web_world: World) -> None:
    rec = web_world.recommendation(state="adopted")
    with browsers(web_world) as cast:
        secretariat = cast["secretariat"].client
        forwarding = secretariat.get(f"/recommendations/{rec.id}").text
        group = secretariat.get(f"/working-groups/{web_world.group.id}").text
        unconfirmed = cast["secretariat"].post(f"/recommendations/{rec.id}/forward",
                                               body_ids=[web_world.bodies[0].id])
    assert "forward" in CONFIRM_BOX.findall(forwarding)
    assert "Ich bestätige: „An die zuständigen Stellen weiterleiten“ kann nicht rückgängig gemacht werden." \
        in forwarding
    assert CONFIRM_BOX.findall(group) == ["conclude"]
    assert unconfirmed.status_code == 422 and web_world.reload(rec).state == "adopted"


def test_the_apis_possible_events_carry_label_asks_and_irreversibility_and_leave_service_only_events_out(
        world: World) -> None:
    submitted = world.recommendation(state="submitted")
    adopted = world.recommendation(state="adopted")
    with unit_of_work(world.db) as session:
        tokens = {name: issue_api_token(session, getattr(world, name), "test", world.now)
                  for name in ("lead", "secretariat")}
    with client_for(world) as api:
        def events(name: str, rec_id: int | None) -> dict[str, dict[str, object]]:
            detail = api.get(f"/api/v1/recommendations/{rec_id}",
                             headers={"Authorization": f"Bearer {tokens[name]}"}).json()
            return {e["event"]: e for e in detail["possible_events"]}

        lead = events("lead", submitted.id)
        secretariat = events("secretariat", adopted.id)
    assert lead["withdraw"]["label"] == "Withdraw" and lead["withdraw"]["irreversible"] is True
    assert lead["withdraw"]["asks"] == ["comment"]
    assert "forward" not in secretariat  # only the forwarding service fires it
