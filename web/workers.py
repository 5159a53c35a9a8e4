"""The app of each worker process of ``recoflow serve --workers N``.

uvicorn starts the workers as fresh processes and calls ``app_for_worker`` in each: every worker opens its own
database connections (SQLite: WAL and a busy timeout on each; PostgreSQL: its own pool) and reads the settings
from the same environment as the command. The scheduler never runs in a worker (``recoflow scheduler`` is its own
process, and only one scheduler leads).
"""

import os
from collections.abc import Callable
from datetime import datetime

from fastapi import FastAPI

from config import Settings
from web.app import create_app
from workflow.engine.clock import system_now

# The command's hidden --now, handed to the workers (tests and demonstrations act at a fixed instant).
FIXED_NOW = "RECOFLOW_SERVE_FIXED_NOW"


def _clock() -> Callable[[], datetime]:
    fixed = os.environ.get(FIXED_NOW)
    if not fixed:
        return system_now
    instant = datetime.fromisoformat(fixed)
    return lambda: instant


def app_for_worker() -> FastAPI:
    """The web app on the database the environment names (uvicorn's factory, once per worker process)."""
    return create_app(Settings(), clock=_clock())
