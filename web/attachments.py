"""What every channel of the web shares about attachments: the store the settings name, reading an upload in
chunks, refusing a body larger than the limit before it is read, the download's headers and the size as read."""

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import FileResponse
from sqlmodel import Session

from models.attachment import Attachment
from models.file_store import FileStore
from web.deps import web_state
from web.templating import language_of
from workflow.engine.errors import InvalidInput
from workflow.queries.attachment_views import recommendation_attachments
from workflow.recommendations.attachments import ALLOWED, limit_in_mb
from workflow.recommendations.refusals import RecommendationRefusal

# A form's fields and multipart boundaries around the file: allowed on top of the file's own limit.
ENVELOPE = 64 * 1024


def store_of(request: Request) -> FileStore:
    """The store of attached files the app's settings name."""
    return FileStore(web_state(request).settings.files_path)


def limit_of(request: Request) -> int:
    """The largest file accepted, in bytes."""
    return web_state(request).settings.attachment_max_bytes


async def refuse_oversized(request: Request) -> None:
    """Refuse an upload whose declared length is past the limit before a byte of it is read or spooled."""
    declared = request.headers.get("content-length", "")
    limit = limit_of(request)
    if request.method == "POST" and declared.isdigit() and int(declared) > limit + ENVELOPE:
        raise InvalidInput(RecommendationRefusal.ATTACHMENT_TOO_LARGE, name="", limit_mb=limit_in_mb(limit))


def content_disposition(name: str) -> str:
    """``attachment`` with the name in UTF-8 (RFC 6266/5987) and an ASCII fallback for older clients."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\;' else "_" for c in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def download(request: Request, row: Attachment) -> FileResponse:
    """The attached file as a download: never shown inline, never sniffed, with the type it was stored as."""
    response = FileResponse(store_of(request).path_of(row.sha256), media_type=row.media_type,
                            content_disposition_type="attachment")
    response.headers["Content-Disposition"] = content_disposition(row.name)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers.setdefault("Cache-Control", "private")
    return response


def size_text(size: int, language: str) -> str:
    """A file's size as an office writes it: "1,2 MB" or "830 KB" in German, "1.2 MB" in English."""
    if size < 1024:
        text, unit = str(size), "Byte" if language == "de" else "bytes"
    elif size < 1024 * 1024:
        text, unit = f"{size / 1024:.0f}", "KB"
    else:
        text, unit = f"{size / (1024 * 1024):.1f}", "MB"
    return f"{text.replace('.', ',') if language == 'de' else text} {unit}"


def file_size_in(request: Request) -> Callable[[int], str]:
    """Sizes of files as the reader's language writes them."""
    language = language_of(request)
    return lambda size: size_text(size, language)


def attachments_shown(request: Request, session: Session, recommendation_id: int) -> dict[str, Any]:
    """What a page needs to list a recommendation's attachments (after it checked who may see them)."""
    return {"attachments": recommendation_attachments(session, recommendation_id), "fsize": file_size_in(request)}


def upload_shown(request: Request) -> dict[str, Any]:
    """What the upload form states before a file is chosen: the allowed kinds and the limit."""
    return {"attachment_limit_mb": limit_in_mb(limit_of(request)), "attachment_allowed": ALLOWED}
