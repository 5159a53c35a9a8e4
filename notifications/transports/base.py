"""What delivery needs of a way to send mail: open one connection per batch, send messages through it."""

from contextlib import AbstractContextManager
from typing import Protocol


class DeliveryFailure(Exception):
    """Sending one message failed; ``permanent`` for 5xx answers, ``connection_lost`` when the batch must stop."""

    def __init__(self, reason: str, *, permanent: bool = False, connection_lost: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.connection_lost = connection_lost


class Connection(Protocol):
    """An open connection to the mail system."""

    def send(self, data: bytes, to_address: str, *, message_id: str) -> None:
        """Hand one message over as its wire bytes (CRLF lines, From line included), or raise DeliveryFailure."""


class Transport(Protocol):
    """A way to deliver mail: SMTP, or files for the embedded default."""

    description: str

    def connect(self) -> AbstractContextManager[Connection]:
        """Open one connection for a batch; raises DeliveryFailure(connection_lost=True) when unreachable."""
