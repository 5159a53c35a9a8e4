"""The strategy group's composition as the page shows it: the seats by category with their holders, deputies and
terms on one day, and the composition check's findings."""

from collections import defaultdict
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from models.enums import Role
from models.people import Person, RoleAssignment
from workflow.network.composition import composition_of
from workflow.strategy_group.seat_holders import Occupancy, all_seats
from workflow.strategy_group.seats import BREACH, NOTICE, VACANCY, composition_findings


def _term(assignment: RoleAssignment, person: Person) -> dict[str, Any]:
    return {"name": person.name, "starts_on": assignment.starts_on, "ends_on": assignment.ends_on}


def composition_view(session: Session, day: date) -> dict[str, Any]:
    """Seats grouped by category (in the rule's order) with holders, deputies and their terms, and the check."""
    seats = all_seats(session)
    entries = {s.id or 0: Occupancy(s) for s in seats}
    terms: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(
        lambda: {"holders": [], "deputies": [], "terms": []})
    rows = session.exec(select(RoleAssignment, Person).join(Person, col(Person.id) == RoleAssignment.person_id)
                        .where(col(RoleAssignment.seat_id).is_not(None)).order_by(col(RoleAssignment.id))).all()
    for assignment, person in rows:
        entry = entries.get(assignment.seat_id or 0)
        if entry is None or not assignment.active_on(day):
            continue
        # Every term in force with its id, so the secretariat can end it.
        terms[assignment.seat_id or 0]["terms"].append({**_term(assignment, person), "id": assignment.id,
                                                        "role": assignment.role.value})
        if assignment.role == Role.STRATEGY_MEMBER:
            entry.holders.append(person)
            terms[assignment.seat_id or 0]["holders"].append(_term(assignment, person))
        elif assignment.role == Role.DEPUTY:
            entry.deputies.append(person)
            terms[assignment.seat_id or 0]["deputies"].append(_term(assignment, person))
    composition = composition_of(session)
    configured = set(composition.seat_codes)
    labels = {c.code: c.label for c in composition.categories}
    order = [*labels, *sorted({s.category for s in seats} - set(labels))]
    categories = [{"category": category, "label": labels.get(category, category),
                   "seats": [{"id": s.id, "code": s.code, "label": s.label, "subkind": s.subkind,
                              "configured": s.code in configured, **terms[s.id or 0]}
                             for s in seats if s.category == category]}
                  for category in order]
    findings = composition_findings(list(entries.values()), composition)
    return {"day": day, "categories": [c for c in categories if c["seats"]],
            "seat_count": len(configured), "category_count": len(composition.categories),
            "is_default": composition.is_default, "composition": composition,
            "vacancies": [f for f in findings if f.kind == VACANCY],
            "breaches": [f for f in findings if f.kind == BREACH],
            "notices": [f for f in findings if f.kind == NOTICE]}
