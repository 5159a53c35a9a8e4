"""Turning an outbox row into a MIME message: text and HTML alternatives, attachments, a stable Message-ID."""

from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from models.outbox import OutboxMessage
from notifications.compose.rendering import PERSONAL_LINK


def to_email(row: OutboxMessage, sender: str, personal_link: str | None = None) -> EmailMessage:
    """The MIME message for ``row``; the same row always gives the same Message-ID."""
    text, html = row.body_text, row.body_html
    if personal_link is not None:
        text, html = text.replace(PERSONAL_LINK, personal_link), html.replace(PERSONAL_LINK, personal_link)
    message = EmailMessage()
    message["From"] = sender
    message["To"] = formataddr((row.to_name, row.to_address)) if row.to_name else row.to_address
    message["Subject"] = row.subject
    message["Message-ID"] = row.message_id
    message["Date"] = format_datetime(row.created_at)
    message["Auto-Submitted"] = "auto-generated"
    message["X-Recoflow-Kind"] = row.kind
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    for attachment in row.attachments:
        maintype, _, rest = attachment["content_type"].partition("/")
        if maintype != "text":
            raise ValueError(f"only text attachments are supported, not {attachment['content_type']}")
        subtype, _, params = rest.partition(";")
        params_dict = dict(p.strip().split("=", 1) for p in params.split(";") if "=" in p)
        message.add_attachment(attachment["content"], subtype=subtype.strip(), filename=attachment["filename"],
                               params=params_dict)
    # Set last: set_content() and add_alternative() move or drop Content-* headers of the outer message.
    message["Content-Language"] = row.language.value
    return message
