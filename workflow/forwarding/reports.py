"""What a responsible body does with a forwarded recommendation: acknowledge it, name a contact person and file
implementation reports. Through its personal link (no account), or by letter entered by the secretariat."""

from collections.abc import Sequence
from datetime import date, datetime

from pydantic import EmailStr, field_validator, model_validator
from sqlmodel import Field, Session, SQLModel, col, select

from models.forwarding import INTERIM_STATUSES, Forwarding, ForwardingState, ImplementationReport, ReportStatus
from models.people import Organisation, Person
from models.recommendation import Recommendation
from workflow.engine.clock import local_date, require_aware
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import InvalidInput, NotFound
from workflow.engine.firing import fire_event
from workflow.engine.forwarding_definition import FORWARDING_WORKFLOW
from workflow.engine.states import RecommendationState as R
from workflow.forwarding.forwardings import require_secretariat
from workflow.forwarding.personal_links import resolve_token
from workflow.forwarding.refusals import ForwardingRefusal

# Reports are taken while the recommendation is with the bodies or under review, not after its conclusion.
REPORTING_STATES = frozenset({R.FORWARDED, R.UNDER_REVIEW})
VIA_LINK = "über den persönlichen Link"
VIA_LETTER = "per Brief, erfasst von der Geschäftsstelle"


# A contact person as a body names it, validated.
class ContactInput(SQLModel):
    name: str = Field(min_length=2, max_length=200)
    email: EmailStr | None = None
    phone: str = Field(default="", max_length=64)

    _strip = field_validator("name", "phone")(lambda v: v.strip())


# An implementation report as a body (or the secretariat for it) submits it, validated.
class ReportInput(SQLModel):
    status: ReportStatus
    text: str = Field(min_length=1, max_length=20_000)
    report_date: date | None = None
    suggested_organisation_id: int | None = None
    suggested_body: str = Field(default="", max_length=200)

    _strip = field_validator("text", "suggested_body")(lambda v: v.strip())

    @model_validator(mode="after")
    def _suggestion_only_when_not_responsible(self) -> "ReportInput":
        named = self.suggested_organisation_id is not None or bool(self.suggested_body)
        if self.status == ReportStatus.NOT_RESPONSIBLE and not named:
            raise ValueError("a body that is not responsible names the body it should go to instead")
        if self.status != ReportStatus.NOT_RESPONSIBLE and named:
            raise ValueError("a body to go to instead is named only with the status not_responsible")
        return self


def _context(session: Session, forwarding: Forwarding) -> tuple[Recommendation, Organisation]:
    rec = session.get(Recommendation, forwarding.recommendation_id)
    body = session.get(Organisation, forwarding.organisation_id)
    assert rec is not None and body is not None
    return rec, body


def acknowledge(session: Session, forwarding: Forwarding, actor: Person | None, now: datetime,
                contact: ContactInput | None = None) -> Forwarding:
    """Confirm receipt (once; a repeat only updates the contact person); ``actor=None``: through the link."""
    now = require_aware(now)
    _rec, body = _context(session, forwarding)
    assert forwarding.id is not None
    if actor is not None:
        require_secretariat(session, actor, now, ForwardingRefusal.ACKNOWLEDGE_SECRETARIAT_ONLY, body=body.name)
    if forwarding.acknowledged_at is None:
        if forwarding.state == ForwardingState.SENT:
            fire_event(session, FORWARDING_WORKFLOW, forwarding.id, "acknowledge", actor=actor, now=now,
                       comment=f"{body.name} {VIA_LINK if actor is None else VIA_LETTER}")
        forwarding.acknowledged_at = now
    if contact is not None:
        _set_contact(forwarding, contact)
    session.add(forwarding)
    return forwarding


def name_contact(session: Session, forwarding: Forwarding, contact: ContactInput, actor: Person | None,
                 now: datetime) -> Forwarding:
    """Name or change the body's contact person for this forwarding; ``actor=None``: through the link."""
    _rec, body = _context(session, forwarding)
    if actor is not None:
        require_secretariat(session, actor, now, ForwardingRefusal.CONTACT_SECRETARIAT_ONLY, body=body.name)
    _set_contact(forwarding, contact)
    session.add(forwarding)
    return forwarding


def _set_contact(forwarding: Forwarding, contact: ContactInput) -> None:
    forwarding.contact_name = contact.name
    forwarding.contact_email = (contact.email or "").lower()
    forwarding.contact_phone = contact.phone


def file_report(session: Session, forwarding: Forwarding, data: ReportInput, actor: Person | None,
                now: datetime) -> ImplementationReport:
    """Add a report to the forwarding's timeline (earlier reports stay as they are); ``actor=None``: the link."""
    now = require_aware(now)
    rec, body = _context(session, forwarding)
    assert forwarding.id is not None
    label = RECOMMENDATION_WORKFLOW.label(rec)
    if rec.state not in REPORTING_STATES:
        raise InvalidInput(ForwardingRefusal.REPORTS_CLOSED, label=label, state=rec.state)
    day = data.report_date or local_date(now)
    if day > local_date(now):
        raise InvalidInput(ForwardingRefusal.REPORT_DATE_IN_FUTURE, date=day)
    suggested_id = data.suggested_organisation_id
    if suggested_id is not None and session.get(Organisation, suggested_id) is None:
        raise NotFound(ForwardingRefusal.NO_ORGANISATION, organisation=suggested_id)
    if suggested_id == body.id:
        raise InvalidInput(ForwardingRefusal.BODY_NAMES_ITSELF, body=body.name)
    outcome = ForwardingState.REPORTING if data.status in INTERIM_STATUSES else ForwardingState.REPORTED
    channel = VIA_LINK if actor is None else VIA_LETTER
    fire_event(session, FORWARDING_WORKFLOW, forwarding.id, "report", actor=actor, now=now,
               outcome=outcome.value, comment=f"{body.name} {channel}: {data.status.value}")
    if forwarding.acknowledged_at is None:  # a report is also a receipt
        forwarding.acknowledged_at = now
    report = ImplementationReport(
        forwarding_id=forwarding.id, status=data.status, text=data.text, report_date=day, filed_at=now,
        filed_by_id=actor.id if actor else None, suggested_organisation_id=suggested_id,
        suggested_body=data.suggested_body or _name(session, suggested_id))
    session.add(report)
    return report


def _name(session: Session, organisation_id: int | None) -> str:
    org = session.get(Organisation, organisation_id) if organisation_id is not None else None
    return org.name if org else ""


def reports_of(session: Session, forwarding_ids: Sequence[int]) -> list[ImplementationReport]:
    """The reports on these forwardings, oldest first."""
    if not forwarding_ids:
        return []
    return list(session.exec(select(ImplementationReport)
                             .where(col(ImplementationReport.forwarding_id).in_(list(forwarding_ids)))
                             .order_by(col(ImplementationReport.id))).all())


# Through the personal link: each call resolves the token first, so a bad token changes nothing.

def acknowledge_by_link(session: Session, token: str, now: datetime,
                        contact: ContactInput | None = None) -> Forwarding:
    """The body confirms receipt through its link, optionally naming its contact person."""
    return acknowledge(session, resolve_token(session, token, now), None, now, contact)


def name_contact_by_link(session: Session, token: str, now: datetime, contact: ContactInput) -> Forwarding:
    """The body names its contact person through its link."""
    return name_contact(session, resolve_token(session, token, now), contact, None, now)


def report_by_link(session: Session, token: str, now: datetime, data: ReportInput) -> ImplementationReport:
    """The body files an implementation report through its link."""
    return file_report(session, resolve_token(session, token, now), data, None, now)


def view_by_link(session: Session, token: str, now: datetime) -> dict[str, object]:
    """What the body sees: the recommendation, its own forwarding and its own reports, nothing of others."""
    forwarding = resolve_token(session, token, now)
    rec, body = _context(session, forwarding)
    return {
        "recommendation": {"number": rec.number, "title": rec.title, "text": rec.text,
                           "rationale": rec.rationale, "state": rec.state},
        "body": {"name": body.name},
        "forwarding": {"status": forwarding.state, "forwarded_at": forwarding.forwarded_at,
                       "acknowledged_at": forwarding.acknowledged_at,
                       "contact": {"name": forwarding.contact_name, "email": forwarding.contact_email,
                                   "phone": forwarding.contact_phone}},
        "reports": [{"status": r.status.value, "text": r.text, "report_date": r.report_date,
                     "filed_at": r.filed_at, "suggested_body": r.suggested_body}
                    for r in reports_of(session, [forwarding.id or 0])],
        "statuses": [s.value for s in ReportStatus],
    }
