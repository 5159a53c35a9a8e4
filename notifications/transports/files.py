"""The embedded default: with no SMTP server configured, every mail becomes an .eml file under var/mail/."""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from notifications.compose.mime import envelope_address


class FileConnection:
    """Writes each message to its own file, named after its Message-ID (sending twice overwrites)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, data: bytes, to_address: str, *, message_id: str) -> None:
        """Write the message as ``<hash of Message-ID>.eml``, byte for byte as an SMTP server would receive it (a
        non-ASCII local part stays raw UTF-8, as a server offering SMTPUTF8 gets it)."""
        envelope_address(to_address)
        name = hashlib.sha256(message_id.encode()).hexdigest()[:24]
        target = self.folder / f"{name}.eml"
        partial = target.with_suffix(".part")
        partial.write_bytes(data)
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
