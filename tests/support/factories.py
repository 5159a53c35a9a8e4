"""Test data built through the real services, plus a few shortcuts to put a row into a given state."""

import itertools
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from models.db import Database
from models.enums import MeetingKind, OrganisationKind, Role
from models.groups import WorkingGroup, WorkingGroupCreate
from models.meeting import Meeting
from models.people import Organisation, OrganisationCreate, Person, PersonCreate
from models.recommendation import Recommendation, RecommendationCreate
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.directory import add_organisation, add_person, assign_role
from workflow.network.working_groups import convene_working_group, fire_group_event
from workflow.recommendations.lifecycle import create_recommendation
from workflow.strategy_group.seats import ensure_default_seats

_counter = itertools.count(1)


@dataclass
class World:
    """A small network: a secretariat, a chair, a strategy member and a deputy, one active working group with
    a lead, a deputy lead and a member, a second group with its own lead and member, a stranger, two bodies and a
    meeting ahead."""

    db: Database
    now: datetime
    secretariat: Person
    chair: Person
    member: Person
    deputy: Person
    lead: Person
    deputy_lead: Person
    wg_member: Person
    other_lead: Person
    other_member: Person
    stranger: Person
    group: WorkingGroup
    other_group: WorkingGroup
    bodies: list[Organisation]
    meeting: Meeting

    def person_for(self, role: Role) -> Person:
        """Someone holding ``role`` (group roles: for ``self.group``)."""
        return {Role.SECRETARIAT: self.secretariat, Role.CHAIR: self.chair, Role.STRATEGY_MEMBER: self.member,
                Role.DEPUTY: self.deputy, Role.WG_LEAD: self.lead, Role.WG_DEPUTY_LEAD: self.deputy_lead,
                Role.WG_MEMBER: self.wg_member}[role]

    def recommendation(self, *, state: str = "draft", complete: bool = True, title: str | None = None,
                       group: WorkingGroup | None = None) -> Recommendation:
        """A recommendation created by the lead; then put into ``state`` directly (a test shortcut)."""
        group = group or self.group
        lead = self.lead if group is self.group else self.other_lead
        with unit_of_work(self.db) as session:
            rec = create_recommendation(session, RecommendationCreate(
                title=title or f"Empfehlung {next(_counter)}", text="Die Kommunen sollen …",
                rationale="Weil …" if complete else "", working_group_id=group.id or 0,
                addressee_ids=[b.id or 0 for b in self.bodies] if complete else []),
                lead, self.now - timedelta(days=1))
            if state != "draft":
                rec.state = state
                session.add(rec)
                session.commit()
        return rec

    def reload(self, rec: Recommendation) -> Recommendation:
        """The recommendation as the database has it now."""
        with self.db.read() as session:
            fresh = session.get(Recommendation, rec.id)
            assert fresh is not None
            return fresh


def build_world(db: Database, now: datetime) -> World:
    """Create the standard cast through the services."""
    since = date(2020, 1, 1)
    with unit_of_work(db) as s:
        ministry = add_organisation(s, OrganisationCreate(name="Ministerium", kind=OrganisationKind.MINISTRY))
        bodies = [add_organisation(s, OrganisationCreate(name=n, kind=k, email=e)) for n, k, e in (
            ("Landkreis Beispiel", OrganisationKind.DISTRICT, "landkreis@example.org"),
            ("Stadt Beispiel", OrganisationKind.CITY, "stadt@example.org"))]

        def person(name: str, email: str, lang: str = "de") -> Person:
            return add_person(s, PersonCreate(name=name, email=email, organisation_id=ministry.id,
                                              language=lang))  # type: ignore[arg-type]

        seats = ensure_default_seats(s)
        secretariat = person("Sekretariat Sommer", "sek@example.org")
        assign_role(s, secretariat, Role.SECRETARIAT, since)
        chair = person("Vorsitz Vogt", "chair@example.org")
        assign_role(s, chair, Role.CHAIR, since)
        assign_role(s, chair, Role.STRATEGY_MEMBER, since, seat_id=seats[0].id)
        member = person("Mitglied Maier", "member@example.org", "en")
        assign_role(s, member, Role.STRATEGY_MEMBER, since, seat_id=seats[1].id)
        deputy = person("Vertretung Vogel", "deputy@example.org")
        assign_role(s, deputy, Role.DEPUTY, since, seat_id=seats[1].id)
        lead = person("Leitung Lange", "lead@example.org")
        deputy_lead = person("Stellvertretung Stein", "deputylead@example.org")
        wg_member = person("AG-Mitglied Mertens", "wgmember@example.org")
        other_lead = person("Andere Leitung", "otherlead@example.org")
        other_member = person("Anderes Mitglied", "othermember@example.org")
        group = convene_working_group(s, WorkingGroupCreate(name="AG Beispiel", mandate="Empfehlungen erarbeiten",
                                                            planned_member_count=6), chair, now - timedelta(days=30))
        other = convene_working_group(s, WorkingGroupCreate(name="AG Andere", mandate="Andere Empfehlungen",
                                                            planned_member_count=6), chair, now - timedelta(days=30))
        assign_role(s, lead, Role.WG_LEAD, since, working_group_id=group.id)
        assign_role(s, deputy_lead, Role.WG_DEPUTY_LEAD, since, working_group_id=group.id)
        assign_role(s, wg_member, Role.WG_MEMBER, since, working_group_id=group.id)
        assign_role(s, other_lead, Role.WG_LEAD, since, working_group_id=other.id)
        assign_role(s, other_member, Role.WG_MEMBER, since, working_group_id=other.id)
        for g in (group, other):
            fire_group_event(s, g.id or 0, "activate", actor=secretariat, now=now - timedelta(days=29))
        stranger = person("Fremde Person", "stranger@example.org")
        meeting = Meeting(title="Sitzung der Strategiegruppe", kind=MeetingKind.MEETING,
                          starts_at=now + timedelta(days=40), location="Stuttgart")
        s.add(meeting)
        s.commit()
        for g in (group, other):
            s.refresh(g)
    return World(db=db, now=now, secretariat=secretariat, chair=chair, member=member, deputy=deputy, lead=lead,
                 deputy_lead=deputy_lead, wg_member=wg_member, other_lead=other_lead, other_member=other_member,
                 stranger=stranger, group=group, other_group=other, bodies=bodies, meeting=meeting)
