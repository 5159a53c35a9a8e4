"""The secretariat and the chair with terms: who gave and who ended them goes into the record; overlapping chairs,
terms that end before they start and ending the last secretariat are refused and change nothing."""

from datetime import date

import pytest
from sqlmodel import select

from models.enums import Role
from models.people import Person, PersonCreate, RoleAssignment
from tests.support.factories import World
from web.wording.refusals import english
from workflow.engine.errors import InvalidInput, NotPermitted
from workflow.engine.permissions import roles_of
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.directory import add_person
from workflow.network.records import changes_of
from workflow.network.refusals import OfficeRefusal
from workflow.network.roles import assign_office, end_office, offices_overview


def _terms(world: World, role: Role) -> list[tuple[int, date, date | None]]:
    with world.db.read() as s:
        return [(t.person_id, t.starts_on, t.ends_on) for t in s.exec(
            select(RoleAssignment).where(RoleAssignment.role == role).order_by(RoleAssignment.id)).all()]


def test_assigning_and_ending_the_chair_records_who_did_it_and_when(world: World) -> None:
    with unit_of_work(world.db) as s:
        end_office(s, (world.chair.id or 0, Role.CHAIR), ends_on=date(2026, 3, 31), actor=world.secretariat,
                   now=world.now, comment="Amtszeit beendet")
    with unit_of_work(world.db) as s:
        term = assign_office(s, world.member.id or 0, Role.CHAIR, starts_on=date(2026, 4, 1),
                             actor=world.secretariat, now=world.now, comment="Gewählt in der Sitzung")
    with world.db.read() as s:
        fresh = s.get(RoleAssignment, term.id)
        assert fresh is not None and fresh.assigned_by_id == world.secretariat.id
        assert fresh.assigned_at == world.now
        [assigned] = changes_of(s, "role_assignment", term.id or 0)
        ended = s.exec(select(RoleAssignment).where(RoleAssignment.person_id == world.chair.id,
                                                    RoleAssignment.role == Role.CHAIR)).one()
        [*_, end] = changes_of(s, "role_assignment", ended.id or 0)
        assert roles_of(s, world.member.id or 0, None, date(2026, 4, 2)) >= {Role.CHAIR}
        assert Role.CHAIR not in roles_of(s, world.chair.id or 0, None, date(2026, 4, 2))
    assert (assigned.action, assigned.actor_id, assigned.comment) == ("assign", world.secretariat.id,
                                                                      "Gewählt in der Sitzung")
    assert assigned.changes["role"] == "chair" and assigned.changes["starts_on"] == "2026-04-01"
    assert (end.action, end.actor_id, end.comment) == ("end", world.secretariat.id, "Amtszeit beendet")
    assert end.changes["ends_on"] == [None, "2026-03-31"]
    assert ended.ended_by_id == world.secretariat.id and ended.ended_at == world.now


def test_an_overlapping_chair_term_is_refused_naming_the_chair_and_the_day_to_end_that_term(world: World) -> None:
    before = _terms(world, Role.CHAIR)
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        assign_office(s, world.member.id or 0, Role.CHAIR, starts_on=date(2026, 4, 1), actor=world.secretariat,
                      now=world.now)
    assert refused.value.code is OfficeRefusal.CHAIR_TAKEN
    assert dict(refused.value.params) == {"name": "Vorsitz Vogt", "starts_on": date(2020, 1, 1), "until": "open end",
                                          "end_by": date(2026, 3, 31)}
    assert english(refused.value) == ("Vorsitz Vogt holds the chair from 2020-01-01 until open end. The network has "
                                      "one chair at a time: end that term on 2026-03-31 or earlier first.")
    assert "recoflow" not in str(refused.value)
    assert _terms(world, Role.CHAIR) == before


def test_the_same_person_cannot_hold_two_overlapping_terms_of_one_office(world: World) -> None:
    with pytest.raises(InvalidInput, match=r"network\.overlapping_term"), unit_of_work(world.db) as s:
        assign_office(s, world.secretariat.id or 0, Role.SECRETARIAT, starts_on=date(2026, 5, 1),
                      actor=world.secretariat, now=world.now)


def test_a_term_cannot_end_before_it_starts(world: World) -> None:
    starts = r"network\.term_ends_before_start \(starts_on=datetime\.date\(%s\)\)"
    with pytest.raises(InvalidInput, match=starts % "2026, 5, 1"), unit_of_work(world.db) as s:
        assign_office(s, world.member.id or 0, Role.SECRETARIAT, starts_on=date(2026, 5, 1),
                      ends_on=date(2026, 4, 1), actor=world.secretariat, now=world.now)
    with pytest.raises(InvalidInput, match=starts % "2020, 1, 1"), unit_of_work(world.db) as s:
        end_office(s, (world.chair.id or 0, Role.CHAIR), ends_on=date(2019, 12, 31), actor=world.secretariat,
                   now=world.now)
    assert _terms(world, Role.CHAIR) == [(world.chair.id, date(2020, 1, 1), None)]


def test_the_last_secretariat_term_in_force_cannot_end_until_someone_else_takes_over(world: World) -> None:
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        end_office(s, (world.secretariat.id or 0, Role.SECRETARIAT), ends_on=date(2026, 3, 31),
                   actor=world.secretariat, now=world.now)
    assert refused.value.code is OfficeRefusal.LAST_SECRETARIAT
    assert _terms(world, Role.SECRETARIAT) == [(world.secretariat.id, date(2020, 1, 1), None)]
    with unit_of_work(world.db) as s:
        assign_office(s, world.member.id or 0, Role.SECRETARIAT, starts_on=date(2026, 4, 1),
                      actor=world.secretariat, now=world.now)
    with unit_of_work(world.db) as s:
        end_office(s, (world.secretariat.id or 0, Role.SECRETARIAT), ends_on=date(2026, 3, 31),
                   actor=world.secretariat, now=world.now)
    with world.db.read() as s:
        overview = offices_overview(s, date(2026, 4, 2))
    assert [t.name for t in overview.current["secretariat"]] == ["Mitglied Maier"]
    assert [(t.name, t.ended_by) for t in overview.past] == [("Sekretariat Sommer", "Sekretariat Sommer")]


def test_only_the_secretariat_assigns_offices_and_a_person_who_left_gets_none(world: World) -> None:
    with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
        assign_office(s, world.member.id or 0, Role.SECRETARIAT, starts_on=date(2026, 4, 1), actor=world.chair,
                      now=world.now)
    with unit_of_work(world.db) as s:
        gone = add_person(s, PersonCreate(name="Ehemalige Person", email="weg@example.org"))
        gone.active = False
        s.add(gone)
        s.commit()
    with pytest.raises(InvalidInput, match=r"network\.office_for_inactive"), unit_of_work(world.db) as s:
        assign_office(s, gone.id or 0, Role.SECRETARIAT, starts_on=date(2026, 4, 1), actor=world.secretariat,
                      now=world.now)
    with world.db.read() as s:
        assert s.exec(select(RoleAssignment).where(RoleAssignment.person_id == gone.id)).all() == []


def test_only_the_secretariat_and_the_chair_are_offices(world: World) -> None:
    not_an_office = r"network\.not_an_office \(role=<Role.WG_LEAD: 'wg_lead'>\)"
    with pytest.raises(InvalidInput, match=not_an_office), unit_of_work(world.db) as s:
        assign_office(s, world.member.id or 0, "wg_lead", starts_on=date(2026, 4, 1), actor=world.secretariat,
                      now=world.now)


def test_the_overview_shows_who_holds_each_office_today_since_when_and_who_gave_it(world: World) -> None:
    with unit_of_work(world.db) as s:
        assign_office(s, world.member.id or 0, Role.SECRETARIAT, starts_on=date(2026, 6, 1),
                      actor=world.secretariat, now=world.now)
    with world.db.read() as s:
        overview = offices_overview(s, date(2026, 3, 10))
        person = s.get(Person, world.member.id)
    assert [(t.name, t.starts_on) for t in overview.current["chair"]] == [("Vorsitz Vogt", date(2020, 1, 1))]
    assert [(t.name, t.assigned_by) for t in overview.future] == [("Mitglied Maier", "Sekretariat Sommer")]
    assert person is not None and overview.past == []


def test_seat_appointments_record_who_gave_and_who_ended_them(world: World) -> None:
    from workflow.strategy_group.seats import appoint, end_term

    with unit_of_work(world.db) as s:
        term = appoint(s, "KLV-GT", world.stranger, Role.STRATEGY_MEMBER, date(2026, 4, 1),
                       actor=world.secretariat, now=world.now, comment="Benannt vom Gemeindetag")
    with unit_of_work(world.db) as s:
        end_term(s, "KLV-GT", world.stranger, date(2026, 12, 31), actor=world.secretariat, now=world.now)
    with world.db.read() as s:
        fresh = s.get(RoleAssignment, term.id)
        records = changes_of(s, "role_assignment", term.id or 0)
    assert fresh is not None
    assert (fresh.assigned_by_id, fresh.ended_by_id, fresh.ends_on) == (world.secretariat.id,
                                                                        world.secretariat.id, date(2026, 12, 31))
    assert [(r.action, r.actor_id) for r in records] == [("assign", world.secretariat.id),
                                                        ("end", world.secretariat.id)]
    assert records[0].comment == "Benannt vom Gemeindetag"
