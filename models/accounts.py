"""Web accounts: password credentials, signed-in sessions, failed-login throttles, set-password links, API tokens.

Secrets are never stored: passwords as argon2 hashes, random tokens as their SHA-256 digest.
"""

from datetime import datetime

from sqlmodel import Field, SQLModel

from models.base import utc_column


# A person's password, as an argon2 hash; a person without a row cannot sign in with a password.
class Credential(SQLModel, table=True):
    person_id: int = Field(foreign_key="person.id", primary_key=True)
    password_hash: str = Field(max_length=255)
    changed_at: datetime = Field(sa_column=utc_column())


# A signed-in browser session; the cookie holds the token, the table its digest.
class WebSession(SQLModel, table=True):
    __tablename__ = "web_session"
    token_hash: str = Field(max_length=64, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    created_at: datetime = Field(sa_column=utc_column())
    expires_at: datetime = Field(sa_column=utc_column())


# Failed sign-ins counted per key ("email:…" or "ip:…"); a key with too many failures is locked for a while.
class LoginThrottle(SQLModel, table=True):
    __tablename__ = "login_throttle"
    key: str = Field(max_length=300, primary_key=True)
    failures: int = 0
    window_started_at: datetime = Field(sa_column=utc_column())
    locked_until: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


# A one-time link that lets an invited person set (or reset) a password before it expires.
class PasswordLink(SQLModel, table=True):
    __tablename__ = "password_link"
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    created_at: datetime = Field(sa_column=utc_column())
    expires_at: datetime = Field(sa_column=utc_column())
    used_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


# A bearer token an integration uses for the JSON API on behalf of a person, until it expires or is revoked;
# when it last opened the API is noted at most once a minute (no write per request).
class ApiToken(SQLModel, table=True):
    __tablename__ = "api_token"
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    name: str = Field(max_length=100)
    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    created_at: datetime = Field(sa_column=utc_column())
    expires_at: datetime = Field(sa_column=utc_column())
    revoked_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    last_used_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
