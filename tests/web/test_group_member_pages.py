"""A working group's people on its page: who belongs since when, the forms to add a member, end a membership and
change the lead for whom the rules allow them, and refusals worded in German with nothing changed."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape

from tests.support.factories import World
from tests.support.network import convened_group, held_meeting
from tests.support.web import Browser, client_for, sign_in
from workflow.engine.clock import local_date
from workflow.network.memberships import members_of
from workflow.network.records import changes_of


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@contextmanager
def signed_in(world: World, name: str) -> Iterator[Browser]:
    with client_for(world) as client:
        yield Browser(client, sign_in(client, getattr(world, name)))


def _members(world: World, group_id: int) -> dict[str, str]:
    with world.db.read() as s:
        return {m.email: m.role.value for m in members_of(s, group_id, local_date(world.now))}


def test_the_group_page_shows_lead_deputy_lead_and_members_with_their_terms(web_world: World) -> None:
    with signed_in(web_world, "deputy") as browser:
        page = browser.client.get(f"/working-groups/{web_world.group.id}")
    text = _text(page.text)
    assert page.status_code == 200
    assert "Leitung, stellvertretende Leitung und Mitglieder heute" in text
    assert "Stellvertretende Leitung Stellvertretung Stein deputylead@example.org 01.01.2020" in text
    assert "Mitglied hinzufügen" not in text


def test_the_secretariat_gets_every_membership_form_the_lead_only_the_member_forms(web_world: World) -> None:
    path = f"/working-groups/{web_world.group.id}"
    forms = {}
    for name in ("secretariat", "lead", "wg_member"):
        with signed_in(web_world, name) as browser:
            html = browser.client.get(path).text
        forms[name] = set(re.findall(rf'action="{path}/(members/end|members|lead)"', html))
    assert forms == {"secretariat": {"members", "members/end", "lead"}, "lead": {"members", "members/end"},
                     "wg_member": set()}


def test_the_lead_adds_a_member_chosen_by_email_and_the_change_is_recorded(web_world: World) -> None:
    gid = web_world.group.id or 0
    with signed_in(web_world, "lead") as browser:
        done = browser.post(f"/working-groups/{gid}/members", person="Fremde Person <stranger@example.org>",
                            role="wg_member", starts_on="", comment="Fachliche Verstärkung")
        page = _text(browser.client.get(f"/working-groups/{gid}").text)
    assert done.status_code == 303
    assert "Fremde Person gehört der Arbeitsgruppe ab 2026-03-10 an." in page
    assert _members(web_world, gid)["stranger@example.org"] == "wg_member"
    with web_world.db.read() as s:
        [record] = [r for r in changes_of(s, "working_group", gid) if r.action == "join"]
    assert (record.actor_id, record.comment) == (web_world.lead.id, "Fachliche Verstärkung")


def test_a_lead_naming_a_deputy_lead_is_refused_in_german_and_nothing_changes(web_world: World) -> None:
    gid = web_world.other_group.id or 0
    with signed_in(web_world, "other_lead") as browser:
        refused = browser.post(f"/working-groups/{gid}/members", person="stranger@example.org",
                               role="wg_deputy_lead", starts_on="", comment="")
    assert refused.status_code == 403
    assert "darf die Mitglieder der Arbeitsgruppe „AG Andere“ nicht ändern" in _text(refused.text)
    assert "stranger@example.org" not in _members(web_world, gid)


def test_ending_a_membership_needs_the_confirmation(web_world: World) -> None:
    gid = web_world.group.id or 0
    with signed_in(web_world, "secretariat") as browser:
        unconfirmed = browser.post(f"/working-groups/{gid}/members/end", person="wgmember@example.org",
                                   ends_on="2026-03-09", comment="Ausgeschieden")
        assert "wgmember@example.org" in _members(web_world, gid)
        confirmed = browser.post(f"/working-groups/{gid}/members/end", person="wgmember@example.org",
                                 ends_on="2026-03-09", comment="Ausgeschieden", confirm="yes")
    assert unconfirmed.status_code == 422
    assert "Bitte bestätigen Sie, dass die Mitgliedschaft endet." in _text(unconfirmed.text)
    assert confirmed.status_code == 303
    assert "wgmember@example.org" not in _members(web_world, gid)


def test_the_chair_changes_the_lead_and_the_former_lead_stays_a_member(web_world: World) -> None:
    gid = web_world.group.id or 0
    with signed_in(web_world, "chair") as browser:
        done = browser.post(f"/working-groups/{gid}/lead", person="deputylead@example.org", starts_on="",
                            former_stays_member="yes", comment="Wahl in der AG")
    assert done.status_code == 303
    assert _members(web_world, gid) == {"deputylead@example.org": "wg_lead", "lead@example.org": "wg_member",
                                        "wgmember@example.org": "wg_member"}


def test_convening_through_the_form_names_lead_and_members_and_activation_then_works(web_world: World) -> None:
    meeting = held_meeting(web_world)
    with signed_in(web_world, "secretariat") as browser:
        form = browser.client.get("/working-groups").text
        assert 'id="group-lead"' in form and 'list="directory-people"' in form
        done = browser.post("/working-groups", name="AG Gesundheit", mandate="Empfehlungen", planned_member_count="4",
                            planned_end="", topic_id="", meeting_id=str(meeting.id), lead="lead@example.org",
                            deputy_lead="", members="wgmember@example.org\nstranger@example.org\n")
        assert done.status_code == 303
        gid = int(done.headers["location"].removesuffix("#message").rsplit("/", 1)[1])
        activated = browser.post(f"/working-groups/{gid}/events/activate", comment="")
    assert _members(web_world, gid) == {"lead@example.org": "wg_lead", "wgmember@example.org": "wg_member",
                                        "stranger@example.org": "wg_member"}
    assert activated.status_code == 303


def test_a_group_without_lead_shows_why_it_cannot_start_yet(web_world: World) -> None:
    group = convened_group(web_world, held_meeting(web_world), "AG Ohne", staffed=False)
    with signed_in(web_world, "secretariat") as browser:
        page = _text(browser.client.get(f"/working-groups/{group.id}").text)
        refused = browser.post(f"/working-groups/{group.id}/events/activate", comment="")
    assert "Die Arbeitsgruppe hat noch keine Leitung. Bitte benennen Sie die Leitung unter „Mitglieder“." in page
    assert refused.status_code == 409
    assert "Der Arbeitsgruppe gehört heute niemand an." in page
