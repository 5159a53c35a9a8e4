"""Data-protection rights in the JSON API, on the services of the pages and the command line: what the network holds
about a person (DSGVO Art. 15/20: the person themselves or the secretariat) and their erasure (Art. 17: the
secretariat; the record keeps them under a pseudonym)."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from web.api.tokens import Caller
from web.deps import Now, ReadSession, UnitOfWorkRoute, WriteSession, acting
from workflow.network.erasure import erase_person
from workflow.network.people import get_person
from workflow.network.personal_data import personal_data
from workflow.queries.reminder_overview import require_secretariat
from workflow.strategy_group.seat_holders import Action

router = APIRouter(route_class=UnitOfWorkRoute)


# Everything held about a person (the same document as the download on the pages).
class PersonalDataOut(BaseModel):
    format: str
    exported_at: str
    person: dict[str, Any] = Field(description="Their own row, without secrets")
    tables: dict[str, list[dict[str, Any]]] = Field(description="Every row that names them, by table")
    tables_searched: list[str]


# What an erasure left in the person's place.
class ErasureOut(BaseModel):
    person_id: int
    pseudonym: str
    address: str


@router.get("/people/{person_id}/personal-data", summary="Everything held about a person (Art. 15 and 20 DSGVO)",
            response_model=PersonalDataOut)
def personal_data_of(person_id: int, caller: Caller, session: ReadSession, now: Now) -> Any:
    """The person themselves, or the secretariat for anyone: the same document as the download on the pages."""
    if caller.id != person_id:
        require_secretariat(caller.person, caller.standing, Action.EXPORT_PERSONAL_DATA)
    return JSONResponse(personal_data(session, get_person(session, person_id), now),
                        headers={"Cache-Control": "no-store"})


@router.post("/people/{person_id}/erase", response_model=ErasureOut, summary="Erase a person (Art. 17 DSGVO)")
def erase(person_id: int, caller: Caller, session: WriteSession, now: Now) -> Any:
    """The secretariat erases a person: a pseudonym takes their place everywhere, their accounts end; refused for
    the last secretariat in office. Cannot be undone."""
    done = erase_person(session, person_id, actor=acting(session, caller), now=now)
    return {"person_id": person_id, "pseudonym": done.pseudonym, "address": done.address}
