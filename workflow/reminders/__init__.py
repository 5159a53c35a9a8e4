"""Reminders: the plan (pure), the calendar's facts it reads, and who owes what seat by seat."""
