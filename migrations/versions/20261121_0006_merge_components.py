"""merge the strategy, forwarding, outbox and web-account branches into one line of history

Revision ID: 0006
Revises: 0002, 0003, 0004, 0005
Create Date: 2026-11-21
"""
from collections.abc import Sequence

revision: str = '0006'
down_revision: str | Sequence[str] | None = ('0002', '0003', '0004', '0005')
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to change: the four components were built side by side and are merged here."""


def downgrade() -> None:
    """Nothing to undo."""
