"""Signing in and out, throttling, set-password links, the session cookie and CSRF refusals."""

from datetime import timedelta

from tests.support.factories import World
from tests.support.web import PASSWORD, Clock, TestClient, client_for, form_token, sign_in
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.accounts import invite


def _login(client: TestClient, email: str, password: str, ip_token: str | None = None):
    return client.post("/login", data={"email": email, "password": password,
                                       "csrf_token": ip_token or form_token(client), "next": "/tasks"})


def test_a_person_signs_in_with_email_and_password_and_sees_their_tasks(client: TestClient, web_world: World):
    response = _login(client, "LEAD@example.org ", PASSWORD)
    assert response.status_code == 303 and response.headers["location"] == "/tasks"
    page = client.get("/tasks")
    assert page.status_code == 200
    assert "Meine Aufgaben" in page.text and "Angemeldet als Leitung Lange" in page.text


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client: TestClient, web_world: World):
    wrong_password = _login(client, "lead@example.org", "falsch-falsch")
    unknown_email = _login(client, "niemand@example.org", PASSWORD)
    for response in (wrong_password, unknown_email):
        assert response.status_code == 401
        assert "Die E-Mail-Adresse oder das Passwort ist falsch." in response.text
    assert client.get("/tasks").status_code == 303


def test_five_failed_sign_ins_lock_the_email_for_fifteen_minutes(client: TestClient, web_world: World, clock: Clock):
    for _ in range(5):
        assert _login(client, "lead@example.org", "falsch-falsch").status_code == 401
    locked = _login(client, "lead@example.org", PASSWORD)
    assert locked.status_code == 429 and "Zu viele fehlgeschlagene Anmeldungen" in locked.text
    assert _login(client, "member@example.org", PASSWORD).status_code == 303  # other people are not locked out
    clock.now += timedelta(minutes=16)
    assert _login(client, "lead@example.org", PASSWORD).status_code == 303


def test_many_failures_from_one_address_lock_that_address_for_every_email(client: TestClient, web_world: World):
    for i in range(20):
        _login(client, f"rate{i}@example.org", "falsch-falsch")
    assert _login(client, "lead@example.org", PASSWORD).status_code == 429


def test_the_session_cookie_is_http_only_and_same_site_and_secure_behind_https(web_world: World):
    with client_for(web_world, base_url="https://testserver") as secure:
        header = _login(secure, "lead@example.org", PASSWORD).headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=lax" in header and "secure" in header


def test_the_session_cookie_over_plain_http_is_http_only_and_not_marked_secure(client: TestClient, web_world: World):
    header = _login(client, "lead@example.org", PASSWORD).headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=lax" in header and "secure" not in header


def test_signing_out_ends_the_session_on_the_server(client: TestClient, web_world: World):
    sign_in(client, web_world.lead)
    stolen = dict(client.cookies)
    client.post("/logout", data={"csrf_token": form_token(client, "/tasks")})
    assert client.get("/tasks").status_code == 303
    client.cookies.clear()
    client.cookies.update(stolen)
    assert client.get("/tasks").headers["location"].startswith("/login")


def test_a_form_without_a_valid_token_is_refused_with_a_clear_page(client: TestClient, web_world: World):
    sign_in(client, web_world.lead)
    for data in ({}, {"csrf_token": "forged"}):
        response = client.post("/logout", data=data)
        assert response.status_code == 403
        assert "Formular abgelaufen" in response.text and "laden Sie die Seite neu" in response.text
    assert client.get("/tasks").status_code == 200  # still signed in: the refused form did nothing


def test_signing_in_needs_the_form_token_too(client: TestClient, web_world: World):
    response = client.post("/login", data={"email": "lead@example.org", "password": PASSWORD})
    assert response.status_code == 403


def test_sign_in_only_follows_paths_of_this_site(client: TestClient, web_world: World):
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = client.post("/login", data={"email": "lead@example.org", "password": PASSWORD,
                                               "csrf_token": form_token(client), "next": target})
        assert response.headers["location"] == "/tasks"
        client.post("/logout", data={"csrf_token": form_token(client, "/tasks")})


def test_pages_that_need_sign_in_send_the_visitor_to_the_sign_in_page(client: TestClient, web_world: World):
    response = client.get("/recommendations?state=draft")
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/recommendations?state=draft"


def _invite(world: World) -> str:
    with unit_of_work(world.db) as session:
        return invite(session, world.stranger, "http://testserver", world.now).url.removeprefix("http://testserver")


def test_an_invited_person_sets_a_password_through_the_link_once(client: TestClient, web_world: World):
    path = _invite(web_world)
    page = client.get(path)
    assert page.status_code == 200 and "Fremde Person" in page.text
    token = form_token(client, path)
    new = "ein-ganz-neues-passwort"
    saved = client.post(path, data={"csrf_token": token, "password": new, "repeat": new})
    assert saved.status_code == 303 and saved.headers["location"] == "/login#message"
    assert _login(client, "stranger@example.org", new).status_code == 303
    assert client.get(path).status_code == 404


def test_a_short_or_mistyped_password_is_refused_and_the_link_stays_usable(client: TestClient, web_world: World):
    path = _invite(web_world)
    token = form_token(client, path)
    short = client.post(path, data={"csrf_token": token, "password": "kurz", "repeat": "kurz"})
    assert short.status_code == 422 and "mindestens 10 Zeichen" in short.text
    differ = client.post(path, data={"csrf_token": token, "password": "ein-langes-passwort",
                                     "repeat": "ein-anderes-passwort"})
    assert differ.status_code == 422 and "unterscheiden sich" in differ.text
    assert client.get(path).status_code == 200


def test_an_expired_link_is_refused_with_what_to_do(client: TestClient, web_world: World, clock: Clock):
    path = _invite(web_world)
    clock.now += timedelta(days=8)
    response = client.get(path)
    assert response.status_code == 404 and "Die Geschäftsstelle kann Ihnen einen neuen senden." in response.text


def test_a_new_password_signs_the_person_out_everywhere(client: TestClient, web_world: World):
    sign_in(client, web_world.stranger)
    path = _invite(web_world)
    with client_for(web_world) as other_browser:
        token = form_token(other_browser, path)
        new = "ein-ganz-neues-passwort"
        other_browser.post(path, data={"csrf_token": token, "password": new, "repeat": new})
    assert client.get("/tasks").status_code == 303


def test_pages_are_german_by_default_and_english_on_request(client: TestClient, web_world: World):
    page = client.get("/login")
    assert '<html lang="de">' in page.text and "Anmelden" in page.text
    switched = client.post("/language", data={"csrf_token": form_token(client), "lang": "en", "next": "/login"})
    assert switched.headers["location"] == "/login"
    page = client.get("/login")
    assert '<html lang="en">' in page.text and "Sign in" in page.text and "Anmelden" not in page.text
