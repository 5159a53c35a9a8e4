"""Who a reminder goes to and what agenda it names: the plain values the plan and the seat rules share."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Recipient:
    """Someone who receives mail: a person, or a body (organisation) without an account."""

    address: str
    name: str
    language: str = "de"
    person_id: int | None = None
    organisation_id: int | None = None

    @property
    def key(self) -> str:
        """A stable name of the recipient for deduplication keys."""
        if self.person_id is not None:
            return f"person:{self.person_id}"
        if self.organisation_id is not None:
            return f"org:{self.organisation_id}"
        return f"address:{self.address.lower()}"


@dataclass(frozen=True)
class AgendaItem:
    """A recommendation on a meeting's agenda."""

    number: str
    title: str
