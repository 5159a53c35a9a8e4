"""Erasing a person (DSGVO Art. 17) and emptying old mail bodies (storage limitation, Art. 5 (1) e).

An erasure keeps the record readable: the person's row stays (ballots, decisions, transitions and revisions still
point to it) but carries a pseudonym ("Gelöschte Person 7") instead of name and address; their accounts close and
their credentials go; mails to them lose their bodies; and wherever the old name, address or telephone number
stands in a text of any table (a mail to someone else, a record of changes, a comment) the pseudonym takes its
place. The append-only records accept that one UPDATE while the erasure's own row says it is redacting.
"""

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col, delete, select, update

from config import get_settings
from models.accounts import ApiToken, Credential, LoginThrottle, PasswordLink
from models.forwarding import Forwarding
from models.network import PROFILE_ID, ChangeRecord, NetworkProfile
from models.outbox import OutboxMessage, OutboxStatus
from models.people import Person, RoleAssignment
from models.privacy import PrivacyErasure
from workflow.engine.clock import local_date, require_aware
from workflow.engine.errors import ConflictError, InvalidInput
from workflow.network.people import SUBJECT, close_accounts, get_person
from workflow.network.profile import languages_of
from workflow.network.records import record_change
from workflow.network.refusals import PrivacyRefusal
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, Action, require_role, secretariat_remains

# The pseudonym in the network's own language (a name, stored as such, not a phrase of the pages).
PSEUDONYMS = {"de": "Gelöschte Person {number}", "en": "Deleted person {number}"}
# Under the reserved top-level domain .invalid (RFC 2606): no mail can ever go there.
PSEUDONYMOUS_ADDRESS = "deleted-person-{number}@erased.invalid"
# A text this short could be anything (a name of two letters, a number): it is not searched for in other texts.
_SHORTEST_TEXT = 4
# Fields of the directory's record that hold the person's own data.
_RECORDED_FIELDS = ("name", "email", "phone", "function")


@dataclass(frozen=True)
class Erasure:
    """What an erasure did: the pseudonym now in place, and how many rows of which table it changed."""

    pseudonym: str
    address: str
    changed: dict[str, int]


def erased(session: Session, person_id: int) -> PrivacyErasure | None:
    """The erasure of the person, if they were erased."""
    return session.exec(select(PrivacyErasure).where(PrivacyErasure.person_id == person_id)).first()


def _language(session: Session) -> str:
    profile = session.get(NetworkProfile, PROFILE_ID)
    first = languages_of(profile)[0] if profile is not None and languages_of(profile) else get_settings().language
    return first if first in PSEUDONYMS else "de"


def erase_person(session: Session, person_id: int, *, actor: Person | None, now: datetime) -> Erasure:
    """Put a pseudonym in place of the person everywhere, close their accounts and empty mails to them; the record
    stays whole. Refused for the last secretariat in office and for a person erased already."""
    now = require_aware(now)
    if actor is not None:
        require_role(session, actor, SECRETARIAT_ONLY, Action.ERASE_PEOPLE, now)
    person = get_person(session, person_id)
    if erased(session, person_id) is not None:
        raise ConflictError(PrivacyRefusal.ERASED_ALREADY, name=person.name)
    today = local_date(now)
    if secretariat_remains(session, today) and not secretariat_remains(session, today, without_person=person_id):
        raise InvalidInput(PrivacyRefusal.ERASE_LAST_SECRETARIAT, name=person.name)
    erasure = PrivacyErasure(person_id=person_id, erased_by_id=actor.id if actor else None, erased_at=now,
                             redacting=True)
    session.add(erasure)
    session.flush()
    number = erasure.id
    old = {"name": person.name, "email": person.email, "phone": person.phone}
    new = {"name": PSEUDONYMS[_language(session)].format(number=number),
           "email": PSEUDONYMOUS_ADDRESS.format(number=number), "phone": "", "function": ""}
    changed: dict[str, int] = {}
    _end_roles(session, person_id, now, actor)
    close_accounts(session, person_id, now)
    _remove_credentials(session, person, now, changed)
    _empty_mails_to(session, person, new, changed)
    _forget_contact(session, person.email, changed)
    person.name, person.email, person.phone, person.function = new["name"], new["email"], "", ""
    person.organisation_id = None
    person.active = False
    person.left_at = person.left_at or now
    session.add(person)
    session.flush()
    _redact_own_record(session, person_id, new, changed)
    for field in ("email", "name", "phone"):
        _replace_everywhere(session, old[field], new[field], changed)
    record_change(session, SUBJECT, person_id, "erase", actor=actor, now=now)
    erasure.redacting = False
    session.add(erasure)
    session.flush()
    return Erasure(new["name"], new["email"], changed)


def _affected(result: Any) -> int:
    # What an UPDATE or DELETE changed (a CursorResult; the session types it as a plain Result).
    return int(result.rowcount or 0)


def _count(changed: dict[str, int], table: str, result: Any) -> None:
    rows = result if isinstance(result, int) else _affected(result)
    if rows:
        changed[table] = changed.get(table, 0) + rows


def _end_roles(session: Session, person_id: int, now: datetime, actor: Person | None) -> None:
    # Like a person who leaves: terms in force end today, terms ahead never start (the record keeps the change).
    today = local_date(now)
    for term in session.exec(select(RoleAssignment).where(
            RoleAssignment.person_id == person_id,
            col(RoleAssignment.ends_on).is_(None) | (col(RoleAssignment.ends_on) > today))).all():
        term.ends_on, term.ended_by_id, term.ended_at = today, actor.id if actor else None, now
        session.add(term)
        record_change(session, "role_assignment", term.id or 0, "end", actor=actor, now=now,
                      changes={"ends_on": today})


def _remove_credentials(session: Session, person: Person, now: datetime, changed: dict[str, int]) -> None:
    _count(changed, "credential", session.execute(
        delete(Credential).where(col(Credential.person_id) == person.id)))
    _count(changed, "password_link", session.execute(
        delete(PasswordLink).where(col(PasswordLink.person_id) == person.id)))
    _count(changed, "api_token", session.execute(
        update(ApiToken).where(col(ApiToken.person_id) == person.id).values(name="")))
    keys = [f"{kind}:{person.email.lower()}" for kind in ("email", "forgot-email")]
    _count(changed, "login_throttle", session.execute(
        delete(LoginThrottle).where(col(LoginThrottle.key).in_(keys))))


def _empty_mails_to(session: Session, person: Person, new: dict[str, str], changed: dict[str, int]) -> None:
    to_them = (col(OutboxMessage.person_id) == person.id) | \
        (sa.func.lower(col(OutboxMessage.to_address)) == person.email.lower())
    # A mail still waiting can no longer reach them: it is skipped, not sent to the pseudonym.
    session.execute(update(OutboxMessage).where(to_them, col(OutboxMessage.status) == OutboxStatus.QUEUED)
                    .values(status=OutboxStatus.SKIPPED))
    _count(changed, "outbox_message", session.execute(update(OutboxMessage).where(to_them).values(
        to_address=new["email"], to_name=new["name"], body_text="", body_html="", attachments=[], prepared=None)))
    # Any mail's prepared wire bytes may name them (mails to others about their steps, in encoded words the text
    # scan cannot match): drop them all; a mail still to be sent has its bytes made again from the scanned row.
    session.execute(update(OutboxMessage).where(col(OutboxMessage.prepared).is_not(None)).values(prepared=None))


def _forget_contact(session: Session, email: str, changed: dict[str, int]) -> None:
    # A body's contact person who is this person: the body stays, its contact is no longer named.
    _count(changed, "forwarding", session.execute(
        update(Forwarding).where(sa.func.lower(col(Forwarding.contact_email)) == email.lower())
        .values(contact_name="", contact_email="", contact_phone="")))


def _redact_own_record(session: Session, person_id: int, new: dict[str, str], changed: dict[str, int]) -> None:
    # What the directory's record says about the person's own fields (given at registration, changed later).
    for record in session.exec(select(ChangeRecord).where(ChangeRecord.subject_kind == SUBJECT,
                                                          ChangeRecord.subject_id == person_id)).all():
        redacted = {key: _same_shape(value, new[key]) if key in _RECORDED_FIELDS else value
                    for key, value in record.changes.items()}
        if redacted != record.changes:
            record.changes = redacted
            session.add(record)
            _count(changed, "change_record", 1)
    session.flush()


def _same_shape(value: Any, replacement: str) -> Any:
    # Creations record a value, edits a [before, after] pair.
    if isinstance(value, list):
        return [replacement if v else v for v in value]
    return replacement if value else value


def _pattern(text: str) -> re.Pattern[str]:
    # Where it stands as a whole: "Anna Berg" is not a part of "Anna Bergmann", nor anna@x.org of joanna@x.org.
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.IGNORECASE)


def _replace_in(value: Any, pattern: re.Pattern[str], replacement: str) -> Any:
    if isinstance(value, str):
        return pattern.sub(replacement, value)
    if isinstance(value, list):
        return [_replace_in(v, pattern, replacement) for v in value]
    if isinstance(value, dict):
        return {k: _replace_in(v, pattern, replacement) for k, v in value.items()}
    return value


def _kind(column: sa.Column[Any]) -> Any:
    # A decorated type (SQLModel's AutoString) is a text column by what it decorates.
    return column.type.impl if isinstance(column.type, sa.TypeDecorator) else column.type


def _text_columns(table: sa.Table) -> list[sa.Column[Any]]:
    return [c for c in table.columns if isinstance(_kind(c), sa.String | sa.JSON)
            and not isinstance(_kind(c), sa.Enum) and not c.name.endswith("_hash")]


def _replace_everywhere(session: Session, text: str, replacement: str, changed: dict[str, int]) -> None:
    """Replace ``text`` by ``replacement`` in every text and JSON column of every table."""
    text = text.strip()
    if len(text) < _SHORTEST_TEXT:
        return
    pattern = _pattern(text)
    # JSON columns may hold the text as written or with its non-ASCII letters escaped.
    needles = {text.lower(), json.dumps(text)[1:-1].lower()}
    for table in SQLModel.metadata.sorted_tables:
        keys = list(table.primary_key.columns)
        for column in _text_columns(table):
            as_text = sa.cast(column, sa.Text) if isinstance(_kind(column), sa.JSON) else column
            hit = sa.or_(*(sa.func.lower(as_text).contains(n, autoescape=True) for n in needles))
            for row in session.execute(sa.select(*keys, column).where(hit)).all():
                value = row[-1]
                replaced = _replace_in(value, pattern, replacement)
                if replaced == value:
                    continue
                where = sa.and_(*(k == v for k, v in zip(keys, row[:-1], strict=True)))
                session.execute(sa.update(table).where(where).values({column.name: replaced}))
                _count(changed, table.name, 1)
    session.expire_all()


def purge_mail_bodies(session: Session, now: datetime, days: int) -> int:
    """Empty the bodies (and attachments) of mails sent or failed more than ``days`` days ago; queued mails and
    mails being sent keep theirs. Returns how many mails were emptied (0 days: none)."""
    now = require_aware(now)
    if days <= 0:
        return 0
    before = now - timedelta(days=days)
    done = sa.func.coalesce(col(OutboxMessage.sent_at), col(OutboxMessage.created_at))
    return _affected(session.execute(update(OutboxMessage).where(
        col(OutboxMessage.status).in_([OutboxStatus.SENT, OutboxStatus.FAILED]), done < before,
        (col(OutboxMessage.body_text) != "") | (col(OutboxMessage.body_html) != ""))
        .values(body_text="", body_html="", attachments=[], prepared=None)))
