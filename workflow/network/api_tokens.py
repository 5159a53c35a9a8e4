"""API tokens with a life: issued for a number of days and shown once, revoked by their person or the operator,
and noted when they last opened the API. Stored only as digests; time is passed in."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlmodel import Session, col, or_, select, update

from models.accounts import ApiToken
from models.people import Person
from workflow.engine.clock import local_shift, require_aware
from workflow.engine.errors import InvalidInput, NotFound
from workflow.network.accounts import digest
from workflow.network.refusals import AccountRefusal

# How long a token lives unless its creator says otherwise (the deployment's setting RECOFLOW_API_TOKEN_DAYS).
DEFAULT_DAYS = 90
MAX_DAYS = 3650
# Last use is written at most this often per token, so that the API does not write on every request.
LAST_USE_PRECISION = timedelta(minutes=1)


class TokenState(StrEnum):
    """Where a token stands; only an active one opens the API."""

    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


def state_of(token: ApiToken, now: datetime) -> TokenState:
    """Whether ``token`` is active, expired or revoked at ``now`` (revoked wins)."""
    if token.revoked_at is not None:
        return TokenState.REVOKED
    return TokenState.EXPIRED if token.expires_at <= require_aware(now) else TokenState.ACTIVE


@dataclass(frozen=True)
class IssuedToken:
    """A new token: its row, and the secret, which exists only now."""

    row: ApiToken
    secret: str


def create_api_token(session: Session, person: Person, name: str, now: datetime, *,
                     days: int = DEFAULT_DAYS) -> IssuedToken:
    """A new bearer token acting for ``person`` for ``days`` days; the secret is shown once, stored as a digest."""
    now = require_aware(now)
    name = name.strip()
    if not 1 <= len(name) <= 100:
        raise InvalidInput(AccountRefusal.TOKEN_NAME_LENGTH, max=100)
    if not 1 <= days <= MAX_DAYS:
        raise InvalidInput(AccountRefusal.TOKEN_DAYS, min=1, max=MAX_DAYS)
    secret = "rf_" + secrets.token_urlsafe(32)
    row = ApiToken(person_id=person.id or 0, name=name, token_hash=digest(secret), created_at=now,
                   expires_at=local_shift(now, days=days))
    session.add(row)
    session.flush()
    return IssuedToken(row=row, secret=secret)


def issue_api_token(session: Session, person: Person, name: str, now: datetime, *, days: int = DEFAULT_DAYS) -> str:
    """A new bearer token acting for ``person``; returns the secret (shown once)."""
    return create_api_token(session, person, name, now, days=days).secret


@dataclass(frozen=True)
class TokenCheck:
    """What a presented bearer token is: unknown (``row`` None), or its row, state and active person."""

    row: ApiToken | None
    state: TokenState | None
    person: Person | None

    def due_for_last_use(self, now: datetime) -> bool:
        """Whether an accepted token's last use is worth writing (none yet, or older than the precision)."""
        row = self.row
        return row is not None and self.person is not None and (
            row.last_used_at is None or require_aware(now) - row.last_used_at >= LAST_USE_PRECISION)


def check_api_token(session: Session, secret: str, now: datetime) -> TokenCheck:
    """Look a presented token up (a read): an active token of an active person opens the API."""
    row = session.exec(select(ApiToken).where(ApiToken.token_hash == digest(secret))).first()
    if row is None:
        return TokenCheck(None, None, None)
    state = state_of(row, now)
    person = session.get(Person, row.person_id) if state is TokenState.ACTIVE else None
    return TokenCheck(row, state, person if person is not None and person.active else None)


def person_for_api_token(session: Session, secret: str, now: datetime) -> Person | None:
    """The active person an active (unexpired, unrevoked) bearer token acts for."""
    return check_api_token(session, secret, now).person


def note_last_use(session: Session, token_id: int, now: datetime) -> None:
    """Record that the token opened the API, unless that was noted within the last minute (also by a parallel
    request: the condition is in the statement)."""
    now = require_aware(now)
    session.execute(update(ApiToken).where(
        col(ApiToken.id) == token_id,
        or_(col(ApiToken.last_used_at).is_(None), col(ApiToken.last_used_at) <= now - LAST_USE_PRECISION),
    ).values(last_used_at=now))


def api_tokens_of(session: Session, person_id: int | None = None) -> list[ApiToken]:
    """Tokens, newest first: one person's, or everyone's (the operator's list)."""
    query = select(ApiToken).order_by(col(ApiToken.created_at).desc(), col(ApiToken.id).desc())
    if person_id is not None:
        query = query.where(ApiToken.person_id == person_id)
    return list(session.exec(query).all())


def revoke_api_token(session: Session, token_id: int, now: datetime, *, owner: Person | None = None) -> ApiToken:
    """Revoke a token from now on: its person's own (``owner``), or any (the operator, no owner). Revoking a
    revoked token keeps its first revocation."""
    row = session.get(ApiToken, token_id)
    if row is None or (owner is not None and row.person_id != owner.id):
        raise NotFound(AccountRefusal.NO_API_TOKEN, id=token_id)
    if row.revoked_at is None:
        row.revoked_at = require_aware(now)
        session.add(row)
    return row
