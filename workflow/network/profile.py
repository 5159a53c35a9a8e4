"""The network's profile: who the network is (name, contact, time zone, languages, number prefix) and the texts of
its legally required pages. One row (id 1); until it exists, a default made from the settings stands in for it."""

import re
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from pydantic import BaseModel
from sqlmodel import Session, select

from config import Settings
from models.db import Database
from models.network import PROFILE_ID, NetworkProfile
from models.people import Person
from workflow.engine.errors import ConflictError, InvalidInput, NotFound
from workflow.network.emails import EmailNotValidError, normalise_email
from workflow.network.records import apply_changes, record_change
from workflow.network.refusals import DirectoryRefusal, ProfileRefusal
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, Action, require_role

# The name a network without a profile and without a configured name goes by.
FALLBACK_NAME = "recoflow"
LANGUAGES = ("de", "en")
LegalText = Literal["imprint", "privacy_policy", "accessibility_statement"]
LEGAL_TEXTS: tuple[LegalText, ...] = ("imprint", "privacy_policy", "accessibility_statement")
MAX_LEGAL_TEXT = 100_000
_PREFIX = re.compile(r"^[A-Z0-9-]{1,10}$")

# What an edit of the profile may change; fields left None stay as they are.
class ProfileUpdate(BaseModel):
    name: str | None = None
    short_name: str | None = None
    address: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    website: str | None = None
    timezone: str | None = None
    languages: str | None = None
    number_prefix: str | None = None
    expected_version: int | None = None


PROFILE_FIELDS = ("name", "short_name", "address", "contact_email", "contact_phone", "website", "timezone",
                  "languages", "number_prefix")
_LIMITS = {"address": 500, "contact_phone": 50, "website": 300}


def default_profile(settings: Settings | None = None) -> NetworkProfile:
    """The profile a network has before it saved one: made from the settings, not written."""
    if settings is None:
        return NetworkProfile(id=PROFILE_ID, name=FALLBACK_NAME, version=0)
    return NetworkProfile(id=PROFILE_ID, name=settings.network_name.strip() or FALLBACK_NAME,
                          timezone=settings.timezone, languages=",".join(_languages_first(settings.language)),
                          number_prefix=settings.number_prefix, version=0)


def _languages_first(first: str) -> list[str]:
    return [first, *(lang for lang in LANGUAGES if lang != first)]


def stored_profile(session: Session) -> NetworkProfile | None:
    """The saved profile row, if there is one."""
    return session.get(NetworkProfile, PROFILE_ID)


def get_profile(session: Session, settings: Settings | None = None) -> NetworkProfile:
    """The network's profile (row 1), or when none is saved yet a default from the settings (not written)."""
    return stored_profile(session) or default_profile(settings)


def ensure_profile(session: Session, settings: Settings | None, now: datetime) -> NetworkProfile:
    """The saved profile, added to the session (not committed) from the settings when missing."""
    profile = stored_profile(session)
    if profile is None:
        # Version 0 like the unsaved default, so a form filled in from the default still matches.
        profile = default_profile(settings)
        profile.version, profile.updated_at = 0, now
        session.add(profile)
        session.flush()
    return profile


def languages_of(profile: NetworkProfile) -> list[str]:
    """The languages the network offers, its default first."""
    return [part.strip() for part in profile.languages.split(",") if part.strip()]


def _clean(field: str, value: str) -> str:
    if "\x00" in value:
        raise InvalidInput(ProfileRefusal.TEXT_HAS_NUL, field=field)
    return value.strip()


def _valid_email(value: str) -> str:
    if not value:
        return ""
    try:
        return normalise_email(value)
    except EmailNotValidError as exc:
        raise InvalidInput(DirectoryRefusal.EMAIL_INVALID, field="contact_email", email=value,
                           reason=str(exc)) from None


def _valid_languages(value: str) -> str:
    parts = [part.strip().lower() for part in value.split(",")]
    if not parts or any(p not in LANGUAGES for p in parts) or len(set(parts)) != len(parts):
        raise InvalidInput(ProfileRefusal.LANGUAGES_INVALID, field="languages", languages=value)
    return ",".join(parts)


def _valid_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except Exception:  # ZoneInfoNotFoundError, or ValueError for malformed keys
        raise InvalidInput(ProfileRefusal.TIMEZONE_UNKNOWN, field="timezone", timezone=value) from None
    return value


def validated(updates: ProfileUpdate) -> dict[str, Any]:
    """The given fields, cleaned and checked; the first invalid one is refused."""
    given = {name: _clean(name, value) for name in PROFILE_FIELDS
             if (value := getattr(updates, name)) is not None}
    if "name" in given and not 3 <= len(given["name"]) <= 200:
        raise InvalidInput(ProfileRefusal.NAME_LENGTH, field="name", length=len(given["name"]))
    if "short_name" in given and len(given["short_name"]) > 50:
        raise InvalidInput(ProfileRefusal.SHORT_NAME_LENGTH, field="short_name", length=len(given["short_name"]))
    for name, limit in _LIMITS.items():
        if name in given and len(given[name]) > limit:
            raise InvalidInput(ProfileRefusal.TOO_LONG, field=name, limit=limit, length=len(given[name]))
    if "contact_email" in given:
        given["contact_email"] = _valid_email(given["contact_email"])
    if "timezone" in given:
        given["timezone"] = _valid_timezone(given["timezone"])
    if "languages" in given:
        given["languages"] = _valid_languages(given["languages"])
    if "number_prefix" in given:
        prefix = given["number_prefix"].upper()
        if not _PREFIX.match(prefix):
            raise InvalidInput(ProfileRefusal.PREFIX_INVALID, field="number_prefix", prefix=given["number_prefix"])
        given["number_prefix"] = prefix
    return given


def _locked_profile(session: Session, settings: Settings | None, now: datetime) -> NetworkProfile:
    # FOR UPDATE on PostgreSQL; SQLite's write sessions hold the write lock from BEGIN IMMEDIATE already.
    row = session.exec(select(NetworkProfile).where(NetworkProfile.id == PROFILE_ID).with_for_update()).first()
    return row if row is not None else ensure_profile(session, settings, now)


def update_profile(session: Session, updates: ProfileUpdate, *, actor: Person, now: datetime, comment: str = "",
                   settings: Settings | None = None) -> NetworkProfile:
    """Change the profile (the secretariat only); refused as a whole when a value is invalid or the version stale."""
    require_role(session, actor, SECRETARIAT_ONLY, Action.EDIT_THE_NETWORK_PROFILE, now)
    values = validated(updates)
    profile = _locked_profile(session, settings, now)
    if updates.expected_version is not None and updates.expected_version != profile.version:
        raise ConflictError(ProfileRefusal.PROFILE_CHANGED, current=profile.version, expected=updates.expected_version)
    changed = apply_changes(profile, values)
    if changed:
        profile.version += 1
        profile.updated_at = now
        session.add(profile)
        record_change(session, "network", PROFILE_ID, "edit", actor=actor, now=now, comment=comment,
                      changes=changed)
    session.flush()  # the changes go to the database before the row is read back
    session.refresh(profile)
    return profile


def legal_field(which: str) -> LegalText:
    """The profile field of a legal page, by field name or by its short name (imprint, privacy, accessibility)."""
    aliases: dict[str, LegalText] = {"privacy": "privacy_policy", "accessibility": "accessibility_statement"}
    field = aliases.get(which, which)
    for known in LEGAL_TEXTS:
        if known == field:
            return known
    raise NotFound(ProfileRefusal.LEGAL_TEXT_UNKNOWN, which=which, known=("imprint", "privacy", "accessibility"))


def set_legal_text(session: Session, which: str, text: str, *, actor: Person, now: datetime, comment: str = "",
                   settings: Settings | None = None) -> NetworkProfile:
    """Replace the text of one legal page (the secretariat only); the record keeps the text before and after."""
    require_role(session, actor, SECRETARIAT_ONLY, Action.EDIT_THE_NETWORK_LEGAL_PAGES, now)
    field = legal_field(which)
    if "\x00" in text:
        raise InvalidInput(ProfileRefusal.TEXT_HAS_NUL, field=field)
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_LEGAL_TEXT:
        raise InvalidInput(ProfileRefusal.LEGAL_TEXT_TOO_LONG, field=field, limit=MAX_LEGAL_TEXT, length=len(text))
    profile = _locked_profile(session, settings, now)
    changed = apply_changes(profile, {field: text})
    if changed:
        profile.version += 1
        profile.updated_at = now
        session.add(profile)
        record_change(session, "network", PROFILE_ID, "edit_legal_text", actor=actor, now=now, comment=comment,
                      changes=changed)
    session.flush()  # the changes go to the database before the row is read back
    session.refresh(profile)
    return profile


def apply_profile(settings: Settings, profile: NetworkProfile) -> Settings:
    """The settings with the profile's name, time zone, default language and number prefix winning."""
    languages = languages_of(profile)
    update: dict[str, Any] = {"network_name": profile.name or settings.network_name or FALLBACK_NAME,
                              "timezone": profile.timezone, "number_prefix": profile.number_prefix}
    if languages and languages[0] in LANGUAGES:
        update["language"] = languages[0]
    return settings.model_copy(update=update)


def effective_settings(settings: Settings, database: Database) -> Settings:
    """The settings as the network has set them: a saved profile wins over the environment."""
    try:
        with database.read() as session:
            profile = stored_profile(session)
    except sa.exc.DBAPIError:
        # A database not yet created or upgraded has no profile table: the environment's settings stand.
        profile = None
    if profile is None:
        return settings.model_copy(update={"network_name": settings.network_name.strip() or FALLBACK_NAME})
    return apply_profile(settings, profile)
