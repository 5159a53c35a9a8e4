"""Use cases of web accounts: passwords, signing in with throttling, browser sessions and set-password links (API
tokens: ``api_tokens``). Time is passed in; random tokens are shown once and stored only as digests."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, delete, select

from models.accounts import Credential, PasswordLink, WebSession
from models.people import Person
from models.queries import person_by_email
from workflow.engine.clock import require_aware
from workflow.engine.errors import InvalidInput, NotFound, NotPermitted
from workflow.engine.reactions import publish
from workflow.engine.unit_of_work import keep_when_refused
from workflow.network.records import record_change
from workflow.network.refusals import AccountRefusal
from workflow.network.throttles import count_attempt, forget, take_back
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, Action, require_role

PASSWORD_MIN_LENGTH = 10
SESSION_LIFETIME = timedelta(days=14)
LINK_LIFETIME = timedelta(days=7)
# Failed sign-ins allowed per window before the key is locked; an office shares one address, so IPs get more.
EMAIL_FAILURE_LIMIT = 5
IP_FAILURE_LIMIT = 20
FAILURE_WINDOW = timedelta(minutes=15)
LOCK_DURATION = timedelta(minutes=15)

_hasher = PasswordHasher()
# Verified when the email is unknown, so that a wrong email takes as long as a wrong password.
_dummy_hash = _hasher.hash("recoflow-no-such-person")


class SignInRefused(NotPermitted):
    """The email or the password is wrong (which one is not said)."""


class SignInLocked(NotPermitted):
    """Too many failed sign-ins for this email or from this address; ``until`` says when to try again."""

    def __init__(self, until: datetime) -> None:
        self.until = until
        super().__init__(AccountRefusal.SIGN_IN_LOCKED, until=until)


def use_password_hasher(hasher: PasswordHasher) -> None:
    """Replace the argon2 parameters (tests use cheap ones; production keeps the library's defaults)."""
    global _hasher, _dummy_hash
    _hasher = hasher
    _dummy_hash = hasher.hash("recoflow-no-such-person")


def digest(token: str) -> str:
    """The SHA-256 digest under which a random token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def hash_password(password: str) -> str:
    """An argon2 hash of ``password``."""
    return _hasher.hash(password)


def check_password_rules(person: Person, password: str) -> None:
    """Refuse passwords that are too short, too long or the person's own email."""
    if len(password) < PASSWORD_MIN_LENGTH:
        raise InvalidInput(AccountRefusal.PASSWORD_TOO_SHORT, min=PASSWORD_MIN_LENGTH)
    if len(password) > 256:
        raise InvalidInput(AccountRefusal.PASSWORD_TOO_LONG, max=256)
    if password.strip().lower() == person.email:
        raise InvalidInput(AccountRefusal.PASSWORD_IS_EMAIL)


def set_password(session: Session, person: Person, password: str, now: datetime, *,
                 password_hash: str | None = None) -> None:
    """Store a new password and sign the person out everywhere; ``password_hash`` skips hashing (demo data)."""
    now = require_aware(now)
    if password_hash is None:
        check_password_rules(person, password)
        password_hash = hash_password(password)
    assert person.id is not None
    credential = session.get(Credential, person.id)
    if credential is None:
        credential = Credential(person_id=person.id, password_hash=password_hash, changed_at=now)
    credential.password_hash, credential.changed_at = password_hash, now
    session.add(credential)
    session.execute(delete(WebSession).where(col(WebSession.person_id) == person.id))


def _verify(person: Person | None, credential: Credential | None, password: str) -> bool:
    try:
        return _hasher.verify(credential.password_hash if credential else _dummy_hash, password) and \
            person is not None and credential is not None and person.active
    except (VerificationError, InvalidHashError):
        return False


def sign_in(session: Session, email: str, password: str, client: str, now: datetime) -> Person:
    """The person whose email and password match; attempts are counted per email and per client address.

    Each attempt is counted before its password is checked, by one upsert per key that returns its place in the
    window: only attempts within the limit check the password (argon2 is the expensive part and the one to bound),
    so parallel attempts cannot check more passwords than the limit allows. A right password takes its attempt
    back; the counted attempts of a refusal are kept although the refusal rolls back everything else.
    """
    now = require_aware(now)
    email = email.strip().lower()
    keys = {f"email:{email}": EMAIL_FAILURE_LIMIT, f"ip:{client}": IP_FAILURE_LIMIT}
    for key, limit in keys.items():
        counted = count_attempt(session, key, lock_at=limit, window=FAILURE_WINDOW, lock_for=LOCK_DURATION, now=now)
        if counted.count > limit:
            keep_when_refused(session)
            raise SignInLocked(counted.locked_until or now + LOCK_DURATION)
    person = person_by_email(session, email)
    credential = session.get(Credential, person.id) if person is not None else None
    if not _verify(person, credential, password):
        # The counted attempt is the refusal's record: without it the throttle would never lock.
        keep_when_refused(session)
        raise SignInRefused(AccountRefusal.SIGN_IN_REFUSED)
    assert person is not None and credential is not None
    forget(session, f"email:{email}")
    take_back(session, f"ip:{client}", lock_at=IP_FAILURE_LIMIT)
    if _hasher.check_needs_rehash(credential.password_hash):
        credential.password_hash = hash_password(password)
        session.add(credential)
    return person


def start_session(session: Session, person: Person, now: datetime) -> str:
    """Open a browser session for ``person``; returns the token for the cookie."""
    now = require_aware(now)
    token = secrets.token_urlsafe(32)
    session.add(WebSession(token_hash=digest(token), person_id=person.id or 0, created_at=now,
                           expires_at=now + SESSION_LIFETIME))
    return token


def person_for_session(session: Session, token: str, now: datetime) -> Person | None:
    """The active person signed in with ``token``, or None when it is unknown or expired."""
    row = session.exec(
        select(Person).join(WebSession, col(WebSession.person_id) == Person.id)
        .where(WebSession.token_hash == digest(token), col(WebSession.expires_at) > require_aware(now))
    ).first()
    return row if row is not None and row.active else None


def end_session(session: Session, token: str) -> None:
    """Sign out: the token no longer opens anything."""
    session.execute(delete(WebSession).where(col(WebSession.token_hash) == digest(token)))


@dataclass(frozen=True)
class PasswordLinkIssued:
    """A domain event: a set-password link was issued for ``person``. Its reactions (the mail to the person) write
    rows in the caller's transaction; when none is registered nothing is sent, and the caller shows the link to
    the administrator who asked for it."""

    person: Person
    url: str
    now: datetime
    # Asked for by the person ("Passwort vergessen") rather than sent by the secretariat.
    requested: bool = False


@dataclass(frozen=True)
class Invitation:
    """A set-password link, and whether it was handed to a deliverer."""

    url: str
    expires_at: datetime
    delivered: bool


def issue_password_link(session: Session, person: Person, base_url: str, now: datetime) -> str:
    """Add a one-time set-password link for ``person`` to the session (not committed); returns its URL."""
    now = require_aware(now)
    token = secrets.token_urlsafe(32)
    session.add(PasswordLink(person_id=person.id or 0, token_hash=digest(token), created_at=now,
                             expires_at=now + LINK_LIFETIME))
    return f"{base_url.rstrip('/')}/set-password/{token}"


def invite(session: Session, person: Person, base_url: str, now: datetime, *,
           actor: Person | None = None) -> Invitation:
    """Issue a one-time set-password link for ``person``, valid for a week, and have it delivered if possible.

    From the pages and the API the secretariat invites (``actor``); the command line invites as the server's
    operator (no actor). Either way the invitation is on the person's record.
    """
    now = require_aware(now)
    if actor is not None:
        require_role(session, actor, SECRETARIAT_ONLY, Action.INVITE_PEOPLE_TO_SIGN_IN, now)
    if not person.active:
        raise InvalidInput(AccountRefusal.INVITE_INACTIVE, name=person.name, email=person.email)
    assert person.id is not None
    url = issue_password_link(session, person, base_url, now)
    delivered = publish(session, PasswordLinkIssued(person, url, now)) > 0
    record_change(session, "person", person.id, "invite", actor=actor, now=now,
                  changes={"delivered_by_mail": delivered})
    return Invitation(url=url, expires_at=now + LINK_LIFETIME, delivered=delivered)


def _valid_link(session: Session, token: str, now: datetime) -> tuple[PasswordLink, Person]:
    link = session.exec(select(PasswordLink).where(PasswordLink.token_hash == digest(token))).first()
    if link is None or link.used_at is not None or link.expires_at <= require_aware(now):
        raise NotFound(AccountRefusal.LINK_UNKNOWN)
    person = session.get(Person, link.person_id)
    if person is None or not person.active:
        raise NotFound(AccountRefusal.LINK_WITHOUT_PERSON)
    return link, person


def person_for_link(session: Session, token: str, now: datetime) -> Person:
    """Whose password an unused, unexpired link sets."""
    return _valid_link(session, token, now)[1]


def use_password_link(session: Session, token: str, password: str, now: datetime) -> Person:
    """Set the password through a link, which is used up together with every other open link of the person."""
    link, person = _valid_link(session, token, now)
    check_password_rules(person, password)
    password_hash = hash_password(password)
    for other in session.exec(select(PasswordLink).where(PasswordLink.person_id == person.id,
                                                         col(PasswordLink.used_at).is_(None))).all():
        other.used_at = require_aware(now)
        session.add(other)
    set_password(session, person, password, now, password_hash=password_hash)
    assert link.used_at is not None
    return person


# Every demo person signs in with this password; it is set only by `recoflow demo`, never on real data.
DEMO_PASSWORD = "recoflow-demo"


def give_demo_passwords(session: Session, people: list[Person], now: datetime) -> int:
    """Give each of ``people`` who has no password yet the demo password; returns how many got it."""
    missing = [p for p in people if p.id is not None and session.get(Credential, p.id) is None]
    shared_hash = hash_password(DEMO_PASSWORD) if missing else ""
    for person in missing:
        set_password(session, person, DEMO_PASSWORD, now, password_hash=shared_hash)
    return len(missing)
