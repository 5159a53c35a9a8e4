"""Refusals of workflow/network (English message ids; German from refusals_network.po)."""

from workflow.engine.errors import RefusalCode

REFUSALS: dict[RefusalCode, str] = {}
