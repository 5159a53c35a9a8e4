"""Dependencies of the routes: the database sessions, the clock and the signed-in person with their roles."""

from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from fastapi.routing import APIRoute
from sqlmodel import Session

from config import Settings
from models.db import Database
from models.enums import Role
from models.network import NetworkProfile
from models.people import Person
from web.security import SignInRequired
from web.wording.refusals.web import WebRefusal
from workflow.engine.clock import local_date
from workflow.engine.errors import NotFound
from workflow.engine.unit_of_work import answered_with_refusal, unit_of_work
from workflow.network.accounts import person_for_session
from workflow.network.profile import FALLBACK_NAME, apply_profile
from workflow.queries.browsing import Standing, require_internal, standing_of


@dataclass(frozen=True)
class NetworkFooter:
    """What the footer of every page says about the network."""

    name: str
    contact_email: str = ""
    contact_phone: str = ""


@dataclass
class WebState:
    """What every request of one app shares; ``settings`` and ``footer`` follow the network's saved profile."""

    settings: Settings
    database: Database
    clock: Callable[[], datetime]
    footer: NetworkFooter = field(default_factory=lambda: NetworkFooter(FALLBACK_NAME))

    def follow_profile(self, profile: NetworkProfile | None) -> None:
        """Take the profile's name, time zone, language, prefix and contact (after it is saved, or at start)."""
        if profile is None:
            self.settings = self.settings.model_copy(
                update={"network_name": self.settings.network_name.strip() or FALLBACK_NAME})
            self.footer = NetworkFooter(self.settings.network_name)
            return
        self.settings = apply_profile(self.settings, profile)
        self.footer = NetworkFooter(self.settings.network_name, profile.contact_email, profile.contact_phone)


@dataclass(frozen=True)
class Viewer:
    """The signed-in person and the roles they hold today; every permission is checked by the services."""

    person: Person
    standing: Standing

    @property
    def id(self) -> int:
        """The person's id."""
        assert self.person.id is not None
        return self.person.id

    def holds(self, *roles: Role) -> bool:
        """Whether the person holds any of ``roles`` today (group roles in any group)."""
        return bool(self.standing.roles & set(roles))


def acting(session: Session, viewer: Viewer) -> Person:
    """The signed-in person as the writing session knows it (effects may read or link it)."""
    person = session.get(Person, viewer.id)
    if person is None:
        raise NotFound(WebRefusal.ACCOUNT_GONE)
    return person


def web_state(request: Request) -> WebState:
    """The app's shared state."""
    state: WebState = request.app.state.web
    return state


def now(request: Request) -> datetime:
    """The current instant by the app's clock (tests fix it)."""
    return web_state(request).clock()


def read_session(request: Request) -> Iterator[Session]:
    """A session for the page's queries."""
    with web_state(request).database.read() as session:
        yield session


def write_session(request: Request) -> Iterator[Session]:
    """The request's unit of work: committed once after the route answered, before the answer is sent.

    A route that raises rolls it back (the exception handlers then word the refusal); a route that catches a
    refusal and answers with it itself (a status of 400 or more, see ``UnitOfWorkRoute``) rolls it back too.
    """
    with unit_of_work(web_state(request).database) as session:
        yield session
        if getattr(request.state, "refused", False):
            answered_with_refusal(session)


class UnitOfWorkRoute(APIRoute):
    """A route that tells the request's unit of work whether it answered with a refusal (status 400 or more).

    The unit of work (``write_session``) ends after the route returned and before the response is sent, so that a
    redirect after a write is only sent once the write is committed, and a conflict at commit is still answered.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """The route's handler, noting a refusing answer on the request for the unit of work."""
        answer = super().get_route_handler()

        async def answer_and_note(request: Request) -> Response:
            response = await answer(request)
            if response.status_code >= 400:
                request.state.refused = True
            elif request.method == "POST" and "location" in response.headers and request.session.get("flash"):
                response.headers["location"] = to_message(response.headers["location"])
            return response

        return answer_and_note


def to_message(location: str) -> str:
    """The redirect's target pointing at the page's message (``id="message"``, the first flash): without
    JavaScript the browser scrolls to it, and the fragment replaces a section's, whose form the message answers."""
    return location.split("#", 1)[0] + "#message"


def load_viewer(request: Request, find: Callable[[Session, datetime], Person | None]) -> Viewer | None:
    """Look the person up with ``find`` and attach them with today's roles to the request (one DB session)."""
    at = now(request)
    viewer = None
    with web_state(request).database.read() as session:
        person = find(session, at)
        if person is not None:
            assert person.id is not None
            viewer = Viewer(person, standing_of(session, person.id, local_date(at)))
    request.state.viewer = viewer
    return viewer


def current_viewer(request: Request) -> Viewer | None:
    """The person signed in through the session cookie, if any."""
    if hasattr(request.state, "viewer"):
        cached: Viewer | None = request.state.viewer
        return cached
    token = request.session.get("sid")
    if not isinstance(token, str):
        request.state.viewer = None
        return None
    viewer = load_viewer(request, lambda session, at: person_for_session(session, token, at))
    if viewer is None:
        request.session.pop("sid", None)
    return viewer


def signed_in(viewer: Annotated[Viewer | None, Depends(current_viewer)]) -> Viewer:
    """The signed-in person, or a redirect to the sign-in page."""
    if viewer is None:
        raise SignInRequired()
    return viewer


def internal(viewer: Annotated[Viewer, Depends(signed_in)]) -> Viewer:
    """A signed-in person who holds a role in the network (others see the public pages only)."""
    require_internal(viewer.person, viewer.standing)
    return viewer


ReadSession = Annotated[Session, Depends(read_session)]
# Function scope: the unit of work ends when the route returns, before the response goes out.
WriteSession = Annotated[Session, Depends(write_session, scope="function")]
Now = Annotated[datetime, Depends(now)]
MaybeViewer = Annotated[Viewer | None, Depends(current_viewer)]
SignedIn = Annotated[Viewer, Depends(signed_in)]
Internal = Annotated[Viewer, Depends(internal)]
