"""Helpers for the tests of the body's link pages and the secretariat's forwarding pages."""

import re

import httpx
from sqlmodel import col, select

from models.forwarding import Forwarding, ForwardingToken, ImplementationReport, ReviewRound
from models.recommendation import Recommendation
from tests.support.factories import World
from tests.support.web import TestClient

# The form token of a page behind a personal link: "issued.signature" (the session's token looks different).
_LINK_FORM_TOKEN = re.compile(r'name="csrf_token" value="(\d+\.[0-9a-f]{64})"')
_SHOWN_LINK = re.compile(r'value="https?://[^"]+/stelle/([A-Za-z0-9_-]+)"')


def link_form_token(client: TestClient, token: str) -> str:
    """The form token the body's page puts into its forms."""
    response = client.get(f"/stelle/{token}")
    assert response.status_code == 200, response.status_code
    match = _LINK_FORM_TOKEN.search(response.text)
    assert match, "no form token on the body's page"
    return match.group(1)


def post_as_body(client: TestClient, token: str, action: str, **data: str) -> httpx.Response:
    """Send one of the body's forms the way its browser would: the page first, then the form."""
    form_token = link_form_token(client, token)
    return client.post(f"/stelle/{token}/{action}", data={"csrf_token": form_token, **data})


def shown_links(html: str) -> list[str]:
    """The tokens of the personal links a page shows the secretariat."""
    return _SHOWN_LINK.findall(html)


def snapshot(world: World, rec_id: int) -> tuple[object, ...]:
    """Everything a forwarding or review route could change about one recommendation."""
    with world.db.read() as session:
        rec = session.get(Recommendation, rec_id)
        assert rec is not None
        forwardings = session.exec(select(Forwarding).where(Forwarding.recommendation_id == rec_id)
                                   .order_by(col(Forwarding.id))).all()
        ids = [f.id for f in forwardings]
        reports = session.exec(select(ImplementationReport.id).where(
            col(ImplementationReport.forwarding_id).in_(ids))).all()
        tokens = session.exec(select(ForwardingToken.id, ForwardingToken.revoked_at).where(
            col(ForwardingToken.forwarding_id).in_(ids)).order_by(col(ForwardingToken.id))).all()
        rounds = session.exec(select(ReviewRound.meeting_id, ReviewRound.started_at, ReviewRound.outcome).where(
            ReviewRound.recommendation_id == rec_id).order_by(col(ReviewRound.number))).all()
        return (rec.state, rec.version,
                [(f.organisation_id, f.state, f.acknowledged_at, f.contact_name, f.version) for f in forwardings],
                sorted(reports), list(tokens), list(rounds))
