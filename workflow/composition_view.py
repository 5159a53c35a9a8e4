"""The strategy group's composition as the page shows it: the seats by category with their holders, deputies and
terms on one day, and the composition check's findings."""

from collections import defaultdict
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from models.enums import Role
from models.people import Person, RoleAssignment
from workflow.composition import BREACH, RULE, VACANCY, composition_findings
from workflow.seat_holders import Occupancy, all_seats


def _term(assignment: RoleAssignment, person: Person) -> dict[str, Any]:
    return {"name": person.name, "starts_on": assignment.starts_on, "ends_on": assignment.ends_on}


def composition_view(session: Session, day: date) -> dict[str, Any]:
    """Seats grouped by category (in the rule's order) with holders, deputies and their terms, and the check."""
    seats = all_seats(session)
    entries = {s.id or 0: Occupancy(s) for s in seats}
    terms: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: {"holders": [], "deputies": []})
    rows = session.exec(select(RoleAssignment, Person).join(Person, col(Person.id) == RoleAssignment.person_id)
                        .where(col(RoleAssignment.seat_id).is_not(None)).order_by(col(RoleAssignment.id))).all()
    for assignment, person in rows:
        entry = entries.get(assignment.seat_id or 0)
        if entry is None or not assignment.active_on(day):
            continue
        if assignment.role == Role.STRATEGY_MEMBER:
            entry.holders.append(person)
            terms[assignment.seat_id or 0]["holders"].append(_term(assignment, person))
        elif assignment.role == Role.DEPUTY:
            entry.deputies.append(person)
            terms[assignment.seat_id or 0]["deputies"].append(_term(assignment, person))
    order = [*RULE, *sorted({s.category for s in seats} - set(RULE))]
    categories = [{"category": category.value,
                   "seats": [{"code": s.code, "label": s.label, "subkind": s.subkind.value, **terms[s.id or 0]}
                             for s in seats if s.category == category]}
                  for category in order]
    findings = composition_findings(list(entries.values()))
    return {"day": day, "categories": [c for c in categories if c["seats"]], "seat_count": len(seats),
            "vacancies": [f for f in findings if f.kind == VACANCY],
            "breaches": [f for f in findings if f.kind == BREACH]}
