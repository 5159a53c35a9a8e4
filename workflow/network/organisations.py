"""Use cases of the organisations in the directory (the responsible bodies recommendations are addressed to):
register, edit, deactivate, bring back and merge duplicates. Only the secretariat changes them; each change is
recorded in the same transaction."""

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, delete, select

from models.forwarding import Forwarding
from models.people import Organisation, OrganisationCreate, OrganisationUpdate, Person
from models.queries import organisation_by_ref
from models.recommendation import RecommendationAddressee
from workflow.engine.clock import require_aware
from workflow.engine.errors import InvalidInput, NotFound
from workflow.network.people import validate_email
from workflow.network.records import apply_changes, record_change
from workflow.network.refusals import DirectoryRefusal
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, Action, require_role

SUBJECT = "organisation"


def find_organisation(session: Session, ref: str | int) -> Organisation:
    """An organisation by id or exact name."""
    org = organisation_by_ref(session, ref)
    if org is None:
        raise NotFound(DirectoryRefusal.NO_ORGANISATION, ref=str(ref).strip())
    return org


def get_organisation(session: Session, organisation_id: int) -> Organisation:
    """The organisation with ``organisation_id``."""
    org = session.get(Organisation, organisation_id)
    if org is None:
        raise NotFound(DirectoryRefusal.NO_ORGANISATION_ID, id=organisation_id)
    return org


def active_organisations(session: Session) -> list[Organisation]:
    """The organisations a recommendation may be addressed or forwarded to, by name."""
    return list(session.exec(select(Organisation).where(col(Organisation.active).is_(True))
                             .order_by(col(Organisation.name))).all())


def _allowed(session: Session, actor: Person | None, doing: Action, now: datetime) -> None:
    if actor is not None:
        require_role(session, actor, SECRETARIAT_ONLY, doing, now)


def _free_name(session: Session, name: str, organisation_id: int | None = None) -> str:
    # Compared in Python: SQLite's lower() folds ASCII only, and "Städtetag" must clash with "STÄDTETAG".
    wanted = name.strip().casefold()
    for other_id, other_name in session.exec(select(Organisation.id, Organisation.name)).all():
        if other_name.casefold() == wanted and other_id != organisation_id:
            raise InvalidInput(DirectoryRefusal.ORGANISATION_NAME_TAKEN, name=other_name)
    return name.strip()


def _mailbox(email: str | None) -> str | None:
    return validate_email(email) if email else None


def create_organisation(session: Session, data: OrganisationCreate, *, actor: Person | None, now: datetime,
                        comment: str = "") -> Organisation:
    """Register an organisation; names are unique regardless of case, the mailbox a valid address."""
    now = require_aware(now)
    _allowed(session, actor, Action.REGISTER_ORGANISATIONS, now)
    org = Organisation(name=_free_name(session, data.name), kind=data.kind, email=_mailbox(data.email),
                       short_name=data.short_name, address=data.address, phone=data.phone, website=data.website,
                       created_at=now)
    session.add(org)
    session.flush()
    assert org.id is not None
    record_change(session, SUBJECT, org.id, "create", actor=actor, now=now, comment=comment,
                  changes=data.model_dump() | {"email": org.email})
    return org


def update_organisation(session: Session, organisation_id: int, data: OrganisationUpdate, *,
                        actor: Person | None, now: datetime, comment: str = "") -> Organisation:
    """Change what ``data`` gives (an empty mailbox removes it)."""
    now = require_aware(now)
    _allowed(session, actor, Action.EDIT_ORGANISATIONS, now)
    org = get_organisation(session, organisation_id)
    if org.merged_into_id is not None:
        raise InvalidInput(DirectoryRefusal.ORGANISATION_MERGED, name=org.name)
    updates = data.model_dump(exclude_none=True)
    if "name" in updates:
        updates["name"] = _free_name(session, updates["name"], organisation_id)
    if "email" in updates:
        updates["email"] = _mailbox(updates["email"])
    changed = apply_changes(org, updates)
    if changed:
        session.add(org)
        record_change(session, SUBJECT, organisation_id, "update", actor=actor, now=now, comment=comment,
                      changes=changed)
    return org


def deactivate_organisation(session: Session, organisation_id: int, *, actor: Person | None, now: datetime,
                            comment: str) -> Organisation:
    """The organisation is no longer offered as addressee or forwarding target; its history stays."""
    now = require_aware(now)
    _allowed(session, actor, Action.DEACTIVATE_ORGANISATIONS, now)
    org = get_organisation(session, organisation_id)
    if not comment.strip():
        raise InvalidInput(DirectoryRefusal.REASON_REQUIRED)
    if not org.active:
        raise InvalidInput(DirectoryRefusal.ORGANISATION_INACTIVE, name=org.name)
    changed = apply_changes(org, {"active": False})
    session.add(org)
    record_change(session, SUBJECT, organisation_id, "deactivate", actor=actor, now=now, comment=comment,
                  changes=changed)
    return org


def reactivate_organisation(session: Session, organisation_id: int, *, actor: Person | None, now: datetime,
                            comment: str = "") -> Organisation:
    """Offer a deactivated organisation again."""
    now = require_aware(now)
    _allowed(session, actor, Action.REACTIVATE_ORGANISATIONS, now)
    org = get_organisation(session, organisation_id)
    if org.merged_into_id is not None:
        raise InvalidInput(DirectoryRefusal.ORGANISATION_MERGED, name=org.name)
    if org.active:
        raise InvalidInput(DirectoryRefusal.ORGANISATION_ACTIVE, name=org.name)
    changed = apply_changes(org, {"active": True})
    session.add(org)
    record_change(session, SUBJECT, organisation_id, "reactivate", actor=actor, now=now, comment=comment,
                  changes=changed)
    return org


def _move_references(session: Session, old: int, new: int) -> dict[str, int]:
    """Addressees, people and forwardings of ``old`` go to ``new`` where the survivor has none of its own."""
    moved: dict[str, int] = {}
    both = select(RecommendationAddressee.recommendation_id).where(RecommendationAddressee.organisation_id == new)
    session.execute(delete(RecommendationAddressee).where(
        col(RecommendationAddressee.organisation_id) == old,
        col(RecommendationAddressee.recommendation_id).in_(both)))
    moved["addressees"] = int(session.execute(update(RecommendationAddressee).where(  # type: ignore[attr-defined]
        col(RecommendationAddressee.organisation_id) == old).values(organisation_id=new)).rowcount or 0)
    moved["people"] = int(session.execute(update(Person).where(  # type: ignore[attr-defined]
        col(Person.organisation_id) == old).values(organisation_id=new)).rowcount or 0)
    # A recommendation forwarded to both keeps two forwardings (one per body, as the table requires).
    taken = select(Forwarding.recommendation_id).where(Forwarding.organisation_id == new)
    forwardings = session.exec(select(Forwarding).where(
        Forwarding.organisation_id == old, col(Forwarding.recommendation_id).not_in(taken))).all()
    for forwarding in forwardings:
        forwarding.organisation_id = new
        session.add(forwarding)
    moved["forwardings"] = len(forwardings)
    return moved


def merge_organisations(session: Session, duplicate_id: int, into_id: int, *, actor: Person | None,
                        now: datetime, comment: str = "") -> Organisation:
    """Merge a duplicate into the organisation that remains; the duplicate stays, inactive, pointing to it."""
    now = require_aware(now)
    _allowed(session, actor, Action.MERGE_ORGANISATIONS, now)
    if duplicate_id == into_id:
        raise InvalidInput(DirectoryRefusal.ORGANISATION_INTO_SELF)
    duplicate, survivor = get_organisation(session, duplicate_id), get_organisation(session, into_id)
    if duplicate.merged_into_id is not None:
        raise InvalidInput(DirectoryRefusal.ORGANISATION_MERGED, name=duplicate.name)
    if not survivor.active:
        raise InvalidInput(DirectoryRefusal.ORGANISATION_INTO_INACTIVE, name=survivor.name)
    blanks = {name: getattr(duplicate, name) for name in ("email", "short_name", "address", "phone", "website")
              if not getattr(survivor, name) and getattr(duplicate, name)}
    moved = _move_references(session, duplicate_id, into_id)
    taken = apply_changes(survivor, blanks)
    session.add(survivor)
    gone = apply_changes(duplicate, {"active": False, "merged_into_id": into_id})
    session.add(duplicate)
    record_change(session, SUBJECT, duplicate_id, "merge_into", actor=actor, now=now, comment=comment,
                  changes=gone)
    record_change(session, SUBJECT, into_id, "merge_from", actor=actor, now=now, comment=comment,
                  changes={**taken, "duplicate_id": duplicate_id, "duplicate_name": duplicate.name,
                           "moved": moved})
    return survivor
