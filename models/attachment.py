"""Files a working group attaches to its draft: the metadata row here, the content under var/files/ by SHA-256."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import one_of, utc_column


class AttachmentKind(StrEnum):
    """The kinds of file a working group may attach (each recognised by its content, never by its name)."""

    PDF = "pdf"
    ODT = "odt"
    DOCX = "docx"
    PNG = "png"
    JPEG = "jpeg"


# The media type each kind is served with, and the file name extension it should end in.
MEDIA_TYPES = {
    AttachmentKind.PDF: "application/pdf",
    AttachmentKind.ODT: "application/vnd.oasis.opendocument.text",
    AttachmentKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    AttachmentKind.PNG: "image/png",
    AttachmentKind.JPEG: "image/jpeg",
}
EXTENSIONS = {AttachmentKind.PDF: (".pdf",), AttachmentKind.ODT: (".odt",), AttachmentKind.DOCX: (".docx",),
              AttachmentKind.PNG: (".png",), AttachmentKind.JPEG: (".jpg", ".jpeg")}


# One file attached to one recommendation; the same content attached twice elsewhere is stored once (by sha256).
class Attachment(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("recommendation_id", "sha256", name="uq_attachment_rec_sha256"),
                      one_of("kind", AttachmentKind))
    id: int | None = Field(default=None, primary_key=True)
    recommendation_id: int = Field(foreign_key="recommendation.id", index=True)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=16)
    size: int
    sha256: str = Field(max_length=64, index=True)
    uploaded_by_id: int | None = Field(default=None, foreign_key="person.id")
    uploaded_at: datetime = Field(sa_column=utc_column())

    @property
    def media_type(self) -> str:
        """The media type the file is served with."""
        return MEDIA_TYPES[AttachmentKind(self.kind)]
