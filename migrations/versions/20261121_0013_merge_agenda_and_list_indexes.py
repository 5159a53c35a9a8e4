"""merge the agenda-purpose and recommendation-list-index branches into one line of history

Revision ID: 0013
Revises: 0007, 0012
Create Date: 2026-11-21
"""
from collections.abc import Sequence

revision: str = '0013'
down_revision: str | Sequence[str] | None = ('0007', '0012')
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to change: both branches were built side by side and are merged here."""


def downgrade() -> None:
    """Nothing to undo."""
