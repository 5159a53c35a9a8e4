"""Use cases of a draft's attachments: attach a file, detach it. Only the draft's authors, only while a draft.

The file is checked while it arrives (its size against the limit) and once whole (its kind by content); it is
kept under its SHA-256 only when accepted, as the last step before the row is written, so a refused or failed
upload leaves neither file nor row. Each attachment and removal goes into the change record of the recommendation.
"""

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from models.attachment import EXTENSIONS, Attachment, AttachmentKind
from models.file_store import FileStore
from models.groups import WorkingGroup
from models.network import ChangeRecord
from models.people import Person
from models.recommendation import Recommendation
from workflow.engine.clock import require_aware
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import ConflictError, InvalidInput, NotFound
from workflow.engine.states import RecommendationState
from workflow.recommendations.file_types import display_name, kind_of
from workflow.recommendations.lifecycle import find_recommendation, require_author
from workflow.recommendations.refusals import RecommendationRefusal as Refusal

# The change record's subject for a recommendation's attachments (the directory's record, read per subject).
SUBJECT_KIND = "recommendation"
# What a refusal names as allowed, in the order the forms list it.
ALLOWED = ", ".join(ext[1:].upper() for kind in AttachmentKind for ext in EXTENSIONS[kind][:1])


def limit_in_mb(limit: int) -> float | int:
    """The size limit in megabytes (10 for 10 MiB), as the refusals and the forms state it."""
    megabytes = round(limit / (1024 * 1024), 1)
    return int(megabytes) if megabytes == int(megabytes) else megabytes


def _draft_of_author(session: Session, ref: str | int, actor: Person, now: datetime) -> Recommendation:
    rec = find_recommendation(session, ref)
    if rec.state != RecommendationState.DRAFT:
        raise InvalidInput(Refusal.ATTACHMENTS_FROZEN, label=RECOMMENDATION_WORKFLOW.label(rec), state=rec.state)
    group = session.get(WorkingGroup, rec.working_group_id)
    assert group is not None
    require_author(session, actor, group, now)
    return rec


def _record(session: Session, rec: Recommendation, action: str, row: Attachment, actor: Person,
            now: datetime) -> None:
    session.add(ChangeRecord(subject_kind=SUBJECT_KIND, subject_id=rec.id or 0, action=action, actor_id=actor.id,
                             occurred_at=now, changes={"name": row.name, "kind": row.kind, "size": row.size,
                                                       "sha256": row.sha256}))


def attach_file(session: Session, store: FileStore, ref: str | int, name: str, chunks: Iterable[bytes],
                actor: Person, now: datetime, limit: int) -> Attachment:
    """Attach the file arriving in ``chunks`` to a draft, as one of its authors; refused when larger than
    ``limit`` bytes, empty, of a kind not allowed, or already attached to it."""
    now = require_aware(now)
    rec = _draft_of_author(session, ref, actor, now)
    with store.incoming() as incoming:
        for chunk in chunks:
            incoming.write(chunk)
            if incoming.size > limit:
                raise InvalidInput(Refusal.ATTACHMENT_TOO_LARGE, name=name, limit_mb=limit_in_mb(limit))
        incoming.finish()
        if incoming.size == 0:
            raise InvalidInput(Refusal.ATTACHMENT_EMPTY, name=name)
        kind = kind_of(incoming.path)
        if kind is None:
            raise InvalidInput(Refusal.ATTACHMENT_TYPE, name=name, kinds=ALLOWED)
        shown = display_name(name, kind)
        if session.exec(select(Attachment.id).where(Attachment.recommendation_id == rec.id,
                                                    Attachment.sha256 == incoming.sha256)).first() is not None:
            raise ConflictError(Refusal.ATTACHMENT_TWICE, name=shown, label=RECOMMENDATION_WORKFLOW.label(rec))
        row = Attachment(recommendation_id=rec.id or 0, name=shown, kind=kind.value, size=incoming.size,
                         sha256=incoming.sha256, uploaded_by_id=actor.id, uploaded_at=now)
        session.add(row)
        session.flush()
        store.keep(incoming)
    _record(session, rec, "attach", row, actor, now)
    return row


def find_attachment(session: Session, rec: Recommendation, attachment_id: int) -> Attachment:
    """One attachment of ``rec``, or not found (also when it belongs to another recommendation)."""
    row = session.get(Attachment, attachment_id)
    if row is None or row.recommendation_id != rec.id:
        raise NotFound(Refusal.NO_ATTACHMENT, ref=rec.number or rec.id, attachment=attachment_id)
    return row


def detach_file(session: Session, store: FileStore, ref: str | int, attachment_id: int, actor: Person,
                now: datetime) -> Attachment:
    """Remove an attachment from a draft, as one of its authors; its file goes once no attachment names it and
    the removal is committed."""
    now = require_aware(now)
    rec = _draft_of_author(session, ref, actor, now)
    row = find_attachment(session, rec, attachment_id)
    others = session.exec(select(func.count()).select_from(Attachment).where(
        Attachment.sha256 == row.sha256, col(Attachment.id) != row.id)).one()
    session.delete(row)
    _record(session, rec, "detach", row, actor, now)
    if not others:
        sha256 = row.sha256
        # After the commit only: a removal rolled back keeps its file.
        sa.event.listen(session, "after_commit", lambda _session: store.remove(sha256), once=True)
    return row
