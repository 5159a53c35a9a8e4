"""One typed settings object, read from the environment (prefix ``RECOFLOW_``) and an optional ``.env`` file."""

from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Language = Literal["de", "en"]


class Settings(BaseSettings):
    """Deployment settings; every field can be set as ``RECOFLOW_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="RECOFLOW_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./var/recoflow.db"
    timezone: str = "Europe/Berlin"
    base_url: str = "http://127.0.0.1:8000"
    language: Language = "de"
    # The network's name until its profile is saved (the profile's name wins; empty: "recoflow").
    network_name: str = ""
    # The name in the genitive with its article, as mails write it ("die Strategiegruppe des Netzwerks Integration
    # Musterland"); German declines names unevenly, so it is written out, never built. Empty: the mails word their
    # sentences without it.
    network_name_genitive: str = ""
    # Prefix of recommendation numbers such as HE-2026-007.
    number_prefix: str = "HE"
    # The strategy group: the submission deadline lies this many weeks before a meeting; the network's
    # voting rule (default, two_thirds, each_category, silence) applies where a vote names none.
    submission_deadline_weeks: int = 6
    vote_rule: Literal["default", "two_thirds", "each_category", "silence"] = "default"
    sqlite_busy_timeout_ms: int = 5000
    # API tokens live this many days unless their creator chooses otherwise (1 to 3650).
    api_token_days: int = 90
    # The folder of pg_dump and pg_restore for 'recoflow backup'/'restore' on PostgreSQL; empty: found on PATH.
    postgres_bin_dir: str = ""
    # Signs the web session cookie; empty means a random key kept in var/secret_key (made on first start).
    secret_key: str = ""
    # Outgoing mail. No SMTP host means: write .eml files into var/mail/ (the embedded default).
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_security: Literal["starttls", "tls", "none"] = "starttls"
    # A PEM bundle of CA certificates to verify the SMTP server with (a server with a private CA); empty: the
    # system's trusted CAs. The server's certificate is always verified, name included.
    smtp_ca_file: str = ""
    smtp_from: str = "recoflow <noreply@example.org>"
    smtp_timeout_seconds: float = 30
    mail_batch_size: int = 200
    mail_max_attempts: int = 8
    mail_retry_base_seconds: int = 60
    # A sender holds the mail it is sending this long (renewed with each mail); a sender that died is taken over
    # after it at the latest (at once on the same host). Two ticks of the scheduler's delivery job.
    mail_claim_lease_seconds: int = 120
    # How often the scheduler's delivery job runs; empty: every minute.
    mail_delivery_seconds: int | None = None
    # Bodies of mails sent or failed this many days ago are emptied (DSGVO: kept no longer than needed); the
    # scheduler does it daily, 'recoflow privacy purge' at once. 0 keeps them.
    mail_retention_days: int = Field(default=180, ge=0)
    # The reminder calendar (offsets in calendar days, sent at office_hours_start local time on a working day).
    reminder_call_days_before: int = 56
    reminder_submission_deadline_days_before: int = 42
    reminder_deadline_near_days_before: int = 3
    reminder_invitation_days_before: int = 14
    reminder_meeting_days_before: int = 2
    reminder_vote_days_before: int = 3
    reminder_report_overdue_days_after: int = 7
    office_hours_start: int = 9
    # Reminders missed while the scheduler was down go out if at most this late; older ones are skipped.
    reminder_grace_hours: int = 48
    reminder_lookback_days: int = 21
    # Review of forwarded recommendations: the first strategy meeting at least this many months after forwarding,
    # with the bodies' reports due this many days before it (the one source of the due date: the overview, the
    # exports and the report-due reminder all use it); personal links of bodies stay valid this many days.
    review_after_months: int = 6
    report_due_days_before_review: int = 42
    forwarding_link_valid_days: int = 730
    # Files attached to drafts: the largest accepted (bytes; larger ones are refused while they arrive) and the
    # folder they are kept in by SHA-256 (empty: var/files/).
    attachment_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1, le=2**31 - 1)
    files_dir: str = ""

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except Exception as exc:  # ZoneInfoNotFoundError or ValueError for malformed keys
            raise ValueError(f"unknown time zone {value!r}; use an IANA name such as Europe/Berlin") from exc
        return value

    @property
    def tz(self) -> ZoneInfo:
        """The network's local time zone."""
        return ZoneInfo(self.timezone)

    @property
    def var_dir(self) -> Path:
        """The folder for local state (the embedded database, mail files)."""
        return Path("var")

    @property
    def files_path(self) -> Path:
        """The folder of attached files (content-addressed by SHA-256)."""
        return Path(self.files_dir) if self.files_dir else self.var_dir / "files"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
