"""Importing organisations (the directory of responsible bodies): matched by name, case-insensitively; a new name is
a new organisation, a known one is updated in the columns the file has."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from models.enums import OrganisationKind
from models.people import Organisation, Person
from workflow.network.importing.columns import KIND_CHOICES, Layout, RowReader, parse_kind
from workflow.network.importing.files import Sheet
from workflow.network.importing.refusals import Problem
from workflow.network.importing.report import Outcome, plain
from workflow.network.importing.writing import created_values, insert_rows, record_rows, update_rows
from workflow.network.refusals import ImportRefusal

TEXT_FIELDS = ("short_name", "address", "phone", "website")
DEFAULTS: dict[str, Any] = {"email": None, "short_name": "", "address": "", "phone": "", "website": ""}


def _organisations(session: Session) -> dict[str, dict[str, Any]]:
    columns = [col(getattr(Organisation, name)) for name in (
        "id", "name", "kind", "email", "short_name", "address", "phone", "website", "active", "merged_into_id")]
    rows = session.execute(sa.select(*columns)).all()
    return {name.casefold(): {"id": oid, "name": name, "kind": OrganisationKind(kind), "email": email,
                              "short_name": short, "address": address, "phone": phone, "website": website,
                              "usable": active and merged is None}
            for oid, name, kind, email, short, address, phone, website, active, merged in rows}


def plan(session: Session, sheet: Sheet, layout: Layout, now: datetime) -> tuple[list[Outcome], list[Problem]]:
    """Check every row and decide what each would do; nothing is written."""
    existing = _organisations(session)
    first_line: dict[str, int] = {}
    outcomes: list[Outcome] = []
    problems: list[Problem] = []
    for row in sheet.rows:
        read = RowReader("organisations", layout, row)
        name = read.text("name", required=True)
        key = name.casefold()
        if name and key in first_line:
            read.refuse("name", ImportRefusal.DUPLICATE_IN_FILE, value=name, first=first_line[key])
        elif name:
            first_line[key] = row.line
        values: dict[str, Any] = {"name": name}
        kind_text = read.text("kind", required=True)
        kind = parse_kind(kind_text) if kind_text else None
        if kind_text and kind is None:
            read.refuse("kind", ImportRefusal.BAD_KIND, value=kind_text, kinds=KIND_CHOICES)
        values["kind"] = kind
        if layout.has("email"):
            values["email"] = read.email("email")
        for field in TEXT_FIELDS:
            if layout.has(field):
                values[field] = read.text(field)
        known = existing.get(key)
        if known is not None and not known["usable"]:
            read.refuse("name", ImportRefusal.ORGANISATION_INACTIVE, value=name)
        if read.problems:
            problems.extend(read.problems)
            continue
        outcomes.append(_outcome(row.line, values, known))
    return outcomes, problems


def _outcome(line: int, values: dict[str, Any], known: dict[str, Any] | None) -> Outcome:
    if known is None:
        new = {**DEFAULTS, **values}
        return Outcome(line, "create", values["name"], values=created_values(new), extra={"row": new})
    updates = {k: v for k, v in values.items() if known[k] != v}
    if not updates:
        return Outcome(line, "unchanged", values["name"], subject_id=known["id"])
    changes = {k: [plain(known[k]), plain(v)] for k, v in updates.items()}
    return Outcome(line, "update", values["name"], subject_id=known["id"], changes=changes,
                   extra={"updates": updates})


def write(session: Session, outcomes: list[Outcome], *, actor: Person | None, now: datetime, comment: str) -> None:
    """Insert the new organisations, update the changed ones, and record each (in the caller's transaction)."""
    created = [o for o in outcomes if o.action == "create"]
    rows = [{**o.extra["row"], "active": True, "created_at": now} for o in created]
    for outcome, new_id in zip(created, insert_rows(session, Organisation, rows), strict=True):
        outcome.subject_id = new_id
    update_rows(session, Organisation, (o for o in outcomes if o.action == "update"))
    record_rows(session, "organisation", outcomes, actor=actor, now=now, comment=comment)
