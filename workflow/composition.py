"""The strategy group's twelve ordinary seats, as the network's founding texts define them."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from models.enums import Role
from models.enums import SeatCategory as C
from models.enums import SeatSubkind as K
from models.people import Person, RoleAssignment, Seat
from workflow.errors import InvalidInput
from workflow.network.directory import assign_role
from workflow.seat_holders import SECRETARIAT_ONLY, Occupancy, find_seat, occupancy, require_role
from workflow.transaction import committing

DEFAULT_SEATS: tuple[tuple[str, C, K, str], ...] = (
    ("MIN-1", C.MINISTRY, K.NONE, "Ministerium für Soziales, Gesundheit und Integration (1)"),
    ("MIN-2", C.MINISTRY, K.NONE, "Ministerium für Soziales, Gesundheit und Integration (2)"),
    ("MIN-3", C.MINISTRY, K.NONE, "Ministerium für Soziales, Gesundheit und Integration (3)"),
    ("KLV-GT", C.MUNICIPAL_ASSOCIATION, K.GEMEINDETAG, "Gemeindetag Baden-Württemberg"),
    ("KLV-ST", C.MUNICIPAL_ASSOCIATION, K.STAEDTETAG, "Städtetag Baden-Württemberg"),
    ("KLV-LKT", C.MUNICIPAL_ASSOCIATION, K.LANDKREISTAG, "Landkreistag Baden-Württemberg"),
    ("VL-G", C.ADMINISTRATION_HEAD, K.GEMEINDE, "Leitung der Kommunalverwaltung – Gemeinde"),
    ("VL-S", C.ADMINISTRATION_HEAD, K.STADT, "Leitung der Kommunalverwaltung – Stadt"),
    ("VL-LK", C.ADMINISTRATION_HEAD, K.LANDKREIS, "Leitung der Kommunalverwaltung – Landkreis"),
    ("IB-G", C.INTEGRATION_COMMISSIONER, K.GEMEINDE, "Integrationsbeauftragte/r – Gemeinde"),
    ("IB-S", C.INTEGRATION_COMMISSIONER, K.STADT, "Integrationsbeauftragte/r – Stadt"),
    ("IB-LK", C.INTEGRATION_COMMISSIONER, K.LANDKREIS, "Integrationsbeauftragte/r – Landkreis"),
)


def ensure_default_seats(session: Session) -> list[Seat]:
    """Create the twelve default seats where they are missing; return all seats by code."""
    existing = {s.code: s for s in session.exec(select(Seat)).all()}
    with committing(session, "The seats"):
        for code, category, subkind, label in DEFAULT_SEATS:
            if code not in existing:
                existing[code] = Seat(code=code, category=category, subkind=subkind, label=label)
                session.add(existing[code])
    return [existing[code] for code, *_ in DEFAULT_SEATS]


# How many seats each category has, and which sub-kinds they stand for (one seat each).
RULE: dict[C, tuple[K, ...]] = {
    C.MINISTRY: (K.NONE, K.NONE, K.NONE),
    C.MUNICIPAL_ASSOCIATION: (K.GEMEINDETAG, K.STAEDTETAG, K.LANDKREISTAG),
    C.ADMINISTRATION_HEAD: (K.GEMEINDE, K.STADT, K.LANDKREIS),
    C.INTEGRATION_COMMISSIONER: (K.GEMEINDE, K.STADT, K.LANDKREIS),
}


# The sentences of the composition check; the values fill the placeholders (lists are joined with commas).
FINDINGS: dict[str, str] = {
    "vacant": "Seat %(code)s (%(label)s) is vacant.",
    "several_holders": "Seat %(code)s has %(n)s holders at once (%(names)s); a seat has one holder.",
    "holder_and_deputy": "%(name)s is holder and deputy of seat %(code)s at once.",
    "category_size": "The category %(category)s has %(found)s seats; the rule gives it %(wanted)s.",
    "category_kinds": "The seats of the category %(category)s stand for %(found)s; the rule wants one each for "
                      "%(wanted)s.",
    "ministry_kinds": "Ministry seats stand for no association or level (%(found)s given).",
    "unknown_category": "Seat %(code)s has the unknown category %(category)s.",
    "several_seats": "%(name)s holds %(n)s seats (%(codes)s); a person holds one seat.",
}
VACANCY, BREACH = "vacancy", "breach"


@dataclass(frozen=True)
class Finding:
    """One vacancy or breach: which sentence of ``FINDINGS`` and its values, so each language can word it."""

    kind: str
    code: str
    values: dict[str, Any]

    @property
    def sentence(self) -> str:
        """The finding as an English sentence."""
        return FINDINGS[self.code] % {k: ", ".join(v) if isinstance(v, tuple) else v for k, v in self.values.items()}


@dataclass
class CompositionReport:
    """The seats on one day with their holders and deputies, the vacancies, and every breach of the rule."""

    day: date
    seats: list[dict[str, Any]] = field(default_factory=list)
    vacancies: list[str] = field(default_factory=list)
    breaches: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def composition_report(session: Session, day: date) -> CompositionReport:
    """Check the seats and who sits in them on ``day`` against the composition rule."""
    report = CompositionReport(day)
    seats = occupancy(session, day)
    for entry in seats.values():
        seat = entry.seat
        report.seats.append({"code": seat.code, "category": seat.category, "subkind": seat.subkind,
                             "label": seat.label, "holders": [p.name for p in entry.holders],
                             "deputies": [p.name for p in entry.deputies]})
    report.findings = composition_findings(list(seats.values()))
    report.vacancies = [f.sentence for f in report.findings if f.kind == VACANCY]
    report.breaches = [f.sentence for f in report.findings if f.kind == BREACH]
    return report


def composition_findings(entries: list[Occupancy]) -> list[Finding]:
    """Every vacancy and breach of the composition rule among ``entries`` (each seat with its occupants)."""
    findings: list[Finding] = []
    for entry in entries:
        seat = entry.seat
        if not entry.holders:
            findings.append(Finding(VACANCY, "vacant", {"code": seat.code, "label": seat.label}))
        if len(entry.holders) > 1:
            findings.append(Finding(BREACH, "several_holders", {
                "code": seat.code, "n": len(entry.holders), "names": tuple(p.name for p in entry.holders)}))
        both = {p.id for p in entry.holders} & {p.id for p in entry.deputies}
        for person in entry.holders:
            if person.id in both:
                findings.append(Finding(BREACH, "holder_and_deputy", {"name": person.name, "code": seat.code}))
    findings.extend(_category_breaches([e.seat for e in entries]))
    findings.extend(_people_with_several_seats(entries))
    return findings


def _category_breaches(seats: list[Seat]) -> list[Finding]:
    breaches = []
    for category, kinds in RULE.items():
        found = tuple(sorted(s.subkind.value for s in seats if s.category == category))
        if len(found) != len(kinds):
            breaches.append(Finding(BREACH, "category_size", {"category": category.value, "found": len(found),
                                                               "wanted": len(kinds)}))
        elif list(found) != sorted(k.value for k in kinds):
            if category == C.MINISTRY:
                breaches.append(Finding(BREACH, "ministry_kinds", {"found": found}))
            else:
                breaches.append(Finding(BREACH, "category_kinds", {
                    "category": category.value, "found": found, "wanted": tuple(sorted({k.value for k in kinds}))}))
    for seat in seats:
        if seat.category not in RULE:
            breaches.append(Finding(BREACH, "unknown_category", {"code": seat.code, "category": str(seat.category)}))
    return breaches


def _people_with_several_seats(entries: Iterable[Occupancy]) -> list[Finding]:
    held: dict[int, list[str]] = {}
    names: dict[int, str] = {}
    for entry in entries:
        for person in entry.holders:
            held.setdefault(person.id or 0, []).append(entry.seat.code)
            names[person.id or 0] = person.name
    return [Finding(BREACH, "several_seats", {"name": names[pid], "n": len(codes), "codes": tuple(codes)})
            for pid, codes in held.items() if len(codes) > 1]


def appoint(
    session: Session, seat_code: str, person: Person, role: Role, starts_on: date, *, actor: Person,
    now: datetime, ends_on: date | None = None,
) -> RoleAssignment:
    """Give ``person`` a seat (as holder) or make them its deputy, for a term from ``starts_on``."""
    require_role(session, actor, SECRETARIAT_ONLY, "appoint strategy-group members", now)
    if role not in (Role.STRATEGY_MEMBER, Role.DEPUTY):
        raise InvalidInput("A seat is held as strategy_member (the holder) or as deputy.")
    seat = find_seat(session, seat_code)
    if role == Role.STRATEGY_MEMBER:
        for other in session.exec(select(RoleAssignment).where(
                RoleAssignment.seat_id == seat.id, RoleAssignment.role == Role.STRATEGY_MEMBER)).all():
            if _overlap(other, starts_on, ends_on):
                holder = session.get(Person, other.person_id)
                until = other.ends_on.isoformat() if other.ends_on else "open end"
                raise InvalidInput(f"Seat {seat.code} is held by {holder.name if holder else '?'} from "
                                   f"{other.starts_on.isoformat()} until {until}; end that term first.")
    return assign_role(session, person, role, starts_on, seat_id=seat.id, ends_on=ends_on)


def _overlap(term: RoleAssignment, starts_on: date, ends_on: date | None) -> bool:
    return (term.ends_on is None or starts_on <= term.ends_on) and (ends_on is None or term.starts_on <= ends_on)


def end_term(session: Session, seat_code: str, person: Person, ends_on: date, *, actor: Person,
             now: datetime) -> RoleAssignment:
    """End a person's open term in a seat (as holder or deputy) on ``ends_on``."""
    require_role(session, actor, SECRETARIAT_ONLY, "end terms", now)
    seat = find_seat(session, seat_code)
    term = session.exec(select(RoleAssignment).where(
        RoleAssignment.seat_id == seat.id, RoleAssignment.person_id == person.id,
        RoleAssignment.ends_on == None)).first()  # noqa: E711  (SQL IS NULL)
    if term is None:
        raise InvalidInput(f"{person.name} has no open term in seat {seat.code}.")
    if ends_on < term.starts_on:
        raise InvalidInput("A term cannot end before it starts.")
    with committing(session, f"The term in seat {seat.code}"):
        term.ends_on = ends_on
        session.add(term)
    return term
