"""outbox: a mail's bytes made once when it is queued (all but its From line and its personal link)

Mails queued before this revision have none; the sender makes them when it sends them.

Revision ID: 0003b_mail_bytes
Revises: 0003f_privacy
Create Date: 2026-12-16
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003b_mail_bytes'
down_revision: str | None = '0003f_privacy'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prepared', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_column('prepared')
