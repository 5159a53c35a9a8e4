"""What the pages show each person: tasks, lists, a recommendation in full, the public page, escaping."""

from models.recommendation import Recommendation, RecommendationUpdate
from tests.support.factories import World
from tests.support.web import PASSWORD, TestClient, browsers, client_for, form_token, sign_in
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.unit_of_work import unit_of_work
from workflow.recommendations.lifecycle import edit_recommendation, fire


def test_the_lead_finds_drafts_to_submit_and_the_secretariat_submitted_items_to_schedule(web_world: World) -> None:
    draft = web_world.recommendation(title="Entwurf der AG")
    submitted = web_world.recommendation(state="submitted", title="Eingereichte Empfehlung")
    with browsers(web_world) as cast:
        lead_page = cast["lead"].client.get("/tasks").text
        secretariat_page = cast["secretariat"].client.get("/tasks").text
        stranger_page = cast["stranger"].client.get("/tasks").text
    assert "Entwürfe Ihrer Arbeitsgruppe zum Einreichen" in lead_page and draft.title in lead_page
    assert submitted.title not in lead_page
    assert "Eingereichte Empfehlungen zum Prüfen und Terminieren" in secretariat_page
    assert submitted.title in secretariat_page
    assert "Sie haben noch keine Rolle im Netzwerk" in stranger_page
    assert "Nächste Sitzung" in lead_page and web_world.meeting.title in lead_page


def test_the_list_filters_by_state_group_and_words(web_world: World) -> None:
    web_world.recommendation(state="submitted", title="Mehrsprachige Formulare")
    web_world.recommendation(state="adopted", title="Beiräte stärken")
    web_world.recommendation(state="submitted", title="Andere Gruppe", group=web_world.other_group)
    with browsers(web_world) as cast:
        get = cast["secretariat"].client.get
        by_state = get("/recommendations", params={"state": "submitted"}).text
        by_group = get("/recommendations", params={"group": str(web_world.other_group.id)}).text
        by_words = get("/recommendations", params={"q": "FORMULAR"}).text
    assert "Mehrsprachige Formulare" in by_state and "Andere Gruppe" in by_state and "Beiräte" not in by_state
    assert "Andere Gruppe" in by_group and "Mehrsprachige" not in by_group
    assert "Mehrsprachige Formulare" in by_words and "1 Empfehlung gefunden." in by_words


def test_another_groups_draft_stays_hidden_until_submitted(web_world: World) -> None:
    other_draft = web_world.recommendation(title="Geheimer Entwurf", group=web_world.other_group)
    with browsers(web_world) as cast:
        listed = cast["lead"].client.get("/recommendations").text
        detail = cast["lead"].client.get(f"/recommendations/{other_draft.id}")
        own_lead = cast["other_lead"].client.get(f"/recommendations/{other_draft.id}")
        stranger = cast["stranger"].client.get("/recommendations")
    assert "Geheimer Entwurf" not in listed
    assert detail.status_code == 403 and own_lead.status_code == 200
    assert stranger.status_code == 403


def test_markup_in_a_recommendation_is_shown_as_text(web_world: World) -> None:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    rec = web_world.recommendation(state="adopted", title=f"Titel {evil}")
    with unit_of_work(web_world.db) as session:
        row = session.get(Recommendation, rec.id)
        assert row is not None
        row.text, row.number = f"Text {evil}", "HE-2026-099"
        session.add(row)
        session.commit()
    with browsers(web_world) as cast:
        pages = [cast["secretariat"].client.get(p).text for p in
                 (f"/recommendations/{rec.id}", "/recommendations", "/tasks")]
    pages.append(_public(web_world))
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in pages[0]


def _public(world: World) -> str:
    with client_for(world) as client:
        return client.get("/").text


def test_a_recommendation_shows_its_changes_timeline_and_only_the_buttons_for_this_person(web_world: World) -> None:
    rec = web_world.recommendation()
    with unit_of_work(web_world.db) as session:
        edit_recommendation(session, rec.id or 0, RecommendationUpdate(text="Die Kommunen müssen …"),
                            web_world.lead, web_world.now, comment="Schärfer formuliert")
        fire(session, rec.id or 0, "submit", actor=web_world.lead, now=web_world.now, comment="Fertig")
    with browsers(web_world) as cast:
        secretariat = cast["secretariat"].client.get(f"/recommendations/{rec.id}").text
        lead = cast["lead"].client.get(f"/recommendations/{rec.id}").text
    assert "<del><span class=\"visually-hidden\">entfernt: </span>sollen</del>" in secretariat
    assert "<ins><span class=\"visually-hidden\">eingefügt: </span>müssen</ins>" in secretariat
    assert "Schärfer formuliert" in secretariat and "Leitung Lange" in secretariat and "Fertig" in secretariat
    assert f"/recommendations/{rec.id}/events/schedule" in secretariat
    assert f"/recommendations/{rec.id}/events/return" in secretariat
    assert f"/recommendations/{rec.id}/events/withdraw" not in secretariat
    assert f"/recommendations/{rec.id}/events/withdraw" in lead
    assert f"/recommendations/{rec.id}/events/schedule" not in lead


def test_the_lead_submits_with_a_comment_and_the_timeline_records_it(web_world: World) -> None:
    rec = web_world.recommendation()
    with browsers(web_world) as cast:
        lead = cast["lead"]
        page = lead.client.get(f"/recommendations/{rec.id}").text
        assert "Einreichen" in page
        response = lead.post(f"/recommendations/{rec.id}/events/submit", comment="Von der AG verabschiedet",
                             version=str(rec.version))
        assert response.status_code == 303
        after = lead.client.get(response.headers["location"]).text
    assert "Einreichen: erledigt. Die Empfehlung ist jetzt „Eingereicht“." in after
    assert "Von der AG verabschiedet" in after
    assert web_world.reload(rec).number is not None


def test_a_return_without_a_reason_is_refused_and_changes_nothing(web_world: World) -> None:
    rec = web_world.recommendation(state="submitted")
    with browsers(web_world) as cast:
        response = cast["secretariat"].post(f"/recommendations/{rec.id}/events/return", comment=" ")
    assert response.status_code == 409 and "Geben Sie im Kommentar eine Begründung an." in response.text
    assert web_world.reload(rec).state == "submitted"


def test_a_form_sent_from_an_outdated_page_is_refused_as_changed_meanwhile(web_world: World) -> None:
    rec = web_world.recommendation(state="submitted")
    with browsers(web_world) as cast:
        response = cast["secretariat"].post(f"/recommendations/{rec.id}/events/schedule", comment="",
                                            meeting_id=str(web_world.meeting.id), version=str(rec.version - 1))
    assert response.status_code == 409 and "Inzwischen geändert" in response.text


def test_a_new_draft_is_created_and_an_invalid_one_shows_the_form_again(client: TestClient, web_world: World) -> None:
    token = sign_in(client, web_world.lead, PASSWORD)
    bad = client.post("/recommendations/new", data={"csrf_token": token, "title": "x", "text": "Text",
                                                    "working_group_id": str(web_world.group.id)})
    assert bad.status_code == 422 and 'value="x"' in bad.text and "title" in bad.text
    good = client.post("/recommendations/new", data={
        "csrf_token": form_token(client, "/recommendations/new"), "title": "Neue Empfehlung", "text": "Text",
        "rationale": "Weil", "working_group_id": str(web_world.group.id),
        "addressee_ids": [str(b.id) for b in web_world.bodies]})
    assert good.status_code == 303
    page = client.get(good.headers["location"]).text
    assert "Neue Empfehlung" in page and "Landkreis Beispiel" in page and "Stadt Beispiel" in page


def test_the_public_page_shows_decided_recommendations_without_personal_data(web_world: World) -> None:
    web_world.recommendation(state="forwarded", title="Weitergeleitete Empfehlung")
    web_world.recommendation(state="submitted", title="Interne Empfehlung")
    page = _public(web_world)
    assert "Weitergeleitete Empfehlung" in page and "Weitergeleitet" in page
    assert "Interne Empfehlung" not in page
    assert "Leitung Lange" not in page and "@example.org" not in page


def test_the_workflow_page_draws_the_diagram_and_lists_every_transition(client: TestClient) -> None:
    page = client.get("/workflow").text
    assert '<img src="/workflow.svg"' in page
    assert page.count("<tr>") == 1 + len(RECOMMENDATION_WORKFLOW.rules)
    drawing = client.get("/workflow.svg")
    assert drawing.headers["content-type"] == "image/svg+xml" and "<svg" in drawing.text
