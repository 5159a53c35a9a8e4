"""Cookies and forms: the signing key, CSRF synchronizer tokens and the refusals they lead to."""

import os
import secrets
from hmac import compare_digest
from pathlib import Path

from fastapi import Request

from config import Settings

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class CsrfRefused(Exception):
    """A form arrived without the token of the session it was shown in."""


class SignInRequired(Exception):
    """The page needs a signed-in person."""


def secret_key(settings: Settings) -> str:
    """The key that signs session cookies: from the settings, else one kept in var/secret_key."""
    if settings.secret_key:
        return settings.secret_key
    path: Path = settings.var_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    try:
        # Created readable by the owner only; O_EXCL lets a second worker starting at once read the first key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


def csrf_token(request: Request) -> str:
    """The form token of this browser session, created on first use."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def rotate_csrf(request: Request) -> None:
    """A new form token (on signing in and out, so a token seen before cannot be reused)."""
    request.session["csrf"] = secrets.token_urlsafe(32)


async def verify_csrf(request: Request) -> None:
    """Refuse every unsafe request whose form field (or header) does not carry the session's token."""
    if request.method in SAFE_METHODS:
        return
    expected = request.session.get("csrf")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not isinstance(expected, str) or not expected or sent is None or not compare_digest(sent, expected):
        raise CsrfRefused()
