"""People in the directory: registering, editing, leaving, coming back and merging, as the secretariat does it."""

from datetime import date, timedelta

import pytest
from sqlmodel import func, select

from models.accounts import ApiToken, PasswordLink
from models.enums import Role
from models.network import ChangeRecord
from models.people import Person, PersonCreate, PersonUpdate, RoleAssignment
from tests.support.factories import World
from workflow.engine.errors import InvalidInput, NotFound, NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.accounts import (
    invite,
    person_for_link,
    person_for_session,
    set_password,
    sign_in,
    start_session,
)
from workflow.network.api_tokens import issue_api_token, person_for_api_token
from workflow.network.people import (
    create_person,
    deactivate_person,
    merge_people,
    reactivate_person,
    update_person,
    validate_email,
)
from workflow.network.records import changes_of
from workflow.network.refusals import DirectoryRefusal
from workflow.queries.directory_views import people_overview, person_detail
from workflow.strategy_group.refusals import StrategyRefusal


def _count(world: World, model: type) -> int:
    with world.db.read() as s:
        return int(s.exec(select(func.count()).select_from(model)).one())


@pytest.mark.parametrize("text", ["thomas.brückner@kreis-rt.example.org", "Anna@Bücher.Example", "  x.y@example.org "])
def test_internationalised_addresses_are_accepted_and_stored_lower_case(text: str) -> None:
    assert validate_email(text) == validate_email(text.upper().lower()) == validate_email(text).lower()
    assert validate_email(text).strip() == validate_email(text)


@pytest.mark.parametrize("text", ["no-at-sign.example.org", "two@@example.org", "x@", "a b@example.org"])
def test_a_malformed_address_is_refused_with_the_reason(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_email(text)
    assert refused.value.code is DirectoryRefusal.EMAIL_INVALID and refused.value.params["email"] == text
    assert refused.value.params["reason"]


def test_the_secretariat_registers_a_person_with_an_umlaut_address_and_the_record_says_who(world: World) -> None:
    with unit_of_work(world.db) as s:
        person = create_person(s, PersonCreate(name="Thomas Brückner", email="Thomas.Brückner@Kreis-RT.example.org",
                                               organisation_id=world.bodies[0].id, phone="0711 1", function="Referent"),
                               actor=s.get(Person, world.secretariat.id), now=world.now, comment="Neu im Netzwerk")
        assert person.email == "thomas.brückner@kreis-rt.example.org"
        record = changes_of(s, "person", person.id or 0)
    assert [(r.action, r.actor_id, r.comment) for r in record] == [("create", world.secretariat.id,
                                                                     "Neu im Netzwerk")]
    assert record[0].changes["function"] == "Referent"


def test_an_email_registered_in_another_case_is_refused_and_nothing_is_added(world: World) -> None:
    before = _count(world, Person), _count(world, ChangeRecord)
    taken = r"network\.email_taken \(email='lead@example\.org'\)"
    with pytest.raises(InvalidInput, match=taken), unit_of_work(world.db) as s:
        create_person(s, PersonCreate(name="Doppelt", email="LEAD@example.org"),
                      actor=s.get(Person, world.secretariat.id), now=world.now)
    assert (_count(world, Person), _count(world, ChangeRecord)) == before


def test_only_the_secretariat_registers_people(world: World) -> None:
    with pytest.raises(NotPermitted) as refused, unit_of_work(world.db) as s:
        create_person(s, PersonCreate(name="Neu", email="neu@example.org"), actor=s.get(Person, world.chair.id),
                      now=world.now)
    assert refused.value.code is StrategyRefusal.ROLE_REQUIRED and refused.value.params["allowed"] == ("secretariat",)


def test_an_edit_records_what_changed_from_what_to_what(world: World) -> None:
    with unit_of_work(world.db) as s:
        update_person(s, world.stranger.id or 0, PersonUpdate(name="Frieda Fremd", email="Frieda@Example.org",
                                                               organisation_id=0),
                      actor=s.get(Person, world.secretariat.id), now=world.now, comment="Heirat")
        person = s.get(Person, world.stranger.id)
        assert person is not None and person.email == "frieda@example.org" and person.organisation_id is None
        record = changes_of(s, "person", world.stranger.id or 0)[-1]
    assert record.action == "update" and record.comment == "Heirat"
    assert record.changes["name"] == ["Fremde Person", "Frieda Fremd"]
    assert record.changes["organisation_id"][1] is None


def test_an_edit_to_a_taken_email_or_an_unknown_organisation_changes_nothing(world: World) -> None:
    secretariat = world.secretariat
    with unit_of_work(world.db) as s:
        with pytest.raises(InvalidInput, match=r"network\.email_taken \(email='chair@example\.org'\)"):
            update_person(s, world.stranger.id or 0, PersonUpdate(email="Chair@Example.org"),
                          actor=s.get(Person, secretariat.id), now=world.now)
        with pytest.raises(NotFound, match=r"network\.no_organisation_id \(id=999\)"):
            update_person(s, world.stranger.id or 0, PersonUpdate(organisation_id=999),
                          actor=s.get(Person, secretariat.id), now=world.now)
    with world.db.read() as s:
        assert s.get(Person, world.stranger.id).email == "stranger@example.org"  # type: ignore[union-attr]
        assert changes_of(s, "person", world.stranger.id or 0) == [
            r for r in changes_of(s, "person", world.stranger.id or 0) if r.action == "create"]


def test_a_person_who_leaves_keeps_history_but_loses_roles_sign_in_sessions_links_and_tokens(world: World) -> None:
    lead = world.lead
    with unit_of_work(world.db) as s:
        person = s.get(Person, lead.id)
        assert person is not None
        set_password(s, person, "ein-gutes-passwort", world.now)
        cookie = start_session(s, person, world.now)
        token = issue_api_token(s, person, "Statistik", world.now)
        link = invite(s, person, "https://x.example", world.now).url.rsplit("/", 1)[1]
        deactivate_person(s, lead.id or 0, actor=s.get(Person, world.secretariat.id), now=world.now,
                          on=date(2026, 3, 9), comment="In den Ruhestand")
    with unit_of_work(world.db) as s:
        assert person_for_session(s, cookie, world.now) is None
        assert person_for_api_token(s, token, world.now) is None
        with pytest.raises(NotFound):
            person_for_link(s, link, world.now)
        with pytest.raises(NotPermitted):
            sign_in(s, "lead@example.org", "ein-gutes-passwort", "127.0.0.1", world.now)
        roles = s.exec(select(RoleAssignment).where(RoleAssignment.person_id == lead.id)).all()
        assert [(r.ends_on, r.ended_by_id) for r in roles] == [(date(2026, 3, 9), world.secretariat.id)]
        assert all(t.revoked_at is not None for t in s.exec(select(ApiToken)).all())
        assert all(p.used_at is not None for p in s.exec(select(PasswordLink)).all())
        gone = s.get(Person, lead.id)
        assert gone is not None and not gone.active and gone.left_at is not None
        assert [r.action for r in changes_of(s, "role_assignment", roles[0].id or 0)] == ["assign", "end"]
        assert changes_of(s, "person", lead.id or 0)[-1].comment == "In den Ruhestand"


def test_leaving_needs_a_reason_and_a_day_not_ahead(world: World) -> None:
    with unit_of_work(world.db) as s:
        actor = s.get(Person, world.secretariat.id)
        with pytest.raises(InvalidInput, match=r"network\.reason_required"):
            deactivate_person(s, world.lead.id or 0, actor=actor, now=world.now, comment=" ")
        with pytest.raises(InvalidInput, match=r"network\.leaving_in_future \(day=datetime\.date\(2026, 4, 1\)\)"):
            deactivate_person(s, world.lead.id or 0, actor=actor, now=world.now, on=date(2026, 4, 1),
                              comment="Wechsel")
        assert s.get(Person, world.lead.id).active  # type: ignore[union-attr]


def test_a_person_who_comes_back_is_active_again_but_their_roles_stay_ended(world: World) -> None:
    with unit_of_work(world.db) as s:
        actor = s.get(Person, world.secretariat.id)
        deactivate_person(s, world.lead.id or 0, actor=actor, now=world.now, comment="Elternzeit")
        reactivate_person(s, world.lead.id or 0, actor=actor, now=world.now + timedelta(days=1), comment="Zurück")
        person = s.get(Person, world.lead.id)
        assert person is not None and person.active and person.left_at is None
        with pytest.raises(InvalidInput, match=r"network\.person_active"):
            reactivate_person(s, world.lead.id or 0, actor=actor, now=world.now)
        detail = person_detail(s, world.lead.id or 0, today=date(2026, 3, 12))
    assert detail.roles_now == [] and [r.role for r in detail.roles_past] == ["wg_lead"]
    assert [r.action for r in detail.record][-2:] == ["deactivate", "reactivate"]


def test_merging_moves_roles_and_credentials_and_leaves_the_duplicate_inactive(world: World) -> None:
    with unit_of_work(world.db) as s:
        actor = s.get(Person, world.secretariat.id)
        duplicate = create_person(s, PersonCreate(name="L. Lange", email="l.lange@example.org", phone="0711 2"),
                                  actor=actor, now=world.now)
        set_password(s, duplicate, "ein-gutes-passwort", world.now)
        s.add(RoleAssignment(person_id=duplicate.id or 0, role=Role.WG_MEMBER,
                             working_group_id=world.other_group.id, starts_on=date(2025, 1, 1)))
        s.commit()
        survivor = merge_people(s, duplicate.id or 0, world.lead.id or 0, actor=actor, now=world.now,
                                comment="Doppelt angelegt")
        assert survivor.phone == "0711 2"
        roles = {(r.role, r.working_group_id) for r in s.exec(select(RoleAssignment).where(
            RoleAssignment.person_id == world.lead.id)).all()}
        gone = s.get(Person, duplicate.id)
        assert gone is not None and not gone.active and gone.merged_into_id == world.lead.id
        merged_record = changes_of(s, "person", world.lead.id or 0)[-1]
    assert (Role.WG_MEMBER, world.other_group.id) in roles and (Role.WG_LEAD, world.group.id) in roles
    assert merged_record.action == "merge_from" and merged_record.changes["moved"]["role_assignments"] == 1
    with unit_of_work(world.db) as s:
        assert sign_in(s, "lead@example.org", "ein-gutes-passwort", "127.0.0.1", world.now).id == world.lead.id


def test_merging_into_oneself_or_into_someone_who_left_is_refused(world: World) -> None:
    with unit_of_work(world.db) as s:
        actor = s.get(Person, world.secretariat.id)
        with pytest.raises(InvalidInput, match=r"network\.merge_into_self"):
            merge_people(s, world.lead.id or 0, world.lead.id or 0, actor=actor, now=world.now)
        deactivate_person(s, world.stranger.id or 0, actor=actor, now=world.now, comment="Weg")
        with pytest.raises(InvalidInput, match=r"network\.merge_into_inactive"):
            merge_people(s, world.lead.id or 0, world.stranger.id or 0, actor=actor, now=world.now)
        assert s.get(Person, world.lead.id).merged_into_id is None  # type: ignore[union-attr]


def test_the_overview_searches_and_filters_people_who_left(world: World) -> None:
    with unit_of_work(world.db) as s:
        deactivate_person(s, world.stranger.id or 0, actor=s.get(Person, world.secretariat.id), now=world.now,
                          comment="Weg")
        active = people_overview(s, today=world.now.date())
        left = people_overview(s, status="left", today=world.now.date())
        found = people_overview(s, q="lang", status="all", today=world.now.date())
    assert world.stranger.email not in [p.email for p in active.items]
    assert [p.email for p in left.items] == ["stranger@example.org"]
    assert [p.name for p in found.items] == ["Leitung Lange"] and found.total == 1
    lead = next(p for p in active.items if p.email == "lead@example.org")
    assert lead.roles == ["wg_lead"] and lead.organisation == "Ministerium"


def test_the_last_secretariat_cannot_leave_until_someone_else_runs_the_office(world: World) -> None:
    from workflow.network.directory import assign_role

    with unit_of_work(world.db) as s:
        office = s.get(Person, world.secretariat.id)
        assert office is not None
        with pytest.raises(InvalidInput) as refused:
            deactivate_person(s, office.id or 0, actor=office, now=world.now, comment="Ruhestand")
        assert refused.value.code is DirectoryRefusal.LAST_SECRETARIAT_LEAVES
        assert s.get(Person, office.id).active  # nothing changed
        successor = s.get(Person, world.wg_member.id)
        assert successor is not None
        assign_role(s, successor, Role.SECRETARIAT, world.now.date())
        left = deactivate_person(s, office.id or 0, actor=office, now=world.now, comment="Ruhestand")
        assert left.active is False
