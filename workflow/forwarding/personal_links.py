"""Personal links of responsible bodies: random tokens, stored only as SHA-256 hashes, one forwarding each.

The policy: the newest link of a forwarding is the one that works. Issuing a link (forwarding, reissuing)
revokes the forwarding's older links at once. A mail to the body carries a link of its own, issued when the mail
is sent (only hashes are stored, so an earlier link cannot be put into it); that link replaces the older ones
once the mail server has accepted the mail (``retire_links_before``), so a mail that fails never costs the body
the link it has, and the mail says that its link replaces the earlier ones.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select, update

from config import get_settings
from models.forwarding import Forwarding, ForwardingToken
from workflow.engine.clock import require_aware
from workflow.engine.errors import NotFound
from workflow.forwarding.refusals import ForwardingRefusal

# 32 random bytes = 256 bits, URL-safe base64 (43 characters); the issue asks for at least 128 bits.
TOKEN_BYTES = 32
# Longer input is refused before hashing; real tokens are 43 characters.
_MAX_TOKEN_LENGTH = 128
# Where the web application serves a body's page; the token is the last path segment.
LINK_PATH = "/stelle/"


class LinkRefused(NotFound):
    """A link that is wrong, expired, revoked or guessed: one refusal that tells nothing more."""

    def __init__(self) -> None:
        super().__init__(ForwardingRefusal.LINK_NOT_VALID)


@dataclass(frozen=True)
class IssuedLink:
    """A freshly issued personal link; the only moment the plain token exists outside the body's inbox."""

    forwarding_id: int
    organisation_id: int
    organisation_name: str
    organisation_email: str | None
    token: str
    expires_at: datetime

    @property
    def url(self) -> str:
        """The full link to send to the body."""
        return link_for(self.token)


def hash_token(token: str) -> str:
    """The stored form of a token: hex SHA-256."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def link_for(token: str) -> str:
    """The URL a body opens with its token."""
    return get_settings().base_url.rstrip("/") + LINK_PATH + token


def issue_token(session: Session, forwarding: Forwarding, now: datetime, actor_id: int | None, *,
                replace_older: bool = True) -> tuple[str, datetime]:
    """Add a new token row for ``forwarding`` (not committed); returns the plain token and its expiry.

    The forwarding's older links stop working at once, unless ``replace_older`` is False: a mail's link replaces
    them only after the mail was accepted (``retire_links_before``).
    """
    assert forwarding.id is not None
    now = require_aware(now)
    if replace_older:
        revoke_tokens(session, forwarding.id, now)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    expires_at = now + timedelta(days=get_settings().forwarding_link_valid_days)
    session.add(ForwardingToken(forwarding_id=forwarding.id, token_hash=hash_token(token), created_at=now,
                                expires_at=expires_at, created_by_id=actor_id))
    return token, expires_at


def revoke_tokens(session: Session, forwarding_id: int, now: datetime) -> int:
    """Revoke every token of a forwarding that is not revoked yet (not committed); returns how many."""
    result = session.execute(
        update(ForwardingToken)
        .where(col(ForwardingToken.forwarding_id) == forwarding_id, col(ForwardingToken.revoked_at).is_(None))
        .values(revoked_at=require_aware(now))
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def retire_links_before(session: Session, token: str, now: datetime) -> int:
    """Revoke the links of ``token``'s forwarding that were issued before it (its mail has reached the body);
    links issued after it stay. Not committed; returns how many were revoked."""
    row = session.exec(select(ForwardingToken).where(ForwardingToken.token_hash == hash_token(token))).first()
    if row is None:
        return 0
    result = session.execute(
        update(ForwardingToken)
        .where(col(ForwardingToken.forwarding_id) == row.forwarding_id, col(ForwardingToken.id) < row.id,
               col(ForwardingToken.revoked_at).is_(None))
        .values(revoked_at=require_aware(now))
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def token_of(link: str) -> str:
    """The token at the end of a body's link."""
    return link.rsplit(LINK_PATH, 1)[-1]


def resolve_token(session: Session, token: str, now: datetime) -> Forwarding:
    """The one forwarding a valid token grants access to; every kind of failure gets the same LinkRefused."""
    now = require_aware(now)
    if not token or len(token) > _MAX_TOKEN_LENGTH:
        raise LinkRefused()
    digest = hash_token(token.strip())
    row = session.exec(select(ForwardingToken).where(ForwardingToken.token_hash == digest)).first()
    # Compare the digests in constant time as well: the lookup only narrowed down the candidate.
    if row is None or not hmac.compare_digest(row.token_hash, digest):
        raise LinkRefused()
    if row.revoked_at is not None or row.expires_at <= now:
        raise LinkRefused()
    forwarding = session.get(Forwarding, row.forwarding_id)
    if forwarding is None:
        raise LinkRefused()
    return forwarding


def active_token(session: Session, forwarding_id: int, now: datetime) -> ForwardingToken | None:
    """The newest token of a forwarding that still works (its hash and dates only)."""
    rows = session.exec(
        select(ForwardingToken)
        .where(ForwardingToken.forwarding_id == forwarding_id, col(ForwardingToken.revoked_at).is_(None))
        .order_by(col(ForwardingToken.id).desc())
    ).all()
    return next((r for r in rows if r.expires_at > require_aware(now)), None)
