"""The one scheduler process: thin named jobs (reminders into the outbox, outbox delivery, closing due votes,
emptying old mail bodies),
APScheduler 3 with a persistent job store, and leader election so that a second process waits as standby."""

import fcntl
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO

import sqlalchemy as sa
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler

from bootstrap import bootstrap
from config import Settings, get_settings
from models.db import Database
from notifications.outbox.delivery import DeliveryReport, deliver_due, transport_for
from notifications.outbox.reminder_mail import MaterialiseReport, materialise_due_reminders
from notifications.transports.base import Transport
from workflow.engine.clock import system_now
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.erasure import purge_mail_bodies
from workflow.network.profile import effective_settings
from workflow.strategy_group.votes import close_due_votes as close_votes_past_deadline

log = logging.getLogger("recoflow.scheduler")

# Any constant will do, as long as no other application on the same PostgreSQL server uses it.
ADVISORY_LOCK_KEY = 0x7265636F  # "reco"
JOB_INTERVALS = {"materialise_reminders": 300, "deliver_outbox": 60, "close_due_votes": 300,
                 "purge_mail_bodies": 86400}


@dataclass
class CycleReport:
    """What one pass of all jobs did."""

    reminders: MaterialiseReport = field(default_factory=MaterialiseReport)
    delivery: DeliveryReport = field(default_factory=DeliveryReport)
    closed_votes: int = 0


def close_due_votes(database: Database, now: datetime) -> int:
    """Close written procedures past their deadline."""
    with unit_of_work(database) as session:
        return len(close_votes_past_deadline(session, now))


def run_cycle(database: Database, settings: Settings, now: datetime, transport: Transport | None = None) -> CycleReport:
    """Every job once, in order: due votes closed (their notices enqueued), reminders enqueued, outbox delivered."""
    report = CycleReport()
    report.closed_votes = close_due_votes(database, now)
    with unit_of_work(database) as session:
        report.reminders = materialise_due_reminders(session, settings, now)
    report.delivery = deliver_due(database, transport or transport_for(settings), settings, now)
    return report


@dataclass
class Runtime:
    """What the jobs of the running scheduler work with (jobs are stored by name, so they look it up here)."""

    database: Database
    settings: Settings
    clock: Callable[[], datetime] = system_now


_runtime: Runtime | None = None


def _current() -> Runtime:
    global _runtime
    if _runtime is None:  # a job run outside run_scheduler (e.g. by hand): the configured deployment
        settings = get_settings()
        _runtime = Runtime(Database(settings.database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms),
                           settings)
    return _runtime


def _job(name: str, work: Callable[[Database, Settings, datetime], object]) -> None:
    # Each job has its own sessions; one failing job is logged and does not stop the others.
    try:
        runtime = _current()
        # The network's saved profile (name, time zone, language) wins, as it stands at each run.
        result = work(runtime.database, effective_settings(runtime.settings, runtime.database), runtime.clock())
        log.info("%s: %s", name, result)
    except Exception:
        log.exception("%s failed; it runs again at its next time", name)


def materialise_reminders_job() -> None:
    """Put the reminders that are due into the outbox."""
    def work(db: Database, settings: Settings, now: datetime) -> MaterialiseReport:
        with unit_of_work(db) as session:
            return materialise_due_reminders(session, settings, now)
    _job("materialise_reminders", work)


def deliver_outbox_job() -> None:
    """Send what the outbox holds."""
    _job("deliver_outbox", lambda db, settings, now: deliver_due(db, transport_for(settings), settings, now))


def close_due_votes_job() -> None:
    """Close written procedures whose deadline has passed."""
    _job("close_due_votes", lambda db, _settings, now: close_due_votes(db, now))


def purge_mail_bodies_job() -> None:
    """Empty the bodies of mails older than the retention setting (once a day)."""
    def work(db: Database, settings: Settings, now: datetime) -> int:
        with unit_of_work(db) as session:
            return purge_mail_bodies(session, now, settings.mail_retention_days)
    _job("purge_mail_bodies", work)


JOBS: dict[str, Callable[[], None]] = {
    "materialise_reminders": materialise_reminders_job,
    "deliver_outbox": deliver_outbox_job,
    "close_due_votes": close_due_votes_job,
    "purge_mail_bodies": purge_mail_bodies_job,
}


def build_scheduler(settings: Settings, database: Database) -> BackgroundScheduler:
    """A scheduler whose jobs live in the database (table ``apscheduler_jobs``), replaced on every start."""
    store = SQLAlchemyJobStore(engine=database.engine)
    # APScheduler creates its table on start by reading the catalogue and then writing in one deferred transaction;
    # on SQLite that upgrade fails at once ("database is locked") when the web app writes at the same moment.
    # Creating it first in a write transaction (BEGIN IMMEDIATE waits for the lock) leaves start() only the read.
    with unit_of_work(database) as session:
        store.jobs_t.create(session.connection(), checkfirst=True)
    scheduler = BackgroundScheduler(
        jobstores={"default": store},
        executors={"default": ThreadPoolExecutor(3)},
        job_defaults={"coalesce": True, "max_instances": 1,
                      # A job missed while the process was down runs once when it is back (the jobs themselves
                      # decide which reminders are still within the grace period).
                      "misfire_grace_time": settings.reminder_grace_hours * 3600},
        timezone=settings.tz,
    )
    intervals = dict(JOB_INTERVALS)
    if settings.mail_delivery_seconds:
        intervals["deliver_outbox"] = settings.mail_delivery_seconds
    for job_id, func in JOBS.items():
        scheduler.add_job(func, "interval", seconds=intervals[job_id], id=job_id, name=job_id,
                          replace_existing=True, next_run_time=system_now())
    return scheduler


class LeaderLock:
    """Only the holder runs jobs: a PostgreSQL advisory lock, or an fcntl lock file beside the SQLite file."""

    def __init__(self, database: Database, lock_path: Path | None = None) -> None:
        self.database = database
        # Beside the database file, so that deployments sharing a machine do not share a leader.
        self.lock_path = lock_path or Path(f"{sa.make_url(database.url).database or 'var/recoflow.db'}.scheduler.lock")
        self._connection: sa.Connection | None = None
        self._file: IO[str] | None = None

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; never blocks."""
        if self.database.is_sqlite:
            self.lock_path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.lock_path, "a+")  # noqa: SIM115 (held open while leading)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                return False
            self._file = handle
            return True
        connection = self.database.engine.connect()
        got = bool(connection.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_LOCK_KEY}).scalar())
        connection.commit()
        if got:
            self._connection = connection
        else:
            connection.close()
        return got

    def wait(self, stop: threading.Event, poll_seconds: float = 5.0) -> bool:
        """Wait as standby until the lock is ours (True) or ``stop`` is set (False)."""
        while not stop.is_set():
            if self.try_acquire():
                return True
            stop.wait(poll_seconds)
        return False

    def release(self) -> None:
        """Give the lock up, so that a standby takes over."""
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
        if self._connection is not None:
            self._connection.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_LOCK_KEY})
            self._connection.close()
            self._connection = None


def run_scheduler(settings: Settings, stop: threading.Event, poll_seconds: float = 5.0,
                  on_state: Callable[[str], None] = log.info, clock: Callable[[], datetime] = system_now) -> None:
    """Wait for leadership, then run the jobs until ``stop`` is set; the lock is released on the way out.

    ``clock`` is the jobs' idea of now (``recoflow --now`` fixes it); the job times themselves are real.
    """
    global _runtime
    bootstrap()
    database = Database(settings.database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms)
    lock = LeaderLock(database)
    on_state("standby: waiting for the scheduler lock")
    try:
        if not lock.wait(stop, poll_seconds):
            return
        on_state("leader: running jobs " + ", ".join(JOBS))
        _runtime = Runtime(database, settings, clock)
        try:
            scheduler = build_scheduler(effective_settings(settings, database), database)
            scheduler.start()
        except Exception as exc:
            on_state(f"failed to start: {exc}")
            raise
        try:
            stop.wait()
        finally:
            scheduler.shutdown(wait=True)
            _runtime = None
    finally:
        lock.release()
        database.dispose()
        on_state("stopped")


class SchedulerThread:
    """The scheduler in a background thread of another process (``recoflow demo`` runs it beside the web app)."""

    def __init__(self, settings: Settings, *, clock: Callable[[], datetime] = system_now, poll_seconds: float = 5.0,
                 on_state: Callable[[str], None] = log.info) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=run_scheduler, name="recoflow-scheduler", daemon=True,
                                        args=(settings, self._stop, poll_seconds, on_state), kwargs={"clock": clock})

    def start(self) -> None:
        """Begin: wait for leadership, then run the jobs."""
        self._thread.start()

    def stop(self, timeout: float = 60.0) -> bool:
        """Let running jobs finish, release the lock; True when the thread has ended within ``timeout``."""
        self._stop.set()
        self._thread.join(timeout)
        return not self._thread.is_alive()
