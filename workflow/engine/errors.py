"""Errors a user can act on: each carries one sentence that says what was wrong and what to do."""

from collections.abc import Sequence


class RecoflowError(Exception):
    """Base of all refusals; ``str(error)`` is the sentence shown to the user."""

    exit_code = 1


class NotFound(RecoflowError):
    """A named thing (recommendation, person, meeting, ...) does not exist."""


class InvalidInput(RecoflowError):
    """A value is malformed or out of range."""

    exit_code = 2


class NotPermitted(RecoflowError):
    """The actor holds no role that allows the action."""


class InvalidTransition(RecoflowError):
    """The event is unknown or not possible from the subject's current state."""

    def __init__(self, message: str, allowed: Sequence[str] | None = None) -> None:
        self.allowed = tuple(allowed or ())
        if allowed:
            message = f"{message} Possible now: {', '.join(allowed)}."
        elif allowed is not None:
            message = f"{message} No event is possible from this state."
        super().__init__(message)


class GuardFailed(RecoflowError):
    """A precondition of the transition does not hold; ``reasons`` lists each in a sentence."""

    def __init__(self, event: str, reasons: Sequence[str]) -> None:
        self.reasons = tuple(reasons)
        super().__init__(f"Cannot {event}: " + " ".join(reasons))


class ConflictError(RecoflowError):
    """Someone else changed the same thing at the same time; nothing was saved."""
