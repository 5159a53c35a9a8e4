"""Persisted transitions per second on the embedded SQLite file, beside a raw sqlite3 baseline.

Each persisted transition is the real service call: load, permission and guard checks, the machine, the
transition record, the version bump and one commit. The baseline does the equivalent UPDATE and INSERT with
the same pragmas in one transaction each. Prints readable figures, then one JSON line.
"""

import json
import shutil
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

# Run as a script, this folder would come first on sys.path and this file would shadow the
# ``transitions`` library: put the repository root there instead.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bootstrap import bootstrap  # noqa: E402
from migrations import upgrade_to_head  # noqa: E402
from models.db import Database  # noqa: E402
from models.enums import OrganisationKind, Role  # noqa: E402
from models.groups import WorkingGroupCreate  # noqa: E402
from models.people import OrganisationCreate, PersonCreate  # noqa: E402
from models.recommendation import Recommendation  # noqa: E402
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW  # noqa: E402
from workflow.network.directory import add_organisation, add_person, assign_role  # noqa: E402
from workflow.network.working_groups import convene_working_group  # noqa: E402
from workflow.recommendations.lifecycle import fire  # noqa: E402

RECS = 500
SECONDS = 3.0
# The two persisted measurements alternate in short slices, so that both see the same disk and machine load.
SLICES = 12
NOW = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


def prepare(path: Path) -> tuple[Database, dict[str, object]]:
    """A migrated database with a small cast and ``RECS`` complete drafts."""
    db = Database(f"sqlite:///{path}")
    upgrade_to_head(db)
    with db.write() as s:
        body = add_organisation(s, OrganisationCreate(name="Stadt", kind=OrganisationKind.CITY))
        sec = add_person(s, PersonCreate(name="Sekretariat", email="sek@example.org"))
        lead = add_person(s, PersonCreate(name="Leitung", email="lead@example.org"))
        assign_role(s, sec, Role.SECRETARIAT, date(2020, 1, 1))
        assign_role(s, sec, Role.CHAIR, date(2020, 1, 1))
        data = WorkingGroupCreate(name="AG Bench", mandate="m", planned_member_count=5)
        group = convene_working_group(s, data, sec, NOW)
        assign_role(s, lead, Role.WG_LEAD, date(2020, 1, 1), working_group_id=group.id)
        for i in range(RECS):
            s.add(Recommendation(title=f"Empfehlung {i}", text="Text", rationale="Weil", working_group_id=group.id or 0,
                                 state="draft", created_at=NOW, updated_at=NOW))
        s.commit()
        from sqlmodel import text
        s.execute(text("INSERT INTO recommendation_addressee SELECT id, :org FROM recommendation"), {"org": body.id})
        s.commit()
    return db, {"lead": lead, "sec": sec}


@dataclass
class Rate:
    count: int
    seconds: float

    @property
    def per_s(self) -> float:
        return self.count / self.seconds


class ServiceRunner:
    """Alternates submit (lead) and return (secretariat) on the drafts, one service call and commit each."""

    def __init__(self, db: Database, actors: dict[str, object]) -> None:
        self.db, self.actors = db, actors
        self.states = dict.fromkeys(range(1, RECS + 1), "draft")
        self.rate = Rate(0, 0.0)

    def run_for(self, seconds: float) -> None:
        start = time.perf_counter()
        while time.perf_counter() - start < seconds:
            rec_id = self.rate.count % RECS + 1
            with self.db.write() as s:
                if self.states[rec_id] == "draft":
                    fire(s, rec_id, "submit", actor=self.actors["lead"], now=NOW)  # type: ignore[arg-type]
                    self.states[rec_id] = "submitted"
                else:
                    fire(s, rec_id, "return", actor=self.actors["sec"], now=NOW,  # type: ignore[arg-type]
                         comment="zurück")
                    self.states[rec_id] = "draft"
            self.rate.count += 1
        self.rate.seconds += time.perf_counter() - start


class BaselineRunner:
    """The same state change and audit row with raw sqlite3, same pragmas, one transaction each."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode=WAL", "busy_timeout=5000", "foreign_keys=ON", "synchronous=FULL"):
            self.conn.execute(f"PRAGMA {pragma}")
        self.states = dict.fromkeys(range(1, RECS + 1), "draft")
        self.versions = dict.fromkeys(range(1, RECS + 1), 1)
        self.rate = Rate(0, 0.0)

    def run_for(self, seconds: float) -> None:
        stamp = NOW.replace(tzinfo=None)
        start = time.perf_counter()
        while time.perf_counter() - start < seconds:
            rec_id = self.rate.count % RECS + 1
            old = self.states[rec_id]
            new = "submitted" if old == "draft" else "draft"
            self.conn.execute("BEGIN IMMEDIATE")
            cur = self.conn.execute("UPDATE recommendation SET state=?, version=version+1, updated_at=? "
                                    "WHERE id=? AND version=?", (new, stamp, rec_id, self.versions[rec_id]))
            assert cur.rowcount == 1
            self.conn.execute("INSERT INTO transition_record (subject_kind, subject_id, event, from_state, to_state,"
                              " actor_id, occurred_at, comment) VALUES ('recommendation', ?, ?, ?, ?, 1, ?, '')",
                              (rec_id, "submit" if new == "submitted" else "return", old, new, stamp))
            self.conn.execute("COMMIT")
            self.states[rec_id], self.versions[rec_id] = new, self.versions[rec_id] + 1
            self.rate.count += 1
        self.rate.seconds += time.perf_counter() - start


@dataclass
class Plain:
    state: str
    id: int = 1
    version: int = 1


def in_memory() -> Rate:
    """Fires through the shared machine on plain objects, nothing persisted."""
    subjects = [Plain("draft") for _ in range(1000)]
    count, start = 0, time.perf_counter()
    apply = RECOMMENDATION_WORKFLOW.apply
    while time.perf_counter() - start < SECONDS:
        for subject in subjects:
            apply(subject, "submit" if subject.state == "draft" else "return")
        count += len(subjects)
    return Rate(count, time.perf_counter() - start)


def main() -> None:
    bootstrap()  # the benchmark is an entry point: every reaction runs, as in the web app
    with tempfile.TemporaryDirectory(prefix="recoflow-bench-") as tmp:
        app_file, raw_file = Path(tmp) / "app.db", Path(tmp) / "raw.db"
        db, actors = prepare(app_file)
        db.dispose()
        shutil.copy(app_file, raw_file)
        db = Database(f"sqlite:///{app_file}")
        service, raw = ServiceRunner(db, actors), BaselineRunner(raw_file)
        for _ in range(SLICES):
            service.run_for(SECONDS / SLICES)
            raw.run_for(SECONDS / SLICES)
        db.dispose()
        raw.conn.close()
    memory = in_memory()
    ratio = service.rate.per_s / raw.rate.per_s
    print(f"persisted transitions (service, SQLite file, synchronous=FULL): {service.rate.per_s:,.0f}/s "
          f"({service.rate.count} in {service.rate.seconds:.1f} s)")
    print(f"raw sqlite3 baseline (UPDATE + INSERT, same pragmas):        {raw.rate.per_s:,.0f}/s "
          f"({raw.rate.count} in {raw.rate.seconds:.1f} s)")
    print(f"ratio service/baseline: {ratio:.2f} (target >= 0.25); measured in {SLICES} alternating slices each")
    print(f"in-memory fires through the shared machine: {memory.per_s:,.0f}/s (target >= 50,000)")
    print(json.dumps({"persisted_per_s": round(service.rate.per_s, 1), "baseline_per_s": round(raw.rate.per_s, 1),
                      "ratio": round(ratio, 3), "inmemory_per_s": round(memory.per_s, 1)}))


if __name__ == "__main__":
    main()
