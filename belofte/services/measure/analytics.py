"""Where analyses run: the workspace's lake, kept fresh from the store.

Freshness: every analysis first compares the store with the lake's manifest (a
few `count`/`max` queries). Nothing changed: the lake is used as it is. Only
new rows (an import that added records, enrichment of new texts): they are
appended as one more Parquet part. Old rows changed or were removed (updates,
re-enrichment, a blueprint change): that table is rebuilt. So a result always
reflects every committed import; imports and `belofte enrich` also refresh the
lake when they finish, so the first analysis after them pays nothing.

When the lake cannot be refreshed (a full disk, a store that cannot be read)
but holds a complete earlier copy, analyses go on over that copy and say so
(`stale_reason`): a CX lead still sees last night's figures, marked as such,
instead of an error page.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import structlog

from belofte.analytics.engine import (
    Engine,
    connect_database,
    connect_parquet,
    connect_postgres,
    connect_sqlite,
)
from belofte.analytics.lake import Lake, TableState
from belofte.analytics.tables import FACTS
from belofte.errors import InvalidInput, StoreUnavailable
from belofte.services.workspace import ENGINE_LOCK, Workspace
from belofte.store.repositories.facts import (
    FactRepository,
    SourceState,
    untimed_marks,
)
from belofte.store.session import redact_url

log = structlog.get_logger(__name__)

__all__ = [
    "LAKE_FOLDER",
    "RefreshReport",
    "analytics_engine",
    "export_database",
    "export_parquet",
    "lake",
    "locked_engine",
    "refresh",
    "refresh_or_keep",
    "spark_session",
    "stale_reason",
]

#: The workspace cache key of why the lake is behind the store (absent: it is
#: not), with when the last refresh failed.
_STALE = "analytics-stale"
#: After a failed refresh, how long analyses use the last copy before trying
#: again (a full disk does not empty itself within a page view).
RETRY_STALE_S = 30.0

#: The lake's folder inside a workspace.
LAKE_FOLDER = "analytics"


@dataclass(slots=True)
class RefreshReport:
    """What a refresh did, per table.

    "fresh", "appended N", "rebuilt N", or "kept" (it could not be written; the
    last copy is used).
    """

    actions: dict[str, str] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """True when any table was written."""
        return any(a not in ("fresh", "kept") for a in self.actions.values())


def lake(ws: Workspace) -> Lake:
    """The workspace's lake (not refreshed)."""
    return Lake(ws.path / LAKE_FOLDER, ws.settings.timezone)


def _signature(states: list[SourceState]) -> list[Any]:
    return [[s.table, s.rows, s.max_id, s.changed] for s in states]


def _plan(state: TableState | None, states: list[SourceState]) -> str:
    """fresh, append or rebuild, from the lake's state and the store's."""
    if state is None or len(state.signature) != len(states):
        return "rebuild"
    if _signature(states) == state.signature:
        return "fresh"
    for (_, rows, _, changed), now in zip(state.signature, states, strict=True):
        # Appending is safe only when every row the lake saw is still there,
        # unchanged; otherwise facts already written would be stale.
        if now.old_rows != rows or now.old_changed != changed:
            return "rebuild"
    return "append"


def refresh(
    ws: Workspace, progress: Callable[[str], None] | None = None
) -> RefreshReport:
    """Bring the lake up to date with the store (see the module docstring)."""
    ws.require_current_schema()
    target = lake(ws)
    report = RefreshReport()
    with target.locked(), ws.session(read_only=True) as session:
        facts = FactRepository(session)
        version = facts.data_version()
        if target.is_complete and target.data_version == version:
            return RefreshReport(dict.fromkeys(FACTS, "fresh"))
        before = (target.data_version or {}).get("marks", {})
        for name in FACTS:
            state = target.state(name)
            old_max = {} if state is None else {s[0]: s[2] for s in state.signature}
            states = facts.source_states(name, old_max)
            plan = _plan(state, states)
            marks = untimed_marks(name)
            if any(before.get(m) != version["marks"].get(m) for m in marks):
                plan = "rebuild"  # e.g. a customer's segment changed in place
            signature, watermark = _signature(states), states[0].max_id
            if plan == "fresh":
                report.actions[name] = "fresh"
                continue
            if progress:
                progress(name)
            if plan == "append" and state is not None and watermark == state.watermark:
                # Other sources grew, but not this fact: note it, write nothing.
                target.append(name, [], signature, watermark)
                report.actions[name] = "fresh"
            elif plan == "append" and state is not None:
                rows = facts.rows(name, after_id=state.watermark)
                added = target.append(name, rows, signature, watermark)
                report.actions[name] = f"appended {added}"
            else:
                written = target.replace(name, facts.rows(name), signature, watermark)
                report.actions[name] = f"rebuilt {written}"
        target.set_data_version(version)
    if report.changed:
        log.info("analytics.refreshed", **report.actions)
    return report


def refresh_or_keep(
    ws: Workspace, progress: Callable[[str], None] | None = None
) -> RefreshReport:
    """`refresh`, or keep the last complete lake when it cannot be written.

    Raises StoreUnavailable only when there is no complete lake to fall back on.
    """
    stale = ws.cache.get(_STALE)
    if stale is not None and time.monotonic() - stale[1] < RETRY_STALE_S:
        return RefreshReport(dict.fromkeys(FACTS, "kept"))
    try:
        report = refresh(ws, progress)
    except (OSError, StoreUnavailable) as exc:
        reason = exc.message if isinstance(exc, StoreUnavailable) else _os_reason(exc)
        if not lake(ws).is_complete:
            raise StoreUnavailable(
                f"the analytics copy cannot be built: {reason}"
            ) from None
        if stale is None or stale[0] != reason:
            # The pages, the API and the CLI say so to whoever reads a figure.
            log.info("analytics.refresh_failed", error=type(exc).__name__)
        ws.cache[_STALE] = (reason, time.monotonic())
        return RefreshReport(dict.fromkeys(FACTS, "kept"))
    ws.cache.pop(_STALE, None)
    return report


def stale_reason(ws: Workspace) -> str | None:
    """Why analyses show an earlier copy of the data, or None when it is current."""
    stale = ws.cache.get(_STALE)
    return None if stale is None else str(stale[0])


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def export_parquet(ws: Workspace, target: Path) -> dict[str, int]:
    """Write the fresh analytical tables as Parquet under `target`; rows per table.

    The folder holds one sub-folder per table, readable by Spark, DuckDB, a
    warehouse, or `belofte ... --parquet DIR`.
    """
    target = target.expanduser().resolve()
    if target == lake(ws).folder.resolve():
        raise InvalidInput(
            "parquet: that is the workspace's own lake; choose another folder"
        )
    refresh(ws)
    with lake(ws).locked():
        return lake(ws).export(target)


def export_database(ws: Workspace, url: str) -> dict[str, int]:
    """Load the fresh analytical tables into a PostgreSQL or SQLite database.

    The tables are replaced whole; `--engine URL` then analyses there (a
    warehouse next to the operational store, say).
    """
    if url in (ws.database_url, redact_url(ws.database_url)):
        raise InvalidInput("database: that is the workspace's own store")
    engine = connect_database_for_load(url)
    try:
        refresh(ws)
        with lake(ws).locked():
            return lake(ws).load_into(engine)
    finally:
        engine.close()


def connect_database_for_load(url: str) -> Engine:
    """An engine on `url` that may not hold the tables yet."""
    if url.startswith(("postgresql", "postgres://")):
        return connect_postgres(url)
    if url.startswith("sqlite:///"):
        return connect_sqlite(url.removeprefix("sqlite:///"))
    raise InvalidInput("database: use a postgresql:// or sqlite:/// URL")


def analytics_engine(
    ws: Workspace,
    engine: str = "duckdb",
    parquet: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Engine:
    """An engine over the workspace's fresh lake, a Parquet export, or a database.

    `engine` is "duckdb" (in process, the default), "spark" (a local Spark
    session; needs `pip install belofte[spark]`), or the URL of a PostgreSQL or
    SQLite database the tables were loaded into (`belofte export --database`).
    """
    if "://" in engine:
        if parquet is not None:
            raise InvalidInput("parquet: an export is read by duckdb or spark")
        key = f"analytics-engine:{redact_url(engine)}"
        cached = ws.cache.get(key)
        if not isinstance(cached, Engine):
            cached = ws.cache[key] = connect_database(engine)
        return cached
    if engine not in ("duckdb", "spark"):
        raise InvalidInput(
            f"engine: {engine!r} is not one of duckdb, spark, or a database URL"
        )
    if parquet is None:
        refresh_or_keep(ws, progress)
        folder = lake(ws).folder
    else:
        folder = parquet
    key = f"analytics-engine:{engine}:{folder}"
    cached = ws.cache.get(key)
    if isinstance(cached, Engine):
        return cached
    made = connect_parquet(folder, spark=spark_session() if engine == "spark" else None)
    ws.cache[key] = made
    return made


@contextmanager
def locked_engine(ws: Workspace, engine: str = "duckdb") -> Iterator[Engine]:
    """`analytics_engine(ws, engine)`, for one thread at a time.

    The engine is one cached connection per workspace, and a DuckDB connection
    must not run two queries at once: the web app's worker threads take turns
    here (each query still uses every core).
    """
    lock = ws.cache.setdefault(ENGINE_LOCK, threading.RLock())
    with lock:
        if ws.closed:  # e.g. a warm-up thread outliving its app
            raise StoreUnavailable(f"the workspace {ws.path} is closed")
        yield analytics_engine(ws, engine)


def spark_session() -> Any:
    """The process's local Spark session: all cores, loopback only, no UI, UTC."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    try:
        from pyspark.sql import SparkSession  # the optional [spark] extra
    except ImportError:
        raise InvalidInput(
            "engine: spark needs PySpark: pip install 'belofte[spark]'"
        ) from None
    return (
        SparkSession.builder.master("local[*]")
        .appName("belofte")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        # Views only; no managed tables, so no spark-warehouse/ in the cwd.
        .config("spark.sql.warehouse.dir", tempfile.mkdtemp(prefix="belofte-spark-"))
        .getOrCreate()
    )
