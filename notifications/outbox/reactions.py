"""Mails caused directly by a change, enqueued inside the change's own transaction (no I/O here).

These are reactions: ``bootstrap.py`` registers them with the engine's registry (``workflow.engine.reactions``).
"""

from datetime import datetime

from sqlmodel import Session, col, select

from config import get_settings
from models.enums import Role
from models.forwarding import Forwarding
from models.outbox import OutboxMessage
from models.people import Person, RoleAssignment
from models.recommendation import Recommendation
from notifications.compose.kinds import MessageKind
from notifications.compose.rendering import PERSONAL_LINK
from notifications.outbox.queue import enqueue
from workflow.engine.clock import local_date
from workflow.engine.rules import TransitionContext, TransitionRule
from workflow.forwarding.forwardings import ForwardingLinkIssued
from workflow.network.accounts import LINK_LIFETIME, PasswordLinkIssued, digest
from workflow.reminders.facts import recipient_of
from workflow.reminders.plan import Recipient


def _leads(session: Session, group_id: int, now: datetime) -> list[Person]:
    day = local_date(now)
    rows = session.exec(select(RoleAssignment, Person).join(Person, col(Person.id) == RoleAssignment.person_id)
                        .where(RoleAssignment.role == Role.WG_LEAD, RoleAssignment.working_group_id == group_id,
                               col(Person.active).is_(True))).all()
    return [person for assignment, person in rows if assignment.active_on(day)]


def decision_notice(ctx: TransitionContext, rule: TransitionRule) -> None:
    """After ``close_vote``: tell the working group's lead the result (an effect of the recommendation workflow)."""
    rec: Recommendation = ctx.subject
    for lead in _leads(ctx.session, rec.working_group_id, ctx.now):
        enqueue(ctx.session, kind=MessageKind.VOTE_RESULT, recipient=recipient_of(lead),
                context={"number": rec.number or "", "title": rec.title, "outcome": rule.dest,
                         "link": f"/recommendations/{rec.id}"},
                dedupe_key=f"vote_result|recommendation:{rec.id}|person:{lead.id}|v{rec.version}",
                now=ctx.now, subject_ref=f"recommendation:{rec.id}")


def forwarding_mail(session: Session, issued: ForwardingLinkIssued) -> None:
    """When a body's personal link is issued: mail it the recommendation.

    The mail carries a link of its own, issued when it is sent: the plain token never lands in the outbox.
    """
    link, now = issued.link, issued.now
    forwarding = session.get(Forwarding, link.forwarding_id)
    if forwarding is None or not link.organisation_email:
        return
    rec = session.get(Recommendation, forwarding.recommendation_id)
    assert rec is not None
    recipient = Recipient(link.organisation_email, link.organisation_name, get_settings().language,
                          organisation_id=link.organisation_id)
    enqueue(session, kind=MessageKind.FORWARDING, recipient=recipient,
            context={"body_name": link.organisation_name, "number": rec.number or "", "title": rec.title,
                     "text": rec.text, "report_due": None, "link": PERSONAL_LINK,
                     # Only a body that got links from us before is told that this one replaces them.
                     "newest_link": _mailed_before(session, link.forwarding_id)},
            # One mail per issued link: a reissued link is a new mail, the same link never twice.
            dedupe_key=f"forwarding|forwarding:{link.forwarding_id}|org:{link.organisation_id}|"
                       f"{link.expires_at.isoformat()}",
            now=now, subject_ref=f"forwarding:{link.forwarding_id}")


def _mailed_before(session: Session, forwarding_id: int) -> bool:
    return session.exec(select(OutboxMessage.id).where(
        OutboxMessage.subject_ref == f"forwarding:{forwarding_id}")).first() is not None


def password_link_mail(session: Session, issued: PasswordLinkIssued) -> None:
    """When a set-password link is issued: mail the person one.

    Like a body's link, the mailed link is issued when the mail is sent, so no plain token lands in the outbox;
    setting a password through either link uses up both.
    """
    person, url, now = issued.person, issued.url, issued.now
    enqueue(session, kind=MessageKind.PASSWORD_LINK, recipient=recipient_of(person),
            context={"valid_days": LINK_LIFETIME.days, "link": PERSONAL_LINK, "requested": issued.requested},
            # One mail per issued link (several invitations at the same instant are several mails).
            dedupe_key=f"password_link|account:{person.id}|{now.isoformat()}|{digest(url)[:16]}",
            now=now, subject_ref=f"account:{person.id}")
