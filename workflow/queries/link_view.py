"""What a responsible body sees behind its personal link: the recommendation, who sent it when, where its own
forwarding stands and its own reports; nothing about other bodies or other forwardings."""

from datetime import date, datetime

from sqlmodel import Session, col, select

from models.forwarding import ReportStatus
from models.meeting import Meeting
from models.people import Organisation, Person
from models.recommendation import Recommendation
from workflow.engine.read_model import ReadModel
from workflow.forwarding.personal_links import resolve_token
from workflow.forwarding.reports import REPORTING_STATES, reports_of
from workflow.forwarding.review_calendar import report_due_at
from workflow.forwarding.review_effects import current_round
from workflow.queries.attachment_views import AttachmentView, recommendation_attachments


# The recommendation as the body reads it.
class LinkedRecommendation(ReadModel):
    number: str | None
    title: str
    text: str
    rationale: str
    state: str


# The body the link belongs to.
class LinkedBody(ReadModel):
    name: str


# The body's contact person, as far as named.
class LinkContact(ReadModel):
    name: str
    email: str
    phone: str


# Where the body's own forwarding stands.
class LinkedForwarding(ReadModel):
    status: str
    forwarded_at: datetime
    forwarded_by: str | None
    acknowledged_at: datetime | None
    contact: LinkContact


# One of the body's own reports.
class LinkedReport(ReadModel):
    status: str
    text: str
    report_date: date
    filed_at: datetime
    by_letter: bool
    suggested_body: str


# A registered body that can be named as responsible instead.
class OtherBody(ReadModel):
    id: int
    name: str


# The body's page: the recommendation, its forwarding, its reports, and what its report form offers.
class LinkPage(ReadModel):
    recommendation: LinkedRecommendation
    body: LinkedBody
    forwarding: LinkedForwarding
    reports: list[LinkedReport]
    reporting_open: bool
    report_due_at: datetime | None
    statuses: list[str]
    organisations: list[OtherBody]
    attachments: list[AttachmentView]


def link_page(session: Session, token: str, now: datetime) -> LinkPage:
    """The body's page for a valid token; a wrong, expired or revoked one raises ``LinkRefused``."""
    forwarding = resolve_token(session, token, now)
    assert forwarding.id is not None
    rec = session.get(Recommendation, forwarding.recommendation_id)
    body = session.get(Organisation, forwarding.organisation_id)
    assert rec is not None and rec.id is not None and body is not None
    sender = session.get(Person, forwarding.forwarded_by_id) if forwarding.forwarded_by_id is not None else None
    reporting_open = rec.state in REPORTING_STATES
    rnd = current_round(session, rec.id) if reporting_open else None
    meeting = session.get(Meeting, rnd.meeting_id) if rnd is not None and rnd.meeting_id is not None else None
    # The directory of institutions, for a "not responsible" answer naming the body responsible instead.
    others = session.exec(select(Organisation.id, Organisation.name).where(col(Organisation.id) != body.id)
                          .order_by(col(Organisation.name))).all()
    return LinkPage(
        recommendation=LinkedRecommendation(number=rec.number, title=rec.title, text=rec.text,
                                            rationale=rec.rationale, state=rec.state),
        body=LinkedBody(name=body.name),
        forwarding=LinkedForwarding(
            status=forwarding.state, forwarded_at=forwarding.forwarded_at,
            forwarded_by=sender.name if sender else None, acknowledged_at=forwarding.acknowledged_at,
            contact=LinkContact(name=forwarding.contact_name, email=forwarding.contact_email,
                                phone=forwarding.contact_phone)),
        reports=[LinkedReport(status=r.status.value, text=r.text, report_date=r.report_date, filed_at=r.filed_at,
                              by_letter=r.filed_by_id is not None, suggested_body=r.suggested_body)
                 for r in reports_of(session, [forwarding.id])],
        reporting_open=reporting_open,
        report_due_at=report_due_at(meeting) if meeting is not None else None,
        statuses=[s.value for s in ReportStatus],
        organisations=[OtherBody(id=org_id or 0, name=name) for org_id, name in others],
        attachments=recommendation_attachments(session, rec.id),
    )
