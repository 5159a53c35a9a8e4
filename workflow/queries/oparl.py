"""What the read-only OParl endpoint publishes, as facts without URLs (web/oparl renders them as OParl 1.1 objects).

Only what is public: the strategy group, its working groups and the institutions recommendations were forwarded to;
the strategy group's meetings with their agendas; each recommendation once it left its draft. No person is named
(the public pages name none, and the data model holds no consent to publish a name), no comment, no report's text.
A recommendation that carried a number and went back to its draft or was withdrawn is *depublished*, which OParl
calls deleted: its paper and agenda items stay, reduced to id, created, modified and ``deleted``."""

from collections import defaultdict
from datetime import date, datetime

from sqlmodel import Session, col, func, select

from models.attachment import Attachment
from models.enums import MeetingKind, MeetingStatus, RecommendationState
from models.forwarding import Forwarding
from models.groups import Topic, WorkingGroup
from models.meeting import Meeting
from models.network import NetworkProfile
from models.people import Organisation
from models.recommendation import Recommendation
from models.strategy import AgendaItem, AgendaPurpose
from models.transition_record import TransitionRecord
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW, WORKING_GROUP_WORKFLOW
from workflow.engine.read_model import ReadModel
from workflow.forwarding.accountability import ADOPTED_STATES
from workflow.queries.attachment_views import AttachmentView, attachments_by_recommendation

R = RecommendationState
# A numbered recommendation in one of these states is no longer before the strategy group: depublished.
DEPUBLISHED_STATES = frozenset({R.DRAFT, R.WITHDRAWN})


# The network as the one OParl body.
class OparlNetwork(ReadModel):
    name: str
    short_name: str
    contact_email: str
    website: str
    created: datetime
    modified: datetime


# The strategy group or one working group.
class OparlGroup(ReadModel):
    key: str
    name: str
    working_group: bool
    topic: str
    start: date | None
    end: date | None
    planned_members: int | None
    created: datetime
    modified: datetime


# An institution a public recommendation was forwarded to (by name and kind only).
class OparlInstitution(ReadModel):
    id: int
    name: str
    short_name: str
    kind: str
    website: str
    created: datetime
    modified: datetime


# One recommendation on one meeting's agenda: an OParl agenda item and its consultation at once.
class OparlAgendaItem(ReadModel):
    id: int
    meeting_id: int
    position: int
    purpose: AgendaPurpose
    recommendation_id: int
    number: str
    title: str
    # The state the vote in this meeting led to (adopted, rejected, draft when returned), if it was decided there.
    outcome: str | None
    created: datetime
    modified: datetime
    deleted: bool


# A strategy-group meeting or written procedure with its agenda.
class OparlMeeting(ReadModel):
    id: int
    title: str
    written: bool
    starts_at: datetime
    ends_at: datetime | None
    location: str
    status: MeetingStatus
    items: list[OparlAgendaItem]
    created: datetime
    modified: datetime


# A recommendation past its draft; ``public_page`` when the public detail page shows it (adopted and after), and
# only then its attached files (OParl's ``auxiliaryFile``s).
class OparlPaper(ReadModel):
    id: int
    number: str
    title: str
    working_group_id: int
    submitted_on: date | None
    public_page: bool
    consultations: list[OparlAgendaItem]
    attachments: list[AttachmentView]
    created: datetime
    modified: datetime
    deleted: bool


def oparl_network(session: Session, fallback_name: str) -> OparlNetwork:
    """The network's public profile; created when its first group, meeting or recommendation was."""
    profile = session.get(NetworkProfile, 1)
    firsts = [session.exec(select(func.min(c))).one() for c in
              (col(WorkingGroup.created_at), col(Meeting.created_at), col(Recommendation.created_at))]
    known = [f for f in firsts if f is not None]
    created = min(known) if known else (profile.updated_at if profile and profile.updated_at else datetime.min)
    modified = max(created, profile.updated_at) if profile and profile.updated_at else created
    if profile is None:
        return OparlNetwork(name=fallback_name, short_name="", contact_email="", website="", created=created,
                            modified=modified)
    return OparlNetwork(name=profile.name, short_name=profile.short_name, contact_email=profile.contact_email,
                        website=profile.website, created=created, modified=modified)


def oparl_groups(session: Session, network: OparlNetwork) -> list[OparlGroup]:
    """The strategy group, then each working group with the days it was activated and concluded."""
    moves: dict[int, dict[str, datetime]] = defaultdict(dict)
    for record in session.exec(select(TransitionRecord).where(
            TransitionRecord.subject_kind == WORKING_GROUP_WORKFLOW.subject_kind).order_by(col(TransitionRecord.id))):
        moves[record.subject_id].setdefault(record.event, record.occurred_at)
    topics = {t.id: t.title for t in session.exec(select(Topic))}
    groups = [OparlGroup(key="strategy-group", name="Strategiegruppe", working_group=False, topic="", start=None,
                         end=None, planned_members=None, created=network.created, modified=network.created)]
    for group in session.exec(select(WorkingGroup).order_by(col(WorkingGroup.id))):
        assert group.id is not None
        seen = moves[group.id]
        groups.append(OparlGroup(
            key=f"wg-{group.id}", name=group.name, working_group=True, topic=topics.get(group.topic_id, ""),
            start=seen["activate"].date() if "activate" in seen else None,
            end=seen["conclude"].date() if "conclude" in seen else None, planned_members=group.planned_member_count,
            created=group.created_at, modified=max([group.created_at, *seen.values()])))
    return groups


def oparl_institutions(session: Session, network: OparlNetwork) -> list[OparlInstitution]:
    """The institutions that received a recommendation (the public page names them), by id."""
    rows = session.exec(select(Organisation, func.min(Forwarding.id)).join(
        Forwarding, col(Forwarding.organisation_id) == Organisation.id).join(
        Recommendation, col(Recommendation.id) == Forwarding.recommendation_id).where(
        col(Recommendation.state).in_([s.value for s in ADOPTED_STATES])).group_by(col(Organisation.id))
        .order_by(col(Organisation.id))).all()
    return [OparlInstitution(id=org.id or 0, name=org.name, short_name=org.short_name, kind=org.kind.value,
                             website=org.website, created=org.created_at or network.created,
                             modified=org.created_at or network.created) for org, _first in rows]


def oparl_agenda_items(session: Session, meeting_id: int | None = None) -> list[OparlAgendaItem]:
    """Every agenda item (of one meeting, if given) by meeting and position, with what the vote there decided."""
    query = (select(AgendaItem, Recommendation).join(Recommendation, col(Recommendation.id) ==
                                                     AgendaItem.recommendation_id)
             .where(col(Recommendation.number).is_not(None)))
    if meeting_id is not None:
        query = query.where(AgendaItem.meeting_id == meeting_id)
    rows = session.exec(query.order_by(col(AgendaItem.meeting_id), col(AgendaItem.position))).all()
    if not rows:
        return []
    records = session.exec(select(TransitionRecord).where(
        TransitionRecord.subject_kind == RECOMMENDATION_WORKFLOW.subject_kind,
        col(TransitionRecord.subject_id).in_({rec.id for _item, rec in rows}))
        .order_by(col(TransitionRecord.id))).all()
    outcomes = {(r.subject_id, r.meeting_id): r for r in records if r.event == "close_vote"}
    left = {r.subject_id: r.occurred_at for r in records if r.to_state in DEPUBLISHED_STATES}
    items = []
    for item, rec in rows:
        assert item.id is not None and rec.id is not None and rec.number is not None
        decided = outcomes.get((rec.id, item.meeting_id))
        deleted = rec.state in DEPUBLISHED_STATES
        stamps = [item.added_at, *([decided.occurred_at] if decided else []),
                  *([left[rec.id]] if deleted and rec.id in left else [])]
        items.append(OparlAgendaItem(
            id=item.id, meeting_id=item.meeting_id, position=item.position, purpose=item.purpose,
            recommendation_id=rec.id, number=rec.number, title=rec.title,
            outcome=decided.to_state if decided else None, created=item.added_at, modified=max(stamps),
            deleted=deleted))
    return items


def oparl_meetings(session: Session, meeting_id: int | None = None) -> list[OparlMeeting]:
    """The strategy group's meetings and written procedures by id, each with its agenda."""
    query = select(Meeting).order_by(col(Meeting.id))
    if meeting_id is not None:
        query = query.where(Meeting.id == meeting_id)
    agendas: dict[int, list[OparlAgendaItem]] = defaultdict(list)
    for item in oparl_agenda_items(session, meeting_id):
        agendas[item.meeting_id].append(item)
    meetings = []
    for meeting in session.exec(query):
        assert meeting.id is not None
        items = agendas[meeting.id]
        meetings.append(OparlMeeting(
            id=meeting.id, title=meeting.title, written=meeting.kind == MeetingKind.WRITTEN_PROCEDURE,
            starts_at=meeting.starts_at, ends_at=meeting.ends_at, location=meeting.location, status=meeting.status,
            items=items, created=meeting.created_at, modified=max([meeting.created_at, *(i.modified for i in items)])))
    return meetings


def oparl_papers(session: Session, recommendation_id: int | None = None) -> list[OparlPaper]:
    """Every recommendation that was submitted (it carries a number), by id; depublished ones marked deleted."""
    query = select(Recommendation).where(col(Recommendation.number).is_not(None)).order_by(col(Recommendation.id))
    if recommendation_id is not None:
        query = query.where(Recommendation.id == recommendation_id)
    recs = session.exec(query).all()
    if not recs:
        return []
    ids = [rec.id for rec in recs]
    submitted: dict[int, datetime] = {}
    last_move: dict[int, datetime] = {}
    for record in session.exec(select(TransitionRecord).where(
            TransitionRecord.subject_kind == RECOMMENDATION_WORKFLOW.subject_kind,
            col(TransitionRecord.subject_id).in_(ids)).order_by(col(TransitionRecord.id))):
        if record.event == "submit":
            submitted.setdefault(record.subject_id, record.occurred_at)
        last_move[record.subject_id] = record.occurred_at
    consultations: dict[int, list[OparlAgendaItem]] = defaultdict(list)
    for item in oparl_agenda_items(session):
        consultations[item.recommendation_id].append(item)
    # One query for the files of every public paper; a paper not (or no longer) public shows none.
    attachments = attachments_by_recommendation(session, [r.id for r in recs if r.id and r.state in ADOPTED_STATES])
    papers = []
    for rec in recs:
        assert rec.id is not None and rec.number is not None
        moved = last_move.get(rec.id, rec.updated_at)
        papers.append(OparlPaper(
            id=rec.id, number=rec.number, title=rec.title, working_group_id=rec.working_group_id,
            submitted_on=submitted[rec.id].date() if rec.id in submitted else None,
            public_page=rec.state in ADOPTED_STATES, consultations=consultations[rec.id],
            attachments=attachments.get(rec.id, []),
            created=rec.created_at,
            modified=max([rec.updated_at, moved, *(c.modified for c in consultations[rec.id])]),
            deleted=rec.state in DEPUBLISHED_STATES))
    return papers


def oparl_auxiliary_file(session: Session, attachment_id: int) -> tuple[OparlPaper, AttachmentView] | None:
    """A file attached to a paper with a public page, with its paper; any other attachment is absent."""
    row = session.get(Attachment, attachment_id)
    papers = oparl_papers(session, row.recommendation_id) if row is not None else []
    found = [(paper, a) for paper in papers for a in paper.attachments if a.id == attachment_id]
    return found[0] if found else None
