"""Turning an outbox row into a MIME message: text and HTML alternatives, attachments, a stable Message-ID."""

from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

import idna

from models.outbox import OutboxMessage
from notifications.compose.rendering import PERSONAL_LINK


class UnusableAddress(ValueError):
    """An address no mail can be sent to (no local part or domain, or a domain that has no IDNA form)."""


def envelope_address(address: str) -> tuple[str, bool]:
    """``address`` as it goes on the wire, its domain in IDNA (punycode), and whether its local part needs SMTPUTF8.

    An ASCII local part with an internationalised domain needs nothing of the server; a non-ASCII local part
    (``thomas.brückner@…``) can only go to a server that offers SMTPUTF8.
    """
    local, at, domain = address.strip().rpartition("@")
    if not at or not local or not domain or any(c.isspace() or c in '<>"' for c in address.strip()):
        raise UnusableAddress(address)
    try:
        # IDNA 2008 with UTS 46 mapping, as email-validator checks the directory's addresses (straße stays straße).
        ascii_domain = idna.encode(domain, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        raise UnusableAddress(address) from exc
    return f"{local}@{ascii_domain}", not local.isascii()


def to_email(row: OutboxMessage, sender: str, personal_link: str | None = None) -> EmailMessage:
    """The MIME message for ``row``; the same row always gives the same Message-ID.

    Raises UnusableAddress for an address no mail can go to. A non-ASCII local part stays as written: the message
    must then be written with the SMTPUTF8 policy (smtplib does so when the envelope needs it).
    """
    text, html = row.body_text, row.body_html
    if personal_link is not None:
        text, html = text.replace(PERSONAL_LINK, personal_link), html.replace(PERSONAL_LINK, personal_link)
    message = EmailMessage()
    message["From"] = sender
    wire_address, _needs_smtputf8 = envelope_address(row.to_address)
    local, _, domain = wire_address.rpartition("@")
    # Address(username=, domain=) quotes the name as needed and, unlike formataddr, takes a non-ASCII local part.
    message["To"] = Address(display_name=row.to_name, username=local, domain=domain)
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
