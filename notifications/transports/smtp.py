"""SMTP delivery: STARTTLS or implicit TLS, optional AUTH, one connection per batch, failures classified."""

import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import parseaddr
from typing import Literal

from notifications.compose.mime import UnusableAddress, envelope_address
from notifications.outbox.notes import OutboxNote, note
from notifications.transports.base import DeliveryFailure

Security = Literal["starttls", "tls", "none"]
# What a mail with a non-ASCII local part is sent with (the header carries raw UTF-8).
_INTERNATIONAL = ("SMTPUTF8", "BODY=8BITMIME")


def _answer(code: int, text: bytes | str) -> str:
    detail = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {detail}".strip()


class SmtpConnection:
    """One logged-in SMTP session."""

    def __init__(self, client: smtplib.SMTP, sender: str) -> None:
        self.client = client
        self.envelope_from = parseaddr(sender)[1] or sender

    def send(self, data: bytes, to_address: str, *, message_id: str) -> None:
        """Stream one message's bytes; 4xx and lost connections are temporary, 5xx and unusable addresses permanent.

        The domain goes out in IDNA; a non-ASCII local part only to a server offering SMTPUTF8 (then sent with
        SMTPUTF8 and BODY=8BITMIME, as smtplib's send_message does), otherwise this one mail fails.
        """
        try:
            wire_address, needs_smtputf8 = envelope_address(to_address)
        except UnusableAddress as exc:
            raise DeliveryFailure(note(OutboxNote.BAD_ADDRESS, address=to_address), permanent=True) from exc
        if needs_smtputf8 and not self.client.has_extn("smtputf8"):
            raise DeliveryFailure(note(OutboxNote.NEEDS_SMTPUTF8, address=to_address), permanent=True)
        try:
            self.client.sendmail(self.envelope_from, [wire_address], data,
                                 mail_options=_INTERNATIONAL if needs_smtputf8 else ())
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            raise DeliveryFailure(note(OutboxNote.SERVER_ANSWER, answer=_answer(code, text)),
                                  permanent=code >= 500) from exc
        except smtplib.SMTPResponseException as exc:
            raise DeliveryFailure(note(OutboxNote.SERVER_ANSWER, answer=_answer(exc.smtp_code, exc.smtp_error)),
                                  permanent=exc.smtp_code >= 500) from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise DeliveryFailure(note(OutboxNote.NEEDS_SMTPUTF8, address=to_address), permanent=True) from exc
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            raise DeliveryFailure(note(OutboxNote.CONNECTION_LOST, error=str(exc)), connection_lost=True) from exc
        except smtplib.SMTPException as exc:
            raise DeliveryFailure(note(OutboxNote.SERVER_ANSWER, answer=str(exc))) from exc


class SmtpTransport:
    """Delivery through an SMTP server named in the settings."""

    def __init__(self, host: str, port: int, *, sender: str, security: Security = "starttls", user: str = "",
                 password: str = "", timeout: float = 30.0, ca_file: str = "") -> None:
        self.host, self.port, self.sender = host, port, sender
        self.security, self.user, self.password, self.timeout = security, user, password, timeout
        self.ca_file = ca_file
        self.description = f"SMTP {host}:{port} ({security})"

    def _open(self) -> smtplib.SMTP:
        context = ssl.create_default_context(cafile=self.ca_file or None)
        if self.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        client.ehlo()
        if self.security == "starttls":
            client.starttls(context=context)
            client.ehlo()
        if self.user:
            client.login(self.user, self.password)
        return client

    @contextmanager
    def connect(self) -> Iterator[SmtpConnection]:
        """One SMTP session for a whole batch."""
        try:
            client = self._open()
        except smtplib.SMTPAuthenticationError as exc:
            # A refused login (535, or 454) is the settings' fault, not the mails': they stay queued, no attempt
            # counted, the answer recorded on each, and go out once the password is put right.
            raise DeliveryFailure(note(OutboxNote.LOGIN_REFUSED, answer=_answer(exc.smtp_code, exc.smtp_error)),
                                  connection_lost=True) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryFailure(note(OutboxNote.UNREACHABLE, server=self.description, error=str(exc)),
                                  connection_lost=True) from exc
        try:
            yield SmtpConnection(client, self.sender)
        finally:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()
