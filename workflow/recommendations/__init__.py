"""Recommendations: drafting, editing, firing their events, numbering."""
