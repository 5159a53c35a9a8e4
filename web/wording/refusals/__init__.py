"""The one wording table of refusals: each code's sentence as an English message id (German from the catalog).

Every channel words a refusal from here: the pages in the reader's language (``explain``), the command line and the
API's problem details in English (``english``); the command line adds the command that helps (``cli/hints.py``).
A parameter is worded for its channel: the pages name a step, a state or a role as people read it, the command line
and the API keep the identifiers people type.
"""

from collections.abc import Callable
from datetime import datetime
from enum import Enum
from typing import Any

from models.base import json_value
from models.enums import Role
from web.i18n import N_, Translator
from web.wording import meeting_labels, network_labels, roles_labels
from web.wording.guard_labels import word_reasons
from web.wording.refusals import (
    engine,
    forwarding,
    network,
    notifications,
    recommendations,
    reminders,
    strategy_group,
    web,
)
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW, WORKFLOWS
from workflow.engine.errors import GuardFailed, InvalidTransition, Reason, RecoflowError, RefusalCode
from workflow.engine.machine import WorkflowDefinition
from workflow.engine.permissions import describe_roles

# code → English message id.
REFUSALS: dict[RefusalCode, str] = {
    **engine.REFUSALS, **recommendations.REFUSALS, **network.REFUSALS, **strategy_group.REFUSALS,
    **forwarding.REFUSALS, **reminders.REFUSALS, **notifications.REFUSALS, **web.REFUSALS,
}

# Values that are words of the domain, translated where the pages show them.
_VALUE_WORDS: dict[str, str] = {**meeting_labels.MEETING_STATUS, **meeting_labels.RESULTS,
                                **roles_labels.VALUE_WORDS, **network_labels.OUTBOX_STATUSES}
_KINDS = {"recommendation": N_("recommendation"), "working_group": N_("working group"),
          "forwarding": N_("forwarding")}
_ENGLISH = Translator("en")


def _iso(value: datetime) -> str:
    return value.isoformat()


def explain(error: RecoflowError, translate: Translator, when: Callable[[datetime], str]) -> str:
    """The refusal as the pages say it, in the reader's language."""
    return _word(error, translate, when, for_pages=True)


def english(error: RecoflowError, when: Callable[[datetime], str] = _iso,
            reason: Callable[[Reason], str] | None = None) -> str:
    """The refusal in English with the identifiers people type (command line, API detail, logs); ``reason`` words
    a guard's reasons (the command line adds its commands)."""
    return _word(error, _ENGLISH, when, for_pages=False, reason=reason)


def code_of(error: RecoflowError) -> str:
    """The refusal's stable code, ``"<room>.<name>"``."""
    return error.code.value


def problem_type(code: str) -> str:
    """The URI reference naming a refusal code in problem details (RFC 9457); the API describes it there."""
    return f"/api/v1/problems/{code}"


def _word(error: RecoflowError, translate: Translator, when: Callable[[datetime], str], *, for_pages: bool,
          reason: Callable[[Reason], str] | None = None) -> str:
    workflow = WORKFLOWS.get(str(error.params.get("workflow")), RECOMMENDATION_WORKFLOW)
    values = {key: _value(key, value, translate, when, for_pages, workflow) for key, value in error.params.items()}
    if "allowed" in error.params:
        allowed = tuple(Role(r) for r in error.params["allowed"])
        values["roles"] = meeting_labels.role_names(allowed, translate) if for_pages else \
            describe_roles(frozenset(allowed))
    if isinstance(error, GuardFailed):
        values["reasons"] = " ".join(map(reason, error.reasons)) if reason else \
            word_reasons(error.reasons, translate, for_pages=for_pages)
    text = translate.gettext(REFUSALS[error.code], **values)
    if isinstance(error, InvalidTransition):
        possible = translate.gettext(engine.POSSIBLE_NOW, possible=values["possible"]) if error.allowed else \
            translate.gettext(engine.NOTHING_POSSIBLE)
        text = f"{text} {possible}"
    return text


def _value(key: str, value: Any, translate: Translator, when: Callable[[datetime], str], for_pages: bool,
           workflow: WorkflowDefinition) -> Any:
    if isinstance(value, datetime):
        return when(value)
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, tuple | list):
        return ", ".join(str(_value(key, v, translate, when, for_pages, workflow)) for v in value)
    if key in ("field", "fields") and isinstance(value, str):  # a form field's label (a message id)
        return translate.gettext(value)
    if key == "doing" and value in strategy_group.ACTIONS:
        return translate.gettext(strategy_group.ACTIONS[value])
    if not for_pages or not isinstance(value, str):
        return value
    if key in ("event", "possible") and workflow.has_event(value):
        return translate.gettext(workflow.event_label(value))
    if key == "state" and workflow.has_state(value):
        return translate.gettext(workflow.state_label(value))
    if key == "kind" and value in _KINDS:
        return translate.gettext(_KINDS[value])
    if value in _VALUE_WORDS:
        return translate.gettext(_VALUE_WORDS[value])
    return value


def plain_parameters(error: RecoflowError) -> dict[str, Any]:
    """The refusal's parameters as JSON values: instants in ISO 8601, enumerations by value, tuples as lists."""
    def plain(value: Any) -> Any:
        value = json_value(value)
        return value if isinstance(value, str | int | float | bool | list | None) else str(value)
    return {key: plain(value) for key, value in error.params.items()}
