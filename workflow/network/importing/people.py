"""Importing people: matched by email (case-insensitive); a new email is a new person, a known one is updated in
the columns the file has. Organisations are named by name and must be registered already."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from models.enums import Language
from models.people import Organisation, Person
from workflow.network.importing.columns import Layout, RowReader, parse_language
from workflow.network.importing.files import Sheet
from workflow.network.importing.refusals import Problem
from workflow.network.importing.report import Outcome, plain
from workflow.network.importing.writing import created_values, insert_rows, record_rows, update_rows
from workflow.network.refusals import ImportRefusal

# The fields a file may set, and what a new person gets for a column the file does not have.
DEFAULTS: dict[str, Any] = {"organisation_id": None, "language": Language.DE, "phone": "", "function": ""}


def organisations_by_name(session: Session) -> dict[str, tuple[int, bool]]:
    """Every organisation's id and whether it can be named (active, not merged), by case-folded name."""
    rows = session.exec(select(Organisation.id, Organisation.name, Organisation.active,
                               Organisation.merged_into_id)).all()
    return {name.casefold(): (org_id or 0, active and merged is None) for org_id, name, active, merged in rows}


def _people_by_email(session: Session) -> dict[str, dict[str, Any]]:
    rows = session.execute(sa.select(col(Person.id), col(Person.email), col(Person.name), col(Person.organisation_id),
                                     col(Person.language), col(Person.phone), col(Person.function), col(Person.active),
                                     col(Person.merged_into_id))).all()
    return {email: {"id": pid, "name": name, "organisation_id": org, "language": Language(lang), "phone": phone,
                    "function": function, "usable": active and merged is None}
            for pid, email, name, org, lang, phone, function, active, merged in rows}


def plan(session: Session, sheet: Sheet, layout: Layout, now: datetime) -> tuple[list[Outcome], list[Problem]]:
    """Check every row and decide what each would do; nothing is written."""
    existing = _people_by_email(session)
    organisations = organisations_by_name(session)
    first_line: dict[str, int] = {}
    outcomes: list[Outcome] = []
    problems: list[Problem] = []
    for row in sheet.rows:
        read = RowReader("people", layout, row)
        values: dict[str, Any] = {"name": read.text("name", required=True)}
        email = read.email("email", required=True)
        if email is not None and email in first_line:
            read.refuse("email", ImportRefusal.DUPLICATE_IN_FILE, value=email, first=first_line[email])
        elif email is not None:
            first_line[email] = row.line
        if layout.has("organisation"):
            org_name = read.text("organisation")
            found = organisations.get(org_name.casefold()) if org_name else (None, True)
            if found is None:
                read.refuse("organisation", ImportRefusal.UNKNOWN_ORGANISATION, value=org_name)
            elif not found[1]:
                read.refuse("organisation", ImportRefusal.ORGANISATION_INACTIVE, value=org_name)
            else:
                values["organisation_id"] = found[0]
        if layout.has("language"):
            text = read.text("language")
            language = parse_language(text) if text else Language.DE
            if language is None:
                read.refuse("language", ImportRefusal.BAD_LANGUAGE, value=text, languages="de, en")
            values["language"] = language
        for name in ("phone", "function"):
            if layout.has(name):
                values[name] = read.text(name)
        known = existing.get(email or "")
        if known is not None and not known["usable"]:
            read.refuse("email", ImportRefusal.PERSON_INACTIVE, value=email)
        if read.problems or email is None:
            problems.extend(read.problems)
            continue
        outcomes.append(_outcome(row.line, email, values, known))
    return outcomes, problems


def _outcome(line: int, email: str, values: dict[str, Any], known: dict[str, Any] | None) -> Outcome:
    if known is None:
        new = {"name": values["name"], "email": email, **DEFAULTS,
               **{k: v for k, v in values.items() if k != "name"}}
        return Outcome(line, "create", email, values=created_values(new), extra={"row": new})
    updates = {k: v for k, v in values.items() if known[k] != v}
    if not updates:
        return Outcome(line, "unchanged", email, subject_id=known["id"])
    changes = {k: [plain(known[k]), plain(v)] for k, v in updates.items()}
    return Outcome(line, "update", email, subject_id=known["id"], changes=changes, extra={"updates": updates})


def write(session: Session, outcomes: list[Outcome], *, actor: Person | None, now: datetime, comment: str) -> None:
    """Insert the new people, update the changed ones, and record each (in the caller's transaction)."""
    created = [o for o in outcomes if o.action == "create"]
    rows = [{**o.extra["row"], "active": True, "created_at": now} for o in created]
    for outcome, new_id in zip(created, insert_rows(session, Person, rows), strict=True):
        outcome.subject_id = new_id
    update_rows(session, Person, (o for o in outcomes if o.action == "update"))
    record_rows(session, "person", outcomes, actor=actor, now=now, comment=comment)
