"""The unit of work: the one place where a transaction is committed.

Services receive a ``Session`` inside an open transaction and never commit. Each entry point — a command, a web
request, a scheduler job, the demo loader, a test — opens ``unit_of_work(database)``, calls one use case (which
may call several services), and the block commits once at its end. Any exception rolls everything back; a
concurrent change (a stale version or a unique key taken meanwhile) becomes a ``ConflictError``, so two services
composed into one use case land together or not at all.

A service may need to keep what it wrote although it then refuses, because the writing *is* the refusal's record:
a failed sign-in counts the attempt before it refuses (the throttle would never lock otherwise). Such a service
calls ``keep_when_refused(session)`` right before raising; the unit of work then commits what was written and
re-raises (or, when the entry point caught the refusal and answered with it, still commits). Everything else a
refused use case wrote is rolled back: an entry point that catches a refusal and answers with it (a web route
showing the form again) calls ``answered_with_refusal(session)``, and the block rolls back instead of committing.

Work that must settle in steps (the outbox records each batch of accepted mails before it sends the next) opens
one unit of work per step; those are jobs, entry points of their own.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from models.db import Database
from workflow.engine.errors import ConflictError, EngineRefusal

_KEEP = "recoflow_keep_when_refused"
_REFUSED = "recoflow_answered_with_refusal"


def keep_when_refused(session: Session) -> None:
    """Have the unit of work commit what was written so far even though the use case now refuses."""
    session.info[_KEEP] = True


def answered_with_refusal(session: Session) -> None:
    """Tell the unit of work that its entry point caught a refusal and answered with it: roll back at the end."""
    session.info[_REFUSED] = True


def _commit(session: Session) -> None:
    try:
        session.commit()
    except (StaleDataError, IntegrityError) as exc:
        session.rollback()
        raise ConflictError(EngineRefusal.SAVED_MEANWHILE) from exc


@contextmanager
def unit_of_work(database: Database) -> Iterator[Session]:
    """A write session in one transaction (SQLite: ``BEGIN IMMEDIATE``), committed once when the block ends.

    Any exception rolls everything back and is re-raised (a concurrent change as ``ConflictError``), except that
    the rows of a service that called ``keep_when_refused`` are committed before its refusal is re-raised.
    """
    with database.write() as session:
        try:
            yield session
        except (StaleDataError, IntegrityError) as exc:
            session.rollback()
            raise ConflictError(EngineRefusal.SAVED_MEANWHILE) from exc
        except BaseException:
            if session.info.get(_KEEP):
                _commit(session)
            else:
                session.rollback()
            raise
        if session.info.get(_REFUSED) and not session.info.get(_KEEP):
            session.rollback()
        else:
            _commit(session)
