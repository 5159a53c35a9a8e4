"""Erasures of people (DSGVO Art. 17): which person was erased, by whom and when; never what was erased."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from models.base import utc_column


# One erasure; its id is the number of the pseudonym ("Gelöschte Person 7"). ``redacting`` is true only inside the
# erasure's own transaction: while it is, the append-only records accept the UPDATE that puts the pseudonym in place
# of the person (their triggers check for it), and nothing else. It is false again before the transaction commits.
class PrivacyErasure(SQLModel, table=True):
    __tablename__ = "privacy_erasure"
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", sa_column_kwargs={"unique": True})
    erased_by_id: int | None = Field(default=None, foreign_key="person.id")
    erased_at: datetime = Field(sa_column=utc_column())
    redacting: bool = False
