"""The strategy group: seats and their holders, meetings, the agenda, votes, voting rules, written procedures."""
