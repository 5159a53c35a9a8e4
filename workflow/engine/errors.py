"""Refusals a user can act on: each carries a stable code and its parameters, never a sentence.

A room declares its codes as a ``RefusalCode`` enum (values ``"<room>.<name>"``, never changed once published) and
raises one of the kinds below with a code and the values the wording needs::

    raise NotFound(MeetingRefusal.NO_MEETING, meeting=7)

Each channel words the code itself: the command line in English with the command that helps, the pages in the
reader's language from the one catalog, the API as problem details (RFC 9457) with the code and its parameters.
The kind decides the HTTP status and the command's exit code, the same everywhere.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar


class RefusalCode(StrEnum):
    """Base of every room's refusal codes; a code's value is ``"<room>.<name>"`` and it declares its kind.

    The kind (``not_found``, ``invalid_input`` — the default —, ``not_permitted``, ``invalid_transition``,
    ``conflict``) decides the HTTP status and the exit code, so the same refusal answers the same everywhere::

        NO_MEETING = "strategy_group.no_meeting", "not_found"
    """

    kind: str

    def __new__(cls, value: str, kind: str = "invalid_input") -> "RefusalCode":
        code = str.__new__(cls, value)
        code._value_ = value
        code.kind = kind
        return code


class EngineRefusal(RefusalCode):
    """Refusals of the engine itself: firing events on any workflow."""

    NO_SUBJECT = "engine.no_subject", "not_found"                           # kind, id
    UNKNOWN_EVENT = "engine.unknown_event", "invalid_transition"            # event, workflow, possible
    EVENT_NOT_POSSIBLE = "engine.event_not_possible", "invalid_transition"  # event, label, state, workflow, possible
    TAKES_NO_OUTCOME = "engine.takes_no_outcome"                            # event
    NEEDS_OUTCOME = "engine.needs_outcome"                                  # event, outcomes
    ROLE_REQUIRED = "engine.role_required", "not_permitted"                 # name, email, event, label, allowed
    STALE_VERSION = "engine.stale_version", "conflict"                      # label, version, seen
    CHANGED_MEANWHILE = "engine.changed_meanwhile", "conflict"              # label
    SAVED_MEANWHILE = "engine.saved_meanwhile", "conflict"                  # (a key or row taken at the same time)
    NO_PROBLEM_TYPE = "engine.no_problem_type", "not_found"                # code
    NO_GRAPHVIZ = "engine.no_graphviz"                                      # (the 'dot' program is missing)
    GUARD_FAILED = "engine.guard_failed", "guard_failed"                    # event, label, workflow, reasons
    NO_SUCH_ID = "engine.no_such_id", "not_found"                           # id (no row can have it)
    NUMBER_OUT_OF_RANGE = "engine.number_out_of_range"                      # field
    TEXT_TOO_LONG = "engine.text_too_long"                                  # field, limit, length
    UNSTORABLE_TEXT = "engine.unstorable_text"                              # field


class RecoflowError(Exception):
    """Base of all refusals: ``code`` says what was refused, ``params`` hold the values its wording needs."""

    exit_code = 1
    kind: ClassVar[str] = "any"

    def __init__(self, code: RefusalCode, /, **params: Any) -> None:
        if not isinstance(code, RefusalCode):
            raise TypeError(f"a refusal is a code with its values, not a sentence: {code!r}")
        if code.kind != self.kind and "any" not in (code.kind, self.kind):
            raise TypeError(f"{code.value} is a refusal of kind {code.kind}, raised as {type(self).__name__}")
        self.code: RefusalCode = code
        self.params: Mapping[str, Any] = params
        super().__init__(code.value)

    def __str__(self) -> str:
        values = ", ".join(f"{key}={value!r}" for key, value in self.params.items())
        return f"{self.code.value} ({values})" if values else self.code.value


class NotFound(RecoflowError):
    """A named thing (recommendation, person, meeting, ...) does not exist."""

    kind: ClassVar[str] = "not_found"


class InvalidInput(RecoflowError):
    """A value is malformed or out of range, or not possible at this time."""

    kind: ClassVar[str] = "invalid_input"
    exit_code = 2


class NotPermitted(RecoflowError):
    """The actor holds no role that allows the action."""

    kind: ClassVar[str] = "not_permitted"


class InvalidTransition(RecoflowError):
    """The event is unknown or not possible from the subject's current state; ``allowed`` lists what is."""

    kind: ClassVar[str] = "invalid_transition"

    def __init__(self, code: RefusalCode, /, allowed: Sequence[str] | None = None, **params: Any) -> None:
        self.allowed = tuple(allowed or ())
        super().__init__(code, possible=self.allowed, **params)


@dataclass(frozen=True)
class Reason:
    """Why a guard refuses: its reason ``code`` (declared with ``@guard``) and the values its wording names."""

    code: str
    parameters: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        values = ", ".join(f"{key}={value!r}" for key, value in self.parameters.items())
        return f"{self.code} ({values})" if values else self.code


def reason(code: str, **parameters: Any) -> Reason:
    """A guard's refusal with the values its wording needs."""
    return Reason(code, parameters)


class GuardFailed(RecoflowError):
    """A precondition of the transition does not hold; ``reasons`` lists each."""

    kind: ClassVar[str] = "guard_failed"

    def __init__(self, event: str, label: str, reasons: Sequence[Reason], workflow: str = "recommendation") -> None:
        self.reasons = tuple(reasons)
        super().__init__(EngineRefusal.GUARD_FAILED, event=event, label=label, workflow=workflow,
                         reasons=tuple(r.code for r in self.reasons))


class ConflictError(RecoflowError):
    """Someone else changed the same thing at the same time; nothing was saved."""

    kind: ClassVar[str] = "conflict"


def refusal_codes() -> list[RefusalCode]:
    """Every refusal code of every room that has been imported (the rooms declare them on import)."""
    found: list[RefusalCode] = []
    pending: list[type[RefusalCode]] = [RefusalCode]
    while pending:
        cls = pending.pop()
        found.extend(cls)
        pending.extend(cls.__subclasses__())
    return found
