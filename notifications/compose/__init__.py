"""Composing a mail: templates rendered per language, MIME messages, calendar entries."""
