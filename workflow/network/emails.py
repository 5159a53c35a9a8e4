"""Email addresses as the directory stores them: checked once, the same way for a form, a command and an import."""

from functools import lru_cache

from email_validator import EmailNotValidError
from email_validator import validate_email as _validate

__all__ = ["EmailNotValidError", "normalise_email"]


def normalise_email(text: str) -> str:
    """An email address as stored (trimmed, lower-case); internationalised addresses allowed, no DNS look-up.

    The same check as email-validator's on the whole address; a list repeats a few domains thousands of times, so
    each domain is checked once and the local part against a short stand-in domain. Raises EmailNotValidError.
    """
    address = text.strip()
    local, at, domain = address.rpartition("@")
    if not at or len(address) > _SHORT_ENOUGH or any(c in address for c in '"<>'):
        return _validate(address, check_deliverability=False).normalized.lower()
    checked = _validate(f"{local}@{_STAND_IN_DOMAIN}", check_deliverability=False)
    return f"{checked.local_part}@{_domain(domain)}".lower()


# Addresses longer than this take the whole check at once (the length limits concern the whole address).
_SHORT_ENOUGH = 200
_STAND_IN_DOMAIN = "a.de"


@lru_cache(maxsize=4096)
def _domain(domain: str) -> str:
    """A domain as email-validator normalises it (raises EmailNotValidError)."""
    return str(_validate(f"postmaster@{domain}", check_deliverability=False).domain)
