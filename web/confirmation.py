"""Irreversible events fire only after the person confirmed them: their forms carry a required checkbox, and the
routes refuse a request without it (a form sent by other means than the page changes nothing either)."""

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
