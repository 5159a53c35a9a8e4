"""The embedded default: with no SMTP server configured, every mail becomes an .eml file under var/mail/."""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from email import policy
from email.message import EmailMessage
from pathlib import Path

from notifications.compose.mime import envelope_address


class FileConnection:
    """Writes each message to its own file, named after its Message-ID (sending twice overwrites)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, message: EmailMessage, to_address: str) -> None:
        """Write the message as ``<hash of Message-ID>.eml`` (with the SMTPUTF8 policy for a non-ASCII local part,
        as an SMTP server offering SMTPUTF8 would receive it)."""
        _wire_address, needs_smtputf8 = envelope_address(to_address)
        name = hashlib.sha256(str(message["Message-ID"]).encode()).hexdigest()[:24]
        target = self.folder / f"{name}.eml"
        partial = target.with_suffix(".part")
        partial.write_bytes(message.as_bytes(policy=policy.SMTPUTF8) if needs_smtputf8 else message.as_bytes())
        partial.replace(target)


class FileTransport:
    """Delivery into a folder of .eml files."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.description = f"files in {folder}"

    @contextmanager
    def connect(self) -> Iterator[FileConnection]:
        """Make sure the folder exists and hand out a writer."""
        self.folder.mkdir(parents=True, exist_ok=True)
        yield FileConnection(self.folder)
