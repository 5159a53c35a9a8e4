"""The strategy group's seats checked against the network's composition, and appointing and ending seat terms."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from models.enums import Role
from models.people import Person, RoleAssignment, Seat
from workflow.engine.errors import InvalidInput, NotFound
from workflow.network.composition import (
    DEFAULT_COMPOSITION,
    DEFAULT_SEATS,
    Composition,
    composition_of,
    ensure_seats,
)
from workflow.network.directory import assign_role
from workflow.network.records import apply_changes, record_change
from workflow.strategy_group.refusals import StrategyRefusal
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, Action, Occupancy, find_seat, occupancy, require_role

__all__ = ["DEFAULT_SEATS", "appoint", "composition_report", "end_seat_term", "end_term", "ensure_default_seats",
           "ensure_seats"]


def ensure_default_seats(session: Session) -> list[Seat]:
    """Create the network's configured seats (by default the twelve) where missing; return them in order."""
    return ensure_seats(session)


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
    "seat_missing": "Seat %(code)s (%(label)s) of the composition does not exist yet.",
    "seat_not_configured": "Seat %(code)s (%(label)s) is no longer part of the composition but %(names)s still "
                           "sit in it.",
    "seat_retired": "Seat %(code)s (%(label)s) is no longer part of the composition; its history stays.",
}
# A vacancy is allowed, a breach breaks the rule, a notice only informs.
VACANCY, BREACH, NOTICE = "vacancy", "breach", "notice"


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
    notices: list[str] = field(default_factory=list)


def composition_report(session: Session, day: date) -> CompositionReport:
    """Check the seats and who sits in them on ``day`` against the network's composition."""
    report = CompositionReport(day)
    seats = occupancy(session, day)
    for entry in seats.values():
        seat = entry.seat
        report.seats.append({"code": seat.code, "category": seat.category, "subkind": seat.subkind,
                             "label": seat.label, "holders": [p.name for p in entry.holders],
                             "deputies": [p.name for p in entry.deputies]})
    report.findings = composition_findings(list(seats.values()), composition_of(session))
    report.vacancies = [f.sentence for f in report.findings if f.kind == VACANCY]
    report.breaches = [f.sentence for f in report.findings if f.kind == BREACH]
    report.notices = [f.sentence for f in report.findings if f.kind == NOTICE]
    return report


def composition_findings(entries: list[Occupancy],
                         composition: Composition = DEFAULT_COMPOSITION) -> list[Finding]:
    """Every vacancy and breach of ``composition`` among ``entries`` (each seat with its occupants)."""
    configured = set(composition.seat_codes)
    retired = [e for e in entries if e.seat.code not in configured]
    entries = [e for e in entries if e.seat.code in configured]
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
    findings.extend(_category_breaches([e.seat for e in entries], composition))
    present = {e.seat.code for e in entries}
    findings.extend(Finding(BREACH, "seat_missing", {"code": spec.code, "label": spec.label})
                    for _category, spec in composition.seats if spec.code not in present)
    findings.extend(_people_with_several_seats([*entries, *retired]))
    for entry in retired:
        sitting = tuple(p.name for p in [*entry.holders, *entry.deputies])
        values: dict[str, Any] = {"code": entry.seat.code, "label": entry.seat.label}
        findings.append(Finding(BREACH, "seat_not_configured", {**values, "names": sitting}) if sitting
                        else Finding(NOTICE, "seat_retired", values))
    return findings


def _category_breaches(seats: list[Seat], composition: Composition) -> list[Finding]:
    breaches = []
    for category in composition.categories:
        kinds = [s.stands_for for s in category.seats]
        found = tuple(sorted(str(s.subkind) for s in seats if s.category == category.code))
        if len(found) != len(kinds):
            breaches.append(Finding(BREACH, "category_size", {"category": category.code, "found": len(found),
                                                               "wanted": len(kinds)}))
        elif list(found) != sorted(kinds):
            if category.code == "ministry":
                breaches.append(Finding(BREACH, "ministry_kinds", {"found": found}))
            else:
                breaches.append(Finding(BREACH, "category_kinds", {
                    "category": category.code, "found": found, "wanted": tuple(sorted(set(kinds)))}))
    for seat in seats:
        if composition.category(str(seat.category)) is None:
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
    now: datetime, ends_on: date | None = None, comment: str = "",
) -> RoleAssignment:
    """Give ``person`` a seat (as holder) or make them its deputy, for a term from ``starts_on``."""
    require_role(session, actor, SECRETARIAT_ONLY, Action.APPOINT_STRATEGY_GROUP_MEMBERS, now)
    if role not in (Role.STRATEGY_MEMBER, Role.DEPUTY):
        raise InvalidInput(StrategyRefusal.SEAT_ROLE_ONLY, role=role)
    seat = find_seat(session, seat_code)
    if role == Role.STRATEGY_MEMBER:
        for other in session.exec(select(RoleAssignment).where(
                RoleAssignment.seat_id == seat.id, RoleAssignment.role == Role.STRATEGY_MEMBER)).all():
            if _overlap(other, starts_on, ends_on):
                holder = session.get(Person, other.person_id)
                name = holder.name if holder else "?"
                if other.ends_on is None:
                    raise InvalidInput(StrategyRefusal.SEAT_TAKEN_OPEN_END, seat=seat.code, holder=name,
                                       starts_on=other.starts_on)
                raise InvalidInput(StrategyRefusal.SEAT_TAKEN, seat=seat.code, holder=name, starts_on=other.starts_on,
                                   ends_on=other.ends_on)
    return assign_role(session, person, role, starts_on, seat_id=seat.id, ends_on=ends_on, actor=actor, now=now,
                       comment=comment)


def _overlap(term: RoleAssignment, starts_on: date, ends_on: date | None) -> bool:
    return (term.ends_on is None or starts_on <= term.ends_on) and (ends_on is None or term.starts_on <= ends_on)


def end_term(session: Session, seat_code: str, person: Person, ends_on: date, *, actor: Person,
             now: datetime, comment: str = "") -> RoleAssignment:
    """End a person's open term in a seat (as holder or deputy) on ``ends_on``."""
    require_role(session, actor, SECRETARIAT_ONLY, Action.END_TERMS, now)
    seat = find_seat(session, seat_code)
    term = session.exec(select(RoleAssignment).where(
        RoleAssignment.seat_id == seat.id, RoleAssignment.person_id == person.id,
        RoleAssignment.ends_on == None)).first()  # noqa: E711  (SQL IS NULL)
    if term is None:
        raise InvalidInput(StrategyRefusal.NO_OPEN_TERM, name=person.name, seat=seat.code)
    return _end(session, term, ends_on, actor=actor, now=now, comment=comment)


def end_seat_term(session: Session, assignment_id: int, ends_on: date, *, actor: Person, now: datetime,
                  comment: str = "") -> RoleAssignment:
    """End the seat term ``assignment_id`` (holder or deputy) on ``ends_on``."""
    require_role(session, actor, SECRETARIAT_ONLY, Action.END_TERMS, now)
    term = session.get(RoleAssignment, assignment_id)
    if term is None or term.seat_id is None:
        raise NotFound(StrategyRefusal.NO_TERM, term=assignment_id)
    if term.ends_on is not None and term.ends_on < ends_on:
        raise InvalidInput(StrategyRefusal.TERM_ENDED, term=assignment_id, ended_on=term.ends_on)
    return _end(session, term, ends_on, actor=actor, now=now, comment=comment)


def _end(session: Session, term: RoleAssignment, ends_on: date, *, actor: Person, now: datetime,
         comment: str) -> RoleAssignment:
    if ends_on < term.starts_on:
        raise InvalidInput(StrategyRefusal.TERM_ENDS_BEFORE_START)
    changes = apply_changes(term, {"ends_on": ends_on, "ended_by_id": actor.id, "ended_at": now})
    session.add(term)
    record_change(session, "role_assignment", term.id or 0, "end", actor=actor, now=now, comment=comment,
                  changes=changes)
    return term


def seat_terms(session: Session, seat_id: int) -> list[RoleAssignment]:
    """Every term of one seat (holders and deputies), oldest first."""
    return list(session.exec(select(RoleAssignment).where(RoleAssignment.seat_id == seat_id)
                             .order_by(col(RoleAssignment.starts_on), col(RoleAssignment.id))).all())
