"""Engines and the unit of work.

SQLite is the embedded default: every connection gets WAL, a busy timeout and
foreign keys, and transactions start with BEGIN IMMEDIATE so two writers queue
instead of failing halfway (shared stack.md §5).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from belofte.errors import InvalidInput, StoreUnavailable

DATABASE_FILE = "belofte.db"
READ_ONLY = "belofte_read_only"  # execution option: a transaction that only reads

#: Pages SQLite keeps in memory per connection (negative: KiB). The default 2 MiB
#: thrashes once the natural-key and customer-key indexes outgrow it, which made
#: million-row imports a third slower (benchmarks/import_speed.py).
SQLITE_CACHE_KIB = 64 * 1024
SQLITE_PRAGMAS = (
    "journal_mode=WAL",
    "foreign_keys=ON",
    "synchronous=NORMAL",
    f"cache_size=-{SQLITE_CACHE_KIB}",
    "temp_store=MEMORY",
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
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})
        _configure_sqlite(engine, busy_timeout_ms)
        return engine
    if parsed.get_backend_name() == "postgresql":
        try:
            return create_engine(url, pool_pre_ping=True)
        except ModuleNotFoundError:
            raise InvalidInput(
                "PostgreSQL needs the driver: pip install 'belofte[postgres]'"
            ) from None
    raise InvalidInput(
        f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql"
    )


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


def check_connection(engine: Engine) -> None:
    """Raise StoreUnavailable with a readable reason if the database is unreachable."""
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "unreachable"
        raise StoreUnavailable(
            "cannot open the database "
            f"{redact_url(engine.url.render_as_string(hide_password=False))}: "
            f"{reason}"
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
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
