"""number counters: one row per number prefix and year, filled from the numbers already given

Recommendation numbers were ``max(number) + 1`` against a unique column, which collided under concurrent first
submissions on PostgreSQL. From now on the count is taken from this row with one ``UPDATE … RETURNING``.

Revision ID: 0002c_numbering
Revises: 0002b_security
Create Date: 2026-12-15
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002c_numbering'
down_revision: str | None = '0002b_security'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    counter = op.create_table(
        'number_counter',
        sa.Column('prefix', sa.String(length=16), nullable=False),
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('last', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('prefix', 'year', name=op.f('pk_number_counter')),
    )
    highest: dict[tuple[str, int], int] = {}
    for (number,) in op.get_bind().execute(sa.text("SELECT number FROM recommendation WHERE number IS NOT NULL")):
        # PREFIX-YYYY-NNN; the prefix may itself hold a hyphen.
        parts = number.rsplit('-', 2)
        if len(parts) == 3 and parts[1].isdecimal() and parts[2].isdecimal():
            key = (parts[0], int(parts[1]))
            highest[key] = max(highest.get(key, 0), int(parts[2]))
    if highest:
        op.bulk_insert(counter, [{'prefix': p, 'year': y, 'last': n} for (p, y), n in sorted(highest.items())])


def downgrade() -> None:
    op.drop_table('number_counter')
