"""attachments: files a working group attaches to its draft (the content under var/files/ by SHA-256)

Revision ID: 0003e_attachments
Revises: 0003c_indexes
Create Date: 2026-12-16
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.base import UTCDateTime, one_of

revision: str = '0003e_attachments'
down_revision: str | None = '0003c_indexes'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The kinds as they were when this table was made (a later kind needs its own migration).
KINDS = ('pdf', 'odt', 'docx', 'png', 'jpeg')


def upgrade() -> None:
    op.create_table(
        'attachment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('recommendation_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
        sa.Column('uploaded_at', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'],
                                name=op.f('fk_attachment_recommendation_id_recommendation')),
        sa.ForeignKeyConstraint(['uploaded_by_id'], ['person.id'], name=op.f('fk_attachment_uploaded_by_id_person')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment')),
        sa.UniqueConstraint('recommendation_id', 'sha256', name='uq_attachment_rec_sha256'),
        one_of('kind', KINDS),
    )
    op.create_index(op.f('ix_attachment_recommendation_id'), 'attachment', ['recommendation_id'])
    op.create_index(op.f('ix_attachment_sha256'), 'attachment', ['sha256'])


def downgrade() -> None:
    op.drop_index(op.f('ix_attachment_sha256'), table_name='attachment')
    op.drop_index(op.f('ix_attachment_recommendation_id'), table_name='attachment')
    op.drop_table('attachment')
