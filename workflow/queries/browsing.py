"""What a person may see of recommendations, and the read models of the pages that list them."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from models.enums import MeetingStatus, Role
from models.groups import WorkingGroup
from models.meeting import Meeting
from models.people import Organisation, Person, RoleAssignment
from models.recommendation import Recommendation
from workflow.engine.clock import require_aware
from workflow.engine.errors import NotPermitted
from workflow.engine.read_model import ReadModel
from workflow.engine.states import RecommendationState as R
from workflow.engine.states import WorkingGroupState
from workflow.queries.refusals import BrowsingRefusal

# What the public sees: decided recommendations and how their implementation stands.
PUBLIC_STATES = (R.ADOPTED, R.FORWARDED, R.UNDER_REVIEW, R.IMPLEMENTED, R.PARTIALLY_IMPLEMENTED, R.NOT_IMPLEMENTED)
# Who sees every working group's drafts (the others see their own group's drafts only).
ALL_DRAFTS_ROLES = frozenset({Role.SECRETARIAT, Role.CHAIR})
# Who leads a group (and so submits its drafts): its lead, and its deputy lead standing in.
LEADING_ROLES = frozenset({Role.WG_LEAD, Role.WG_DEPUTY_LEAD})


@dataclass(frozen=True)
class Standing:
    """The roles a person holds on one day, and the working groups they lead (or deputise) or belong to."""

    roles: frozenset[Role]
    lead_groups: frozenset[int]
    member_groups: frozenset[int]

    @property
    def internal(self) -> bool:
        """Whether the person holds any role, and so may see the network's internal pages."""
        return bool(self.roles)

    @property
    def groups(self) -> frozenset[int]:
        """Every working group the person leads or belongs to."""
        return self.lead_groups | self.member_groups


def standing_of(session: Session, person_id: int, day: date) -> Standing:
    """The roles ``person_id`` holds on ``day``, with the groups of their group roles."""
    assignments = session.exec(select(RoleAssignment).where(RoleAssignment.person_id == person_id)).all()
    active = [a for a in assignments if a.active_on(day)]
    return Standing(
        roles=frozenset(Role(a.role) for a in active),
        lead_groups=frozenset(a.working_group_id for a in active
                              if a.role in LEADING_ROLES and a.working_group_id),
        member_groups=frozenset(a.working_group_id for a in active
                                if a.role == Role.WG_MEMBER and a.working_group_id),
    )


def _visible(standing: Standing) -> sa.ColumnElement[bool]:
    if standing.roles & ALL_DRAFTS_ROLES:
        return sa.true()
    return sa.or_(col(Recommendation.state) != R.DRAFT.value,
                  col(Recommendation.working_group_id).in_(sorted(standing.groups)))


def require_internal(person: Person, standing: Standing) -> None:
    """Refuse people who hold no role in the network."""
    if not standing.internal:
        raise NotPermitted(BrowsingRefusal.NO_ROLE, name=person.name)


def require_view(person: Person, standing: Standing, rec: Recommendation) -> None:
    """Refuse a recommendation the person may not see (another group's draft, or no role at all)."""
    require_internal(person, standing)
    if rec.state == R.DRAFT and not standing.roles & ALL_DRAFTS_ROLES and rec.working_group_id not in standing.groups:
        raise NotPermitted(BrowsingRefusal.DRAFT_OF_OTHER_GROUP)


# One line of a list of recommendations.
class RecommendationSummary(ReadModel):
    id: int
    number: str | None
    title: str
    state: str
    working_group: str | None
    working_group_id: int
    version: int
    updated_at: datetime

    @classmethod
    def of(cls, rec: Recommendation, group_name: str | None) -> "RecommendationSummary":
        """The line of ``rec`` in its group ``group_name``."""
        return cls(id=rec.id or 0, number=rec.number, title=rec.title, state=rec.state, working_group=group_name,
                   working_group_id=rec.working_group_id, version=rec.version, updated_at=rec.updated_at)


# A page of the list and how many match in all.
class RecommendationPage(ReadModel):
    items: list[RecommendationSummary]
    total: int
    offset: int
    limit: int


# A decided recommendation as the public sees it: no names of people.
class PublicRecommendation(ReadModel):
    number: str | None
    title: str
    text: str
    state: str
    working_group: str


def search_recommendations(
    session: Session, standing: Standing, *, state: str | None = None, working_group_id: int | None = None,
    text: str | None = None, offset: int = 0, limit: int = 50,
) -> RecommendationPage:
    """The recommendations the person may see, newest change first, filtered by state, group and words."""
    conditions = [_visible(standing)]
    if state:
        conditions.append(col(Recommendation.state) == state)
    if working_group_id is not None:
        conditions.append(col(Recommendation.working_group_id) == working_group_id)
    if text and text.strip():
        needle = text.strip()
        conditions.append(sa.or_(col(Recommendation.title).icontains(needle, autoescape=True),
                                 col(Recommendation.text).icontains(needle, autoescape=True),
                                 col(Recommendation.number).icontains(needle, autoescape=True)))
    total = session.exec(select(func.count()).select_from(Recommendation).where(*conditions)).one()
    newest_first = (col(Recommendation.updated_at).desc(), col(Recommendation.id).desc())
    # The page's ids first: skipping to a deep page then walks the (updated_at, id) index alone, not whole rows.
    page_ids = (select(col(Recommendation.id)).where(*conditions).order_by(*newest_first)
                .offset(max(offset, 0)).limit(max(1, min(limit, 200))).scalar_subquery())
    rows = session.exec(
        select(Recommendation, WorkingGroup.name)
        .join(WorkingGroup, col(WorkingGroup.id) == Recommendation.working_group_id)
        .where(col(Recommendation.id).in_(page_ids))
        .order_by(*newest_first)
    ).all()
    return RecommendationPage(items=[RecommendationSummary.of(rec, name) for rec, name in rows], total=int(total),
                              offset=offset, limit=limit)


def recommendations_in(
    session: Session, states: Sequence[str], working_group_ids: Sequence[int] | None = None, limit: int = 50
) -> list[RecommendationSummary]:
    """Recommendations in any of ``states`` (optionally of some groups), oldest change first: a work queue."""
    query = (select(Recommendation, WorkingGroup.name)
             .join(WorkingGroup, col(WorkingGroup.id) == Recommendation.working_group_id)
             .where(col(Recommendation.state).in_(list(states))))
    if working_group_ids is not None:
        query = query.where(col(Recommendation.working_group_id).in_(list(working_group_ids)))
    rows = session.exec(query.order_by(col(Recommendation.updated_at), col(Recommendation.id)).limit(limit)).all()
    return [RecommendationSummary.of(rec, name) for rec, name in rows]


# A page of the public list and how many decided recommendations there are in all.
class PublicPage(ReadModel):
    items: list[PublicRecommendation]
    total: int


def public_recommendations(session: Session, *, offset: int = 0, limit: int = 20) -> PublicPage:
    """Decided recommendations by number with their implementation state and text, one page of them; no names of
    people."""
    public = col(Recommendation.state).in_([s.value for s in PUBLIC_STATES])
    total = session.exec(select(func.count()).select_from(Recommendation).where(public)).one()
    # The page's ids first, from the (number, state) index alone; then only its rows with their long texts.
    page_ids = (select(col(Recommendation.id)).where(public).order_by(col(Recommendation.number))
                .offset(max(offset, 0)).limit(max(1, min(limit, 200))).scalar_subquery())
    rows = session.exec(
        select(Recommendation, WorkingGroup.name)
        .join(WorkingGroup, col(WorkingGroup.id) == Recommendation.working_group_id)
        .where(col(Recommendation.id).in_(page_ids))
        .order_by(col(Recommendation.number))
    ).all()
    return PublicPage(items=[PublicRecommendation(number=rec.number, title=rec.title, text=rec.text,
                                                  state=rec.state, working_group=name) for rec, name in rows],
                      total=int(total))


def upcoming_meetings(session: Session, now: datetime, limit: int = 10) -> list[Meeting]:
    """Planned meetings and written procedures that still lie ahead, soonest first."""
    return list(session.exec(
        select(Meeting).where(col(Meeting.status) != MeetingStatus.CANCELLED,
                              col(Meeting.starts_at) > require_aware(now))
        .order_by(col(Meeting.starts_at)).limit(limit)
    ).all())


def authoring_groups(session: Session, standing: Standing) -> list[WorkingGroup]:
    """The working groups in which the person may start a draft (the secretariat: every group still open)."""
    query = select(WorkingGroup).where(col(WorkingGroup.state) != WorkingGroupState.CONCLUDED.value)
    if Role.SECRETARIAT not in standing.roles:
        if not standing.groups:
            return []
        query = query.where(col(WorkingGroup.id).in_(sorted(standing.groups)))
    return list(session.exec(query.order_by(col(WorkingGroup.name))).all())


def working_groups(session: Session) -> list[WorkingGroup]:
    """All working groups by name (for filters)."""
    return list(session.exec(select(WorkingGroup).order_by(col(WorkingGroup.name))).all())


def may_edit(standing: Standing, rec: Recommendation) -> bool:
    """Whether the person may edit this recommendation now (a draft of their group, or the secretariat)."""
    return rec.state == R.DRAFT and (Role.SECRETARIAT in standing.roles or rec.working_group_id in standing.groups)


def names_of(session: Session, person_ids: Sequence[int | None]) -> dict[int, str]:
    """People's names by id, in one query."""
    ids = sorted({i for i in person_ids if i is not None})
    if not ids:
        return {}
    return {p.id or 0: p.name for p in session.exec(select(Person).where(col(Person.id).in_(ids))).all()}


def organisations(session: Session) -> list[Organisation]:
    """The active organisations by name: the possible addressees and forwarding targets (deactivated ones keep
    their history but are no longer offered)."""
    return list(session.exec(select(Organisation).where(col(Organisation.active).is_(True))
                             .order_by(col(Organisation.name))).all())
