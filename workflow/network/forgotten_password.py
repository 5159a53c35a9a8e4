""""Passwort vergessen": a person asks for a set-password link by email address.

The answer never says whether the address is known (the page shows the same text either way); a link is mailed
only to an active person. Requests are counted per address and per client in the database throttle, so that
the form cannot be used to flood someone's inbox or to probe many addresses: requests beyond the limit are
answered alike and send nothing.
"""

from datetime import datetime, timedelta

from sqlmodel import Session

from models.queries import person_by_email
from workflow.engine.clock import require_aware
from workflow.engine.reactions import publish
from workflow.network.accounts import PasswordLinkIssued, issue_password_link
from workflow.network.records import record_change
from workflow.network.throttles import count_attempt

# Mails per address and requests per client within the window; a lock lasts as long as the window.
ADDRESS_LIMIT = 3
CLIENT_LIMIT = 10
REQUEST_WINDOW = timedelta(hours=1)


def request_password_link(session: Session, email: str, client: str, base_url: str, now: datetime) -> bool:
    """Mail a set-password link to the active person with ``email``, within the throttle's limits; returns
    whether a mail was queued (the caller must not tell the person)."""
    now = require_aware(now)
    email = email.strip().lower()
    if not email or len(email) > 254:
        return False
    for key, limit in ((f"forgot-ip:{client}", CLIENT_LIMIT), (f"forgot-email:{email}", ADDRESS_LIMIT)):
        counted = count_attempt(session, key, lock_at=limit, window=REQUEST_WINDOW, lock_for=REQUEST_WINDOW, now=now)
        if counted.count > limit:
            return False
    person = person_by_email(session, email)
    if person is None or not person.active or person.id is None:
        return False
    url = issue_password_link(session, person, base_url, now)
    delivered = publish(session, PasswordLinkIssued(person, url, now, requested=True)) > 0
    record_change(session, "person", person.id, "invite", actor=None, now=now,
                  changes={"requested_by_the_person": True, "delivered_by_mail": delivered})
    return delivered
