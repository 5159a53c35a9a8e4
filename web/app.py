"""The app factory: one FastAPI app per database, so tests can build apps on their own databases."""

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from fastapi import Depends, FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from bootstrap import bootstrap
from config import Settings, get_settings
from models.db import Database
from web.api.v1 import create_api
from web.deps import WebState
from web.errors import HTML_HANDLERS
from web.input_bounds import bounded_input
from web.link_safety import SECRET_HEADERS, carries_secret, redact_access_log
from web.oparl.routes import router as oparl_router
from web.routes import (
    account,
    attachments,
    auth,
    bodies,
    directory,
    documents,
    drafts,
    forwardings,
    groups,
    imports,
    network,
    pages,
    privacy,
    profile,
    public,
    roles,
    secretariat,
)
from web.routes.meeting_pages import ROUTERS as MEETING_ROUTERS
from web.security import secret_key
from workflow.engine.clock import system_now
from workflow.network.accounts import SESSION_LIFETIME
from workflow.network.profile import stored_profile

STATIC_DIR = Path(__file__).resolve().parent / "static"
SESSION_COOKIE = "recoflow_session"
# Pages load nothing from elsewhere and run no inline script; the API's docs page is exempt (it loads Swagger UI).
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                           "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")


async def _security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    started = time.perf_counter()
    response = await call_next(request)
    # How long the server spent (W3C Server-Timing): what benchmarks/web.py measures, and visible in a browser.
    response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if carries_secret(request.url.path):
        response.headers.update(SECRET_HEADERS)  # whatever answered: the page, a refusal, an error
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if not request.url.path.startswith("/api/"):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def _has_profile_table(db: Database) -> bool:
    # A database not yet created or upgraded, or not reachable now, serves the pages with the settings alone (and
    # each request that needs it answers 503 until it is there).
    try:
        with db.engine.connect() as connection:
            return sa.inspect(connection).has_table("network_profile")
    except sa.exc.OperationalError:
        return False


def create_app(
    settings: Settings | None = None,
    *,
    database: Database | None = None,
    clock: Callable[[], datetime] = system_now,
) -> FastAPI:
    """Build the web app on ``database`` (default: the one the settings name, closed when the app stops)."""
    settings = settings or get_settings()
    # Every reaction (the domain's effects, and mails of decisions and issued links) for the app's requests.
    bootstrap()
    owned = database is None
    db = database or Database(settings.database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            db.dispose()

    with db.read() as session:
        saved = stored_profile(session) if _has_profile_table(db) else None
    state = WebState(settings=settings, database=db, clock=clock)
    state.follow_profile(saved)
    app = FastAPI(title=state.settings.network_name, lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url=None, exception_handlers=HTML_HANDLERS,
                  dependencies=[Depends(bounded_input)])
    app.state.web = state
    app.middleware("http")(_security_headers)
    redact_access_log()
    app.add_middleware(
        SessionMiddleware, secret_key=secret_key(settings), session_cookie=SESSION_COOKIE,
        max_age=int(SESSION_LIFETIME.total_seconds()), same_site="lax",
        https_only=settings.base_url.startswith("https://"),
    )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.mount("/api/v1", create_api(state))
    # drafts before pages: '/recommendations/new' must not be taken for a recommendation's number.
    for module in (public, auth, drafts, attachments, pages, documents, network, groups, bodies, secretariat,
                   forwardings, directory, imports, profile, roles, account, privacy):
        app.include_router(module.router)
    for router in MEETING_ROUTERS:
        app.include_router(router)
    app.include_router(imports.router)
    app.include_router(oparl_router)
    return app
