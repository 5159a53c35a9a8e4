"""The network's profile through its services, on both backends: who may change it, what is refused (with
nothing changed), what the record keeps, and that a saved profile wins over the environment's settings."""

from datetime import timedelta

import pytest

from config import Settings
from models.network import NetworkProfile
from tests.support.factories import World
from workflow.engine.errors import ConflictError, InvalidInput, NotFound, NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.profile import (
    ProfileUpdate,
    effective_settings,
    get_profile,
    set_legal_text,
    update_profile,
)
from workflow.network.records import changes_of
from workflow.recommendations.lifecycle import fire


def _profile(world: World) -> NetworkProfile:
    with world.db.read() as session:
        return get_profile(session)


def test_without_a_saved_profile_the_settings_make_a_default_that_is_not_written(world: World) -> None:
    settings = Settings(network_name="Netz Süd", number_prefix="NS", timezone="Europe/Vienna", language="en")
    with world.db.read() as session:
        profile = get_profile(session, settings)
        assert session.get(NetworkProfile, 1) is None
    assert (profile.name, profile.number_prefix, profile.timezone, profile.languages) == \
        ("Netz Süd", "NS", "Europe/Vienna", "en,de")


def test_the_secretariat_edits_the_profile_and_the_record_names_who_what_and_why(world: World) -> None:
    with unit_of_work(world.db) as session:
        profile = update_profile(session, ProfileUpdate(name="Netzwerk Teilhabe Nord", short_name="NTN",
                                                        contact_email="Post@Grüße.example", number_prefix="ntn"),
                                 actor=world.secretariat, now=world.now, comment="Gründung")
    assert (profile.name, profile.short_name, profile.number_prefix) == ("Netzwerk Teilhabe Nord", "NTN", "NTN")
    assert profile.contact_email == "post@grüße.example"  # stored lower-case, like every address of the directory
    with world.db.read() as session:
        [record] = changes_of(session, "network", 1)
    assert (record.action, record.actor_id, record.comment) == ("edit", world.secretariat.id, "Gründung")
    assert record.changes["name"][1] == "Netzwerk Teilhabe Nord" and record.changes["number_prefix"][1] == "NTN"


@pytest.mark.parametrize("update, code", [
    (ProfileUpdate(name="NT"), "name_length"),
    (ProfileUpdate(short_name="x" * 51), "short_name_length"),
    (ProfileUpdate(contact_email="kein-at-zeichen"), "email_invalid"),
    (ProfileUpdate(timezone="Europe/Atlantis"), "timezone_unknown"),
    (ProfileUpdate(languages="de,fr"), "languages_invalid"),
    (ProfileUpdate(languages="de,de"), "languages_invalid"),
    (ProfileUpdate(number_prefix="HE_2"), "prefix_invalid"),
    (ProfileUpdate(number_prefix="ABCDEFGHIJK"), "prefix_invalid"),
])
def test_an_invalid_value_is_refused_and_nothing_changes(world: World, update: ProfileUpdate, code: str) -> None:
    with unit_of_work(world.db) as session:
        update_profile(session, ProfileUpdate(name="Netzwerk Ost"), actor=world.secretariat, now=world.now)
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as session:
        update_profile(session, update.model_copy(update={"name": "Ganz anderer Name"}) if code != "name_length"
                       else update, actor=world.secretariat, now=world.now)
    assert refused.value.code.value == f"network.{code}"
    assert _profile(world).name == "Netzwerk Ost" and _profile(world).version == 1
    with world.db.read() as session:
        assert len(changes_of(session, "network", 1)) == 1


def test_only_the_secretariat_changes_the_profile(world: World) -> None:
    with pytest.raises(NotPermitted), unit_of_work(world.db) as session:
        update_profile(session, ProfileUpdate(name="Netz des Vorsitzes"), actor=world.chair, now=world.now)
    with pytest.raises(NotPermitted), unit_of_work(world.db) as session:
        set_legal_text(session, "imprint", "Text", actor=world.chair, now=world.now)
    with world.db.read() as session:
        assert session.get(NetworkProfile, 1) is None and changes_of(session, "network", 1) == []


def test_an_edit_of_a_stale_version_is_refused_as_a_conflict(world: World) -> None:
    with unit_of_work(world.db) as session:
        first = update_profile(session, ProfileUpdate(name="Netzwerk Eins"), actor=world.secretariat, now=world.now)
    with unit_of_work(world.db) as session:
        update_profile(session, ProfileUpdate(name="Netzwerk Zwei", expected_version=first.version),
                       actor=world.secretariat, now=world.now)
    with pytest.raises(ConflictError, match=r"network\.profile_changed \(current=2, expected=1\)"), \
            unit_of_work(world.db) as session:
        update_profile(session, ProfileUpdate(name="Netzwerk Drei", expected_version=first.version),
                       actor=world.secretariat, now=world.now)
    assert _profile(world).name == "Netzwerk Zwei"


def test_legal_texts_are_saved_with_their_before_and_after_in_the_record(world: World) -> None:
    with unit_of_work(world.db) as session:
        set_legal_text(session, "privacy", "Datenschutz\r\n\r\nText", actor=world.secretariat, now=world.now,
                       comment="erste Fassung")
    with pytest.raises(NotFound), unit_of_work(world.db) as session:
        set_legal_text(session, "agb", "Text", actor=world.secretariat, now=world.now)
    assert _profile(world).privacy_policy == "Datenschutz\n\nText"
    with world.db.read() as session:
        [record] = changes_of(session, "network", 1)
    assert record.action == "edit_legal_text" and record.changes == {"privacy_policy": ["", "Datenschutz\n\nText"]}


def test_a_saved_profile_wins_over_the_environment_and_numbers_the_next_submission(world: World) -> None:
    environment = Settings(database_url=world.db.url, network_name="", number_prefix="HE")
    assert effective_settings(environment, world.db).network_name == "recoflow"
    with unit_of_work(world.db) as session:
        update_profile(session, ProfileUpdate(name="Netzwerk West", number_prefix="NW", languages="en,de",
                                              timezone="Europe/London"), actor=world.secretariat, now=world.now)
    effective = effective_settings(environment, world.db)
    assert (effective.network_name, effective.number_prefix, effective.language, effective.timezone) == \
        ("Netzwerk West", "NW", "en", "Europe/London")
    rec = world.recommendation()
    with unit_of_work(world.db) as session:
        fire(session, rec.id or 0, "submit", actor=world.lead, now=world.now + timedelta(minutes=1))
    assert (world.reload(rec).number or "").startswith("NW-2026-")
