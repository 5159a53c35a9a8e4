"""Use cases of forwarding: send an adopted recommendation to responsible bodies, onward to further bodies,
and manage the bodies' personal links (revoke, reissue)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from models.enums import Role
from models.forwarding import Forwarding, ForwardingState, ImplementationReport, ReportStatus
from models.people import Organisation, Person
from models.queries import addressees_of
from models.recommendation import Recommendation
from workflow.engine.clock import local_date, require_aware
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import InvalidInput, NotFound, NotPermitted, RefusalCode
from workflow.engine.firing import fire_event
from workflow.engine.forwarding_definition import FORWARDING_WORKFLOW
from workflow.engine.permissions import roles_of
from workflow.engine.reactions import publish
from workflow.engine.states import RecommendationState as R
from workflow.forwarding.personal_links import IssuedLink, issue_token, revoke_tokens
from workflow.forwarding.refusals import ForwardingRefusal
from workflow.network.directory import find_organisation
from workflow.recommendations.lifecycle import find_recommendation

# Recommendations that may receive further bodies without another transition of their own.
ONWARD_STATES = frozenset({R.FORWARDED, R.UNDER_REVIEW})



@dataclass(frozen=True)
class ForwardingLinkIssued:
    """A domain event: a body's personal link was issued (its reactions, e.g. the mail to the body, write rows in
    the issuing transaction, do no I/O and must not store the plain token)."""

    link: IssuedLink
    now: datetime


def find_forwarding(session: Session, forwarding_id: int) -> Forwarding:
    """A forwarding by id, or a NotFound."""
    forwarding = session.get(Forwarding, forwarding_id)
    if forwarding is None:
        raise NotFound(ForwardingRefusal.NO_FORWARDING, forwarding=forwarding_id)
    return forwarding


def forwarding_of(session: Session, ref: str | int, body_ref: str | int) -> Forwarding:
    """The forwarding of recommendation ``ref`` to body ``body_ref``; refused when it was not sent there."""
    rec = find_recommendation(session, ref)
    org = find_organisation(session, body_ref)
    forwarding = session.exec(select(Forwarding).where(
        Forwarding.recommendation_id == rec.id, Forwarding.organisation_id == org.id)).first()
    if forwarding is None:
        raise InvalidInput(ForwardingRefusal.NOT_FORWARDED_TO, label=RECOMMENDATION_WORKFLOW.label(rec), body=org.name)
    return forwarding


def forward_recommendation(
    session: Session, ref: str | int, body_refs: Sequence[str | int], actor: Person, now: datetime,
    comment: str = "",
) -> list[IssuedLink]:
    """Forward an adopted recommendation to bodies (default: its proposed addressees), or a forwarded one
    onward to further bodies; one transaction; returns each body's new link (the only copy of the token)."""
    now = require_aware(now)
    rec = find_recommendation(session, ref)
    assert rec.id is not None
    label = RECOMMENDATION_WORKFLOW.label(rec)
    if rec.state not in (R.ADOPTED, *ONWARD_STATES):
        raise InvalidInput(ForwardingRefusal.NOT_ADOPTED, label=label, state=rec.state)
    bodies = _bodies(session, rec, body_refs)
    # The bodies' forwardings exist (pending) before the recommendation's "forward" fires: its guard
    # insists on them, so the event cannot fire without anyone to forward to.
    prepared = [_prepare(session, rec, body, actor, now, None) for body in bodies]
    if rec.state == R.ADOPTED:
        fire_event(session, RECOMMENDATION_WORKFLOW, rec.id, "forward", actor=actor, now=now,
                   comment=comment or "An: " + "; ".join(b.name for b in bodies))
    links = [_send(session, forwarding, body, actor, now, comment or "Weitergeleitet.")
             for forwarding, body in zip(prepared, bodies, strict=True)]
    return links


def forward_to_suggested(session: Session, report_id: int, actor: Person, now: datetime) -> IssuedLink:
    """Forward onward to the body that a "not responsible" report named instead."""
    report = session.get(ImplementationReport, report_id)
    if report is None:
        raise NotFound(ForwardingRefusal.NO_REPORT, report=report_id)
    if report.status != ReportStatus.NOT_RESPONSIBLE or report.suggested_organisation_id is None:
        raise InvalidInput(ForwardingRefusal.NO_SUGGESTED_BODY, report=report_id)
    referring = find_forwarding(session, report.forwarding_id)
    rec = find_recommendation(session, referring.recommendation_id)
    if rec.state not in ONWARD_STATES:
        raise InvalidInput(ForwardingRefusal.NO_LONGER_FORWARDABLE, label=RECOMMENDATION_WORKFLOW.label(rec),
                           state=rec.state)
    [body] = _bodies(session, rec, [report.suggested_organisation_id])
    referrer = session.get(Organisation, referring.organisation_id)
    forwarding = _prepare(session, rec, body, actor, now, referring.id)
    link = _send(session, forwarding, body, actor, now,
                 f"Weitergeleitet auf Hinweis von {referrer.name if referrer else 'einer Stelle'}.")
    return link


def _bodies(session: Session, rec: Recommendation, body_refs: Sequence[str | int]) -> list[Organisation]:
    assert rec.id is not None
    label = RECOMMENDATION_WORKFLOW.label(rec)
    if body_refs:
        bodies = [find_organisation(session, ref) for ref in body_refs]
    elif rec.state == R.ADOPTED:
        bodies = list(addressees_of(session, rec.id))
    else:
        raise InvalidInput(ForwardingRefusal.FORWARDED_ALREADY, label=label)
    if not bodies:
        raise InvalidInput(ForwardingRefusal.NO_ADDRESSEE, label=label)
    names = [b.name for b in bodies]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InvalidInput(ForwardingRefusal.BODY_NAMED_TWICE, body=twice[0])
    already = session.exec(select(Forwarding.organisation_id).where(Forwarding.recommendation_id == rec.id)).all()
    sent = [b.name for b in bodies if b.id in set(already)]
    if sent:
        raise InvalidInput(ForwardingRefusal.BODY_HAS_IT, label=label, body=sent[0])
    return bodies


def _prepare(session: Session, rec: Recommendation, body: Organisation, actor: Person, now: datetime,
             referred_by_id: int | None) -> Forwarding:
    assert rec.id is not None and body.id is not None
    forwarding = Forwarding(recommendation_id=rec.id, organisation_id=body.id, state=ForwardingState.PENDING.value,
                            forwarded_at=now, forwarded_by_id=actor.id, referred_by_id=referred_by_id)
    session.add(forwarding)
    session.flush()
    return forwarding


def _send(session: Session, forwarding: Forwarding, body: Organisation, actor: Person, now: datetime,
          comment: str) -> IssuedLink:
    assert forwarding.id is not None and body.id is not None
    fire_event(session, FORWARDING_WORKFLOW, forwarding.id, "send", actor=actor, now=now,
               comment=f"{body.name}: {comment}")
    token, expires_at = issue_token(session, forwarding, now, actor.id)
    link = IssuedLink(forwarding.id, body.id, body.name, body.email, token, expires_at)
    publish(session, ForwardingLinkIssued(link, now))
    return link


def require_secretariat(session: Session, actor: Person, now: datetime, refusal: RefusalCode,
                        **params: Any) -> None:
    """Refuse anyone but the secretariat with ``refusal`` (for actions outside the workflow engine's own
    permission check)."""
    assert actor.id is not None
    if Role.SECRETARIAT not in roles_of(session, actor.id, None, local_date(now)):
        raise NotPermitted(refusal, name=actor.name, email=actor.email, **params)


def revoke_link(session: Session, forwarding_id: int, actor: Person, now: datetime) -> int:
    """Make every link of a forwarding stop working; returns how many were revoked."""
    forwarding = find_forwarding(session, forwarding_id)
    require_secretariat(session, actor, now, ForwardingRefusal.REVOKE_SECRETARIAT_ONLY, forwarding=forwarding_id)
    count = revoke_tokens(session, forwarding.id or 0, now)
    return count


def reissue_link(session: Session, forwarding_id: int, actor: Person, now: datetime) -> IssuedLink:
    """Revoke a forwarding's links and issue a new one (e.g. a lost or leaked link, a new contact person); a body
    with an email address also gets a mail whose own link replaces this one once it is sent."""
    now = require_aware(now)
    forwarding = find_forwarding(session, forwarding_id)
    require_secretariat(session, actor, now, ForwardingRefusal.REISSUE_SECRETARIAT_ONLY, forwarding=forwarding_id)
    body = session.get(Organisation, forwarding.organisation_id)
    assert body is not None and body.id is not None
    token, expires_at = issue_token(session, forwarding, now, actor.id)  # revokes the older ones
    link = IssuedLink(forwarding_id, body.id, body.name, body.email, token, expires_at)
    publish(session, ForwardingLinkIssued(link, now))
    return link


def forwardings_of(session: Session, recommendation_id: int | None = None,
                   organisation_id: int | None = None) -> Sequence[Forwarding]:
    """Forwardings in the order they were sent, optionally of one recommendation or one body."""
    query = select(Forwarding).order_by(col(Forwarding.id))
    if recommendation_id is not None:
        query = query.where(Forwarding.recommendation_id == recommendation_id)
    if organisation_id is not None:
        query = query.where(Forwarding.organisation_id == organisation_id)
    return session.exec(query).all()
