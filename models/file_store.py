"""The folder of attached files, content-addressed: a file is kept once under its SHA-256, however often attached.

A file arrives into a temporary file in the same folder and is renamed into place only when whole and accepted,
so a failed or refused upload leaves no half file; a rename within one file system is atomic.
"""

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

CHUNK = 64 * 1024


def read_chunks(file: IO[bytes]) -> Iterator[bytes]:
    """A file read in chunks, never whole."""
    while chunk := file.read(CHUNK):
        yield chunk


@dataclass
class Incoming:
    """A file as it arrives: written to a temporary file, its size and SHA-256 counted on the way."""

    path: Path
    _out: IO[bytes]
    size: int = 0
    _digest: "hashlib._Hash" = field(default_factory=hashlib.sha256)

    def write(self, chunk: bytes) -> None:
        """Append one chunk."""
        self._out.write(chunk)
        self._digest.update(chunk)
        self.size += len(chunk)

    def finish(self) -> None:
        """Flush the file to disk and close it (before it is read again or kept)."""
        if not self._out.closed:
            self._out.flush()
            os.fsync(self._out.fileno())
            self._out.close()

    @property
    def sha256(self) -> str:
        """The hex SHA-256 of what arrived so far."""
        return self._digest.hexdigest()


@dataclass(frozen=True)
class FileStore:
    """Attached files under ``root``: ``root/ab/abcdef…`` by SHA-256, temporary files in ``root/tmp``."""

    root: Path

    def path_of(self, sha256: str) -> Path:
        """Where the file with this SHA-256 is kept."""
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError("not a SHA-256 in hex")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        """Whether the file is kept."""
        return self.path_of(sha256).is_file()

    @contextmanager
    def incoming(self) -> Iterator[Incoming]:
        """A temporary file to write an arriving file into; removed on leaving unless ``keep`` took it."""
        folder = self.root / "tmp"
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=folder, prefix="upload-")
        incoming = Incoming(Path(name), os.fdopen(handle, "wb"))
        try:
            yield incoming
        finally:
            incoming.finish()
            incoming.path.unlink(missing_ok=True)

    def keep(self, incoming: Incoming) -> bool:
        """Move the finished file into place by its SHA-256; ``False`` when the same content was kept already."""
        incoming.finish()
        target = self.path_of(incoming.sha256)
        if target.is_file():
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(incoming.path, target)
        return True

    def remove(self, sha256: str) -> None:
        """Delete a kept file (when no attachment names it any more)."""
        self.path_of(sha256).unlink(missing_ok=True)
