"""Demo data: the seeds' working groups, a full strategy group of fictional people, and recommendations
spread over the workflow with plausible histories. Every transition goes through the real services."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session, col, select

from demo.calendar import demo_calendar
from demo.forwarding import forwarding_steps
from demo.profile import write_demo_profile
from demo.strategy import extend_demo
from models.enums import MeetingKind, MeetingStatus, OrganisationKind, Role
from models.groups import Topic, WorkingGroup, WorkingGroupCreate
from models.meeting import Meeting
from models.people import OrganisationCreate, Person, PersonCreate, RoleAssignment, Seat
from models.queries import person_by_email
from models.recommendation import RecommendationCreate, RecommendationUpdate
from workflow.engine.clock import at_local, local_date, require_aware
from workflow.forwarding.review import start_review
from workflow.network.directory import add_organisation, add_person, assign_role
from workflow.network.working_groups import convene_working_group, fire_group_event
from workflow.recommendations.lifecycle import create_recommendation, edit_recommendation, fire
from workflow.strategy_group.seats import ensure_default_seats

SECRETARIAT_EMAIL = "geschaeftsstelle@sm.example.org"
CHAIR_EMAIL = "martin.albrecht@sm.example.org"

ORGANISATIONS: tuple[tuple[str, OrganisationKind, str], ...] = (
    ("Ministerium für Soziales, Gesundheit und Integration Baden-Württemberg", OrganisationKind.MINISTRY,
     "poststelle@sm.example.org"),
    ("Ministerium für Kultus, Jugend und Sport Baden-Württemberg", OrganisationKind.MINISTRY,
     "poststelle@km.example.org"),
    ("Ministerium des Inneren, für Digitalisierung und Kommunen Baden-Württemberg", OrganisationKind.MINISTRY,
     "poststelle@im.example.org"),
    ("Gemeindetag Baden-Württemberg", OrganisationKind.MUNICIPAL_ASSOCIATION, "post@gemeindetag.example.org"),
    ("Städtetag Baden-Württemberg", OrganisationKind.MUNICIPAL_ASSOCIATION, "post@staedtetag.example.org"),
    ("Landkreistag Baden-Württemberg", OrganisationKind.MUNICIPAL_ASSOCIATION, "post@landkreistag.example.org"),
    ("Landkreis Reutlingen", OrganisationKind.DISTRICT, "integration@kreis-rt.example.org"),
    ("Landkreis Lörrach", OrganisationKind.DISTRICT, "integration@loerrach-landkreis.example.org"),
    ("Stadt Singen (Hohentwiel)", OrganisationKind.CITY, "integration@singen.example.org"),
    ("Stadt Ulm", OrganisationKind.CITY, "integration@ulm.example.org"),
    ("Gemeinde Weissach im Tal", OrganisationKind.MUNICIPALITY, "rathaus@weissach-im-tal.example.org"),
    ("Landeszentrale für politische Bildung Baden-Württemberg", OrganisationKind.OTHER,
     "info@lpb.example.org"),
)
MIN, KM, IM, GT, ST, LKT, RT, LOE, SIN, ULM, WEI, LPB = range(len(ORGANISATIONS))

# (seat code, holder name, holder email, organisation index, deputy name or None)
SEAT_HOLDERS: tuple[tuple[str, str, str, int, str | None], ...] = (
    ("MIN-1", "Dr. Martin Albrecht", CHAIR_EMAIL, MIN, "Julia Brenner"),
    ("MIN-2", "Claudia Fenske", "claudia.fenske@sm.example.org", MIN, None),
    ("MIN-3", "Tobias Lindqvist", "tobias.lindqvist@sm.example.org", MIN, None),
    ("KLV-GT", "Petra Hollmann", "petra.hollmann@gemeindetag.example.org", GT, "Jonas Ebert"),
    ("KLV-ST", "Yusuf Demirtaş", "yusuf.demirtas@staedtetag.example.org", ST, None),
    ("KLV-LKT", "Katharina Vogler", "katharina.vogler@landkreistag.example.org", LKT, "Lena Marquardt"),
    ("VL-G", "Bürgermeister Ralf Steinbach", "ralf.steinbach@weissach-im-tal.example.org", WEI, None),
    ("VL-S", "Bürgermeisterin Anja Korte", "anja.korte@ulm.example.org", ULM, None),
    ("VL-LK", "Dezernent Michael Ruf", "michael.ruf@loerrach-landkreis.example.org", LOE, "Sandra Keller"),
    ("IB-G", "Miriam Osei", "miriam.osei@weissach-im-tal.example.org", WEI, None),
    ("IB-S", "Stefan Wagenknecht", "stefan.wagenknecht@singen.example.org", SIN, None),
    ("IB-LK", "Elif Aydın", "elif.aydin@kreis-rt.example.org", RT, "Thomas Brückner"),
)

TOPICS = (
    ("Teilhabe und Partizipation",
     "Politische und gesellschaftliche Teilhabe von Menschen mit Einwanderungsgeschichte."),
    ("Chancengerechtigkeit", "Gleiche Chancen in Bildung, Arbeit und Alltag."),
    ("Zugänge zur Verwaltung", "Verständliche, erreichbare und diskriminierungsfreie Verwaltung."),
)

# (name, topic index, mandate, lead name, lead email, members, concluded)
GROUPS = (
    ("Demokratiebildung und politische Partizipation", 0,
     "Empfehlungen, wie Demokratiebildung und politische Beteiligung vor Ort gestärkt werden können.",
     "Dr. Felix Hartmann", "felix.hartmann@lpb.example.org",
     (("Aylin Kaya", "aylin.kaya@ulm.example.org"), ("Georg Neumeier", "georg.neumeier@kreis-rt.example.org")),
     False),
    ("Empowerment von Frauen mit Flucht- und Einwanderungsgeschichte", 1,
     "Empfehlungen zur Stärkung der Teilhabe von Frauen mit Flucht- und Einwanderungsgeschichte.",
     "Johanna Reinholz", "johanna.reinholz@sm.example.org",
     (("Nadia Haddad", "nadia.haddad@singen.example.org"), ("Birgit Sauter", "birgit.sauter@staedtetag.example.org")),
     True),
    ("Hürdenabbau in der Verwaltung", 2,
     "Empfehlungen, wie Verwaltungsverfahren für Menschen mit Einwanderungsgeschichte einfacher werden.",
     "Karsten Böhm", "karsten.boehm@landkreistag.example.org",
     (("Irina Petrova", "irina.petrova@loerrach-landkreis.example.org"),
      ("Paul Wiedemann", "paul.wiedemann@gemeindetag.example.org")),
     True),
)
DEMOKRATIE, EMPOWERMENT, HUERDEN = range(3)

# Where the strategy group meets, in turn; the dates come from ``demo.calendar``.
PLACES = ("Neues Schloss, Stuttgart", "Ministerium für Soziales, Gesundheit und Integration, Stuttgart",
          "Online-Sitzung")
WRITTEN_PROCEDURE = ("Umlaufverfahren Ehrenamtsschulungen", 7)


@dataclass(frozen=True)
class Story:
    """One demo recommendation: its text, addressees and the path it has taken so far."""

    group: int
    title: str
    text: str
    rationale: str
    addressees: tuple[int, ...]
    path: str  # a named path through the workflow, see ``_walk``


STORIES = (
    Story(HUERDEN, "Mehrsprachige Erstinformation in Ausländerbehörden",
          "Ausländerbehörden stellen zentrale Erstinformationen in den zehn häufigsten Herkunftssprachen bereit.",
          "Viele Verfahren scheitern an fehlenden Informationen zu Beginn des Kontakts.", (IM, LKT, ST), "implemented"),
    Story(HUERDEN, "Digitale Terminvergabe mit Dolmetschoption",
          "Online-Terminbuchungen der Bürgerämter bieten an, eine Dolmetschung mitzubuchen.",
          "Sprachmittlung muss heute oft kurzfristig und privat organisiert werden.", (IM, GT, ST), "partial"),
    Story(HUERDEN, "Feste Ansprechpersonen für Anerkennungsverfahren",
          "Jede untere Verwaltungsbehörde benennt eine feste Ansprechperson für Anerkennungsverfahren.",
          "Antragstellende werden zwischen Stellen weiterverwiesen; Zuständigkeiten sind unklar.", (LKT, RT, LOE),
          "under_review"),
    Story(HUERDEN, "Formulare in Leichter Sprache",
          "Alle Antragsformulare der Kommunen werden zusätzlich in Leichter Sprache angeboten.",
          "Komplexe Formulare sind eine der größten Hürden.", (GT, ST, LKT), "rejected"),
    Story(EMPOWERMENT, "Kinderbetreuung während Sprach- und Integrationskursen",
          "Träger von Integrationskursen erhalten Unterstützung, um kursbegleitende Kinderbetreuung anzubieten.",
          "Fehlende Betreuung hält vor allem Mütter von der Kursteilnahme ab.", (MIN, GT, ST, LKT), "forwarded"),
    Story(EMPOWERMENT, "Mentoring-Programme für zugewanderte Frauen",
          "Kommunen bauen Mentoring-Programme auf, die zugewanderte Frauen beim Berufseinstieg begleiten.",
          "Netzwerke fehlen oft; Mentoring hat sich in Pilotprojekten bewährt.", (ST, SIN, ULM), "forwarded_late"),
    Story(EMPOWERMENT, "Anerkennungsverfahren für Frauen beschleunigen",
          "Anerkennungsstellen priorisieren Verfahren in Gesundheits- und Erziehungsberufen.",
          "Qualifizierte Frauen arbeiten oft jahrelang unter ihrer Qualifikation.", (MIN, KM), "adopted"),
    Story(EMPOWERMENT, "Beratung für Frauen ohne gesicherten Aufenthalt",
          "Beratungsstellen erhalten eine Handreichung zu Frauen ohne gesicherten Aufenthaltsstatus.",
          "Die Zielgruppe ist schwer erreichbar.", (MIN,), "withdrawn"),
    Story(DEMOKRATIE, "Kommunale Integrationsbeiräte stärken",
          "Kommunen mit mehr als 20.000 Einwohnern richten Integrationsbeiräte mit Rede- und Antragsrecht ein.",
          "Beiräte ohne Rechte verlieren an Beteiligung.", (GT, ST, IM), "scheduled"),
    Story(DEMOKRATIE, "Politische Bildung in Integrationskursen verankern",
          "Orientierungskurse erhalten ein zusätzliches Modul zur Kommunalpolitik vor Ort.",
          "Kommunale Beteiligungsmöglichkeiten sind kaum bekannt.", (KM, LPB), "submitted"),
    Story(DEMOKRATIE, "Wahlrechtsinformationen in mehreren Sprachen",
          "Vor Kommunalwahlen informieren Kommunen Wahlberechtigte mit Einwanderungsgeschichte mehrsprachig.",
          "Viele EU-Bürgerinnen und -Bürger wissen nicht, dass sie kommunal wählen dürfen.", (GT, ST, IM),
          "returned"),
    Story(DEMOKRATIE, "Jugendbeteiligung junger Menschen mit Einwanderungsgeschichte",
          "Jugendgemeinderäte werben gezielt um junge Menschen mit Einwanderungsgeschichte.",
          "", (), "draft"),
    Story(DEMOKRATIE, "Schulungen für Ehrenamtliche in der Demokratiebildung",
          "Das Land fördert Schulungen für Ehrenamtliche, die Demokratiebildung in Vereinen anbieten.",
          "Ehrenamtliche sind wichtige Multiplikatoren, aber selten dafür ausgebildet.", (MIN, LPB), "voting"),
)


def demo_is_loaded(session: Session) -> bool:
    """Whether the demo data is already in the database (it is loaded at most once)."""
    return person_by_email(session, SECRETARIAT_EMAIL) is not None


def load_demo(session: Session, now: datetime) -> bool:
    """Load the demo data relative to ``now``; returns False (and changes nothing) if it is already there."""
    now = require_aware(now)
    if demo_is_loaded(session):
        return False
    _Loader(session, now).run()
    return True


class _Loader:
    def __init__(self, session: Session, now: datetime) -> None:
        self.s = session
        self.now = now
        self.start = now - timedelta(days=900)
        self.since: date = local_date(self.start)
        self.calendar = demo_calendar(local_date(now))

    def at(self, days: float) -> datetime:
        """An instant relative to now, on a weekday at 10:00 local time (whether summer time or not)."""
        day = local_date(self.now + timedelta(days=days))
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        return at_local(day, time(10, 0))

    def person(self, name: str, email: str, org: int | None) -> Person:
        return add_person(self.s, PersonCreate(name=name, email=email, organisation_id=self.orgs[org].id
                                               if org is not None else None))

    def run(self) -> None:
        write_demo_profile(self.s, self.now)
        self.orgs = [add_organisation(self.s, OrganisationCreate(name=n, kind=k, email=e))
                     for n, k, e in ORGANISATIONS]
        self.secretariat = self.person("Sabine Kästner", SECRETARIAT_EMAIL, MIN)
        assign_role(self.s, self.secretariat, Role.SECRETARIAT, self.since)
        seats = {seat.code: seat for seat in ensure_default_seats(self.s)}
        for code, name, email, org, deputy in SEAT_HOLDERS:
            holder = self.person(name, email, org)
            assign_role(self.s, holder, Role.STRATEGY_MEMBER, self.since, seat_id=seats[code].id)
            if email == CHAIR_EMAIL:
                self.chair = holder
                assign_role(self.s, holder, Role.CHAIR, self.since)
            if deputy is not None:
                slug = deputy.lower().replace(" ", ".")
                domain = email.split("@", 1)[1]
                person = self.person(deputy, f"{slug}@{domain}", org)
                assign_role(self.s, person, Role.DEPUTY, self.since, seat_id=seats[code].id)
        self.topics = [Topic(title=t, description=d) for t, d in TOPICS]
        self.s.add_all(self.topics)
        self.meetings = self._meetings()
        self.groups, self.leads = self._groups()
        # Collect every step of every story, then replay them in time order so that numbers and
        # histories read chronologically across the whole network.
        actions: list[tuple[datetime, int, Callable[[], object]]] = []
        for story in STORIES:
            actions.extend(self._plan(story, len(actions)))
        actions.extend(forwarding_steps(self.s, self.secretariat, self.at, len(actions)))
        for _when, _order, action in sorted(actions, key=lambda a: (a[0], a[1])):
            action()
        for index, (*_group, concluded) in enumerate(GROUPS):
            if concluded:
                fire_group_event(self.s, self.groups[index], "conclude", actor=self.secretariat,
                                 now=self.at(self.calendar.last_held),
                                 comment="Mandat erfüllt; Abschlussbericht in der Strategiegruppe vorgestellt.")
        extend_demo(self.s, self.at, self.meetings, self.secretariat, self.chair, self.topics,
                    self.calendar.last_held)

    def _meetings(self) -> list[Meeting]:
        """The stories' five strategy meetings, the written procedure, then the meetings that fill the years."""
        numbers = {offset: n for n, offset in enumerate(self.calendar.all(), start=1)}

        def meeting(offset: int) -> Meeting:
            return Meeting(title=f"{numbers[offset]}. Sitzung der Strategiegruppe", starts_at=self.at(offset),
                           location=PLACES[(numbers[offset] - 1) % len(PLACES)],
                           status=MeetingStatus.HELD if offset < 0 else MeetingStatus.PLANNED, created_at=self.start)

        title, deadline = WRITTEN_PROCEDURE
        meetings = [*map(meeting, self.calendar.stories),
                    Meeting(title=title, kind=MeetingKind.WRITTEN_PROCEDURE, starts_at=self.at(deadline),
                            created_at=self.at(-20)),
                    *map(meeting, self.calendar.extra)]
        self.s.add_all(meetings)
        return meetings

    def _groups(self) -> tuple[list[int], list[Person]]:
        ids, leads = [], []
        for name, topic, mandate, lead_name, lead_email, members, _concluded in GROUPS:
            group = convene_working_group(
                self.s, WorkingGroupCreate(name=name, topic_id=self.topics[topic].id, mandate=mandate,
                                           planned_member_count=8, planned_end=local_date(self.at(400))),
                self.chair, self.at(-880))
            assert group.id is not None
            lead = self.person(lead_name, lead_email, None)
            assign_role(self.s, lead, Role.WG_LEAD, self.since, working_group_id=group.id)
            for member_name, member_email in members:
                member = self.person(member_name, member_email, None)
                assign_role(self.s, member, Role.WG_MEMBER, self.since, working_group_id=group.id)
            fire_group_event(self.s, group.id, "activate", actor=self.secretariat, now=self.at(-860),
                             comment="Konstituierende Sitzung der Arbeitsgruppe.")
            ids.append(group.id)
            leads.append(lead)
        return ids, leads

    def _plan(self, story: Story, order: int) -> list[tuple[datetime, int, Callable[[], object]]]:
        """The timed steps of one story: create, edit, then the events of its path."""
        offsets = (*self.calendar.stories, WRITTEN_PROCEDURE[1])
        lead = self.leads[story.group]
        steps = _PATHS[story.path](_Meetings([meeting.id for meeting in self.meetings], offsets))
        created_at = self.at((steps[0][1] if steps else -10) - 30)
        rec_id: list[int] = []
        data = RecommendationCreate(title=story.title, text=story.text, rationale=story.rationale,
                                    working_group_id=self.groups[story.group],
                                    addressee_ids=[self.orgs[i].id or 0 for i in story.addressees])

        def create() -> None:
            rec = create_recommendation(self.s, data, lead, created_at)
            rec_id.append(rec.id or 0)

        def edit(when: datetime, changes: RecommendationUpdate, why: str) -> Callable[[], object]:
            return lambda: edit_recommendation(self.s, rec_id[0], changes, lead, when, comment=why)

        plan: list[tuple[datetime, int, Callable[[], object]]] = [(created_at, order, create)]
        plan.append((created_at + timedelta(days=7), order + 1, edit(
            created_at + timedelta(days=7),
            RecommendationUpdate(text=story.text + " Die Umsetzung wird nach zwei Jahren ausgewertet."),
            "Auswertung ergänzt")))
        actors = {"lead": lead, "sec": self.secretariat, "chair": self.chair}
        for index, (event, days, who, extra) in enumerate(steps):
            when = self.at(days)

            def step(event: str = event, when: datetime = when, who: str = who,
                     extra: dict[str, Any] = extra) -> object:
                if extra.get("early"):
                    return start_review(self.s, rec_id[0], actors[who], when, extra["meeting_id"],
                                        _EARLY_REASON, early=True)
                return fire(self.s, rec_id[0], event, actor=actors[who], now=when,
                            comment=_COMMENTS.get(event, ""), **extra)

            plan.append((when, order + 2 + index, step))
        if story.path == "returned":
            when = self.at(-60)
            plan.append((when, order + 2 + len(steps), edit(when, RecommendationUpdate(
                rationale=story.rationale + " Erfahrungen aus der Kommunalwahl 2024 sind eingearbeitet."),
                "Begründung nach Rückgabe überarbeitet")))
        return plan


Step = tuple[str, float, str, dict[str, Any]]


@dataclass(frozen=True)
class _Meetings:
    """The ids of the stories' meetings and the written procedure, and their offsets in days from now."""

    ids: list[int | None]
    days: tuple[int, ...]


def _adopted_at(meeting: int, lead_days: int) -> Callable[[_Meetings], list[Step]]:
    """Submitted ``lead_days`` before the meeting, scheduled onto it five days later, adopted there."""
    def steps(m: _Meetings) -> list[Step]:
        held, at = m.days[meeting], {"meeting_id": m.ids[meeting]}
        return [("submit", held - lead_days, "lead", {}), ("schedule", held - lead_days + 5, "sec", at),
                ("open_vote", held, "chair", at), ("close_vote", held, "chair", {**at, "outcome": "adopted"})]
    return steps


_AT_1, _AT_2, _AT_3 = _adopted_at(0, 60), _adopted_at(1, 50), _adopted_at(2, 50)


def _reviewed(outcome: str) -> Callable[[_Meetings], list[Step]]:
    """Adopted at the first meeting; reviewed at the last meeting held: started and concluded there."""
    def steps(m: _Meetings) -> list[Step]:
        at = {"meeting_id": m.ids[2]}
        return [*_AT_1(m), ("start_review", m.days[2], "sec", at),
                ("conclude_review", m.days[2], "chair", {**at, "outcome": outcome})]
    return steps


# Each path: from the meetings to the (event, day offset, actor, arguments) steps. Forwarding is not among
# them: it goes through the forwarding service (``demo.forwarding.FORWARDED_AT`` says when).
_PATHS: dict[str, Callable[[_Meetings], list[Step]]] = {
    "implemented": _reviewed("implemented"),
    "partial": _reviewed("partially_implemented"),
    # Brought forward by the secretariat: its review meeting is the next one, still ahead.
    "under_review": lambda m: [*_AT_2(m), ("start_review", -20, "sec", {"meeting_id": m.ids[3], "early": True})],
    "rejected": lambda m: [*_AT_2(m)[:3],
                           ("close_vote", m.days[1], "chair", {"meeting_id": m.ids[1], "outcome": "rejected"})],
    "forwarded": _AT_2,
    "forwarded_late": _AT_3,
    "adopted": _AT_3,
    "withdrawn": lambda m: [("withdraw", -200, "lead", {})],
    "scheduled": lambda m: [("submit", -50, "lead", {}), ("schedule", -44, "sec", {"meeting_id": m.ids[3]})],
    "submitted": lambda m: [("submit", -5, "lead", {})],
    "returned": lambda m: [("submit", -90, "lead", {}), ("return", -80, "sec", {})],
    "draft": lambda m: [],
    "voting": lambda m: [("submit", -30, "lead", {}), ("schedule", -21, "sec", {"meeting_id": m.ids[5]}),
                         ("open_vote", -14, "sec", {"meeting_id": m.ids[5]})],
}


_EARLY_REASON = "Alle Stellen haben berichtet; die Strategiegruppe erhält die Berichte mit der Einladung."

_COMMENTS = {
    "submit": "Von der Arbeitsgruppe einstimmig verabschiedet.",
    "return": "Bitte Kostenschätzung und Zuständigkeiten ergänzen.",
    "schedule": "Auf die Tagesordnung gesetzt.",
    "close_vote": "Abstimmung in der Sitzung.",
    "start_review": "Umsetzungsberichte liegen vor.",
    "conclude_review": "Bewertung der Umsetzungsberichte.",
    "withdraw": "Thema wird in einer künftigen Arbeitsgruppe aufgegriffen.",
}


def demo_people(session: Session) -> list[Person]:
    """Everyone in the demo data, for printing the demo logins."""
    return list(session.exec(select(Person).order_by(col(Person.id))).all())


# How the demo's logins name each role (the command line speaks English).
_ROLE_NAMES = {Role.SECRETARIAT: "secretariat", Role.CHAIR: "chair", Role.STRATEGY_MEMBER: "strategy group member",
               Role.DEPUTY: "deputy member", Role.WG_LEAD: "lead", Role.WG_DEPUTY_LEAD: "deputy lead",
               Role.WG_MEMBER: "member"}


def demo_logins(session: Session, now: datetime) -> list[tuple[Person, list[str]]]:
    """Each demo person with the roles they hold today, worded ("lead of AG Sprache", "strategy group member
    (seat KOM-1)"); people without a role sign in to the public pages only."""
    day = local_date(now)
    groups = {g.id: g.name for g in session.exec(select(WorkingGroup)).all()}
    seats = {s.id: s.code for s in session.exec(select(Seat)).all()}
    roles: dict[int, list[str]] = {}
    for a in session.exec(select(RoleAssignment).order_by(col(RoleAssignment.id))).all():
        if not a.active_on(day):
            continue
        name = _ROLE_NAMES[Role(a.role)]
        if a.working_group_id is not None:
            name = f"{name} of {groups.get(a.working_group_id, '?')}"
        elif a.seat_id is not None:
            name = f"{name} (seat {seats.get(a.seat_id, '?')})"
        roles.setdefault(a.person_id, []).append(name)
    return [(p, roles.get(p.id or 0, [])) for p in demo_people(session)]
