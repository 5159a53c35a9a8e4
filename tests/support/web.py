"""Helpers for web tests: an app on the test's database with a movable clock, and signing in like a browser."""

import re
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import httpx
from argon2 import PasswordHasher

from config import Settings
from models.people import Person
from tests.support.factories import World
from web import create_app
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.accounts import set_password, use_password_hasher

with warnings.catch_warnings():
    # Starlette announces a move to another HTTP client; the test client works the same meanwhile.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PASSWORD = "richtig-geheim-2026"
# Cheap argon2 parameters: tests sign in hundreds of times; production keeps the library's defaults.
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Clock:
    """A clock the test can move; the app reads it on every request."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now


def use_cheap_hashing() -> None:
    """Make password hashing fast for the test session."""
    use_password_hasher(CHEAP_HASHER)


def give_passwords(world: World) -> None:
    """Everyone in the world gets the test password."""
    people = [world.secretariat, world.chair, world.member, world.deputy, world.lead, world.deputy_lead,
              world.wg_member, world.other_lead, world.other_member, world.stranger]
    with unit_of_work(world.db) as session:
        for person in people:
            set_password(session, person, PASSWORD, world.now)


def settings_for(world: World, base_url: str = "http://testserver") -> Settings:
    """Settings naming the world's database, with a fixed signing key."""
    return Settings(database_url=world.db.url, secret_key="test-secret-key-of-at-least-32-chars", base_url=base_url)


@contextmanager
def client_for(world: World, clock: Clock | None = None, base_url: str = "http://testserver") -> Iterator[TestClient]:
    """A browser-like client of an app on the world's database."""
    app = create_app(settings_for(world, base_url), database=world.db, clock=clock or Clock(world.now))
    with TestClient(app, base_url=base_url, follow_redirects=False) as client:
        yield client


def form_token(client: TestClient, path: str = "/login") -> str:
    """The CSRF token the page at ``path`` puts into its forms."""
    match = _TOKEN.search(client.get(path, follow_redirects=True).text)
    assert match, f"no form token on {path}"
    return match.group(1)


def sign_in(client: TestClient, person: Person, password: str = PASSWORD) -> str:
    """Sign ``person`` in through the form; returns the form token of the new session."""
    response = client.post("/login", data={"email": person.email, "password": password,
                                           "csrf_token": form_token(client), "next": "/tasks"})
    assert response.status_code == 303, response.text
    return form_token(client, "/tasks")


CAST = ("secretariat", "chair", "member", "deputy", "lead", "deputy_lead", "wg_member", "other_lead", "stranger")


@dataclass
class Browser:
    """A signed-in client and the form token of its session."""

    client: TestClient
    token: str

    def post(self, path: str, **data: object) -> httpx.Response:
        """Send a form with the session's token."""
        return self.client.post(path, data={"csrf_token": self.token, **data})


@contextmanager
def browsers(world: World, clock: Clock | None = None,
             cast: Iterable[str] = CAST) -> Iterator[dict[str, Browser]]:
    """One signed-in browser for each person of the cast (by attribute name of the world), all on one app."""
    clients: dict[str, Browser] = {}
    app = create_app(settings_for(world), database=world.db, clock=clock or Clock(world.now))
    try:
        for name in cast:
            client = TestClient(app, base_url="http://testserver", follow_redirects=False)
            client.__enter__()
            clients[name] = Browser(client, sign_in(client, getattr(world, name)))
        yield clients
    finally:
        for browser in clients.values():
            browser.client.__exit__(None, None, None)
