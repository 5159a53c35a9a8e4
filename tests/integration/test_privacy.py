"""Data-protection rights: the export holds every row the database has about a person (the columns are derived
from the tables' metadata, so a new table cannot be forgotten silently); an erasure puts a pseudonym in place of the
person and leaves no trace of their name or address in any text of any table, while the record stays whole (the
ballots still count, the tallies are unchanged); the last secretariat is not erased; old mail bodies are emptied."""

import json
import re
from datetime import date, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel, col, select

from models.accounts import ApiToken, Credential, LoginThrottle, WebSession
from models.enums import Role
from models.network import ChangeRecord
from models.outbox import OutboxMessage, OutboxStatus
from models.people import Person, Seat
from models.strategy import Ballot, Choice, Decision, Vote
from models.transition_record import TransitionRecord
from tests.support.factories import World
from tests.support.strategy import attend, fill_seats
from workflow.engine.errors import ConflictError, InvalidInput, NotPermitted, RecoflowError
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.accounts import invite, set_password, sign_in, start_session
from workflow.network.api_tokens import issue_api_token
from workflow.network.directory import assign_role
from workflow.network.erasure import erase_person, purge_mail_bodies
from workflow.network.personal_data import personal_data
from workflow.network.refusals import PrivacyRefusal
from workflow.recommendations.lifecycle import fire
from workflow.strategy_group.votes import cast_ballot, close_vote, open_vote

NAME, EMAIL = "Leitung Lange", "lead@example.org"


def busy(world: World) -> tuple[Vote, Any]:
    """The lead holds a seat, submits a recommendation that the secretariat schedules with a comment naming the lead,
    votes yes on it in a vote that closes; has a password, a session, an API token, an invitation mail and a failed
    sign-in. Returns the closed vote and the recommendation."""
    with unit_of_work(world.db) as s:
        seat = s.exec(select(Seat).order_by(col(Seat.id))).all()[2]
        assign_role(s, world.lead, Role.STRATEGY_MEMBER, date(2020, 1, 1), seat_id=seat.id)
    holders = fill_seats(world)
    rec = world.recommendation(title="Sprachförderung")
    with unit_of_work(world.db) as s:
        fire(s, rec.id or 0, "submit", actor=world.lead, now=world.now)
    with unit_of_work(world.db) as s:
        fire(s, rec.id or 0, "schedule", actor=world.secretariat, now=world.now, meeting_id=world.meeting.id,
             comment=f"Nach Rücksprache mit {NAME} ({EMAIL}) eingeplant.")
    during = world.meeting.starts_at + timedelta(hours=1)
    attend(world, world.meeting, list(holders)[:9], during)
    with unit_of_work(world.db) as s:
        vote = open_vote(s, world.meeting.id or 0, [str(rec.id)], actor=world.chair, now=during)
    for code, person in list(holders.items())[:9]:
        with unit_of_work(world.db) as s:
            cast_ballot(s, vote.id or 0, Choice.YES if code != "MIN-2" else Choice.NO, actor=person, now=during)
    with unit_of_work(world.db) as s:
        vote = close_vote(s, vote.id or 0, actor=world.chair, now=during + timedelta(minutes=5))
    with unit_of_work(world.db) as s:
        set_password(s, world.lead, "ein-langes-Passwort", world.now)
        start_session(s, world.lead, world.now)
        issue_api_token(s, world.lead, "Statistik", world.now)
        invite(s, world.lead, "https://recoflow.example.org", world.now)
        # A failed sign-in, as the sign-in page keeps it.
        s.add(LoginThrottle(key=f"email:{EMAIL}", failures=1, window_started_at=world.now))
    return vote, rec


def _text_columns() -> list[tuple[sa.Table, sa.Column[Any]]]:
    return [(t, c) for t in SQLModel.metadata.sorted_tables for c in t.columns if _is_text(c)]


def _is_text(column: sa.Column[Any]) -> bool:
    kind = column.type.impl if isinstance(column.type, sa.TypeDecorator) else column.type  # AutoString, …
    return isinstance(kind, sa.String | sa.JSON) and not isinstance(kind, sa.Enum)


def _rows_naming(world: World, person_id: int, email: str) -> dict[str, set[tuple[Any, ...]]]:
    """Derived from the metadata, independently of the service: every row of every table with a column pointing to
    the person, or a text column holding their address (alone, or as the end of a key such as "email:<address>")."""
    found: dict[str, set[tuple[Any, ...]]] = {}
    with world.db.read() as s:
        for table in SQLModel.metadata.sorted_tables:
            if table.name == "person":
                continue
            matches = [c == person_id for c in table.columns
                       if any(fk.column.table.name == "person" for fk in c.foreign_keys)]
            matches += [sa.or_(c == email, c.endswith(":" + email)) for c in table.columns
                        if _is_text(c) and not isinstance(c.type, sa.JSON)]
            if not matches:
                continue
            keys = list(table.primary_key.columns)
            rows = s.execute(sa.select(*keys).where(sa.or_(*matches))).all()
            if rows:
                found[table.name] = {tuple(r) for r in rows}
    return found


def test_the_export_holds_every_row_that_names_the_person_and_no_secret(world: World) -> None:
    busy(world)
    with world.db.read() as s:
        lead = s.get(Person, world.lead.id)
        assert lead is not None
        export = personal_data(s, lead, world.now)
    expected = _rows_naming(world, world.lead.id or 0, EMAIL)
    # The journey above leaves the person in these tables at least: the walk must find them all and more.
    assert {"ballot", "revision", "transition_record", "role_assignment", "credential", "web_session", "api_token",
            "password_link", "outbox_message", "login_throttle", "attendance"} <= set(expected)
    assert export["person"]["name"] == NAME and export["person"]["email"] == EMAIL
    for table, keys in expected.items():
        columns = [c.name for c in SQLModel.metadata.tables[table].primary_key.columns]
        exported = export["tables"].get(table, [])
        secret_key = any(c.endswith("_hash") for c in columns)
        if secret_key:  # rows keyed by a digest (sessions) are exported without it: count them instead
            assert len(exported) == len(keys), table
            continue
        assert {tuple(row[c] for c in columns) for row in exported} >= keys, table
    text = json.dumps(export, ensure_ascii=False)
    assert "_hash" not in text and "argon2" not in text
    assert any(mail["body_text"] for mail in export["tables"]["outbox_message"])  # mails with their bodies


def _traces(world: World, *needles: str) -> list[str]:
    """Every text and JSON column of every table where a needle stands as a whole (lead@… is not deputylead@…)."""
    found = []
    with world.db.read() as s:
        for table, column in _text_columns():
            as_text = sa.cast(column, sa.Text) if isinstance(column.type, sa.JSON) else column
            for needle in needles:
                forms = {needle, json.dumps(needle)[1:-1]}
                whole = re.compile("|".join(rf"(?<!\w){re.escape(f)}(?!\w)" for f in forms), re.IGNORECASE)
                hits = s.execute(sa.select(as_text).where(sa.or_(*(
                    sa.func.lower(as_text).contains(f.lower(), autoescape=True) for f in forms)))).scalars()
                if any(whole.search(value) for value in hits):
                    found.append(f"{table.name}.{column.name}: {needle}")
    return found


def _wire_bytes_naming(world: World, email: str) -> list[str]:
    """Mails whose prepared wire bytes hold the address (a column the text scan does not read)."""
    with world.db.read() as s:
        return [m.dedupe_key for m in s.exec(select(OutboxMessage)) if email.encode() in (m.prepared or b"")]


def test_an_erasure_leaves_no_trace_and_keeps_the_record_and_the_tallies(world: World) -> None:
    busy(world)
    with world.db.read() as s:
        tallies = s.execute(sa.select(Vote.yes, Vote.no, Vote.abstain, Vote.result).order_by(Vote.id)).all()  # type: ignore[call-overload]
        decisions = s.execute(sa.select(Decision.result, Decision.yes, Decision.no).order_by(Decision.id)).all()  # type: ignore[call-overload]
        ballots = s.execute(sa.select(Ballot.seat_id, Ballot.person_id, Ballot.choice).order_by(Ballot.id)).all()  # type: ignore[call-overload]
        transitions = s.exec(select(TransitionRecord.id, TransitionRecord.actor_id, TransitionRecord.event)
                      .order_by(col(TransitionRecord.id))).all()
    assert _traces(world, NAME, EMAIL)  # the scan sees them before
    assert _wire_bytes_naming(world, EMAIL)  # and the mails' prepared bytes carry the address
    with unit_of_work(world.db) as s:
        done = erase_person(s, world.lead.id or 0, actor=world.secretariat, now=world.now + timedelta(days=50))
    assert done.pseudonym == "Gelöschte Person 1"
    assert _traces(world, NAME, EMAIL) == []
    assert _wire_bytes_naming(world, EMAIL) == []
    with world.db.read() as s:
        assert s.execute(sa.select(Vote.yes, Vote.no, Vote.abstain, Vote.result).order_by(Vote.id)).all() == tallies  # type: ignore[call-overload]
        assert s.execute(sa.select(Decision.result, Decision.yes, Decision.no).order_by(Decision.id)).all() == decisions  # type: ignore[call-overload]
        assert s.execute(sa.select(Ballot.seat_id, Ballot.person_id, Ballot.choice)  # type: ignore[call-overload]
                         .order_by(Ballot.id)).all() == ballots
        assert s.exec(select(TransitionRecord.id, TransitionRecord.actor_id, TransitionRecord.event)
                      .order_by(col(TransitionRecord.id))).all() == \
            transitions
        comment = s.exec(select(TransitionRecord.comment).where(TransitionRecord.event == "schedule")).one()
        assert comment == "Nach Rücksprache mit Gelöschte Person 1 (deleted-person-1@erased.invalid) eingeplant."
        lead = s.get(Person, world.lead.id)
        assert lead is not None and (lead.name, lead.active) == ("Gelöschte Person 1", False)
        assert s.exec(select(Credential).where(Credential.person_id == lead.id)).first() is None
        assert s.exec(select(WebSession).where(WebSession.person_id == lead.id)).first() is None
        assert all(t.revoked_at is not None for t in s.exec(select(ApiToken).where(ApiToken.person_id == lead.id)))
        assert s.exec(select(LoginThrottle).where(col(LoginThrottle.key).contains("lead"))).first() is None
        mails = s.exec(select(OutboxMessage).where(OutboxMessage.person_id == lead.id)).all()
        assert mails and all(m.body_text == m.body_html == "" and m.status != OutboxStatus.QUEUED for m in mails)
        erased = s.exec(select(ChangeRecord).where(ChangeRecord.action == "erase")).one()
        assert (erased.subject_id, erased.actor_id, erased.changes) == (lead.id, world.secretariat.id, {})
    # Nobody signs in as the erased person any more, under either address.
    for address in (EMAIL, "deleted-person-1@erased.invalid"):
        with pytest.raises(RecoflowError), unit_of_work(world.db) as s:
            sign_in(s, address, "ein-langes-Passwort", "192.0.2.8", world.now + timedelta(days=50))


def test_the_last_secretariat_is_not_erased_and_a_second_erasure_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        erase_person(s, world.secretariat.id or 0, actor=None, now=world.now)
    assert refused.value.code is PrivacyRefusal.ERASE_LAST_SECRETARIAT
    assert refused.value.params == {"name": "Sekretariat Sommer"}
    with world.db.read() as s:
        assert (s.get(Person, world.secretariat.id) or Person()).name == "Sekretariat Sommer"
    with unit_of_work(world.db) as s:
        assign_role(s, world.stranger, Role.SECRETARIAT, date(2026, 1, 1))
    with unit_of_work(world.db) as s:
        erase_person(s, world.secretariat.id or 0, actor=world.stranger, now=world.now)
    with pytest.raises(ConflictError) as again, unit_of_work(world.db) as s:
        erase_person(s, world.secretariat.id or 0, actor=world.stranger, now=world.now)
    assert again.value.code is PrivacyRefusal.ERASED_ALREADY


def test_only_the_secretariat_erases(world: World) -> None:
    with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
        erase_person(s, world.stranger.id or 0, actor=world.chair, now=world.now)
    with world.db.read() as s:
        assert (s.get(Person, world.stranger.id) or Person()).name == "Fremde Person"


def test_the_retention_empties_old_sent_and_failed_mails_and_never_queued_ones(world: World) -> None:
    old, recent = world.now - timedelta(days=181), world.now - timedelta(days=179)
    cases = {"old sent": (OutboxStatus.SENT, old), "old failed": (OutboxStatus.FAILED, old),
             "old queued": (OutboxStatus.QUEUED, old), "recent sent": (OutboxStatus.SENT, recent)}
    with unit_of_work(world.db) as s:
        for key, (status, at) in cases.items():
            s.add(OutboxMessage(dedupe_key=key, kind="test", to_address=EMAIL, subject=key, body_text="Text",
                                body_html="<p>Text</p>", message_id=f"<{key.replace(' ', '-')}@x>", status=status,
                                next_attempt_at=at, created_at=at,
                                sent_at=at if status == OutboxStatus.SENT else None))
    with unit_of_work(world.db) as s:
        assert purge_mail_bodies(s, world.now, 180) == 2
    with unit_of_work(world.db) as s:
        assert purge_mail_bodies(s, world.now, 180) == 0
    with world.db.read() as s:
        bodies = {m.dedupe_key: (m.body_text, m.body_html) for m in s.exec(select(OutboxMessage))}
    assert bodies == {"old sent": ("", ""), "old failed": ("", ""), "old queued": ("Text", "<p>Text</p>"),
                      "recent sent": ("Text", "<p>Text</p>")}
