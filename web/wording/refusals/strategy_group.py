"""Refusals of workflow/strategy_group (English message ids; German from refusals_strategy_group.po)."""

from workflow.engine.errors import RefusalCode

REFUSALS: dict[RefusalCode, str] = {}
