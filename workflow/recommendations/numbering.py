"""Recommendation numbers such as HE-2026-007: counted per year of first submission, kept for ever.

The count comes from a counter row per prefix and year, taken with one ``UPDATE … RETURNING`` (see
``models.recommendation.NumberCounter``): concurrent first submissions of different drafts wait for each other on that
row and get consecutive numbers, where ``max(number) + 1`` let them collide on the unique column.
"""

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import select

from config import get_settings
from models.network import PROFILE_ID, NetworkProfile
from models.queries import highest_sequence
from models.recommendation import NumberCounter
from workflow.engine.clock import local_date
from workflow.engine.rules import TransitionContext, TransitionRule

_PROFILE_PREFIX = select(NetworkProfile.number_prefix).where(NetworkProfile.id == PROFILE_ID)
_COUNTER: Any = NumberCounter.__table__  # type: ignore[attr-defined]
_TAKE = (
    sa.update(_COUNTER)
    .where(_COUNTER.c.prefix == sa.bindparam("p"), _COUNTER.c.year == sa.bindparam("y"))
    .values(last=_COUNTER.c.last + 1)
    .returning(_COUNTER.c.last)
)


def number_prefix(connection: sa.Connection) -> str:
    """The prefix of new numbers: the network profile's, else the settings' (before a profile is saved)."""
    prefix = connection.execute(_PROFILE_PREFIX).scalar()
    return prefix or get_settings().number_prefix


def number_head(prefix: str, year: int) -> str:
    """The part of a number before its running count."""
    return f"{prefix}-{year}-"


def next_sequence(connection: sa.Connection, prefix: str, year: int) -> int:
    """Take the next running count of ``prefix`` in ``year`` (the row stays locked until the transaction ends)."""
    taken = connection.execute(_TAKE, {"p": prefix, "y": year}).scalar()
    if taken is None:
        # The year's first number: start from the highest number already given (data older than the counter).
        insert: Any = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
        start = highest_sequence(connection, number_head(prefix, year))
        connection.execute(insert(_COUNTER).values(prefix=prefix, year=year, last=start)
                           .on_conflict_do_nothing(index_elements=["prefix", "year"]))
        taken = connection.execute(_TAKE, {"p": prefix, "y": year}).scalar_one()
    return int(taken)


def assign_number(ctx: TransitionContext, _rule: TransitionRule) -> None:
    """Give a recommendation the year's next number on its first submission."""
    rec = ctx.subject
    if rec.number is not None:
        return
    prefix, year = number_prefix(ctx.connection), local_date(ctx.now).year
    rec.number = f"{number_head(prefix, year)}{next_sequence(ctx.connection, prefix, year):03d}"
