"""Refusals of notifications/ (English message ids; German from refusals_notifications.po)."""

from workflow.engine.errors import RefusalCode

REFUSALS: dict[RefusalCode, str] = {}
