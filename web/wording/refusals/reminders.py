"""Refusals of workflow/reminders (English message ids; German from refusals_reminders.po)."""

from workflow.engine.errors import RefusalCode

REFUSALS: dict[RefusalCode, str] = {}
