"""What a file is, told by its content (never by its name or the sender's content type), and a name fit to show."""

import re
import unicodedata
import zipfile
from pathlib import Path

from models.attachment import EXTENSIONS, AttachmentKind

# The first bytes of each plain kind.
_SIGNATURES = ((b"%PDF-", AttachmentKind.PDF), (b"\x89PNG\r\n\x1a\n", AttachmentKind.PNG),
               (b"\xff\xd8\xff", AttachmentKind.JPEG))
_ZIP = b"PK\x03\x04"
_ODT = b"application/vnd.oasis.opendocument.text"
_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# An entry of a zip container read to tell ODT from DOCX is small; a larger one is not what it claims to be.
_SMALL_ENTRY = 256 * 1024
# Characters no file name should carry to a download dialog or a file system.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
MAX_NAME = 200
FALLBACK_NAME = "Anhang"


def kind_of(path: Path) -> AttachmentKind | None:
    """The kind of the file at ``path`` by its content, or ``None`` for any kind not allowed."""
    with path.open("rb") as file:
        head = file.read(8)
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(_ZIP):
        return _office_kind(path)
    return None


def _small_entry(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    return archive.read(info) if info.file_size <= _SMALL_ENTRY else None


def _office_kind(path: Path) -> AttachmentKind | None:
    """ODT: its first entry ``mimetype`` names the type; DOCX: ``[Content_Types].xml`` names a Word main part."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if names[:1] == ["mimetype"] and _small_entry(archive, "mimetype") == _ODT:
                return AttachmentKind.ODT
            types = _small_entry(archive, "[Content_Types].xml")
            if types is not None and _DOCX_MAIN in types and "word/document.xml" in names:
                return AttachmentKind.DOCX
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        return None
    return None


def display_name(raw: str, kind: AttachmentKind) -> str:
    """The file name as given, fit to show and to offer for download: no folder, no control or reserved
    characters, at most 200 characters, and ending in the extension of what the file really is."""
    name = unicodedata.normalize("NFC", raw.replace("\\", "/").rsplit("/", 1)[-1])
    name = " ".join(_UNSAFE.sub(" ", name).split()).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot or f".{extension.lower()}" not in EXTENSIONS[kind]:
        stem, extension = name, EXTENSIONS[kind][0][1:]
    stem = stem[: MAX_NAME - len(extension) - 1].strip(" .") or FALLBACK_NAME
    return f"{stem}.{extension}"
