"""agenda items say why they are there: a decision (vote) or the review of a forwarded recommendation

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every item so far was put there by scheduling, i.e. for a decision.
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purpose', sa.Enum('decision', 'review', name='agendapurpose',
                                                         native_enum=False, length=32),
                                      server_default='decision', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.drop_column('purpose')
