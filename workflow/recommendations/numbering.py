"""Recommendation numbers such as HE-2026-007: counted per year of first submission, kept for ever."""

import sqlalchemy as sa
from sqlmodel import select

from config import get_settings
from models.network import PROFILE_ID, NetworkProfile
from models.queries import highest_sequence
from workflow.engine.clock import local_date
from workflow.engine.rules import TransitionContext, TransitionRule

_PROFILE_PREFIX = select(NetworkProfile.number_prefix).where(NetworkProfile.id == PROFILE_ID)


def number_prefix(connection: sa.Connection) -> str:
    """The prefix of new numbers: the network profile's, else the settings' (before a profile is saved)."""
    prefix = connection.execute(_PROFILE_PREFIX).scalar()
    return prefix or get_settings().number_prefix


def number_head(prefix: str, year: int) -> str:
    """The part of a number before its running count."""
    return f"{prefix}-{year}-"


def assign_number(ctx: TransitionContext, _rule: TransitionRule) -> None:
    """Give a recommendation the year's next number on its first submission."""
    rec = ctx.subject
    if rec.number is not None:
        return
    head = number_head(number_prefix(ctx.connection), local_date(ctx.now).year)
    rec.number = f"{head}{highest_sequence(ctx.connection, head) + 1:03d}"
