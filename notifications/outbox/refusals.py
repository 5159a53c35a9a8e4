"""Refusals of the outbox (sentences in ``web/wording/refusals/notifications.py``)."""

from workflow.engine.errors import RefusalCode


class OutboxRefusal(RefusalCode):
    """Refusals of reading and retrying mails in the outbox."""

    NO_MAIL = "notifications.no_mail", "not_found"          # mail
    NOT_RETRYABLE = "notifications.not_retryable"           # mail, status
