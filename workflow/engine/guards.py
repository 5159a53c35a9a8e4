"""Guards of the default workflows: each returns ``None`` when it holds, else a ``Reason``, and declares the
reason codes it may refuse with.

A ``Reason`` is a code and the values its wording needs, never a sentence: the pages word it in the reader's
language and point to their own forms, the command line in English with the command that helps, the API as the
code with its parameters (``web/wording/guard_labels.py``, ``cli/hints.py``).
"""

import sqlalchemy as sa
from sqlalchemy import bindparam
from sqlmodel import col, select

from models.enums import MeetingStatus, Role
from models.forwarding import Forwarding, ForwardingState, ReviewRound
from models.groups import WorkingGroup
from models.meeting import Meeting
from models.people import RoleAssignment
from models.recommendation import Recommendation, RecommendationAddressee
from models.strategy import AgendaItem
from workflow.engine.clock import local_date
from workflow.engine.errors import Reason, reason
from workflow.engine.rules import Fact, TransitionContext, guard
from workflow.engine.states import WorkingGroupState


@guard("comment_missing", judges_input=True)
def comment_given(ctx: TransitionContext) -> Reason | None:
    """The actor says why (returns, withdrawals and conclusions need a reason on record)."""
    if ctx.comment.strip():
        return None
    return reason("comment_missing")


@guard("rationale_missing")
def rationale_given(ctx: TransitionContext) -> Reason | None:
    """A recommendation is complete only with a rationale."""
    if ctx.subject.rationale.strip():
        return None
    return reason("rationale_missing")


_RECOMMENDATION: sa.Table = Recommendation.__table__  # type: ignore[attr-defined]
HAS_ADDRESSEE = Fact("has_addressee", _RECOMMENDATION, sa.exists().where(
    col(RecommendationAddressee.recommendation_id) == _RECOMMENDATION.c.id))
# The name of the subject's working group when it is concluded (nothing while it works).
CONCLUDED_GROUP = Fact("concluded_group", _RECOMMENDATION, select(WorkingGroup.name).where(
    col(WorkingGroup.id) == _RECOMMENDATION.c.working_group_id,
    col(WorkingGroup.state) == WorkingGroupState.CONCLUDED.value,
).scalar_subquery())


@guard("addressee_missing", facts=[HAS_ADDRESSEE])
def addressee_proposed(ctx: TransitionContext) -> Reason | None:
    """A recommendation must say whom it addresses."""
    if ctx.fact(HAS_ADDRESSEE):
        return None
    return reason("addressee_missing")


@guard("group_concluded", facts=[CONCLUDED_GROUP])
def group_not_concluded(ctx: TransitionContext) -> Reason | None:
    """A concluded working group submits nothing more."""
    group = ctx.fact(CONCLUDED_GROUP)
    if group is None:
        return None
    return reason("group_concluded", group=group)


@guard("meeting_missing", "meeting_unknown", "meeting_cancelled", "meeting_past", judges_input=True)
def meeting_ahead(ctx: TransitionContext) -> Reason | None:
    """Scheduling names a planned meeting (or written procedure) that has not yet taken place."""
    if ctx.meeting_id is None:
        return reason("meeting_missing")
    meeting = ctx.session.get(Meeting, ctx.meeting_id)
    if meeting is None:
        return reason("meeting_unknown", meeting=ctx.meeting_id)
    if meeting.status == MeetingStatus.CANCELLED:
        return reason("meeting_cancelled", meeting=meeting.id, title=meeting.title)
    if meeting.starts_at <= ctx.now:
        return reason("meeting_past", meeting=meeting.id, title=meeting.title)
    return None


# A forwarding is "pending" only inside the forwarding service's own transaction, before it is sent.
FORWARDING_PREPARED = Fact("forwarding_prepared", _RECOMMENDATION, sa.exists().where(
    col(Forwarding.recommendation_id) == _RECOMMENDATION.c.id,
    col(Forwarding.state) == ForwardingState.PENDING.value,
))


@guard("forward_through_service", facts=[FORWARDING_PREPARED])
def forwardings_prepared(ctx: TransitionContext) -> Reason | None:
    """Forwarding happens only through the forwarding service, which creates each body's forwarding (with its
    personal link) in the same transaction: the plain event alone would send the recommendation to nobody."""
    if ctx.fact(FORWARDING_PREPARED):
        return None
    return reason("forward_through_service", recommendation=ctx.subject.number or ctx.subject.id)


_ON_THAT_AGENDA = (
    select(AgendaItem.id)
    .where(AgendaItem.meeting_id == bindparam("meeting_id"), AgendaItem.recommendation_id == bindparam("rec_id"))
    .limit(1)
)


@guard("already_on_that_agenda", judges_input=True)
def not_on_that_agenda(ctx: TransitionContext) -> Reason | None:
    """Rescheduling names another meeting than the one whose agenda the recommendation is on."""
    if ctx.meeting_id is None:
        return None  # ``meeting_ahead`` asks for the meeting
    if ctx.connection.execute(_ON_THAT_AGENDA, {"meeting_id": ctx.meeting_id, "rec_id": ctx.subject.id}).first():
        return reason("already_on_that_agenda", meeting=ctx.meeting_id)
    return None


_GROUP_TERMS = select(col(RoleAssignment.person_id), col(RoleAssignment.role), col(RoleAssignment.starts_on),
                      col(RoleAssignment.ends_on)).where(RoleAssignment.working_group_id == bindparam("group_id"))


@guard("group_without_lead", "group_without_members")
def lead_and_members_named(ctx: TransitionContext) -> Reason | None:
    """A working group starts work with a lead and at least one further member on the day."""
    day = local_date(ctx.now)
    current = [(person, role) for person, role, starts_on, ends_on
               in ctx.connection.execute(_GROUP_TERMS, {"group_id": ctx.subject.id})
               if starts_on <= day and (ends_on is None or day <= ends_on)]
    leads = {person for person, role in current if role == Role.WG_LEAD}
    if not leads:
        return reason("group_without_lead", group=ctx.subject.name)
    if not {person for person, _role in current} - leads:
        return reason("group_without_members", group=ctx.subject.name)
    return None


# The meeting the current review round is planned for (its newest round), when none is named on firing.
_PLANNED_REVIEW_MEETING = (
    select(ReviewRound.meeting_id)
    .where(ReviewRound.recommendation_id == bindparam("rec_id"))
    .order_by(col(ReviewRound.number).desc())
    .limit(1)
)
# Firing ``start_review`` with this parameter set brings the review forward: the secretariat's explicit override.
BRING_FORWARD = "bring_forward"


@guard("review_meeting_ahead")
def review_meeting_reached(ctx: TransitionContext) -> Reason | None:
    """A review starts at its review meeting, from that meeting's day on: the bodies report until then. The
    secretariat may bring it forward explicitly (the review service records why)."""
    if ctx.params.get(BRING_FORWARD) and Role.SECRETARIAT in ctx.roles:
        return None
    meeting_id = ctx.meeting_id
    if meeting_id is None:
        meeting_id = ctx.connection.execute(_PLANNED_REVIEW_MEETING, {"rec_id": ctx.subject.id}).scalar()
    meeting = ctx.session.get(Meeting, meeting_id) if meeting_id is not None else None
    if meeting is None:
        return None  # the review service asks for a meeting
    day = local_date(meeting.starts_at)
    if local_date(ctx.now) >= day:
        return None
    return reason("review_meeting_ahead", meeting=meeting.id, title=meeting.title, day=day)
