"""Working groups with their lead, deputy lead and members: convening names them, terms decide who may act on a
day, activating needs them, every change is recorded (on the SQLite file and on PostgreSQL)."""

from datetime import date, timedelta

import pytest
from sqlmodel import select

from models.enums import Role
from models.groups import WorkingGroup, WorkingGroupCreate
from models.people import Person, PersonCreate, RoleAssignment
from models.recommendation import RecommendationUpdate
from tests.support.factories import World
from tests.support.network import convened_group, held_meeting
from workflow.engine.clock import local_date
from workflow.engine.errors import GuardFailed, InvalidInput, NotPermitted
from workflow.engine.permissions import roles_of
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.directory import add_person
from workflow.network.memberships import change_lead, join_group, leave_group, members_of, membership_history
from workflow.network.records import changes_of
from workflow.network.refusals import MembershipRefusal
from workflow.network.topics_and_goals import conclude_group, convene_group
from workflow.network.working_groups import fire_group_event
from workflow.recommendations.lifecycle import edit_recommendation, fire
from workflow.recommendations.refusals import RecommendationRefusal


def _person(world: World, name: str, email: str) -> Person:
    with unit_of_work(world.db) as s:
        return add_person(s, PersonCreate(name=name, email=email))


def _today(world: World) -> date:
    return local_date(world.now)


def _members(world: World, group_id: int, day: date | None = None) -> dict[str, str]:
    with world.db.read() as s:
        return {m.email: m.role.value for m in members_of(s, group_id, day or _today(world))}


def _state(world: World, group_id: int) -> str:
    with world.db.read() as s:
        group = s.get(WorkingGroup, group_id)
        assert group is not None
        return group.state


def test_convening_names_the_lead_the_deputy_lead_and_the_members_from_that_day(world: World) -> None:
    extra = _person(world, "Neues Mitglied", "neu@example.org")
    with unit_of_work(world.db) as s:
        group = convene_group(s, WorkingGroupCreate(name="AG Teilhabe", mandate="Erarbeiten",
                                                    planned_member_count=4),
                              meeting_id=held_meeting(world).id or 0, actor=world.secretariat, now=world.now,
                              lead_id=world.lead.id, deputy_lead_id=world.deputy_lead.id,
                              member_ids=[world.wg_member.id or 0, extra.id or 0])
    assert _members(world, group.id or 0) == {"lead@example.org": "wg_lead", "deputylead@example.org":
                                              "wg_deputy_lead", "wgmember@example.org": "wg_member",
                                              "neu@example.org": "wg_member"}
    assert _members(world, group.id or 0, _today(world) - timedelta(days=1)) == {}
    with world.db.read() as s:
        records = changes_of(s, "working_group", group.id or 0)
        terms = s.exec(select(RoleAssignment).where(RoleAssignment.working_group_id == group.id)).all()
    assert [r.action for r in records] == ["join"] * 4
    assert {r.changes["person"] for r in records} >= {"Leitung Lange", "Neues Mitglied"}
    assert {(t.assigned_by_id, t.starts_on) for t in terms} == {(world.secretariat.id, _today(world))}


def test_convening_with_someone_named_twice_saves_nothing(world: World) -> None:
    with pytest.raises(InvalidInput, match=r"network\.already_in_group"), unit_of_work(world.db) as s:
        convene_group(s, WorkingGroupCreate(name="AG Doppelt", mandate="Erarbeiten", planned_member_count=4),
                      meeting_id=held_meeting(world).id or 0, actor=world.secretariat, now=world.now,
                      lead_id=world.lead.id, member_ids=[world.lead.id or 0])
    with world.db.read() as s:
        assert s.exec(select(WorkingGroup).where(WorkingGroup.name == "AG Doppelt")).first() is None


def test_activating_a_group_without_lead_or_member_is_refused_and_changes_nothing(world: World) -> None:
    group = convened_group(world, held_meeting(world), "AG Leer", staffed=False)
    with pytest.raises(GuardFailed, match="group_without_lead") as refused, unit_of_work(world.db) as s:
        fire_group_event(s, group.id or 0, "activate", actor=world.secretariat, now=world.now)
    assert [getattr(r, "code", None) for r in refused.value.reasons] == ["group_without_lead"]
    with unit_of_work(world.db) as s:
        join_group(s, group.id or 0, world.lead.id or 0, Role.WG_LEAD, actor=world.secretariat, now=world.now)
    with pytest.raises(GuardFailed, match="group_without_members"), unit_of_work(world.db) as s:
        fire_group_event(s, group.id or 0, "activate", actor=world.secretariat, now=world.now)
    assert _state(world, group.id or 0) == "convened"
    with unit_of_work(world.db) as s:
        join_group(s, group.id or 0, world.wg_member.id or 0, actor=world.secretariat, now=world.now)
        fire_group_event(s, group.id or 0, "activate", actor=world.secretariat, now=world.now)
    assert _state(world, group.id or 0) == "active"


def test_a_lead_joining_only_tomorrow_does_not_yet_let_the_group_start(world: World) -> None:
    group = convened_group(world, held_meeting(world), "AG Morgen", staffed=False)
    tomorrow = _today(world) + timedelta(days=1)
    with unit_of_work(world.db) as s:
        join_group(s, group.id or 0, world.lead.id or 0, Role.WG_LEAD, starts_on=tomorrow, actor=world.secretariat,
                   now=world.now)
        join_group(s, group.id or 0, world.wg_member.id or 0, actor=world.secretariat, now=world.now)
    with pytest.raises(GuardFailed, match="group_without_lead"), unit_of_work(world.db) as s:
        fire_group_event(s, group.id or 0, "activate", actor=world.secretariat, now=world.now)


def test_a_change_of_lead_ends_the_former_term_the_day_before_and_is_recorded_with_both_names(world: World) -> None:
    starts = _today(world) + timedelta(days=7)
    with unit_of_work(world.db) as s:
        change_lead(s, world.group.id or 0, world.wg_member.id or 0, starts_on=starts, actor=world.chair,
                    now=world.now, comment="Wechsel nach Wahl in der AG")
    gid = world.group.id or 0
    assert _members(world, gid, starts - timedelta(days=1))["lead@example.org"] == "wg_lead"
    after = _members(world, gid, starts)
    assert (after["wgmember@example.org"], after["lead@example.org"]) == ("wg_lead", "wg_member")
    with world.db.read() as s:
        [record] = [r for r in changes_of(s, "working_group", gid) if r.action == "change_lead"]
        ended = s.exec(select(RoleAssignment).where(RoleAssignment.person_id == world.lead.id,
                                                    RoleAssignment.role == Role.WG_LEAD)).one()
    assert record.changes["lead"] == ["Leitung Lange", "AG-Mitglied Mertens"]
    assert (record.actor_id, record.comment) == (world.chair.id, "Wechsel nach Wahl in der AG")
    assert (ended.ends_on, ended.ended_by_id) == (starts - timedelta(days=1), world.chair.id)


def test_a_change_of_deputy_lead_leaves_the_lead_alone(world: World) -> None:
    with unit_of_work(world.db) as s:
        change_lead(s, world.group.id or 0, world.wg_member.id or 0, actor=world.secretariat, now=world.now,
                    deputy=True, former_stays_member=False)
    members = _members(world, world.group.id or 0)
    assert members == {"lead@example.org": "wg_lead", "wgmember@example.org": "wg_deputy_lead"}


def test_a_group_has_one_lead_at_a_time(world: World) -> None:
    with pytest.raises(InvalidInput, match=r"network\.lead_taken"), unit_of_work(world.db) as s:
        join_group(s, world.group.id or 0, world.stranger.id or 0, Role.WG_LEAD, actor=world.secretariat,
                   now=world.now)


def test_a_group_has_one_deputy_lead_at_a_time_and_says_who_it_is(world: World) -> None:
    assert _members(world, world.group.id or 0)["deputylead@example.org"] == "wg_deputy_lead"
    other = _person(world, "Dora Zweit", "dora@example.org")
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        join_group(s, world.group.id or 0, other.id or 0, Role.WG_DEPUTY_LEAD, actor=world.secretariat, now=world.now)
    assert refused.value.code is MembershipRefusal.DEPUTY_LEAD_TAKEN
    assert refused.value.params["name"] == "Stellvertretung Stein"
    assert "dora@example.org" not in _members(world, world.group.id or 0)


def test_a_member_who_left_yesterday_can_no_longer_edit_a_draft(world: World) -> None:
    rec = world.recommendation()
    with unit_of_work(world.db) as s:
        leave_group(s, world.group.id or 0, world.wg_member.id or 0, ends_on=_today(world) - timedelta(days=1),
                    actor=world.secretariat, now=world.now, comment="Wechsel in ein anderes Amt")
    with pytest.raises(NotPermitted) as refused, unit_of_work(world.db) as s:
        edit_recommendation(s, rec.id or 0, RecommendationUpdate(title="Neu gefasst"), world.wg_member, world.now)
    assert refused.value.code is RecommendationRefusal.NOT_AUTHOR
    assert refused.value.params["name"] == world.wg_member.name
    assert world.reload(rec).title != "Neu gefasst"
    with world.db.read() as s:
        [record] = [r for r in changes_of(s, "working_group", world.group.id or 0) if r.action == "leave"]
        assert roles_of(s, world.wg_member.id or 0, world.group.id, _today(world) - timedelta(days=1)) == {
            Role.WG_MEMBER}
    assert record.changes["roles"] == ["wg_member"] and record.comment == "Wechsel in ein anderes Amt"


def test_someone_who_joins_tomorrow_cannot_edit_yet_and_can_then(world: World) -> None:
    rec = world.recommendation()
    tomorrow = _today(world) + timedelta(days=1)
    with unit_of_work(world.db) as s:
        join_group(s, world.group.id or 0, world.stranger.id or 0, starts_on=tomorrow, actor=world.secretariat,
                   now=world.now)
    with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
        edit_recommendation(s, rec.id or 0, RecommendationUpdate(title="Zu früh"), world.stranger, world.now)
    with unit_of_work(world.db) as s:
        edit_recommendation(s, rec.id or 0, RecommendationUpdate(title="Am ersten Tag"), world.stranger,
                            world.now + timedelta(days=1))
    assert world.reload(rec).title == "Am ersten Tag"


def test_the_deputy_lead_can_submit_a_draft(world: World) -> None:
    rec = world.recommendation()
    with unit_of_work(world.db) as s:
        fire(s, rec.id or 0, "submit", actor=world.deputy_lead, now=world.now)
    assert world.reload(rec).state == "submitted"


def test_the_lead_may_add_a_member_to_their_own_group_but_not_to_another(world: World) -> None:
    with unit_of_work(world.db) as s:
        join_group(s, world.group.id or 0, world.stranger.id or 0, actor=world.lead, now=world.now)
    other = r"network\.may_not_change_members \(.*group='AG Andere'\)"
    with pytest.raises(NotPermitted, match=other), unit_of_work(world.db) as s:
        join_group(s, world.other_group.id or 0, world.stranger.id or 0, actor=world.lead, now=world.now)
    assert "stranger@example.org" in _members(world, world.group.id or 0)
    assert "stranger@example.org" not in _members(world, world.other_group.id or 0)


def test_the_lead_may_neither_name_a_deputy_lead_nor_remove_one(world: World) -> None:
    with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
        join_group(s, world.group.id or 0, world.stranger.id or 0, Role.WG_DEPUTY_LEAD, actor=world.lead,
                   now=world.now)
    with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
        leave_group(s, world.group.id or 0, world.deputy_lead.id or 0, actor=world.lead, now=world.now)
    with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
        change_lead(s, world.group.id or 0, world.wg_member.id or 0, actor=world.lead, now=world.now)


def test_an_ordinary_member_may_not_change_the_members(world: World) -> None:
    with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
        join_group(s, world.group.id or 0, world.stranger.id or 0, actor=world.wg_member, now=world.now)


def test_an_inactive_person_cannot_join(world: World) -> None:
    with unit_of_work(world.db) as s:
        person = s.get(Person, world.stranger.id)
        assert person is not None
        person.active = False
        s.commit()
    with pytest.raises(InvalidInput, match=r"network\.member_inactive"), unit_of_work(world.db) as s:
        join_group(s, world.group.id or 0, world.stranger.id or 0, actor=world.secretariat, now=world.now)


def test_nobody_joins_a_concluded_group(world: World) -> None:
    meeting = held_meeting(world)
    with unit_of_work(world.db) as s:
        conclude_group(s, str(world.other_group.id), meeting_id=meeting.id or 0, comment="Auftrag erfüllt",
                       actor=world.chair, now=world.now)
    with pytest.raises(InvalidInput, match=r"network\.group_concluded"), unit_of_work(world.db) as s:
        join_group(s, world.other_group.id or 0, world.stranger.id or 0, actor=world.secretariat, now=world.now)


def test_leaving_ends_every_role_of_the_person_in_that_group_that_day(world: World) -> None:
    with unit_of_work(world.db) as s:
        leave_group(s, world.group.id or 0, world.lead.id or 0, actor=world.secretariat, now=world.now,
                    comment="Ruhestand")
    today = _today(world)
    assert _members(world, world.group.id or 0, today)["lead@example.org"] == "wg_lead"
    assert "lead@example.org" not in _members(world, world.group.id or 0, today + timedelta(days=1))
    with world.db.read() as s:
        history = membership_history(s, world.group.id or 0)
    assert [(m.email, m.ends_on) for m in history if m.email == "lead@example.org"] == [("lead@example.org", today)]


def test_someone_who_left_may_join_again_later(world: World) -> None:
    today = _today(world)
    with unit_of_work(world.db) as s:
        leave_group(s, world.group.id or 0, world.wg_member.id or 0, ends_on=today, actor=world.secretariat,
                    now=world.now)
        join_group(s, world.group.id or 0, world.wg_member.id or 0, starts_on=today + timedelta(days=30),
                   actor=world.secretariat, now=world.now)
    with world.db.read() as s:
        terms = [m for m in membership_history(s, world.group.id or 0) if m.email == "wgmember@example.org"]
    assert len(terms) == 2
    assert "wgmember@example.org" not in _members(world, world.group.id or 0, today + timedelta(days=10))
