"""Many recommendations at once, for tests and benchmarks of pages at 10,000 or 100,000 recommendations.

Rows go in through bulk inserts on the models' tables (the service path is measured by benchmarks/transitions.py),
with a spread a network reaches after some years: most recommendations decided, the forwarded ones sent to one to
three bodies, some acknowledged, some reported on, some in a review round of a meeting past or ahead.
"""

import random
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import SQLModel

from models.db import Database
from models.forwarding import Forwarding, ImplementationReport, ReviewRound
from models.groups import WorkingGroup
from models.meeting import Meeting
from models.people import Organisation, Person
from models.recommendation import Recommendation, RecommendationAddressee, Revision
from models.transition_record import TransitionRecord

# Weights of the states: a network some years old has decided most of what its groups drafted.
STATES = {"draft": 4, "submitted": 3, "scheduled": 2, "adopted": 3, "rejected": 2, "forwarded": 6,
          "under_review": 3, "implemented": 4, "partially_implemented": 2, "not_implemented": 1}
FORWARDED = {"forwarded", "under_review", "implemented", "partially_implemented", "not_implemented"}
_PATH = {"submitted": ["submit"], "scheduled": ["submit", "schedule"], "adopted": ["submit", "schedule", "adopt"],
         "rejected": ["submit", "schedule", "reject"]}
_BATCH = 5_000


def _table(model: type[SQLModel]) -> sa.Table:
    return SQLModel.metadata.tables[str(model.__tablename__)]


def _chunks(rows: list[dict[str, object]]) -> list[list[dict[str, object]]]:
    return [rows[i:i + _BATCH] for i in range(0, len(rows), _BATCH)]


def add_recommendations(db: Database, count: int, *, start: datetime, seed: int = 7) -> list[int]:
    """Add ``count`` recommendations of the database's working groups with their revision, addressees, transition
    records, forwardings, review rounds and reports; return their ids."""
    rng = random.Random(seed)
    states, weights = list(STATES), list(STATES.values())
    with db.engine.begin() as conn:
        groups = list(conn.execute(sa.select(_table(WorkingGroup).c.id)).scalars())
        bodies = list(conn.execute(sa.select(_table(Organisation).c.id)).scalars())
        actor = conn.execute(sa.select(sa.func.min(_table(Person).c.id))).scalar()
        meetings = list(conn.execute(sa.select(_table(Meeting).c.id)).scalars())
        first = (conn.execute(sa.select(sa.func.max(_table(Recommendation).c.id))).scalar() or 0) + 1
        next_forwarding = (conn.execute(sa.select(sa.func.max(_table(Forwarding).c.id))).scalar() or 0) + 1
        next_report = (conn.execute(sa.select(sa.func.max(_table(ImplementationReport).c.id))).scalar() or 0) + 1
        recs, revisions, addressees, records, forwardings, rounds, reports = [], [], [], [], [], [], []
        for i in range(count):
            rec_id, state = first + i, rng.choices(states, weights)[0]
            when = start + timedelta(minutes=7 * i)
            title = f"Empfehlung {rec_id}: Sprachförderung und Beratung im Landkreis {i % 35}"
            text = "Die Landesregierung wird gebeten, " + "die Angebote zu verstetigen. " * 20
            recs.append({"id": rec_id, "number": None if state == "draft" else f"HE-{2020 + i % 7}-{rec_id:06d}",
                         "title": title, "text": text, "rationale": "Begründung " * 30,
                         "working_group_id": rng.choice(groups), "state": state, "version": 3,
                         "revision_count": 1, "created_at": when, "updated_at": when})
            revisions.append({"recommendation_id": rec_id, "number": 1, "title": title, "text": text,
                              "rationale": "", "author_id": actor, "comment": "", "created_at": when})
            chosen = rng.sample(bodies, k=min(len(bodies), rng.randint(1, 3)))
            addressees += [{"recommendation_id": rec_id, "organisation_id": body} for body in chosen]
            path = _PATH.get(state, ["submit", "schedule", "adopt", "forward"] if state in FORWARDED else [])
            before = "draft"
            for event in path:
                after = {"submit": "submitted", "schedule": "scheduled", "adopt": "adopted", "reject": "rejected",
                         "forward": "forwarded"}[event]
                records.append({"subject_kind": "recommendation", "subject_id": rec_id, "event": event,
                                "from_state": before, "to_state": after, "actor_id": actor, "occurred_at": when,
                                "comment": "", "revision": 1})
                before = after
            if state not in FORWARDED:
                continue
            first_round = {"recommendation_id": rec_id, "number": 1, "meeting_id": rng.choice(meetings)
                           if meetings else None, "opened_at": when, "last_report_id": None,
                           "concluded_at": when if state not in {"forwarded", "under_review"} else None}
            rounds.append(first_round)
            for body in chosen:
                acknowledged = rng.random() < 0.6
                reported = acknowledged and rng.random() < 0.5
                forwardings.append({"id": next_forwarding, "recommendation_id": rec_id, "organisation_id": body,
                                    "state": "reported" if reported else "acknowledged" if acknowledged else "sent",
                                    "version": 1, "forwarded_at": when, "forwarded_by_id": actor,
                                    "acknowledged_at": when + timedelta(days=3) if acknowledged else None,
                                    "contact_name": "", "contact_email": "", "contact_phone": ""})
                if reported:
                    first_round["last_report_id"] = next_report
                    reports.append({"id": next_report, "forwarding_id": next_forwarding, "status": rng.choice(
                        ["in_progress", "implemented", "partially_implemented"]), "text": "Bericht " * 20,
                        "report_date": date(2025, 1, 1) + timedelta(days=i % 300),
                        "filed_at": when + timedelta(days=30), "filed_by_id": None, "suggested_body": ""})
                    next_report += 1
                next_forwarding += 1
            if state == "under_review" and rng.random() < 0.5:  # a second round: the first one's reports are old
                rounds.append({**first_round, "number": 2, "meeting_id": rng.choice(meetings), "last_report_id": None,
                               "concluded_at": None})
                first_round["concluded_at"] = when
        for table, rows in ((Recommendation, recs), (Revision, revisions), (RecommendationAddressee, addressees),
                            (TransitionRecord, records), (Forwarding, forwardings), (ImplementationReport, reports),
                            (ReviewRound, rounds)):
            for chunk in _chunks(rows):
                conn.execute(_table(table).insert(), chunk)
    return [first + i for i in range(count)]

