"""attendance.recorded_by_id: who recorded a seat's attendance (the secretariat, or a member checking in)

Members now check in themselves on the meeting's day; the secretariat's form shows which seats did so.
Rows recorded before this revision were all recorded by the secretariat, whose person is not known: they stay NULL.

Revision ID: 0003a_checkin
Revises: 0002c_numbering
Create Date: 2026-12-16
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003a_checkin'
down_revision: str | None = '0002c_numbering'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recorded_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_attendance_recorded_by_id_person'), 'person',
                                    ['recorded_by_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_attendance_recorded_by_id_person'), type_='foreignkey')
        batch_op.drop_column('recorded_by_id')
