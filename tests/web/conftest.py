"""Fixtures of the web tests: cheap password hashing, a world whose people have passwords, and a client."""

from collections.abc import Iterator

import pytest

from tests.support.factories import World
from tests.support.web import Browser, Clock, TestClient, browsers, client_for, give_passwords, use_cheap_hashing


@pytest.fixture(scope="session", autouse=True)
def _cheap_hashing() -> None:
    use_cheap_hashing()


@pytest.fixture
def clock(world: World) -> Clock:
    return Clock(world.now)


@pytest.fixture
def web_world(world: World) -> World:
    give_passwords(world)
    return world


@pytest.fixture
def client(web_world: World, clock: Clock) -> Iterator[TestClient]:
    with client_for(web_world, clock) as client:
        yield client


@pytest.fixture(scope="module")
def module_web_world(module_world: World) -> World:
    """The module's cast with passwords: for matrices whose every case makes its own subject and checks only it."""
    give_passwords(module_world)
    return module_world


@pytest.fixture(scope="module")
def signed_in(module_web_world: World) -> Iterator[dict[str, Browser]]:
    """The cast signed in once for the whole module, on one app."""
    with browsers(module_web_world) as cast:
        yield cast
