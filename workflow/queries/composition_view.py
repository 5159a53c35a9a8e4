"""The strategy group's composition as the page shows it: the seats by category with their holders, deputies and
terms on one day, and the composition check's findings."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from pydantic import SkipValidation
from sqlmodel import Session, col, select

from models.enums import Role
from models.people import Person, RoleAssignment
from workflow.engine.read_model import ReadModel
from workflow.network.composition import Composition, composition_of
from workflow.strategy_group.seat_holders import Occupancy, all_seats
from workflow.strategy_group.seats import BREACH, NOTICE, VACANCY, Finding, composition_findings


# Someone's term in a seat.
class SeatTerm(ReadModel):
    name: str
    starts_on: date
    ends_on: date | None


# A term in force with its id and role, so the secretariat can end it.
class TermInForce(SeatTerm):
    id: int
    role: str


# A seat with its holders, deputies and every term in force on the day.
class CompositionSeat(ReadModel):
    id: int
    code: str
    label: str
    subkind: str
    configured: bool
    holders: list[SeatTerm]
    deputies: list[SeatTerm]
    terms: list[TermInForce]


# A seat category (in the rule's order) with its seats.
class SeatCategory(ReadModel):
    category: str
    label: str
    seats: list[CompositionSeat]


# The page: categories with seats, the configured composition itself and the check's findings (each kept as the
# check's ``Finding``, so that the page words it in the reader's language).
class CompositionView(ReadModel):
    day: date
    categories: list[SeatCategory]
    seat_count: int
    category_count: int
    is_default: bool
    composition: SkipValidation[Composition]
    vacancies: list[SkipValidation[Finding]]
    breaches: list[SkipValidation[Finding]]
    notices: list[SkipValidation[Finding]]


# The terms of one seat as they are gathered.
@dataclass
class _SeatTerms:
    holders: list[SeatTerm] = field(default_factory=list)
    deputies: list[SeatTerm] = field(default_factory=list)
    terms: list[TermInForce] = field(default_factory=list)


def _term(assignment: RoleAssignment, person: Person) -> SeatTerm:
    return SeatTerm(name=person.name, starts_on=assignment.starts_on, ends_on=assignment.ends_on)


def composition_view(session: Session, day: date) -> CompositionView:
    """Seats grouped by category (in the rule's order) with holders, deputies and their terms, and the check."""
    seats = all_seats(session)
    entries = {s.id or 0: Occupancy(s) for s in seats}
    terms: dict[int, _SeatTerms] = defaultdict(_SeatTerms)
    rows = session.exec(select(RoleAssignment, Person).join(Person, col(Person.id) == RoleAssignment.person_id)
                        .where(col(RoleAssignment.seat_id).is_not(None)).order_by(col(RoleAssignment.id))).all()
    for assignment, person in rows:
        entry = entries.get(assignment.seat_id or 0)
        if entry is None or not assignment.active_on(day):
            continue
        # Every term in force with its id, so the secretariat can end it.
        terms[assignment.seat_id or 0].terms.append(TermInForce(
            name=person.name, starts_on=assignment.starts_on, ends_on=assignment.ends_on, id=assignment.id or 0,
            role=assignment.role.value))
        if assignment.role == Role.STRATEGY_MEMBER:
            entry.holders.append(person)
            terms[assignment.seat_id or 0].holders.append(_term(assignment, person))
        elif assignment.role == Role.DEPUTY:
            entry.deputies.append(person)
            terms[assignment.seat_id or 0].deputies.append(_term(assignment, person))
    composition = composition_of(session)
    configured = set(composition.seat_codes)
    labels = {c.code: c.label for c in composition.categories}
    order = [*labels, *sorted({s.category for s in seats} - set(labels))]
    categories = [SeatCategory(category=category, label=labels.get(category, category),
                               seats=[CompositionSeat(id=s.id or 0, code=s.code, label=s.label, subkind=s.subkind,
                                                      configured=s.code in configured,
                                                      holders=terms[s.id or 0].holders,
                                                      deputies=terms[s.id or 0].deputies,
                                                      terms=terms[s.id or 0].terms)
                                      for s in seats if s.category == category])
                  for category in order]
    findings = composition_findings(list(entries.values()), composition)
    return CompositionView(day=day, categories=[c for c in categories if c.seats],
                           seat_count=len(configured), category_count=len(composition.categories),
                           is_default=composition.is_default, composition=composition,
                           vacancies=[f for f in findings if f.kind == VACANCY],
                           breaches=[f for f in findings if f.kind == BREACH],
                           notices=[f for f in findings if f.kind == NOTICE])
