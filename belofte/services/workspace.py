"""The workspace: a folder with belofte.yaml, its store, room for models and reports.

It knows where things are and how to reach the store, never the analyses run on
it: the public Python API's `belofte.Workspace`, with `metrics()`, `promise()`,
`drivers()` and `journeys()`, is `services/measure/python_api.py`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import structlog
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from belofte.blueprint import BLUEPRINT_FILE
from belofte.errors import StoreUnavailable, WorkspaceNotFound
from belofte.logs import configure_logging
from belofte.settings import Settings
from belofte.store import migrate
from belofte.store.session import (
    check_connection,
    default_database_url,
    make_engine,
    reader,
    redact_url,
    session_scope,
)

log = structlog.get_logger(__name__)

#: Folders a workspace keeps beside belofte.yaml.
FOLDERS = ("models", "reports", "imports")


#: The workspace cache key of the last freshness check (`services/resultcache`).
ANALYTICS_FRESH = "analytics-fresh"
#: The workspace cache key of the lock that `analytics.locked_engine` holds.
ENGINE_LOCK = "analytics-engine-lock"


@dataclass(slots=True)
class Workspace:
    """An opened workspace. Build it with `open_workspace`; close it when done."""

    path: Path
    settings: Settings
    _engine: Engine | None = field(default=None, repr=False)
    #: Facts worth keeping for the life of the process (salt, schema check, ...).
    cache: dict[str, Any] = field(default_factory=dict, repr=False)
    #: Set by `close`: a thread still working must not open new connections.
    closed: bool = field(default=False, repr=False)

    @property
    def blueprint_path(self) -> Path:
        """Path of belofte.yaml."""
        return self.path / BLUEPRINT_FILE

    @property
    def database_url(self) -> str:
        """The store's URL: the setting, else the embedded SQLite file."""
        return self.settings.database_url or default_database_url(self.path)

    @property
    def database_label(self) -> str:
        """The store's URL with any password hidden."""
        return redact_url(self.database_url)

    @property
    def engine(self) -> Engine:
        """The store's engine, made on first use."""
        if self._engine is None:
            self._engine = make_engine(
                self.database_url, busy_timeout_ms=self.settings.sqlite_busy_timeout_ms
            )
        return self._engine

    @contextmanager
    def session(self, *, read_only: bool = False) -> Iterator[Session]:
        """A unit of work on the store: commits on success, rolls back on error.

        `read_only` sessions do not take SQLite's write lock, so they never wait
        for an import.
        """
        engine = self.engine
        if read_only:
            engine = self.cache.get("reader") or self.cache.setdefault(
                "reader", reader(engine)
            )
        with session_scope(engine) as session:
            yield session
        if not read_only:
            self.data_changed()

    def data_changed(self) -> None:
        """Data may have changed: check freshness before the next result.

        `session` calls it after every write; writers on a raw connection (the
        importer) call it after they commit.
        """
        self.cache.pop(ANALYTICS_FRESH, None)

    def require_current_schema(self) -> None:
        """Raise StoreUnavailable unless the store is at this version's schema."""
        if self.cache.get("schema_ok"):
            return
        check_connection(self.engine)
        current = migrate.current_revision(self.engine)
        head = migrate.head_revision()
        if current != head:
            state = "empty" if current is None else f"at schema {current}"
            raise StoreUnavailable(
                f"the database {self.database_label} is {state}; this belofte needs "
                f"schema {head}: run `belofte db upgrade`"
            )
        # Long-running processes (the web app) check once; a later downgrade by
        # hand is not a case we serve without a restart.
        self.cache["schema_ok"] = True

    def close(self) -> None:
        """Release database connections (and forget cached facts).

        Waits for a query in flight (another thread holding the engine lock):
        closing DuckDB under a running query crashes the process.
        """
        self.closed = True
        lock = self.cache.get(ENGINE_LOCK)
        with lock if lock is not None else nullcontext():
            for value in list(self.cache.values()):
                if hasattr(value, "backend") and hasattr(value, "close"):
                    value.close()  # an analytics engine
            self.cache.clear()
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


def find_workspace(settings: Settings, cwd: Path | None = None) -> Path:
    """The workspace folder: the setting, else the current directory or a parent."""
    if settings.workspace is not None:
        path = settings.workspace.expanduser().resolve()
        if not (path / BLUEPRINT_FILE).is_file():
            raise WorkspaceNotFound(f"at {path} (no {BLUEPRINT_FILE})")
        return path
    start = (cwd or Path(os.getcwd())).resolve()
    for folder in (start, *start.parents):
        if (folder / BLUEPRINT_FILE).is_file():
            return folder
    raise WorkspaceNotFound(f"in {start} or its parents (no {BLUEPRINT_FILE})")


def open_workspace(
    path: Path | str | None = None, settings: Settings | None = None
) -> Workspace:
    """Open the workspace at `path` (or the one `settings` and the cwd point to).

    Examples
    --------
    >>> ws = open_workspace("shop")  # doctest: +SKIP
    >>> ws.database_label  # doctest: +SKIP
    'sqlite:////home/me/shop/belofte.db'

    """
    base = settings or Settings()
    if path is not None:
        base = base.model_copy(update={"workspace": Path(path)})
    folder = find_workspace(base)
    ws_settings = base.for_workspace(folder)
    if not structlog.is_configured():  # the Python API: quiet by default
        configure_logging(ws_settings)
    return Workspace(folder, ws_settings)
