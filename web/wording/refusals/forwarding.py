"""Refusals of workflow/forwarding (English message ids; German from refusals_forwarding.po)."""

from workflow.engine.errors import RefusalCode

REFUSALS: dict[RefusalCode, str] = {}
