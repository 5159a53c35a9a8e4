"""Small typed queries used by services and entry points."""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy import bindparam
from sqlmodel import Session, col, func, select

from models.groups import WorkingGroup
from models.people import Organisation, Person
from models.recommendation import Recommendation, RecommendationAddressee, Revision
from models.transition_record import TransitionRecord

_NUMBER = re.compile(r"^[A-Za-z]+-\d{4}-\d+$")
# The largest id a row can have: primary keys are PostgreSQL INTEGER columns (32 bits, signed).
MAX_ROW_ID = 2**31 - 1


def row_id(text: str | int | None) -> int | None:
    """The id a text names (plain ASCII digits within a column's range), or None when no row can have it."""
    if isinstance(text, int):
        return text if 0 < text <= MAX_ROW_ID else None
    if text is None or not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    value = int(text)
    return value if 0 < value <= MAX_ROW_ID else None


def person_by_email(session: Session, email: str) -> Person | None:
    """The person registered with ``email`` (case-insensitive)."""
    return session.exec(select(Person).where(Person.email == email.strip().lower())).first()


def recommendation_by_ref(session: Session, ref: str | int) -> Recommendation | None:
    """A recommendation by database id (``7``) or by number (``HE-2026-007``)."""
    text = str(ref).strip()
    if text.isdigit():  # '²' is a digit too, and an id may be out of any column's range
        return session.get(Recommendation, key) if (key := row_id(text)) is not None else None
    if _NUMBER.match(text):
        return session.exec(select(Recommendation).where(Recommendation.number == text.upper())).first()
    return None


def working_group_by_ref(session: Session, ref: str | int) -> WorkingGroup | None:
    """A working group by id or by exact name."""
    text = str(ref).strip()
    if text.isdigit():  # '²' is a digit too, and an id may be out of any column's range
        return session.get(WorkingGroup, key) if (key := row_id(text)) is not None else None
    return session.exec(select(WorkingGroup).where(WorkingGroup.name == text)).first()


def organisation_by_ref(session: Session, ref: str | int) -> Organisation | None:
    """An organisation by id or by exact name."""
    text = str(ref).strip()
    if text.isdigit():  # '²' is a digit too, and an id may be out of any column's range
        return session.get(Organisation, key) if (key := row_id(text)) is not None else None
    return session.exec(select(Organisation).where(Organisation.name == text)).first()


def list_recommendations(
    session: Session, state: str | None = None, working_group_id: int | None = None
) -> Sequence[Recommendation]:
    """Recommendations, newest first, optionally filtered by state and group."""
    query = select(Recommendation).order_by(col(Recommendation.id).desc())
    if state is not None:
        query = query.where(Recommendation.state == state)
    if working_group_id is not None:
        query = query.where(Recommendation.working_group_id == working_group_id)
    return session.exec(query).all()


def addressees_of(session: Session, recommendation_id: int) -> Sequence[Organisation]:
    """The organisations proposed as addressees, by name."""
    return session.exec(
        select(Organisation)
        .join(RecommendationAddressee, col(RecommendationAddressee.organisation_id) == Organisation.id)
        .where(RecommendationAddressee.recommendation_id == recommendation_id)
        .order_by(Organisation.name)
    ).all()


def latest_revision(session: Session, recommendation_id: int) -> Revision | None:
    """The newest saved revision of a recommendation's text."""
    return session.exec(
        select(Revision)
        .where(Revision.recommendation_id == recommendation_id)
        .order_by(col(Revision.number).desc())
        .limit(1)
    ).first()


def revisions_of(session: Session, recommendation_id: int) -> Sequence[Revision]:
    """All revisions, oldest first."""
    return session.exec(
        select(Revision).where(Revision.recommendation_id == recommendation_id).order_by(col(Revision.number))
    ).all()


def history_of(session: Session, subject_kind: str, subject_id: int) -> Sequence[TransitionRecord]:
    """The transition records of one subject, in the order they happened."""
    return session.exec(
        select(TransitionRecord)
        .where(TransitionRecord.subject_kind == subject_kind, TransitionRecord.subject_id == subject_id)
        .order_by(col(TransitionRecord.id))
    ).all()


_HIGHEST_NUMBER = (
    select(Recommendation.number)
    .where(col(Recommendation.number).startswith(bindparam("prefix")))
    # Zero-padded counts sort as text until they outgrow the padding; the longer number is higher.
    .order_by(func.length(Recommendation.number).desc(), col(Recommendation.number).desc())
    .limit(1)
)


def highest_sequence(connection: sa.Connection, prefix: str) -> int:
    """The highest running number among recommendation numbers ``{prefix}NNN`` (0 when there is none)."""
    highest = connection.execute(_HIGHEST_NUMBER, {"prefix": prefix}).scalar()
    tail = highest[len(prefix):] if highest else ""
    return int(tail) if tail.isdigit() else 0
