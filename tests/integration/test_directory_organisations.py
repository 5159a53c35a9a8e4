"""Organisations in the directory: registering, editing, deactivating and merging the responsible bodies."""

import pytest
from sqlmodel import func, select

from models.enums import OrganisationKind
from models.network import ChangeRecord
from models.people import Organisation, OrganisationCreate, OrganisationUpdate, Person
from models.recommendation import RecommendationAddressee
from tests.support.factories import World
from workflow.engine.errors import InvalidInput, NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.organisations import (
    active_organisations,
    create_organisation,
    deactivate_organisation,
    merge_organisations,
    reactivate_organisation,
    update_organisation,
)
from workflow.network.records import changes_of
from workflow.queries.directory_views import organisation_detail, organisations_overview


def _secretariat(s, world: World) -> Person:  # type: ignore[no-untyped-def]
    person = s.get(Person, world.secretariat.id)
    assert person is not None
    return person


def test_an_organisation_is_registered_with_its_mailbox_and_recorded(world: World) -> None:
    with unit_of_work(world.db) as s:
        org = create_organisation(s, OrganisationCreate(
            name="Städtetag Baden-Württemberg", kind=OrganisationKind.MUNICIPAL_ASSOCIATION, short_name="StT",
            email="Post@Städtetag.example", address="Königstraße 2, Stuttgart", website="https://st.example"),
            actor=_secretariat(s, world), now=world.now, comment="Mitglied")
        assert org.email == "post@städtetag.example"
        record = changes_of(s, "organisation", org.id or 0)
    assert [(r.action, r.actor_id) for r in record] == [("create", world.secretariat.id)]


def test_a_name_taken_in_another_case_or_a_bad_mailbox_is_refused_and_nothing_is_added(world: World) -> None:
    with world.db.read() as s:
        before = s.exec(select(func.count()).select_from(ChangeRecord)).one()
    with unit_of_work(world.db) as s:
        with pytest.raises(InvalidInput, match=r"network\.organisation_name_taken \(name='Stadt Beispiel'\)"):
            create_organisation(s, OrganisationCreate(name="STADT beispiel", kind=OrganisationKind.CITY),
                                actor=_secretariat(s, world), now=world.now)
        with pytest.raises(InvalidInput, match=r"network\.email_invalid \(email='kein'"):
            create_organisation(s, OrganisationCreate(name="Stadt Neu", kind=OrganisationKind.CITY, email="kein"),
                                actor=_secretariat(s, world), now=world.now)
    with world.db.read() as s:
        assert s.exec(select(func.count()).select_from(ChangeRecord)).one() == before
        assert s.exec(select(Organisation).where(Organisation.name == "Stadt Neu")).first() is None


def test_only_the_secretariat_edits_organisations(world: World) -> None:
    with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
        update_organisation(s, world.bodies[0].id or 0, OrganisationUpdate(phone="1"),
                            actor=s.get(Person, world.lead.id), now=world.now)


def test_an_edit_is_recorded_and_a_deactivated_body_is_no_longer_offered(world: World) -> None:
    body = world.bodies[0]
    with unit_of_work(world.db) as s:
        update_organisation(s, body.id or 0, OrganisationUpdate(phone="07121 1", short_name="LK"),
                            actor=_secretariat(s, world), now=world.now, comment="Telefon")
        deactivate_organisation(s, body.id or 0, actor=_secretariat(s, world), now=world.now, comment="Aufgelöst")
        offered = [o.name for o in active_organisations(s)]
        detail = organisation_detail(s, body.id or 0)
        reactivate_organisation(s, body.id or 0, actor=_secretariat(s, world), now=world.now)
    assert body.name not in offered and "Stadt Beispiel" in offered
    assert [r.action for r in detail.record] == ["create", "update", "deactivate"]
    assert detail.record[1].changes["phone"] == ["", "07121 1"]
    assert detail.record[2].actor == "Sekretariat Sommer"


def test_merging_moves_addressees_and_people_and_keeps_the_duplicate_inactive(world: World) -> None:
    rec = world.recommendation()
    with unit_of_work(world.db) as s:
        duplicate = create_organisation(s, OrganisationCreate(name="Lkr. Beispiel", kind=OrganisationKind.DISTRICT,
                                                              phone="0711 9"),
                                        actor=_secretariat(s, world), now=world.now)
        s.add(RecommendationAddressee(recommendation_id=rec.id or 0, organisation_id=duplicate.id or 0))
        stranger = s.get(Person, world.stranger.id)
        assert stranger is not None
        stranger.organisation_id = duplicate.id
        s.add(stranger)
        s.commit()
        merge_organisations(s, duplicate.id or 0, world.bodies[0].id or 0, actor=_secretariat(s, world),
                            now=world.now, comment="Doppelt")
        addressees = s.exec(select(RecommendationAddressee).where(
            RecommendationAddressee.recommendation_id == rec.id)).all()
        gone = s.get(Organisation, duplicate.id)
        survivor = s.get(Organisation, world.bodies[0].id)
        assert gone is not None and survivor is not None
        assert not gone.active and gone.merged_into_id == survivor.id and survivor.phone == "0711 9"
        assert s.get(Person, world.stranger.id).organisation_id == survivor.id  # type: ignore[union-attr]
    assert sorted(a.organisation_id for a in addressees) == sorted(b.id or 0 for b in world.bodies)


def test_merging_into_itself_or_into_an_inactive_body_is_refused(world: World) -> None:
    a, b = world.bodies
    with unit_of_work(world.db) as s:
        with pytest.raises(InvalidInput, match=r"network\.organisation_into_self"):
            merge_organisations(s, a.id or 0, a.id or 0, actor=_secretariat(s, world), now=world.now)
        deactivate_organisation(s, b.id or 0, actor=_secretariat(s, world), now=world.now, comment="Weg")
        with pytest.raises(InvalidInput, match=r"network\.organisation_into_inactive"):
            merge_organisations(s, a.id or 0, b.id or 0, actor=_secretariat(s, world), now=world.now)


def test_the_overview_counts_people_and_hides_inactive_bodies(world: World) -> None:
    with unit_of_work(world.db) as s:
        deactivate_organisation(s, world.bodies[1].id or 0, actor=_secretariat(s, world), now=world.now,
                                comment="Weg")
        active = organisations_overview(s)
        everything = organisations_overview(s, include_inactive=True, q="stadt")
        ministry = next(o for o in active.items if o.name == "Ministerium")
        working_there = s.exec(select(Person).where(Person.organisation_id == ministry.id)).all()
    assert [o.name for o in active.items] == ["Landkreis Beispiel", "Ministerium"]
    assert ministry.people == len(working_there) > 0
    assert [o.name for o in everything.items] == ["Stadt Beispiel"]


def test_a_deactivated_body_is_no_longer_offered_as_addressee_on_the_pages(world: World) -> None:
    from workflow.queries.browsing import organisations

    with unit_of_work(world.db) as s:
        deactivate_organisation(s, world.bodies[1].id or 0, actor=_secretariat(s, world), now=world.now,
                                comment="Weg")
        assert "Stadt Beispiel" not in [o.name for o in organisations(s)]
