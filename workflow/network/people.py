"""Use cases of the people in the directory: register, edit, let leave, bring back and merge duplicates.

Only the secretariat changes the directory (``actor=None`` only on trusted bootstrap paths such as the demo data).
Every change lands in the record of changes in the same transaction.
"""

from datetime import date, datetime, time

from sqlalchemy import update
from sqlmodel import Session, col, delete, select

from config import get_settings
from models.accounts import ApiToken, Credential, PasswordLink, WebSession
from models.forwarding import Forwarding
from models.people import Organisation, Person, PersonCreate, PersonUpdate, RoleAssignment
from models.queries import person_by_email
from models.strategy import Attendance, Ballot
from workflow.engine.clock import local_date, require_aware
from workflow.engine.errors import InvalidInput, NotFound
from workflow.network.emails import EmailNotValidError, normalise_email
from workflow.network.records import apply_changes, record_change
from workflow.network.refusals import DirectoryRefusal
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, Action, require_role, secretariat_remains

SUBJECT = "person"


def validate_email(text: str) -> str:
    """``text`` as a stored address (stripped, lower-case); internationalised addresses allowed, no DNS check."""
    address = (text or "").strip()
    if not address:
        raise InvalidInput(DirectoryRefusal.EMAIL_MISSING)
    try:
        return normalise_email(address)
    except EmailNotValidError as exc:
        raise InvalidInput(DirectoryRefusal.EMAIL_INVALID, email=address, reason=str(exc)) from None


def find_person(session: Session, email: str) -> Person:
    """The person with ``email`` (any case)."""
    person = person_by_email(session, email)
    if person is None:
        raise NotFound(DirectoryRefusal.NO_PERSON, email=email.strip())
    return person


def get_person(session: Session, person_id: int) -> Person:
    """The person with ``person_id``."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(DirectoryRefusal.NO_PERSON_ID, id=person_id)
    return person


def _allowed(session: Session, actor: Person | None, doing: Action, now: datetime) -> None:
    if actor is not None:
        require_role(session, actor, SECRETARIAT_ONLY, doing, now)


def _free_email(session: Session, email: str, person_id: int | None = None) -> str:
    email = validate_email(email)
    other = person_by_email(session, email)
    if other is not None and other.id != person_id:
        raise InvalidInput(DirectoryRefusal.EMAIL_TAKEN, email=email)
    return email


def _active_organisation(session: Session, organisation_id: int | None) -> int | None:
    if organisation_id is None:
        return None
    org = session.get(Organisation, organisation_id)
    if org is None:
        raise NotFound(DirectoryRefusal.NO_ORGANISATION_ID, id=organisation_id)
    if not org.active:
        raise InvalidInput(DirectoryRefusal.ORGANISATION_INACTIVE, name=org.name)
    return organisation_id


def create_person(session: Session, data: PersonCreate, *, actor: Person | None, now: datetime,
                  comment: str = "") -> Person:
    """Register a person; emails are unique regardless of case, a named organisation must be active."""
    now = require_aware(now)
    _allowed(session, actor, Action.REGISTER_PEOPLE, now)
    person = Person(name=data.name, email=_free_email(session, data.email),
                    organisation_id=_active_organisation(session, data.organisation_id), language=data.language,
                    phone=data.phone, function=data.function, created_at=now)
    session.add(person)
    session.flush()
    assert person.id is not None
    record_change(session, SUBJECT, person.id, "create", actor=actor, now=now, comment=comment,
                  changes=data.model_dump(exclude_defaults=False) | {"email": person.email})
    return person


def update_person(session: Session, person_id: int, data: PersonUpdate, *, actor: Person | None, now: datetime,
                  comment: str = "") -> Person:
    """Change what ``data`` gives; a new email must be free, a new organisation active (0: none)."""
    now = require_aware(now)
    _allowed(session, actor, Action.EDIT_PEOPLE, now)
    person = get_person(session, person_id)
    if person.merged_into_id is not None:
        raise InvalidInput(DirectoryRefusal.PERSON_MERGED, name=person.name, email=person.email)
    updates = data.model_dump(exclude_none=True)
    if "email" in updates:
        updates["email"] = _free_email(session, updates["email"], person_id)
    if "organisation_id" in updates:
        updates["organisation_id"] = _active_organisation(session, updates["organisation_id"] or None)
    changed = apply_changes(person, updates)
    if changed:
        session.add(person)
        record_change(session, SUBJECT, person_id, "update", actor=actor, now=now, comment=comment,
                      changes=changed)
    return person


def _start_of(day: date, now: datetime) -> datetime:
    if day == local_date(now):
        return now
    return require_aware(datetime.combine(day, time.min, tzinfo=get_settings().tz))


def close_accounts(session: Session, person_id: int, now: datetime) -> None:
    """Sign the person out everywhere, use up their set-password links and revoke their API tokens (no commit)."""
    session.execute(delete(WebSession).where(col(WebSession.person_id) == person_id))
    session.execute(update(PasswordLink).where(col(PasswordLink.person_id) == person_id,
                                               col(PasswordLink.used_at).is_(None)).values(used_at=now))
    session.execute(update(ApiToken).where(col(ApiToken.person_id) == person_id,
                                           col(ApiToken.revoked_at).is_(None)).values(revoked_at=now))


def _end_roles(session: Session, person_id: int, day: date, actor: Person | None, now: datetime,
               comment: str) -> None:
    open_roles = session.exec(select(RoleAssignment).where(
        RoleAssignment.person_id == person_id,
        col(RoleAssignment.ends_on).is_(None) | (col(RoleAssignment.ends_on) > day))).all()
    for assignment in open_roles:
        # A term that would start after the day ends before it starts: it is never in force.
        changed = apply_changes(assignment, {"ends_on": day, "ended_by_id": actor.id if actor else None,
                                             "ended_at": now})
        session.add(assignment)
        record_change(session, "role_assignment", assignment.id or 0, "end", actor=actor, now=now,
                      comment=comment, changes=changed)


def deactivate_person(session: Session, person_id: int, *, actor: Person | None, now: datetime,
                      on: date | None = None, comment: str) -> Person:
    """The person leaves on ``on`` (default today): their roles end that day, their accounts and links stop."""
    now = require_aware(now)
    _allowed(session, actor, Action.DEACTIVATE_PEOPLE, now)
    person = get_person(session, person_id)
    day = on or local_date(now)
    if not comment.strip():
        raise InvalidInput(DirectoryRefusal.REASON_REQUIRED)
    if not person.active:
        raise InvalidInput(DirectoryRefusal.PERSON_LEFT, name=person.name, email=person.email)
    if day > local_date(now):
        raise InvalidInput(DirectoryRefusal.LEAVING_IN_FUTURE, day=day)
    if not secretariat_remains(session, local_date(now), without_person=person_id) and \
            secretariat_remains(session, local_date(now)):
        raise InvalidInput(DirectoryRefusal.LAST_SECRETARIAT_LEAVES, name=person.name)
    changed = apply_changes(person, {"active": False, "left_at": _start_of(day, now)})
    session.add(person)
    _end_roles(session, person_id, day, actor, now, comment)
    close_accounts(session, person_id, now)
    record_change(session, SUBJECT, person_id, "deactivate", actor=actor, now=now, comment=comment,
                  changes=changed)
    return person


def reactivate_person(session: Session, person_id: int, *, actor: Person | None, now: datetime,
                      comment: str = "") -> Person:
    """Bring back a person who left (their ended roles stay ended; they need a new set-password link)."""
    now = require_aware(now)
    _allowed(session, actor, Action.REACTIVATE_PEOPLE, now)
    person = get_person(session, person_id)
    if person.merged_into_id is not None:
        raise InvalidInput(DirectoryRefusal.PERSON_MERGED, name=person.name, email=person.email)
    if person.active:
        raise InvalidInput(DirectoryRefusal.PERSON_ACTIVE, name=person.name, email=person.email)
    changed = apply_changes(person, {"active": True, "left_at": None})
    session.add(person)
    record_change(session, SUBJECT, person_id, "reactivate", actor=actor, now=now, comment=comment,
                  changes=changed)
    return person


def _move_references(session: Session, duplicate: Person, survivor: Person, now: datetime) -> dict[str, int]:
    """Point the mutable rows of ``duplicate`` at ``survivor``; append-only records keep their ids."""
    old, new = duplicate.id, survivor.id
    moved: dict[str, int] = {}
    tables: tuple[tuple[str, type[RoleAssignment] | type[Attendance] | type[Ballot]], ...] = (
        ("role_assignments", RoleAssignment), ("attendance", Attendance), ("ballots", Ballot))
    for name, table in tables:
        result = session.execute(update(table).where(col(table.person_id) == old).values(person_id=new))
        moved[name] = int(result.rowcount or 0)  # type: ignore[attr-defined]
    contacts = session.execute(update(Forwarding).where(col(Forwarding.contact_email) == duplicate.email)
                               .values(contact_email=survivor.email))
    moved["forwarding_contacts"] = int(contacts.rowcount or 0)  # type: ignore[attr-defined]
    if session.get(Credential, new) is None and session.get(Credential, old) is not None:
        session.execute(update(Credential).where(col(Credential.person_id) == old).values(person_id=new))
        moved["credential"] = 1
    close_accounts(session, old or 0, now)
    return moved


def merge_people(session: Session, duplicate_id: int, into_id: int, *, actor: Person | None, now: datetime,
                 comment: str = "") -> Person:
    """Merge a duplicate into the person who remains: roles, memberships, ballots and (if none) credentials move;
    the duplicate stays, deactivated, pointing to the survivor."""
    now = require_aware(now)
    _allowed(session, actor, Action.MERGE_PEOPLE, now)
    if duplicate_id == into_id:
        raise InvalidInput(DirectoryRefusal.MERGE_INTO_SELF)
    duplicate, survivor = get_person(session, duplicate_id), get_person(session, into_id)
    if duplicate.merged_into_id is not None:
        raise InvalidInput(DirectoryRefusal.PERSON_MERGED, name=duplicate.name, email=duplicate.email)
    if not survivor.active:
        raise InvalidInput(DirectoryRefusal.MERGE_INTO_INACTIVE, name=survivor.name, email=survivor.email)
    blanks = {name: getattr(duplicate, name) for name in ("organisation_id", "phone", "function")
              if not getattr(survivor, name) and getattr(duplicate, name)}
    moved = _move_references(session, duplicate, survivor, now)
    taken = apply_changes(survivor, blanks)
    session.add(survivor)
    gone = apply_changes(duplicate, {"active": False, "left_at": duplicate.left_at or now,
                                     "merged_into_id": into_id})
    session.add(duplicate)
    record_change(session, SUBJECT, duplicate_id, "merge_into", actor=actor, now=now, comment=comment,
                  changes=gone)
    record_change(session, SUBJECT, into_id, "merge_from", actor=actor, now=now, comment=comment,
                  changes={**taken, "duplicate_id": duplicate_id, "duplicate_email": duplicate.email,
                           "moved": moved})
    return survivor
