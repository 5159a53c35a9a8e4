"""Read models of a recommendation's attachments, and who may see them: whoever may see the recommendation (its
page), the public once it is adopted (its public page), a body through its personal link once forwarded to it."""

from collections import defaultdict
from collections.abc import Collection
from datetime import datetime

from sqlmodel import Session, col, select

from models.attachment import Attachment
from models.network import ChangeRecord
from models.people import Person
from models.queries import recommendation_by_ref
from models.recommendation import Recommendation
from workflow.engine.errors import NotFound
from workflow.engine.read_model import ReadModel
from workflow.forwarding.accountability import ADOPTED_STATES
from workflow.forwarding.personal_links import resolve_token
from workflow.queries.browsing import Standing, require_view
from workflow.recommendations.attachments import SUBJECT_KIND, find_attachment
from workflow.recommendations.lifecycle import find_recommendation
from workflow.recommendations.refusals import RecommendationRefusal


# One attached file as anyone who may see it is shown it (no person: the public and bodies see the same list).
class AttachmentView(ReadModel):
    id: int
    name: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: datetime


# An attachment added or removed: who, when, which file (the record of a draft's attachments).
class AttachmentChange(ReadModel):
    action: str
    name: str
    at: datetime
    by: str | None


def _view(row: Attachment) -> AttachmentView:
    return AttachmentView(id=row.id or 0, name=row.name, media_type=row.media_type, size=row.size,
                          sha256=row.sha256, uploaded_at=row.uploaded_at)


def recommendation_attachments(session: Session, recommendation_id: int) -> list[AttachmentView]:
    """The files attached to one recommendation, oldest first, in one query; ask first who may see them (OParl
    lists them as a Paper's ``auxiliaryFile``s)."""
    rows = session.exec(select(Attachment).where(Attachment.recommendation_id == recommendation_id)
                        .order_by(col(Attachment.uploaded_at), col(Attachment.id))).all()
    return [_view(row) for row in rows]


def attachments_by_recommendation(session: Session,
                                  recommendation_ids: Collection[int]) -> dict[int, list[AttachmentView]]:
    """The files attached to each of several recommendations, oldest first, in one query (for a list of OParl
    papers); ask first who may see them. A recommendation without files is absent."""
    if not recommendation_ids:
        return {}
    found: dict[int, list[AttachmentView]] = defaultdict(list)
    for row in session.exec(select(Attachment).where(col(Attachment.recommendation_id).in_(recommendation_ids))
                            .order_by(col(Attachment.uploaded_at), col(Attachment.id))):
        found[row.recommendation_id].append(_view(row))
    return dict(found)


def attachment_changes(session: Session, recommendation_id: int) -> list[AttachmentChange]:
    """Every attachment added to and removed from a recommendation, oldest first, with who did it."""
    rows = session.exec(
        select(ChangeRecord, Person.name).outerjoin(Person, col(Person.id) == ChangeRecord.actor_id)
        .where(ChangeRecord.subject_kind == SUBJECT_KIND, ChangeRecord.subject_id == recommendation_id,
               col(ChangeRecord.action).in_(("attach", "detach"))).order_by(col(ChangeRecord.id))).all()
    return [AttachmentChange(action=r.action, name=str(r.changes.get("name", "")), at=r.occurred_at, by=name)
            for r, name in rows]


def visible_recommendation(session: Session, ref: str | int, person: Person, standing: Standing) -> Recommendation:
    """The recommendation if ``person`` may see it (its page), else refused as the page is."""
    rec = find_recommendation(session, ref)
    require_view(person, standing, rec)
    return rec


def public_recommendation_row(session: Session, number: str) -> Recommendation:
    """An adopted recommendation by number for the public; any other is not found, as if absent."""
    rec = None if number.strip().isdigit() else recommendation_by_ref(session, number)
    if rec is None or rec.number is None or rec.state not in ADOPTED_STATES:
        raise NotFound(RecommendationRefusal.NO_RECOMMENDATION, ref=number)
    return rec


def linked_recommendation(session: Session, token: str, now: datetime) -> Recommendation:
    """The recommendation forwarded through this personal link; a wrong, expired or revoked one raises
    ``LinkRefused``."""
    forwarding = resolve_token(session, token, now)
    rec = session.get(Recommendation, forwarding.recommendation_id)
    assert rec is not None
    return rec


def attachment_of(session: Session, rec: Recommendation, attachment_id: int) -> Attachment:
    """One attachment of a recommendation the caller may see (checked before), or not found."""
    return find_attachment(session, rec, attachment_id)
