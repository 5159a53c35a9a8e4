"""A network's first start: the first secretariat account, made by the command ``init --admin`` or on the first-run
page, and the one-time setup code that opens that page from another computer."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from hmac import compare_digest

from sqlmodel import Session, col, or_, select

from config import Settings
from models.accounts import Credential
from models.enums import Role
from models.network import NetworkProfile
from models.people import Person, RoleAssignment
from models.queries import person_by_email
from workflow.engine.clock import local_date, require_aware
from workflow.engine.errors import InvalidInput, NotPermitted
from workflow.network.accounts import check_password_rules, digest, hash_password, issue_password_link
from workflow.network.composition import composition_of, sync_seats
from workflow.network.emails import EmailNotValidError, normalise_email
from workflow.network.profile import ProfileUpdate, ensure_profile, validated
from workflow.network.records import record_change
from workflow.network.refusals import DirectoryRefusal, ProfileRefusal

SETUP_CODE_LIFETIME = timedelta(hours=24)
FIRST_START = "first start"

@dataclass(frozen=True)
class FirstStart:
    """The first administrator, and the set-password link when no password was given."""

    person: Person
    password_link: str | None


def secretariat_emails(session: Session, now: datetime) -> list[str]:
    """The emails of active people holding (or about to hold) the secretariat role."""
    day = local_date(now)
    rows = session.exec(
        select(Person.email).join(RoleAssignment, col(RoleAssignment.person_id) == Person.id)
        .where(RoleAssignment.role == Role.SECRETARIAT, col(Person.active).is_(True),
               or_(col(RoleAssignment.ends_on).is_(None), col(RoleAssignment.ends_on) >= day))
        .order_by(col(Person.email))
    ).all()
    return sorted(set(rows))


def setup_open(session: Session, now: datetime) -> bool:
    """Whether the first start is still to be done: nobody holds the secretariat role."""
    return not secretariat_emails(session, now)


def _refuse_if_done(session: Session, now: datetime) -> None:
    emails = secretariat_emails(session, now)
    if emails:
        raise NotPermitted(ProfileRefusal.SECRETARIAT_EXISTS, emails=tuple(emails))


def _admin_email(value: str) -> str:
    try:
        return normalise_email(value)
    except EmailNotValidError as exc:
        raise InvalidInput(DirectoryRefusal.EMAIL_INVALID, field="email", email=value, reason=str(exc)) from None


def first_start(session: Session, *, name: str, email: str, now: datetime, network_name: str | None = None,
                password: str | None = None, base_url: str = "", settings: Settings | None = None) -> FirstStart:
    """Create the profile (when missing) and the first secretariat account, with a password or a set-password link.

    Refused, with nothing written, once anyone holds the secretariat role.
    """
    now = require_aware(now)
    _refuse_if_done(session, now)
    name = name.strip()
    if not 2 <= len(name) <= 200:
        raise InvalidInput(ProfileRefusal.ADMIN_NAME_LENGTH, field="name")
    email = _admin_email(email)
    try:
        profile_values = validated(ProfileUpdate(name=network_name)) if network_name else {}
    except InvalidInput as exc:  # named by the first-run form's field, not the profile's
        raise InvalidInput(exc.code, **{**exc.params, "field": "network_name"}) from None
    if password is not None:
        check_password_rules(Person(name=name, email=email), password)
    profile = ensure_profile(session, settings, now)
    if profile_values.get("name") and profile_values["name"] != profile.name:
        record_change(session, "network", profile.id, "edit", actor=None, now=now, comment=FIRST_START,
                      changes={"name": [profile.name, profile_values["name"]]})
        profile.name = profile_values["name"]
        profile.version += 1
    profile.setup_code_hash = profile.setup_code_expires_at = None
    session.add(profile)
    session.flush()
    # The deciding body's seats (the default composition until the office sets its own), ready to appoint.
    sync_seats(session, composition_of(session))
    person = person_by_email(session, email)
    if person is None:
        person = Person(name=name, email=email, created_at=now)
        session.add(person)
        session.flush()
        assert person.id is not None
        record_change(session, "person", person.id, "create", actor=None, now=now, comment=FIRST_START,
                      changes={"name": name, "email": email})
    assert person.id is not None
    assignment = RoleAssignment(person_id=person.id, role=Role.SECRETARIAT, starts_on=local_date(now),
                                assigned_at=now)
    session.add(assignment)
    session.flush()
    assert assignment.id is not None
    record_change(session, "role_assignment", assignment.id, "assign", actor=None, now=now, comment=FIRST_START,
                  changes={"person_id": person.id, "role": Role.SECRETARIAT, "starts_on": assignment.starts_on})
    link = None
    if password is None:
        link = issue_password_link(session, person, base_url, now)
    else:
        session.merge(Credential(person_id=person.id, password_hash=hash_password(password), changed_at=now))
    return FirstStart(person=person, password_link=link)


def issue_setup_code(session: Session, now: datetime, settings: Settings | None = None) -> str | None:
    """A new one-time setup code (valid 24 hours) while the first start is open; None once it is done."""
    now = require_aware(now)
    if not setup_open(session, now):
        return None
    code = "-".join(secrets.token_hex(3).upper() for _ in range(3))
    profile = ensure_profile(session, settings, now)
    profile.setup_code_hash = digest(code)
    profile.setup_code_expires_at = now + SETUP_CODE_LIFETIME
    session.add(profile)
    return code


def setup_code_valid(session: Session, code: str, now: datetime) -> bool:
    """Whether ``code`` is the unexpired setup code."""
    profile = session.get(NetworkProfile, 1)
    if profile is None or not profile.setup_code_hash or profile.setup_code_expires_at is None or not code:
        return False
    if profile.setup_code_expires_at <= require_aware(now):
        return False
    return compare_digest(profile.setup_code_hash, digest(code.strip().upper()))
