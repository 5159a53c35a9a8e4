"""Importing working groups: matched by name, case-insensitively. A new group is convened, and active at once when
the file names its lead and at least one member; the people named (who must be registered) join it from the import
day. For a known group the import updates the columns the file has and adds the memberships it lacks; it ends none.

The memberships are written here as role assignments in the import's own transaction; when the membership service
(``workflow.network.memberships``) lands, ``_membership_rows`` is the one place to switch over.
"""

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from models.enums import Role
from models.groups import Topic, WorkingGroup
from models.people import Person, RoleAssignment
from workflow.engine.clock import local_date
from workflow.engine.states import WorkingGroupState
from workflow.network.emails import normalise_email
from workflow.network.importing.columns import Layout, RowReader, parse_count, parse_date, split_emails
from workflow.network.importing.files import Sheet
from workflow.network.importing.refusals import Problem
from workflow.network.importing.report import Outcome, plain
from workflow.network.importing.writing import created_values, insert_rows, record_rows, update_rows
from workflow.network.refusals import ImportRefusal

FIELDS = ("name", "topic_id", "mandate", "planned_member_count", "planned_end")
# Which column names which role, in the order the roles are checked.
ROLE_COLUMNS = (("lead", Role.WG_LEAD), ("deputy_lead", Role.WG_DEPUTY_LEAD), ("members", Role.WG_MEMBER))
SINGLE_ROLES = frozenset({Role.WG_LEAD, Role.WG_DEPUTY_LEAD})


class _Directory:
    """What the rows are checked against, read once: groups, topics, people and today's memberships."""

    def __init__(self, session: Session, today: date) -> None:
        self.groups = {g.name.casefold(): g for g in session.exec(select(WorkingGroup)).all()}
        self.topics = {title.casefold(): tid for tid, title in session.exec(select(Topic.id, Topic.title)).all()}
        self.people = {email: (pid or 0, active and merged is None) for pid, email, active, merged in session.exec(
            select(Person.id, Person.email, Person.active, Person.merged_into_id)).all()}
        self.emails = {pid: email for email, (pid, _usable) in self.people.items()}
        self.roles: dict[int, dict[int, Role]] = defaultdict(dict)
        for a in session.exec(select(RoleAssignment).where(col(RoleAssignment.working_group_id).is_not(None))):
            if a.active_on(today) and a.working_group_id is not None:
                self.roles[a.working_group_id][a.person_id] = Role(a.role)


def plan(session: Session, sheet: Sheet, layout: Layout, now: datetime) -> tuple[list[Outcome], list[Problem]]:
    """Check every row and decide what each would do; nothing is written."""
    known = _Directory(session, local_date(now))
    first_line: dict[str, int] = {}
    outcomes: list[Outcome] = []
    problems: list[Problem] = []
    for row in sheet.rows:
        read = RowReader("groups", layout, row)
        values = _fields(read, known)
        key = values["name"].casefold()
        if key and key in first_line:
            read.refuse("name", ImportRefusal.DUPLICATE_IN_FILE, value=values["name"], first=first_line[key])
        elif key:
            first_line[key] = row.line
        named = _named(read, known)
        group = known.groups.get(key)
        joining = _joining(read, known, group, named) if group is not None else named
        if read.problems:
            problems.extend(read.problems)
            continue
        outcomes.append(_outcome(row.line, values, named, joining, group, known))
    return outcomes, problems


def _fields(read: RowReader, known: _Directory) -> dict[str, Any]:
    values: dict[str, Any] = {"name": read.text("name", required=True), "mandate": read.text("mandate", required=True)}
    if read.layout.has("topic"):
        title = read.text("topic")
        values["topic_id"] = known.topics.get(title.casefold()) if title else None
        if title and values["topic_id"] is None:
            read.refuse("topic", ImportRefusal.UNKNOWN_TOPIC, value=title)
    if read.layout.has("planned_members") and (text := read.text("planned_members")):
        values["planned_member_count"] = parse_count(text, 1, 100)
        if values["planned_member_count"] is None:
            read.refuse("planned_members", ImportRefusal.BAD_NUMBER, value=text, low=1, high=100)
    if read.layout.has("planned_end"):
        text = read.text("planned_end")
        values["planned_end"] = parse_date(text) if text else None
        if text and values["planned_end"] is None:
            read.refuse("planned_end", ImportRefusal.BAD_DATE, value=text)
    return values


def _named(read: RowReader, known: _Directory) -> list[tuple[int, Role]]:
    """The people the row names with their roles (each person once)."""
    named: list[tuple[int, Role]] = []
    for column, role in ROLE_COLUMNS:
        text = read.text(column)
        for written in (split_emails(text) if role is Role.WG_MEMBER else [text] if text else []):
            try:
                email = normalise_email(written)
            except ValueError:
                read.refuse(column, ImportRefusal.BAD_EMAIL, value=written)
                continue
            person = known.people.get(email)
            if person is None:
                read.refuse(column, ImportRefusal.UNKNOWN_PERSON, value=email)
            elif not person[1]:
                read.refuse(column, ImportRefusal.PERSON_INACTIVE, value=email)
            elif any(pid == person[0] for pid, _role in named):
                read.refuse(column, ImportRefusal.NAMED_TWICE, value=email)
            else:
                named.append((person[0], role))
    return named


def _joining(read: RowReader, known: _Directory, group: WorkingGroup, named: list[tuple[int, Role]]
             ) -> list[tuple[int, Role]]:
    """Who of ``named`` is not yet in the known ``group`` in that role (refusing what an import may not change)."""
    current = known.roles.get(group.id or 0, {})
    joining = []
    for person_id, role in named:
        column = next(c for c, r in ROLE_COLUMNS if r is role)
        held = current.get(person_id)
        holder = next((pid for pid, r in current.items() if r is role), None)
        if held is role:
            continue
        if held is not None:
            read.refuse(column, ImportRefusal.HOLDS_OTHER_ROLE, value=known.emails[person_id], role=held)
        elif role in SINGLE_ROLES and holder is not None:
            read.refuse(column, ImportRefusal.LEAD_DIFFERS, current=known.emails[holder], role=role)
        elif group.state == WorkingGroupState.CONCLUDED.value:
            read.refuse(column, ImportRefusal.GROUP_CONCLUDED)
        else:
            joining.append((person_id, role))
    return joining


def _who(known: _Directory, people: list[tuple[int, Role]]) -> dict[str, Any]:
    """The people of a group by role as its record keeps them (emails)."""
    emails = {column: sorted(known.emails[p] for p, r in people if r is role) for column, role in ROLE_COLUMNS}
    return {"lead": next(iter(emails["lead"]), None), "deputy_lead": next(iter(emails["deputy_lead"]), None),
            "members": emails["members"]}


def _outcome(line: int, values: dict[str, Any], named: list[tuple[int, Role]], joining: list[tuple[int, Role]],
             group: WorkingGroup | None, known: _Directory) -> Outcome:
    if group is None:
        roles = {role for _pid, role in named}
        active = Role.WG_LEAD in roles and Role.WG_MEMBER in roles
        new = {"topic_id": None, "planned_end": None, "planned_member_count": max(1, len(named)), **values,
               "state": (WorkingGroupState.ACTIVE if active else WorkingGroupState.CONVENED).value}
        return Outcome(line, "create", values["name"], values=created_values({**new, **_who(known, named)}),
                       extra={"row": new, "joining": joining})
    updates = {k: v for k, v in values.items() if getattr(group, k) != v}
    changes = {k: [plain(getattr(group, k)), plain(v)] for k, v in updates.items()}
    if joining:
        before = [(pid, role) for pid, role in known.roles.get(group.id or 0, {}).items()]
        after_who, before_who = _who(known, before + joining), _who(known, before)
        changes.update({k: [before_who[k], after_who[k]] for k in after_who if after_who[k] != before_who[k]})
    if not changes:
        return Outcome(line, "unchanged", values["name"], subject_id=group.id)
    return Outcome(line, "update", values["name"], subject_id=group.id, changes=changes,
                   extra={"updates": updates, "joining": joining})


def _membership_rows(outcomes: list[Outcome], actor: Person | None, now: datetime) -> list[dict[str, Any]]:
    """The role assignments that make the named people lead, deputy lead or members from the import day."""
    today = local_date(now)
    return [{"person_id": pid, "role": role, "working_group_id": o.subject_id, "seat_id": None, "starts_on": today,
             "ends_on": None, "assigned_by_id": actor.id if actor is not None else None, "assigned_at": now}
            for o in outcomes for pid, role in o.extra.get("joining", [])]


def write(session: Session, outcomes: list[Outcome], *, actor: Person | None, now: datetime, comment: str) -> None:
    """Convene the new groups, update the known ones, add the memberships, and record each group."""
    created = [o for o in outcomes if o.action == "create"]
    rows = [{**o.extra["row"], "version": 1, "created_at": now} for o in created]
    for outcome, new_id in zip(created, insert_rows(session, WorkingGroup, rows), strict=True):
        outcome.subject_id = new_id
    update_rows(session, WorkingGroup, (o for o in outcomes if o.action == "update" and o.extra["updates"]))
    insert_rows(session, RoleAssignment, _membership_rows(outcomes, actor, now))
    record_rows(session, "working_group", outcomes, actor=actor, now=now, comment=comment)
