"""Demo data after the vote: forwardings of the demo's forwarded recommendations, acknowledgements, contact
persons (fictional), reports by link and by letter, and a referral to another body.

The steps are replayed by ``demo.data`` in time order together with the recommendations' own events,
so every report lies before the review that considered it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from sqlmodel import Session, select

from models.forwarding import ImplementationReport, ReportStatus
from models.people import Person
from models.queries import addressees_of
from models.recommendation import Recommendation
from workflow.forwarding.forwardings import forward_recommendation, forward_to_suggested, forwarding_of
from workflow.forwarding.personal_links import IssuedLink
from workflow.forwarding.reports import ContactInput, ReportInput, acknowledge_by_link, file_report, report_by_link
from workflow.network.directory import find_organisation

MEHRSPRACHIG = "Mehrsprachige Erstinformation in Ausländerbehörden"
TERMINVERGABE = "Digitale Terminvergabe mit Dolmetschoption"
ANSPRECHPERSONEN = "Feste Ansprechpersonen für Anerkennungsverfahren"
KINDERBETREUUNG = "Kinderbetreuung während Sprach- und Integrationskursen"
MENTORING = "Mentoring-Programme für zugewanderte Frauen"

IM = "Ministerium des Inneren, für Digitalisierung und Kommunen Baden-Württemberg"
SM = "Ministerium für Soziales, Gesundheit und Integration Baden-Württemberg"
GT, ST, LKT = "Gemeindetag Baden-Württemberg", "Städtetag Baden-Württemberg", "Landkreistag Baden-Württemberg"
RT, LOE = "Landkreis Reutlingen", "Landkreis Lörrach"
SIN, ULM, WEI = "Stadt Singen (Hohentwiel)", "Stadt Ulm", "Gemeinde Weissach im Tal"

# Offsets (days from now) at which the demo forwards each of these recommendations (the forwarding service fires
# the recommendation's "forward" with the bodies' forwardings).
FORWARDED_AT = {MEHRSPRACHIG: -400, TERMINVERGABE: -400, ANSPRECHPERSONEN: -240, KINDERBETREUUNG: -235,
                MENTORING: -40}

# (day, recommendation, body, what): "ack:Name", a report status with its text, or "onward".
SCRIPT: tuple[tuple[float, str, str, str, str], ...] = (
    (-395, MEHRSPRACHIG, IM, "ack", "Henrike Albers"),
    (-390, MEHRSPRACHIG, LKT, "ack", "Moritz Jansen"),
    (-385, MEHRSPRACHIG, ST, "ack", ""),
    (-300, MEHRSPRACHIG, IM, "in_progress", "Übersetzungen sind beauftragt."),
    (-200, MEHRSPRACHIG, IM, "implemented", "Erstinformationen liegen in zehn Sprachen vor."),
    (-180, MEHRSPRACHIG, LKT, "implemented", "Alle Landkreise nutzen die Materialien."),
    (-150, MEHRSPRACHIG, ST, "letter:implemented", "Die Stadtkreise haben die Materialien eingeführt."),
    (-398, TERMINVERGABE, IM, "ack", "Henrike Albers"),
    (-390, TERMINVERGABE, ST, "ack", ""),
    (-380, TERMINVERGABE, GT, "not_responsible", "Die Terminvergabe liegt bei den Gemeinden selbst."),
    (-375, TERMINVERGABE, GT, "onward", ""),
    (-250, TERMINVERGABE, IM, "implemented", "Die Plattform bietet die Dolmetschoption an."),
    (-200, TERMINVERGABE, WEI, "partially_implemented", "Dolmetschung für Arabisch und Ukrainisch buchbar."),
    (-160, TERMINVERGABE, ST, "not_implemented", "Die Mitgliedsstädte nutzen eigene Systeme."),
    (-235, ANSPRECHPERSONEN, LKT, "ack", "Moritz Jansen"),
    (-230, ANSPRECHPERSONEN, LOE, "ack", "Greta Sommerfeld"),
    (-120, ANSPRECHPERSONEN, LKT, "implemented", "Rundschreiben an alle Landratsämter."),
    (-100, ANSPRECHPERSONEN, RT, "partially_implemented", "Ansprechperson benannt, Vertretung offen."),
    (-230, KINDERBETREUUNG, SM, "ack", "Dr. Leonie Hartwig"),
    (-200, KINDERBETREUUNG, GT, "ack", ""),
    (-60, KINDERBETREUUNG, SM, "in_progress", "Förderrichtlinie in Abstimmung."),
    (-30, KINDERBETREUUNG, LKT, "not_started", "Beratung im Sozialausschuss im Herbst."),
    (-35, MENTORING, ST, "ack", "Jasper Lindner"),
    (-10, MENTORING, ULM, "in_progress", "Zwei Mentoring-Tandems sind gestartet."),
)


@dataclass
class _Demo:
    session: Session
    secretariat: Person
    links: dict[tuple[str, str], IssuedLink] = field(default_factory=dict)

    def rec_id(self, title: str) -> int:
        rec = self.session.exec(select(Recommendation).where(Recommendation.title == title)).one()
        return rec.id or 0

    def forward(self, title: str, when: datetime) -> None:
        rec_id = self.rec_id(title)
        bodies: list[str | int] = [o.id or 0 for o in addressees_of(self.session, rec_id)]
        for link in forward_recommendation(self.session, rec_id, bodies, self.secretariat, when):
            self.links[(title, link.organisation_name)] = link

    def act(self, title: str, body: str, what: str, text: str, when: datetime) -> None:
        token = self.links[(title, body)].token if (title, body) in self.links else ""
        if what == "ack":
            acknowledge_by_link(self.session, token, when, ContactInput(name=text) if text else None)
        elif what == "onward":
            report = self._latest_report(title, body)
            link = forward_to_suggested(self.session, report, self.secretariat, when)
            self.links[(title, link.organisation_name)] = link
        elif what.startswith("letter:"):
            forwarding = forwarding_of(self.session, self.rec_id(title), body)
            file_report(self.session, forwarding, ReportInput(status=ReportStatus(what[7:]), text=text),
                        self.secretariat, when)
        else:
            suggestion = find_organisation(self.session, WEI).id if what == "not_responsible" else None
            report_by_link(self.session, token, when, ReportInput(status=ReportStatus(what), text=text,
                                                                  suggested_organisation_id=suggestion))

    def _latest_report(self, title: str, body: str) -> int:
        forwarding = forwarding_of(self.session, self.rec_id(title), body)
        report = self.session.exec(select(ImplementationReport).where(
            ImplementationReport.forwarding_id == forwarding.id)).all()[-1]
        return report.id or 0


def forwarding_steps(session: Session, secretariat: Person, at: Callable[[float], datetime],
                     order: int) -> list[tuple[datetime, int, Callable[[], object]]]:
    """The timed demo steps after the vote, to be replayed in time order with the rest of the demo."""
    demo = _Demo(session, secretariat)
    # A large order number: on a day shared with a recommendation's own events, those run first.
    order += 100_000
    steps: list[tuple[datetime, int, Callable[[], object]]] = []
    for title, forwarded_on in FORWARDED_AT.items():
        steps.append((at(forwarded_on), order, partial(demo.forward, title, at(forwarded_on))))
        order += 1
    for day, title, body, what, text in SCRIPT:
        when = at(day)
        steps.append((when, order, partial(demo.act, title, body, what, text, when)))
        order += 1
    return steps
