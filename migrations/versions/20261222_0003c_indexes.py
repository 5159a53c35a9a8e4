"""indexes for pages that stay flat at 100,000 recommendations

The public list reads one page by number from (number, state) without sorting every decided recommendation, and
the dashboard finds the open review rounds of a meeting from (concluded_at, meeting_id) without reading every
round (EXPLAIN showed a temporary B-tree and a full scan of review_round before).

Revision ID: 0003c_indexes
Revises: 0003b_mail_bytes
Create Date: 2026-12-20
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0003c_indexes'
down_revision: str | None = '0003b_mail_bytes'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_recommendation_number_state', 'recommendation', ['number', 'state'])
    op.create_index('ix_review_round_open', 'review_round', ['concluded_at', 'meeting_id'])


def downgrade() -> None:
    op.drop_index('ix_review_round_open', table_name='review_round')
    op.drop_index('ix_recommendation_number_state', table_name='recommendation')
