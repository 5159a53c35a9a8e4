"""The one place where services commit."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from workflow.engine.errors import ConflictError


@contextmanager
def committing(session: Session, what: str) -> Iterator[None]:
    """Run the block and commit once; any failure rolls everything back, a concurrent change as ConflictError."""
    try:
        yield
        session.commit()
    except (StaleDataError, IntegrityError) as exc:
        session.rollback()
        raise ConflictError(
            f"{what} was changed by someone else at the same time; nothing was saved. Reload and try again."
        ) from exc
    except BaseException:
        session.rollback()
        raise
