"""API tokens with a life: an expiry and the last use (issue 12).

Tokens issued before have none: they expire 90 days after this upgrade, so that integrations keep working while
their people replace them.

Revision ID: 0002b_security
Revises: 0002a_outbox
Create Date: 2026-12-10
"""
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0002b_security"
down_revision: str | None = "0002a_outbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_at", models.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("last_used_at", models.base.UTCDateTime(timezone=True), nullable=True))
    api_token = sa.table("api_token", sa.column("expires_at", models.base.UTCDateTime(timezone=True)))
    op.execute(api_token.update().where(api_token.c.expires_at.is_(None))
               .values(expires_at=datetime.now(UTC) + timedelta(days=90)))
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.alter_column("expires_at", existing_type=models.base.UTCDateTime(timezone=True), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.drop_column("last_used_at")
        batch_op.drop_column("expires_at")
