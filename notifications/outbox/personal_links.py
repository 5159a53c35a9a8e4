"""Issuing a personal link at the moment its mail is sent (only the token's hash is ever stored): a body's link to
its forwarding, or a person's set-password link."""

from datetime import datetime

from sqlmodel import Session

from models.db import Database
from models.forwarding import Forwarding
from models.people import Person
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.personal_links import issue_token, link_for, retire_links_before, token_of
from workflow.network.accounts import issue_password_link


def issue_personal_link(database: Database, subject_ref: str, now: datetime, base_url: str) -> str | None:
    """A fresh link for ``forwarding:ID`` or ``account:ID``; None when there is no such forwarding or active person."""
    kind, _, ident = subject_ref.partition(":")
    if kind not in ("forwarding", "account") or not ident.isdigit():
        return None
    with unit_of_work(database) as session:
        if kind == "account":
            person = session.get(Person, int(ident))
            if person is None or not person.active:
                return None
            return issue_password_link(session, person, base_url, now)
        forwarding = session.get(Forwarding, int(ident))
        if forwarding is None:
            return None
        # The body's current link keeps working until this mail is accepted (see ``personal_link_delivered``).
        token, _expires = issue_token(session, forwarding, now, None, replace_older=False)
    return link_for(token)


def personal_link_delivered(session: Session, subject_ref: str, link: str, now: datetime) -> None:
    """The mail carrying ``link`` was accepted: for a body's link, the forwarding's older links stop working
    (the link in the newest mail is the one that works); set-password links need nothing here. In the caller's
    transaction, the one that records the mail as sent."""
    if subject_ref.partition(":")[0] != "forwarding":
        return
    retire_links_before(session, token_of(link), now)
