"""What each refusal code means: the ``type`` of every problem answer (RFC 9457) can be looked up here."""

from fastapi import APIRouter
from pydantic import BaseModel

from web.errors import STATUS
from web.wording.refusals import REFUSALS, problem_type
from workflow.engine.errors import EngineRefusal, NotFound

router = APIRouter(tags=["problems"])


# One refusal code: its kind, the HTTP status and title it answers with, and its sentence with placeholders.
class ProblemType(BaseModel):
    type: str
    code: str
    kind: str
    status: int | None
    title: str | None
    sentence: str


def problem_types() -> list[ProblemType]:
    """Every refusal code the services raise, with what it answers."""
    coded: dict[str, tuple[str, str]] = {
        code.value: (code.kind, text) for code, text in REFUSALS.items()
    }
    return [
        ProblemType(type=problem_type(code), code=code, kind=kind, status=STATUS.get(kind, (None, None))[0],
                    title=STATUS.get(kind, (None, None))[1], sentence=text)
        for code, (kind, text) in sorted(coded.items())
    ]


@router.get("/problems", summary="Every refusal code and what it answers")
def list_problem_types() -> list[ProblemType]:
    """The refusal codes, their kind, HTTP status and English sentence (placeholders in ``%(name)s``)."""
    return problem_types()


@router.get("/problems/{code}", summary="One refusal code")
def show_problem_type(code: str) -> ProblemType:
    """What one refusal code means."""
    for found in problem_types():
        if found.code == code:
            return found
    raise NotFound(EngineRefusal.NO_PROBLEM_TYPE, code=code)
