"""The routers of the strategy group's meetings, agendas, attendance, votes, ballots and written procedures."""

from fastapi import APIRouter

from web.routes import meeting_agenda, meetings, procedures, votes

ROUTERS: tuple[APIRouter, ...] = (meetings.router, meeting_agenda.router, votes.router, procedures.router)
