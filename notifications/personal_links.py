"""Issuing a body's personal link at the moment its mail is sent (only the token's hash is ever stored)."""

from datetime import datetime

from models.db import Database
from models.forwarding import Forwarding
from workflow.forwarding_tokens import issue_token, link_for
from workflow.transaction import committing


def issue_personal_link(database: Database, subject_ref: str, now: datetime) -> str | None:
    """A fresh link for the forwarding named ``forwarding:ID``; None when there is no such forwarding."""
    kind, _, ident = subject_ref.partition(":")
    if kind != "forwarding" or not ident.isdigit():
        return None
    with database.write() as session, committing(session, "The personal link"):
        forwarding = session.get(Forwarding, int(ident))
        if forwarding is None:
            return None
        token, _expires = issue_token(session, forwarding, now, None)
    return link_for(token)
