"""Which meetings a form asking for one offers, and which it preselects: one answer for every such form ("Auf die
Tagesordnung setzen", "verschieben", moving an agenda item, starting a review).

The default is the next strategy meeting whose Antragsschluss is still ahead — or, for a review, the meeting the
calendar names for it. A written procedure whose vote is already open is offered (it can take further items) but never
preselected, and the meeting an item is already on is not offered at all.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from models.enums import MeetingKind
from models.meeting import Meeting
from models.strategy import AgendaItem, Vote, VoteStatus
from workflow.engine.clock import require_aware
from workflow.engine.read_model import ReadModel
from workflow.strategy_group.meetings import ACTIVE_STATUSES, submission_deadline


# One meeting or written procedure a form offers.
class MeetingChoice(ReadModel):
    id: int
    title: str
    starts_at: datetime
    kind: MeetingKind
    submission_deadline: datetime
    deadline_ahead: bool  # its Antragsschluss has not passed
    running: bool  # a written procedure whose vote is open


# The meetings a form offers, soonest first, and the one it preselects (None: the person must choose).
class MeetingChoices(ReadModel):
    choices: list[MeetingChoice]
    default_id: int | None


def meeting_choices(session: Session, now: datetime, *, excluding: int | None = None, preferred: int | None = None,
                    limit: int = 20) -> MeetingChoices:
    """The planned meetings and written procedures ahead (without ``excluding``) and the one to preselect:
    ``preferred`` when it is offered, else the next strategy meeting whose Antragsschluss is still ahead."""
    now = require_aware(now)
    vote_open = sa.exists().where(col(Vote.meeting_id) == col(Meeting.id), col(Vote.status) == VoteStatus.OPEN)
    query = select(Meeting, vote_open.label("vote_open")).where(col(Meeting.status).in_(ACTIVE_STATUSES),
                                                                col(Meeting.starts_at) > now)
    if excluding is not None:
        query = query.where(col(Meeting.id) != excluding)
    rows = session.exec(query.order_by(col(Meeting.starts_at), col(Meeting.id)).limit(limit)).all()
    choices = [MeetingChoice(id=m.id or 0, title=m.title, starts_at=m.starts_at, kind=m.kind,
                             submission_deadline=submission_deadline(m), deadline_ahead=submission_deadline(m) > now,
                             running=m.kind == MeetingKind.WRITTEN_PROCEDURE and bool(vote_open))
               for m, vote_open in rows]
    return MeetingChoices(choices=choices, default_id=_default(choices, preferred))


def _default(choices: list[MeetingChoice], preferred: int | None) -> int | None:
    if preferred is not None and any(c.id == preferred for c in choices):
        return preferred
    return next((c.id for c in choices if c.kind == MeetingKind.MEETING and not c.running and c.deadline_ahead),
                None)


def current_agenda_meeting(session: Session, rec_id: int) -> int | None:
    """The meeting whose agenda the recommendation was last put on (a move elsewhere is not offered it again)."""
    return session.exec(select(AgendaItem.meeting_id).where(AgendaItem.recommendation_id == rec_id)
                        .order_by(col(AgendaItem.id).desc()).limit(1)).first()
