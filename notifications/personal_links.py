"""Issuing a personal link at the moment its mail is sent (only the token's hash is ever stored): a body's link to
its forwarding, or a person's set-password link."""

from datetime import datetime

from models.db import Database
from models.forwarding import Forwarding
from models.people import Person
from workflow.accounts import issue_password_link
from workflow.forwarding_tokens import issue_token, link_for
from workflow.transaction import committing


def issue_personal_link(database: Database, subject_ref: str, now: datetime, base_url: str) -> str | None:
    """A fresh link for ``forwarding:ID`` or ``account:ID``; None when there is no such forwarding or active person."""
    kind, _, ident = subject_ref.partition(":")
    if kind not in ("forwarding", "account") or not ident.isdigit():
        return None
    with database.write() as session, committing(session, "The personal link"):
        if kind == "account":
            person = session.get(Person, int(ident))
            if person is None or not person.active:
                return None
            return issue_password_link(session, person, base_url, now)
        forwarding = session.get(Forwarding, int(ident))
        if forwarding is None:
            return None
        token, _expires = issue_token(session, forwarding, now, None)
    return link_for(token)
