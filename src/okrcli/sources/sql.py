"""The `sql:` source: a query through SQLAlchemy that returns one row with one number.

`database: PATH` is a SQLite file in the repository, opened read-only; `url_env: NAME`
names the environment variable that holds any SQLAlchemy URL (a password never sits in
a file). The query runs in a transaction that is rolled back, read-only where the
database can say so (PostgreSQL), and is stopped at the source's timeout: SQLite
through its progress handler, PostgreSQL through `statement_timeout`.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from okrcli.model.sources import SqlSource
from okrcli.sources.context import Context, Deadline, environment_value, inside
from okrcli.sources.errors import SourceError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL, Connection, Engine

_PROGRESS_STEPS = 1000
"""SQLite virtual-machine steps between two looks at the clock."""


def fetch_sql(source: SqlSource, context: Context, deadline: Deadline) -> object:
    from sqlalchemy.exc import SQLAlchemyError

    engine = _engine(_url(source, context), context, deadline)
    try:
        with engine.connect() as connection:
            return _one_value(connection, source.sql, deadline)
    except SQLAlchemyError as error:
        raise _database_error(error, deadline) from None
    finally:
        engine.dispose()


def _url(source: SqlSource, context: Context) -> URL:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    if source.database is not None:
        path = inside(context, source.database)
        if not path.is_file():
            raise SourceError(
                f"{source.database} is not a file", "name the SQLite database file itself"
            )
        return make_url("sqlite://").set(
            database=f"file:{quote(str(path.resolve()))}?mode=ro", query={"uri": "true"}
        )
    assert source.url_env is not None
    text = environment_value(context, source.url_env, "the database URL")
    try:
        url = make_url(text)
    except ArgumentError:
        # The message would repeat the URL, password and all: name the variable only.
        raise SourceError(
            f"{source.url_env} does not hold a database URL",
            "set it to a SQLAlchemy URL: postgresql+psycopg://user:password@host/db",
        ) from None
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        database = context.top / url.database  # relative to the repository, like `database:`
        url = url.set(database=str(database))
    return url


def _engine(url: URL, context: Context, deadline: Deadline) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError
    from sqlalchemy.pool import NullPool

    backend = url.get_backend_name()
    arguments: dict[str, Any] = {}
    if backend == "postgresql":
        milliseconds = max(1, int(deadline.left() * 1000))
        arguments = {
            "connect_timeout": max(1, math.ceil(deadline.left())),
            "options": f"-c statement_timeout={milliseconds}",
        }
    elif backend == "sqlite":
        arguments = {"timeout": deadline.left()}  # waiting for a writer's lock
    try:
        engine = create_engine(url, poolclass=NullPool, connect_args=arguments)
    except NoSuchModuleError:
        raise SourceError(
            f"no driver for {url.drivername} databases is installed",
            "install it: pip install 'okrcli[postgresql]' for PostgreSQL",
        ) from None
    except (ArgumentError, ImportError) as error:
        raise SourceError(
            f"cannot use the database URL: {type(error).__name__}",
            "set it to a SQLAlchemy URL: postgresql+psycopg://user:password@host/db",
        ) from None
    if backend == "sqlite":
        event.listen(engine, "connect", _stop_at(deadline))
    return engine


def _stop_at(deadline: Deadline) -> Any:
    """A SQLite connection hook: abandon the query once the deadline has passed."""

    def connected(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.set_progress_handler(
            lambda: int(time.monotonic() > deadline.end), _PROGRESS_STEPS
        )

    return connected


def _one_value(connection: Connection, query: str, deadline: Deadline) -> object:
    from sqlalchemy import text

    with connection.begin() as transaction:
        try:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql("SET TRANSACTION READ ONLY")
            result = connection.execute(text(query))
            if not result.returns_rows:
                raise SourceError(
                    "the query returns no rows (it is not a SELECT)",
                    "a source only reads: SELECT the one number",
                )
            columns = list(result.keys())
            rows = result.fetchmany(2)
        finally:
            transaction.rollback()  # a source only reads, whatever the query did
    if len(columns) != 1:
        listed = ", ".join(columns[:5])
        raise SourceError(
            f"the query returns {len(columns)} columns ({listed}), not one",
            "select the one number: SELECT count(*) FROM ...",
        )
    if len(rows) != 1:
        said = "no row" if not rows else "several rows"
        raise SourceError(
            f"the query returns {said}, not one",
            "aggregate to one row (count, sum, max) or add a WHERE / LIMIT 1",
        )
    deadline.left()
    return rows[0][0]


def _database_error(error: Exception, deadline: Deadline) -> SourceError:
    """The database's own words (first line), without the statement or parameters."""
    original = getattr(error, "orig", None) or error
    said = str(original).strip().splitlines()[0] if str(original).strip() else ""
    lowered = said.lower()
    if "interrupted" in lowered or "statement timeout" in lowered or "canceling" in lowered:
        return deadline.expired()
    if time.monotonic() > deadline.end and "timeout" in lowered:
        return deadline.expired()
    return SourceError(
        f"the database said: {said or type(original).__name__}",
        "run the query by hand against the same database to see what it returns",
    )
