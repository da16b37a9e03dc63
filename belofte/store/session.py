"""Engines and the unit of work.

SQLite is the embedded default: every connection gets WAL, a busy timeout and
foreign keys, and transactions start with BEGIN IMMEDIATE so two writers queue
instead of failing halfway (shared stack.md §5).

Every engine hides statement parameters from its errors (they would carry
customers' values into tracebacks and logs), and turns the conditions a user can
act on (a locked, full, read-only or unreachable database) into
`StoreUnavailable` with the reason in words, which the edges answer with 503
and one readable line.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from belofte.errors import InvalidInput, StoreUnavailable

DATABASE_FILE = "belofte.db"
READ_ONLY = "belofte_read_only"  # execution option: a transaction that only reads

#: Pages SQLite keeps in memory per connection (negative: KiB). The default 2 MiB
#: thrashes once the natural-key and customer-key indexes outgrow it, which made
#: million-row imports a third slower (benchmarks/import_speed.py).
SQLITE_CACHE_KIB = 64 * 1024
#: The write-ahead log is cut back to this after a checkpoint: several processes
#: and a job queue commit often, and one long reader (a lake refresh) holds the
#: checkpoint back meanwhile (stack.md: 4 -> 23 MB over 5,000 commits).
SQLITE_WAL_LIMIT_BYTES = 64 * 1024 * 1024
SQLITE_PRAGMAS = (
    "journal_mode=WAL",
    "foreign_keys=ON",
    "synchronous=NORMAL",
    f"cache_size=-{SQLITE_CACHE_KIB}",
    "temp_store=MEMORY",
    f"journal_size_limit={SQLITE_WAL_LIMIT_BYTES}",
)


def default_database_url(workspace: Path) -> str:
    """The embedded SQLite file inside the workspace."""
    return f"sqlite:///{(workspace / DATABASE_FILE).resolve()}"


def redact_url(url: str) -> str:
    """The URL with its password hidden, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<invalid database URL>"


def make_engine(url: str, *, busy_timeout_ms: int = 10_000) -> Engine:
    """An engine for `url`, configured for our use of each database."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InvalidInput(f"invalid database URL {redact_url(url)!s}") from None
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            connect_args={"timeout": busy_timeout_ms / 1000},
            hide_parameters=True,
        )
        _configure_sqlite(engine, busy_timeout_ms)
    elif parsed.get_backend_name() == "postgresql":
        try:
            engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
        except ModuleNotFoundError:
            raise InvalidInput(
                "PostgreSQL needs the driver: pip install 'belofte[postgres]'"
            ) from None
    else:
        raise InvalidInput(
            f"unsupported database {parsed.get_backend_name()!r}: "
            "use sqlite or postgresql"
        )
    event.listen(engine, "handle_error", _translate_error)
    return engine


#: What a user can do about each condition, by SQLite error name prefix.
_SQLITE_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("SQLITE_BUSY", "busy"),
    ("SQLITE_LOCKED", "busy"),
    ("SQLITE_FULL", "full"),
    ("SQLITE_IOERR", "io"),
    ("SQLITE_READONLY", "read-only"),
    ("SQLITE_CANTOPEN", "unreachable"),
)
#: The same by PostgreSQL SQLSTATE (prefix).
_POSTGRES_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("53100", "full"),
    ("25006", "read-only"),
    ("55P03", "busy"),
    ("53300", "busy"),
    ("40P01", "busy"),
    ("57P0", "unreachable"),
    ("08", "unreachable"),
)
REASONS = {
    "busy": "the database is busy (another process holds its lock); try again "
    "in a moment",
    "full": "the database's disk is full; free space, then try again",
    "io": "the database could not write to its disk (is it full?)",
    "read-only": "the database is read-only; belofte needs to write to it",
    "unreachable": "the database cannot be reached",
}


def store_problem(error: BaseException) -> str | None:
    """Which condition a driver error is ("busy", "full", ...), or None."""
    name = getattr(error, "sqlite_errorname", None)
    table = _SQLITE_PROBLEMS
    if name is None:
        name, table = getattr(error, "sqlstate", None), _POSTGRES_PROBLEMS
    if not isinstance(name, str):
        return None
    return next((problem for prefix, problem in table if name.startswith(prefix)), None)


def _translate_error(context: ExceptionContext) -> None:
    """Raise StoreUnavailable for a condition the user can act on."""
    if context.is_pre_ping:
        return  # the pool's own liveness check: it reconnects by itself
    problem = store_problem(context.original_exception)
    if problem is not None:
        raise StoreUnavailable(REASONS[problem]) from None


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, open transactions (for BEGIN IMMEDIATE).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Writers take the write lock up front, so two of them queue (busy
        # timeout) instead of failing on a lock upgrade; readers never block them.
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def _label(engine: Engine) -> str:
    return redact_url(engine.url.render_as_string(hide_password=False))


def check_connection(engine: Engine) -> None:
    """Raise StoreUnavailable with a readable reason if the database is unreachable."""
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "unreachable"
        raise StoreUnavailable(
            f"cannot open the database {_label(engine)}: {reason}"
        ) from None
    except StoreUnavailable as exc:
        raise StoreUnavailable(
            f"cannot open the database {_label(engine)}: {exc.message}"
        ) from None


#: The key a write check inserts and rolls back (never committed).
_WRITE_CHECK = "belofte.write-check"


def check_writable(engine: Engine) -> None:
    """Raise StoreUnavailable unless the database accepts writes.

    A server on a read-only file would otherwise start and then answer every
    sign-in and import with an error: it tries a write and rolls it back.
    """
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(
                "INSERT INTO workspace_meta (key, value) VALUES (?, '')"
                if connection.dialect.paramstyle == "qmark"
                else "INSERT INTO workspace_meta (key, value) VALUES (%s, '')",
                (_WRITE_CHECK,),
            )
            connection.rollback()
    except StoreUnavailable as exc:
        raise StoreUnavailable(
            f"cannot write to the database {_label(engine)}: {exc.message}"
        ) from None


def reader(engine: Engine) -> Engine:
    """The same engine for transactions that only read (no write lock on SQLite)."""
    return engine.execution_options(**{READ_ONLY: True})


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    factory = sessionmaker(engine, expire_on_commit=False)
    session = factory()
    try:
        yield session
        session.commit()
    except PoolTimeout:
        session.rollback()
        raise StoreUnavailable(REASONS["busy"]) from None
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def session_on(connection: Connection) -> Session:
    """A session inside `connection`'s transaction: what it adds commits with it.

    For audit entries written in the same transaction as a batch of records.
    """
    # Joined to a transaction the connection already has, the session leaves it
    # to the connection's owner: close() neither commits nor rolls it back. (A
    # session that began the transaction itself would roll it back on close.)
    if not connection.in_transaction():
        connection.begin()
    return Session(bind=connection, expire_on_commit=False)
