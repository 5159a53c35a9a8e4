"""People imported per second from a 10,000-row CSV and XLSX file into a fresh SQLite file, beside a raw sqlite3
baseline that inserts the same people and their change records with executemany in one transaction.

The import is the real service: reading the file, checking every row (email syntax, duplicates, organisations),
one transaction with the people and one change record each. Prints readable figures, then one JSON line.
"""

import csv
import io
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)

from openpyxl import Workbook  # noqa: E402

from migrations import upgrade_to_head  # noqa: E402
from models.db import Database  # noqa: E402
from models.enums import OrganisationKind, Role  # noqa: E402
from models.people import OrganisationCreate, Person, PersonCreate  # noqa: E402
from workflow.network.directory import add_organisation, add_person, assign_role  # noqa: E402
from workflow.network.importing import import_file  # noqa: E402

PEOPLE = 10_000
ORGANISATIONS = 50
TARGET_SECONDS = 30.0
NOW = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
HEADER = ["Name", "E-Mail", "Organisation", "Sprache", "Telefon", "Funktion"]


def rows() -> list[list[str]]:
    """The people of the benchmark, a few with umlaut addresses."""
    return [[f"Person Nummer {i}", f"person.{i}@{'gemeinde-müllheim' if i % 10 == 0 else 'kreis'}.example.org",
             f"Organisation {i % ORGANISATIONS}", "de" if i % 3 else "en", f"0711 {i:06d}", "Sachbearbeitung"]
            for i in range(PEOPLE)]


def csv_file(data: list[list[str]]) -> bytes:
    """The rows as a spreadsheet saves 'CSV UTF-8': ';' and a BOM."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows([HEADER, *data])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode()


def xlsx_file(data: list[list[str]]) -> bytes:
    """The rows as the first sheet of a workbook."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template(path: Path) -> None:
    """A migrated database with the secretariat and the organisations the people name."""
    db = Database(f"sqlite:///{path}")
    upgrade_to_head(db)
    with db.write() as s:
        secretariat = add_person(s, PersonCreate(name="Geschäftsstelle", email="sek@example.org"))
        assign_role(s, secretariat, Role.SECRETARIAT, date(2020, 1, 1))
        for i in range(ORGANISATIONS):
            add_organisation(s, OrganisationCreate(name=f"Organisation {i}", kind=OrganisationKind.CITY))
    db.dispose()


def service_import(path: Path, data: bytes, filename: str) -> float:
    """Seconds the service takes to import ``data`` into the database at ``path``."""
    db = Database(f"sqlite:///{path}")
    with db.write() as s:
        actor = s.get(Person, 1)
        started = time.perf_counter()
        report = import_file(s, "people", data, filename, actor=actor, now=NOW)
        seconds = time.perf_counter() - started
    db.dispose()
    assert report.imported and report.created == PEOPLE, report.problems[:3]
    return seconds


def baseline(path: Path, data: list[list[str]]) -> float:
    """Seconds raw sqlite3 takes to insert the same people and one change record each, in one transaction."""
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "busy_timeout=5000", "foreign_keys=ON", "synchronous=FULL"):
        conn.execute(f"PRAGMA {pragma}")
    orgs = dict(conn.execute("SELECT name, id FROM organisation").fetchall())
    stamp = NOW.replace(tzinfo=None)
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO person (name, email, organisation_id, language, active, created_at, phone, "
                     "function) VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
                     [(n, e.lower(), orgs[o], lang, stamp, p, f) for n, e, o, lang, p, f in data])
    ids = [pid for (pid,) in conn.execute("SELECT id FROM person WHERE id > 1 ORDER BY id")]
    conn.executemany("INSERT INTO change_record (subject_kind, subject_id, action, actor_id, occurred_at, comment, "
                     "changes) VALUES ('person', ?, 'import', 1, ?, 'Import: baseline', ?)",
                     [(pid, stamp, json.dumps({"name": row[0], "email": row[1]})) for pid, row in zip(ids, data,
                                                                                                       strict=True)])
    conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    return seconds


def main() -> None:
    data = rows()
    files = {"csv": csv_file(data), "xlsx": xlsx_file(data)}
    with tempfile.TemporaryDirectory(prefix="recoflow-bench-") as tmp:
        base = Path(tmp) / "template.db"
        template(base)
        measured: dict[str, float] = {}
        for kind, content in files.items():
            target = Path(tmp) / f"{kind}.db"
            shutil.copy(base, target)
            measured[kind] = service_import(target, content, f"personen.{kind}")
        raw_target = Path(tmp) / "raw.db"
        shutil.copy(base, raw_target)
        measured["baseline"] = baseline(raw_target, data)
    for kind in ("csv", "xlsx"):
        print(f"import of {PEOPLE:,} people from {kind.upper():4} (service, SQLite file): {measured[kind]:5.2f} s, "
              f"{PEOPLE / measured[kind]:,.0f} rows/s (target: under {TARGET_SECONDS:.0f} s)")
    print(f"raw sqlite3 executemany of the same rows and records:        {measured['baseline']:5.2f} s, "
          f"{PEOPLE / measured['baseline']:,.0f} rows/s")
    ratio = measured["baseline"] / measured["csv"]
    print(f"ratio service(CSV)/baseline in rows/s: {ratio:.3f} (the service also reads, checks and matches each row)")
    print(json.dumps({"rows": PEOPLE, "csv_s": round(measured["csv"], 3), "xlsx_s": round(measured["xlsx"], 3),
                      "baseline_s": round(measured["baseline"], 3),
                      "csv_per_s": round(PEOPLE / measured["csv"], 1),
                      "xlsx_per_s": round(PEOPLE / measured["xlsx"], 1),
                      "baseline_per_s": round(PEOPLE / measured["baseline"], 1), "ratio": round(ratio, 4)}))


if __name__ == "__main__":
    main()
