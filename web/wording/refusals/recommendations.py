"""Refusals of workflow/recommendations (English message ids; German from refusals_recommendations.po)."""

from workflow.engine.errors import RefusalCode

REFUSALS: dict[RefusalCode, str] = {}
