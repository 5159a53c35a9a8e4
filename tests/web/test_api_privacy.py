"""Data-protection rights through the API: a person reads what is held about them, the secretariat reads anyone's
and erases a person (who is then named by a pseudonym); nobody else may, and a refusal changes nothing."""

from sqlmodel import select

from models.people import Person
from tests.support.factories import World
from tests.support.web import client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token

PROBLEM = "application/problem+json"


def test_a_person_reads_their_data_the_secretariat_anyones_and_only_the_secretariat_erases(world: World) -> None:
    with unit_of_work(world.db) as session:
        tokens = {name: {"Authorization": f"Bearer {issue_api_token(session, getattr(world, name), 't', world.now)}"}
                  for name in ("secretariat", "chair", "lead")}
    lead = f"/api/v1/people/{world.lead.id}"
    with client_for(world) as api:
        own = api.get(f"{lead}/personal-data", headers=tokens["lead"])
        assert own.status_code == 200 and own.headers["cache-control"] == "no-store"
        assert world.lead.email in own.text and "hash" not in own.text
        assert api.get(f"{lead}/personal-data", headers=tokens["secretariat"]).json() == own.json()
        other = api.get(f"/api/v1/people/{world.member.id}/personal-data", headers=tokens["lead"])
        assert other.status_code == 403 and other.headers["content-type"] == PROBLEM
        refused = api.post(f"{lead}/erase", headers=tokens["chair"])
        assert refused.status_code == 403 and refused.headers["content-type"] == PROBLEM
        with world.db.read() as session:
            assert session.exec(select(Person.name).where(Person.id == world.lead.id)).one() == world.lead.name
        erased = api.post(f"{lead}/erase", headers=tokens["secretariat"])
        assert erased.status_code == 200, erased.text
        assert erased.json()["pseudonym"] == "Gelöschte Person 1"
        again = api.post(f"{lead}/erase", headers=tokens["secretariat"])
        assert again.status_code == 409 and again.json()["code"] == "network.erased_already"
        # The erased person's token ended with their accounts.
        assert api.get(f"{lead}/personal-data", headers=tokens["lead"]).status_code == 401
    with world.db.read() as session:
        assert session.exec(select(Person.name).where(Person.id == world.lead.id)).one() == "Gelöschte Person 1"
