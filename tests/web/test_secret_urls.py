"""URLs that carry a secret (set-password links, the bodies' personal links) stay out of logs, caches and
referrers: whatever the answer, page or refusal."""

import logging
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn

from tests.support.factories import World
from tests.support.forwarding import forwarded
from tests.support.web import Clock, TestClient, settings_for
from web import create_app
from web.link_safety import SECRET_PATHS, redact
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.accounts import invite


def _set_password_token(world: World) -> str:
    with unit_of_work(world.db) as session:
        url = invite(session, world.lead, "http://testserver", world.now).url
    return url.rsplit("/", 1)[1]


def _assert_secret_headers(response: httpx.Response) -> None:
    assert response.headers["cache-control"] == "no-store", response.request.url
    assert response.headers["referrer-policy"] == "no-referrer", response.request.url


def test_every_answer_to_a_set_password_link_is_neither_cached_nor_named_as_referrer(web_world: World,
                                                                                      client: TestClient) -> None:
    token = _set_password_token(web_world)
    shown = client.get(f"/set-password/{token}")
    assert shown.status_code == 200
    csrf = shown.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    mistyped = client.post(f"/set-password/{token}", data={"csrf_token": csrf, "password": "ein-gutes-passwort",
                                                           "repeat": "ein-anderes-passwort"})
    without_form_token = client.post(f"/set-password/{token}", data={"password": "x", "repeat": "x"})
    saved = client.post(f"/set-password/{token}", data={"csrf_token": csrf, "password": "ein-gutes-passwort",
                                                        "repeat": "ein-gutes-passwort"})
    used_up = client.get(f"/set-password/{token}")
    unknown = client.get(f"/set-password/{secrets.token_urlsafe(32)}")
    assert [r.status_code for r in (mistyped, without_form_token, saved, used_up, unknown)] == [422, 403, 303, 404,
                                                                                                404]
    for response in (shown, mistyped, without_form_token, saved, used_up, unknown):
        _assert_secret_headers(response)


def test_every_answer_to_a_personal_link_is_neither_cached_nor_named_as_referrer(web_world: World,
                                                                                 client: TestClient) -> None:
    _rec, [link, _other] = forwarded(web_world)
    for response in (client.get(f"/stelle/{link.token}"), client.get(f"/stelle/{secrets.token_urlsafe(32)}"),
                     client.post(f"/stelle/{link.token}/report", data={"text": "ohne Formularschlüssel"}),
                     client.get(f"/stelle/{link.token}/nichts")):
        _assert_secret_headers(response)


def test_pages_without_a_secret_in_their_url_keep_the_ordinary_referrer_policy(web_world: World,
                                                                               client: TestClient) -> None:
    response = client.get("/login")
    assert response.headers["referrer-policy"] == "same-origin" and "cache-control" not in response.headers


@pytest.mark.parametrize("path", ["/set-password/abc-DEF_123", "/stelle/abc-DEF_123/report?done=1"])
def test_redaction_covers_every_declared_secret_path(path: str) -> None:
    assert "abc-DEF_123" not in redact(f'"GET {path} HTTP/1.1" 200')
    assert any(redact(path).startswith(prefix + "…") for prefix in SECRET_PATHS)


class _Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextmanager
def _real_server(world: World) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, with uvicorn's own logging set up."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(settings_for(world), database=world.db, clock=Clock(world.now))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="info"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_the_access_log_of_a_real_server_shows_no_secret_token(web_world: World) -> None:
    password_token = _set_password_token(web_world)
    _rec, [link, _other] = forwarded(web_world)
    captured = _Captured()
    with _real_server(web_world) as base:
        access = logging.getLogger("uvicorn.access")
        access.addHandler(captured)
        try:
            with httpx.Client(base_url=base) as http:
                answers = [http.get(f"/set-password/{password_token}"),
                           http.post(f"/set-password/{password_token}", data={"password": "x"}),
                           http.get(f"/stelle/{link.token}?done=contact"),
                           http.get(f"/stelle/{secrets.token_urlsafe(32)}")]
        finally:
            access.removeHandler(captured)
    assert [a.status_code for a in answers] == [200, 403, 200, 404]
    for answer in answers:
        _assert_secret_headers(answer)
    log = "\n".join(captured.lines)
    assert len(captured.lines) == 4, log
    assert password_token not in log and link.token not in log
    assert '"GET /set-password/… HTTP/1.1" 200' in log and '"GET /stelle/…?done=contact HTTP/1.1" 200' in log
