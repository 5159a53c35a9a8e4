"""Irreversible events fire only after the person confirmed them: their forms carry a required checkbox, and the
routes refuse a request without it (a form sent by other means than the page changes nothing either)."""

from fastapi import Request

from web.templating import translator
from workflow.engine.errors import InvalidInput
from workflow.engine.machine import WorkflowDefinition

CONFIRMED = "yes"  # the checkbox's value


def require_confirmation(request: Request, workflow: WorkflowDefinition, event: str, confirmed: str) -> None:
    """Refuse firing an irreversible ``event`` of ``workflow`` unless the form confirmed it."""
    if not workflow.has_event(event) or not workflow.facts(event).irreversible or confirmed == CONFIRMED:
        return
    _ = translator(request).gettext
    raise InvalidInput(_("“%(event)s” cannot be undone: tick “I confirm” on its form to go ahead.",
                         event=_(workflow.event_label(event))))
