"""Personal links: wrong, guessed, expired, revoked and reissued tokens, and no token in clear text anywhere."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import func, select

from config import get_settings
from models.forwarding import ForwardingToken, ImplementationReport, ReportStatus
from models.transition_record import TransitionRecord
from tests.support.factories import World
from tests.support.forwarding import forwarded
from workflow.engine.errors import NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.forwardings import reissue_link, revoke_link
from workflow.forwarding.personal_links import LinkRefused, hash_token
from workflow.forwarding.reports import ContactInput, ReportInput, acknowledge_by_link, report_by_link, view_by_link

REPORT = ReportInput(status=ReportStatus.IN_PROGRESS, text="Wir arbeiten daran.")


def _refusal(world: World, token: str, days: float = 1) -> str:
    with pytest.raises(LinkRefused) as refused, unit_of_work(world.db) as s:
        report_by_link(s, token, world.now + timedelta(days=days), REPORT)
    return str(refused.value)


def _written(world: World) -> tuple[int, int]:
    with world.db.read() as s:
        return (s.exec(select(func.count()).select_from(ImplementationReport)).one(),
                s.exec(select(func.count()).select_from(TransitionRecord)).one())


def test_a_link_opens_only_its_own_forwarding(world: World) -> None:
    _rec, (district, _city) = forwarded(world)
    with world.db.read() as s:
        seen = view_by_link(s, district.token, world.now)
    assert seen["body"] == {"name": "Landkreis Beispiel"}
    assert "Stadt Beispiel" not in repr(seen)


def test_wrong_guessed_expired_and_revoked_tokens_get_the_same_plain_refusal_and_change_nothing(
        world: World) -> None:
    _rec, (district, city) = forwarded(world)
    with unit_of_work(world.db) as s:
        revoke_link(s, city.forwarding_id, world.secretariat, world.now)
    before = _written(world)
    with world.db.read() as s:
        stored_hash = s.exec(select(ForwardingToken.token_hash)).first()
    assert stored_hash is not None
    valid_days = get_settings().forwarding_link_valid_days
    messages = {
        _refusal(world, "x" * 43),                            # wrong
        _refusal(world, district.token[:-1] + ("A" if district.token[-1] != "A" else "B")),  # one character off
        _refusal(world, ""),                                  # empty
        _refusal(world, "a" * 5000),                          # absurdly long
        _refusal(world, stored_hash),                         # the stored hash is no key
        _refusal(world, district.token, days=valid_days + 1),  # expired
        _refusal(world, city.token),                          # revoked
    }
    assert len(messages) == 1
    [message] = messages
    assert "Landkreis" not in message and "Stadt" not in message and "expired" not in message
    assert _written(world) == before


def test_a_reissued_link_works_and_the_old_one_no_longer_does(world: World) -> None:
    _rec, (district, _city) = forwarded(world)
    with unit_of_work(world.db) as s:
        new = reissue_link(s, district.forwarding_id, world.secretariat, world.now + timedelta(days=3))
    assert new.token != district.token and new.forwarding_id == district.forwarding_id
    _refusal(world, district.token, days=4)
    with unit_of_work(world.db) as s:
        acknowledge_by_link(s, new.token, world.now + timedelta(days=4), ContactInput(name="Erika Muster"))
    with world.db.read() as s:
        assert view_by_link(s, new.token, world.now + timedelta(days=4))["forwarding"]["status"] == "acknowledged"


def test_only_the_secretariat_revokes_or_reissues_links(world: World) -> None:
    _rec, (district, _city) = forwarded(world)
    for action in (revoke_link, reissue_link):
        with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
            action(s, district.forwarding_id, world.chair, world.now)
    with world.db.read() as s:
        view_by_link(s, district.token, world.now)


def test_tokens_are_long_random_and_stored_only_as_their_hash(world: World) -> None:
    _rec, links = forwarded(world)
    with unit_of_work(world.db) as s:
        links.append(reissue_link(s, links[0].forwarding_id, world.secretariat, world.now))
    tokens = [link.token for link in links]
    assert len(set(tokens)) == len(tokens)
    assert all(len(t) >= 43 for t in tokens)  # 32 random bytes: 256 bits
    with world.db.read() as s:
        hashes = set(s.exec(select(ForwardingToken.token_hash)).all())
    assert hashes == {hash_token(t) for t in tokens}
    scanned = 0
    with world.db.engine.connect() as conn:
        inspector = sa.inspect(conn)
        for table in inspector.get_table_names():
            text_columns = [c["name"] for c in inspector.get_columns(table)
                            if isinstance(c["type"], sa.String | sa.Text)]
            for row in conn.execute(sa.text(f"SELECT * FROM {table}")).mappings():
                for column in text_columns:
                    value = str(row[column] or "")
                    scanned += 1
                    assert not any(t in value for t in tokens), f"{table}.{column} holds a token in clear text"
    assert scanned > 0
