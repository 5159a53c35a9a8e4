"""Core statements compiled once per database and run straight on the driver's cursor of the caller's transaction.

A persisted transition runs the same few statements every time (the read, the version-checked write, the record).
Through ``Connection.execute`` each one pays SQLAlchemy's per-call work — the compiled-cache lookup, building the
parameters, an execution context, a result object — several times what sqlite3's own ``execute`` costs. A
``Prepared`` statement is compiled by SQLAlchemy once per dialect and set of parameter names (the SQL is exactly
the one ``Connection.execute`` would send), keeps the types' bind and result processors, and then only runs. Driver
errors become SQLAlchemy's exceptions as they would through ``execute`` (a unique key taken meanwhile is still an
``IntegrityError``). While anything listens to the engine's statements (the tests' statement counters), it runs
through ``Connection.execute`` instead, so they see every statement.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect


@dataclass(frozen=True, slots=True)
class Ran:
    """What running a statement gave: its rows (result processing done), the rows it changed, an inserted id."""

    rows: Sequence[Sequence[Any]]
    rowcount: int
    lastrowid: int | None = None

    def first(self) -> Sequence[Any] | None:
        """The first row, or ``None`` when there was none."""
        return self.rows[0] if self.rows else None


class _Plan:
    """One compiled form: the SQL text, how to order and convert the parameters, how to convert result values."""

    __slots__ = ("binds", "positional", "processors", "sql")

    def __init__(self, statement: sa.Executable, dialect: Dialect, keys: tuple[str, ...]) -> None:
        compiled: Any = statement.compile(dialect=dialect, column_keys=sorted(keys))  # type: ignore[attr-defined]
        if compiled.literal_execute_params or compiled.post_compile_params:
            raise ValueError("a prepared statement takes no expanding or literal parameters")
        self.sql: str = compiled.string
        processors = compiled._bind_processors
        names = {name: bind for bind, name in compiled.bind_names.items()}
        order = compiled.positiontup if compiled.positional else list(names)
        # (parameter name in the statement, key in the caller's values, default, bind processor)
        self.binds: list[tuple[str, str, Any, Callable[[Any], Any] | None]] = [
            (name, names[name].key, _default(names[name]), processors.get(name)) for name in order
        ]
        self.positional: bool = compiled.positional
        types = [column[3] for column in compiled._result_columns]
        processed = [t._cached_result_processor(dialect, None) for t in types]
        self.processors: list[tuple[int, Callable[[Any], Any]]] = [
            (i, p) for i, p in enumerate(processed) if p is not None
        ]

    def parameters(self, values: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        converted = []
        for _name, key, default, process in self.binds:
            if key in values:
                value = values[key]
            elif default is _REQUIRED:
                raise sa.exc.InvalidRequestError(f"A value is required for bind parameter {key!r}")
            else:
                value = default
            # As Connection.execute does: every value through its type's processor, None included.
            converted.append(process(value) if process is not None else value)
        if self.positional:
            return converted
        return {b[0]: v for b, v in zip(self.binds, converted, strict=True)}

    def convert(self, rows: Sequence[Any]) -> Sequence[Any]:
        if not self.processors:
            return rows
        out = []
        for row in rows:
            values = list(row)
            for i, process in self.processors:
                values[i] = process(values[i])
            out.append(values)
        return out


_REQUIRED = object()
_PLANS = "_recoflow_prepared_plans"


def _default(bind: Any) -> Any:
    if bind.required:
        return _REQUIRED
    return bind.effective_value if bind.callable else bind.value


class Prepared:
    """A Core statement run at the driver's speed on a connection inside a transaction."""

    def __init__(self, statement: sa.Executable) -> None:
        self.statement = statement

    def __repr__(self) -> str:
        return f"<Prepared {self.statement}>"

    def _plan(self, dialect: Dialect, keys: tuple[str, ...]) -> _Plan:
        # Kept on the dialect (one per engine), so the plans go with the engine that made them.
        plans: dict[tuple[Prepared, tuple[str, ...]], _Plan] | None = getattr(dialect, _PLANS, None)
        if plans is None:
            plans = {}
            setattr(dialect, _PLANS, plans)
        plan = plans.get((self, keys))
        if plan is None:
            plan = plans[(self, keys)] = _Plan(self.statement, dialect, keys)
        return plan

    def run(self, connection: sa.Connection, values: Mapping[str, Any]) -> Ran:
        """Run with ``values`` (by parameter key) on ``connection``; the caller's transaction must have begun."""
        if connection._has_events or connection.engine._has_events:
            return _through_execute(connection, self.statement, values)
        dialect = connection.dialect
        plan = self._plan(dialect, tuple(values))  # callers pass the same names in the same order
        parameters = plan.parameters(values)
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(plan.sql, parameters)
            rows = plan.convert(cursor.fetchall()) if cursor.description is not None else []
            return Ran(rows, cursor.rowcount, cursor.lastrowid if dialect.name == "sqlite" else None)
        except Exception as exc:
            # Wrapped (and a lost connection invalidated) exactly as Connection.execute does.
            connection._handle_dbapi_exception(exc, plan.sql, parameters, cursor, None)
            raise
        finally:
            cursor.close()


def _through_execute(connection: sa.Connection, statement: sa.Executable, values: Mapping[str, Any]) -> Ran:
    result = connection.execute(statement, dict(values))
    rows = result.all() if result.returns_rows else []
    lastrowid = result.lastrowid if connection.dialect.name == "sqlite" else None
    return Ran(rows, result.rowcount, lastrowid)
