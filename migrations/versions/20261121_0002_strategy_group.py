"""strategy group: agendas, attendance, votes, ballots, decisions, strategic goals, public events

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.base

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_VOTE_RESULT = ('adopted', 'rejected', 'returned')


def upgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ends_at', models.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('sequence', sa.Integer(), server_default='0', nullable=False))

    op.create_table('public_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('kind', sa.Enum('fachtag', 'informationsveranstaltung', name='publiceventkind', native_enum=False, length=32), nullable=False),
    sa.Column('starts_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_public_event'))
    )
    op.create_table('strategic_goal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('set_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_strategic_goal_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_strategic_goal_topic_id_topic')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategic_goal'))
    )
    with op.batch_alter_table('strategic_goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategic_goal_topic_id'), ['topic_id'], unique=False)

    op.create_table('attendance',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('seat_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('present', 'represented', 'absent', name='attendancestatus', native_enum=False, length=32), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_attendance_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_attendance_person_id_person')),
    sa.ForeignKeyConstraint(['seat_id'], ['seat.id'], name=op.f('fk_attendance_seat_id_seat')),
    sa.PrimaryKeyConstraint('meeting_id', 'seat_id', name=op.f('pk_attendance'))
    )
    op.create_table('vote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.Enum('meeting', 'written_procedure', name='votemode', native_enum=False, length=32), nullable=False),
    sa.Column('rule', sa.Enum('default', 'two_thirds', 'each_category', 'silence', name='voterule', native_enum=False, length=32), nullable=False),
    sa.Column('status', sa.Enum('open', 'closed', name='votestatus', native_enum=False, length=32), nullable=False),
    sa.Column('opened_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('deadline', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('result', sa.Enum(*_VOTE_RESULT, name='voteresult', native_enum=False, length=32), nullable=True),
    sa.Column('yes', sa.Integer(), nullable=False),
    sa.Column('no', sa.Integer(), nullable=False),
    sa.Column('abstain', sa.Integer(), nullable=False),
    sa.Column('quorum_met', sa.Boolean(), nullable=True),
    sa.Column('opened_by', sa.Integer(), nullable=True),
    sa.Column('closed_by', sa.Integer(), nullable=True),
    sa.Column('comment', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['closed_by'], ['person.id'], name=op.f('fk_vote_closed_by_person')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_vote_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['opened_by'], ['person.id'], name=op.f('fk_vote_opened_by_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vote'))
    )
    with op.batch_alter_table('vote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vote_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vote_status'), ['status'], unique=False)

    op.create_table('agenda_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('added_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_agenda_item_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], name=op.f('fk_agenda_item_recommendation_id_recommendation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item')),
    sa.UniqueConstraint('meeting_id', 'recommendation_id', name='uq_agenda_item_meeting_rec')
    )
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_item_recommendation_id'), ['recommendation_id'], unique=False)

    op.create_table('ballot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('seat_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('choice', sa.Enum('yes', 'no', 'abstain', name='choice', native_enum=False, length=32), nullable=False),
    sa.Column('cast_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('changed_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_ballot_person_id_person')),
    sa.ForeignKeyConstraint(['seat_id'], ['seat.id'], name=op.f('fk_ballot_seat_id_seat')),
    sa.ForeignKeyConstraint(['vote_id'], ['vote.id'], name=op.f('fk_ballot_vote_id_vote')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ballot')),
    sa.UniqueConstraint('vote_id', 'seat_id', name='uq_ballot_vote_seat')
    )
    with op.batch_alter_table('ballot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ballot_vote_id'), ['vote_id'], unique=False)

    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('recommendation', 'convene_group', 'conclude_group', 'topic', 'strategic_goal', name='decisionkind', native_enum=False, length=32), nullable=False),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=True),
    sa.Column('working_group_id', sa.Integer(), nullable=True),
    sa.Column('topic_id', sa.Integer(), nullable=True),
    sa.Column('vote_id', sa.Integer(), nullable=True),
    sa.Column('result', sa.Enum(*_VOTE_RESULT, name='voteresult', native_enum=False, length=32), nullable=True),
    sa.Column('yes', sa.Integer(), nullable=True),
    sa.Column('no', sa.Integer(), nullable=True),
    sa.Column('abstain', sa.Integer(), nullable=True),
    sa.Column('decided_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_decision_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], name=op.f('fk_decision_recommendation_id_recommendation')),
    sa.ForeignKeyConstraint(['recorded_by'], ['person.id'], name=op.f('fk_decision_recorded_by_person')),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_decision_topic_id_topic')),
    sa.ForeignKeyConstraint(['vote_id'], ['vote.id'], name=op.f('fk_decision_vote_id_vote')),
    sa.ForeignKeyConstraint(['working_group_id'], ['working_group.id'], name=op.f('fk_decision_working_group_id_working_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision'))
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('vote_item',
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], name=op.f('fk_vote_item_recommendation_id_recommendation')),
    sa.ForeignKeyConstraint(['vote_id'], ['vote.id'], name=op.f('fk_vote_item_vote_id_vote')),
    sa.PrimaryKeyConstraint('vote_id', 'recommendation_id', name=op.f('pk_vote_item'))
    )
    with op.batch_alter_table('vote_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vote_item_recommendation_id'), ['recommendation_id'], unique=False)


def downgrade() -> None:
    for table, indexes in (
        ('vote_item', ('ix_vote_item_recommendation_id',)),
        ('decision', ('ix_decision_meeting_id',)),
        ('ballot', ('ix_ballot_vote_id',)),
        ('agenda_item', ('ix_agenda_item_recommendation_id', 'ix_agenda_item_meeting_id')),
        ('vote', ('ix_vote_status', 'ix_vote_meeting_id')),
        ('attendance', ()),
        ('strategic_goal', ('ix_strategic_goal_topic_id',)),
        ('public_event', ()),
    ):
        if indexes:
            with op.batch_alter_table(table, schema=None) as batch_op:
                for index in indexes:
                    batch_op.drop_index(index)
        op.drop_table(table)
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('sequence')
        batch_op.drop_column('ends_at')
