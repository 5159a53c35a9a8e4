"""privacy: the record of erasures, and audit tables that accept the pseudonym of an erased person

An erasure (DSGVO Art. 17) puts a pseudonym in place of the person everywhere, the append-only records included:
their UPDATE triggers now let an UPDATE through while an erasure of the same transaction is redacting (a row of
``privacy_erasure`` with ``redacting`` true, which the erasure sets false again before it commits, so no other
transaction ever sees it). DELETE stays refused.

Revision ID: 0003f_privacy
Revises: 0003a_checkin
Create Date: 2026-12-20
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = '0003f_privacy'
down_revision: str | None = '0003a_checkin'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ('transition_record', 'implementation_report', 'change_record')
_REDACTING = "EXISTS (SELECT 1 FROM privacy_erasure WHERE redacting)"


def upgrade() -> None:
    op.create_table(
        'privacy_erasure',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('erased_by_id', sa.Integer(), nullable=True),
        sa.Column('erased_at', models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('redacting', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['erased_by_id'], ['person.id'], name=op.f('fk_privacy_erasure_erased_by_id_person')),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_privacy_erasure_person_id_person')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_erasure')),
        sa.UniqueConstraint('person_id', name=op.f('uq_privacy_erasure_person_id')),
    )
    _updates_refused(unless_redacting=True)


def downgrade() -> None:
    _updates_refused(unless_redacting=False)
    op.drop_table('privacy_erasure')


def _updates_refused(*, unless_redacting: bool) -> None:
    if op.get_bind().dialect.name == "sqlite":
        when = f" WHEN NOT {_REDACTING}" if unless_redacting else ""
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}{when} "
                       f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
        return
    let_through = f"IF TG_OP = 'UPDATE' AND {_REDACTING} THEN RETURN NEW; END IF; " if unless_redacting else ""
    op.execute("CREATE OR REPLACE FUNCTION recoflow_append_only() RETURNS trigger AS $$ "
               f"BEGIN {let_through}RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql")
