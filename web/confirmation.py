"""Irreversible steps happen only after the person confirmed them: their forms carry a required checkbox saying what
will happen, and the routes refuse a request without it (a form sent by other means than the page changes nothing
either). Events say so in their rule (``irreversible``); the steps that are no event (cancelling a meeting, revoking
a link) name their own refusal code."""

from fastapi import Request

from web.wording.refusals.web import FormRefusal
from workflow.engine.errors import InvalidInput
from workflow.engine.machine import WorkflowDefinition

CONFIRMED = "yes"  # the checkbox's value


def require_confirmation(request: Request, workflow: WorkflowDefinition, event: str, confirmed: str) -> None:
    """Refuse firing an irreversible ``event`` of ``workflow`` unless the form confirmed it."""
    if not workflow.has_event(event) or not workflow.facts(event).irreversible or confirmed == CONFIRMED:
        return
    raise InvalidInput(FormRefusal.CONFIRM_IRREVERSIBLE, event=event, workflow=workflow.name)


def require_ticked(confirmed: str, refusal: FormRefusal) -> None:
    """Refuse an irreversible step that is no event (its ``refusal`` says which) unless the form confirmed it."""
    if confirmed != CONFIRMED:
        raise InvalidInput(refusal)
