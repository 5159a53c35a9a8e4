"""What every command shares: the database, the clock, the acting person, and how results are printed."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

import click
from pydantic import BaseModel, ValidationError
from sqlmodel import Session

from config import Settings
from models.db import Database
from models.people import Person
from workflow.engine.clock import system_now
from workflow.network.people import find_person
from workflow.network.profile import effective_settings


class InputRefused(click.ClickException):
    """A command's own input is malformed (an option, a file): one ``Error:`` line and exit status 2, as a
    service's refusal of bad input (the services' refusals are coded; this is the command line's own check)."""

    exit_code = 2


@dataclass
class AppContext:
    """Created once per invocation by the root command."""

    environment: Settings = field(default_factory=Settings)
    fixed_now: datetime | None = None
    _database: Database | None = None
    _settings: Settings | None = None

    @property
    def database(self) -> Database:
        """The database named by the settings, opened on first use."""
        if self._database is None:
            self._database = Database(self.environment.database_url,
                                      busy_timeout_ms=self.environment.sqlite_busy_timeout_ms)
        return self._database

    @property
    def settings(self) -> Settings:
        """The environment's settings with the network's saved profile winning (read once per invocation)."""
        if self._settings is None:
            self._settings = effective_settings(self.environment, self.database)
        return self._settings

    def forget_settings(self) -> None:
        """Read the profile again on next use (after a command changed it)."""
        self._settings = None

    def now(self) -> datetime:
        """The current instant, or the one fixed with --now."""
        return self.fixed_now or system_now()


pass_app = click.make_pass_decorator(AppContext)


def actor(session: Session, email: str) -> Person:
    """The person named by ``EMAIL`` (``--as`` or an argument); an unknown one with where to look."""
    return find_person(session, email)


def _default(value: Any) -> Any:
    if isinstance(value, BaseModel):  # a read model: its JSON names; optional keys never set stay out
        return value.model_dump(by_alias=True, exclude_unset=True)
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in fields(value)}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"cannot serialise {type(value).__name__}")


def echo_json(data: Any) -> None:
    """Print ``data`` as indented JSON (UTF-8, umlauts kept)."""
    click.echo(json.dumps(data, default=_default, ensure_ascii=False, indent=2))


def validation_message(error: ValidationError) -> str:
    """A pydantic error as one line naming each bad field."""
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "value"
        parts.append(f"{where}: {item['msg']}")
    return "Invalid input – " + "; ".join(parts) + "."


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A plain text table for humans."""
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows, strict=False)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows)
    return "\n".join(line.rstrip() for line in lines)


Printer = Callable[[Any], None]
