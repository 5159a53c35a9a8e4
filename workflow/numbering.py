"""Recommendation numbers such as HE-2026-007: counted per year of first submission, kept for ever."""

from config import get_settings
from models.queries import highest_sequence
from workflow.clock import local_date
from workflow.engine import TransitionContext, TransitionRule


def number_head(prefix: str, year: int) -> str:
    """The part of a number before its running count."""
    return f"{prefix}-{year}-"


def assign_number(ctx: TransitionContext, _rule: TransitionRule) -> None:
    """Give a recommendation the year's next number on its first submission."""
    rec = ctx.subject
    if rec.number is not None:
        return
    head = number_head(get_settings().number_prefix, local_date(ctx.now).year)
    rec.number = f"{head}{highest_sequence(ctx.connection, head) + 1:03d}"
