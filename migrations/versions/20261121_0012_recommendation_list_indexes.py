"""indexes for the recommendation list (latest change first) and the work queues (oldest change per state)

Revision ID: 0012
Revises: 0006
Create Date: 2026-11-21
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0012'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_recommendation_updated', 'recommendation', ['updated_at', 'id'])
    op.create_index('ix_recommendation_state_updated', 'recommendation', ['state', 'updated_at', 'id'])


def downgrade() -> None:
    op.drop_index('ix_recommendation_state_updated', table_name='recommendation')
    op.drop_index('ix_recommendation_updated', table_name='recommendation')
