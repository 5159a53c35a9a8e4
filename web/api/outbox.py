"""The outbox in the JSON API, for the secretariat: the mails queued, sent and failed (newest first, optionally of
one status), one mail as it goes out, and queueing a failed or skipped mail again, through the same services and
permissions as the page 'Postausgang'."""

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from models.outbox import OutboxStatus
from notifications.outbox.views import OutboxLine, OutboxMail, outbox_listing, outbox_mail, retry_mail
from web.api.forwardings import actor_of
from web.api.paging import LINK_HEADER, Cursor, PageLimit, decode_cursor, next_link
from web.api.tokens import Caller
from web.deps import Now, ReadSession, UnitOfWorkRoute, WriteSession
from workflow.queries.reminder_overview import require_secretariat
from workflow.strategy_group.seat_holders import Action

router = APIRouter(route_class=UnitOfWorkRoute, tags=["outbox"])


# One page of the outbox, how many mails there are of each status and in all, and the next page's address.
class OutboxPage(BaseModel):
    items: list[OutboxLine]
    counts: dict[str, int]
    total: int
    next: str | None


@router.get("/outbox", response_model=OutboxPage, summary="The outbox", responses={200: {"headers": LINK_HEADER}})
def list_outbox(request: Request, response: Response, caller: Caller, session: ReadSession,
                status: OutboxStatus | None = None, cursor: Cursor = None, limit: PageLimit = 50) -> Any:
    """Mails queued, sent and failed, newest first, optionally of one status, without their bodies."""
    require_secretariat(caller.person, caller.standing, Action.SEE_THE_OUTBOX)
    start = decode_cursor(cursor)
    listing = outbox_listing(session, status, limit=limit + 1, offset=start)
    items = listing.rows[:limit]
    # One row more than the page was read: whether it came tells whether a next page exists ('total' counts every
    # status, so it cannot tell under a status filter).
    following = next_link(request, response, start, limit, len(items), start + len(listing.rows))
    return {"items": items, "counts": listing.counts, "total": listing.total, "next": following}


@router.get("/outbox/{mail_id}", response_model=OutboxMail, summary="One mail")
def get_mail(mail_id: int, caller: Caller, session: ReadSession) -> Any:
    """One mail as it goes out: recipient, subject, text part, attachments and delivery state."""
    require_secretariat(caller.person, caller.standing, Action.READ_MAILS_IN_THE_OUTBOX)
    return outbox_mail(session, mail_id)


@router.post("/outbox/{mail_id}/retry", response_model=OutboxMail, summary="Send a mail again")
def post_retry(mail_id: int, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Queue a failed or skipped mail again, due now; the scheduler delivers it."""
    retry_mail(session, mail_id, actor=actor_of(session, caller), now=now)
    session.flush()
    return outbox_mail(session, mail_id)
