"""Mail test helpers: a real SMTP server (aiosmtpd) on loopback that records what it received."""

import asyncio
import email
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope


def free_port() -> int:
    """A TCP port nobody listens on right now (aiosmtpd cannot bind port 0 itself)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Inbox:
    """What the test SMTP server accepted, parsed with the email package; optionally refuses recipients."""

    messages: list[tuple[str, EmailMessage]] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # A slow server: each message is accepted only after this many seconds (a sender may die meanwhile).
    delay: float = 0.0

    async def handle_RCPT(self, server: Any, session: Any, envelope: Envelope, address: str,  # noqa: N802
                          rcpt_options: list[str]) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:  # noqa: N802
        if self.delay:
            await asyncio.sleep(self.delay)
        content = envelope.content if isinstance(envelope.content, bytes) else str(envelope.content).encode()
        # An SMTPUTF8 message carries raw UTF-8 in its headers: parsed from bytes they would read as ASCII.
        parsed = (email.message_from_string(content.decode("utf-8"), policy=default) if envelope.smtp_utf8
                  else email.message_from_bytes(content, policy=default))
        assert isinstance(parsed, EmailMessage)
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.messages.append((rcpt, parsed))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        """Every message delivered to ``address``."""
        with self.lock:
            return [m for rcpt, m in self.messages if rcpt == address]

    def clear(self) -> None:
        """Forget what was received."""
        with self.lock:
            self.messages.clear()


class SmtpServer:
    """A real SMTP server on 127.0.0.1 that can be stopped and started again on the same port."""

    def __init__(self, *, smtputf8: bool = False, delay: float = 0.0) -> None:
        self.inbox = Inbox(delay=delay)
        self.port = free_port()
        self.smtputf8 = smtputf8
        self._controller: Controller | None = None

    def start(self) -> None:
        """Listen (again); offering SMTPUTF8 only if asked to."""
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port,
                                      enable_SMTPUTF8=self.smtputf8)
        self._controller.start()

    def stop(self) -> None:
        """Stop listening: connections are refused until ``start``."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@contextmanager
def smtp_server(*, smtputf8: bool = False, delay: float = 0.0) -> Iterator[SmtpServer]:
    """A running server for the duration of the block."""
    server = SmtpServer(smtputf8=smtputf8, delay=delay)
    server.start()
    try:
        yield server
    finally:
        server.stop()
