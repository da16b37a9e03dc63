"""Shared fixtures: settings, database URLs (SQLite and a real PostgreSQL), workspaces.

PostgreSQL comes from BELOFTE_TEST_POSTGRES_URL (scripts/test starts one). Without
it the postgres tests are skipped with a reason, except in CI (CI=true), where a
missing server fails the run: the PostgreSQL leg must really execute there.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from belofte.logs import configure_logging
from belofte.services.setup import init_workspace
from belofte.services.workspace import Workspace
from belofte.settings import Settings

POSTGRES_ENV = "BELOFTE_TEST_POSTGRES_URL"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No BELOFTE_ setting of the developer's shell leaks into a test."""
    for name in list(os.environ):
        if name.startswith("BELOFTE_") and name != POSTGRES_ENV:
            monkeypatch.delenv(name)
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture(autouse=True, scope="session")
def _quiet_logs() -> None:
    configure_logging(Settings())


@pytest.fixture
def settings() -> Settings:
    return Settings()


def _postgres_server() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs a real PostgreSQL: {POSTGRES_ENV} is not set")
        pytest.skip(f"no PostgreSQL: set {POSTGRES_ENV} (scripts/test starts one)")
    return url


@contextmanager
def _fresh_postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped afterwards."""
    server = _postgres_server()
    name = f"belofte_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    with _fresh_postgres_database() as url:
        yield url


@pytest.fixture(scope="module")
def module_postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database shared by one module's tests."""
    with _fresh_postgres_database() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on the embedded SQLite file and on a real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def workspace(
    tmp_path: Path, settings: Settings, database_url: str
) -> Iterator[Workspace]:
    """A retail-nl workspace on each database."""
    result = init_workspace(tmp_path / "ws", "retail-nl", settings, database_url)
    yield result.workspace
    result.workspace.close()


@pytest.fixture
def sqlite_workspace(tmp_path: Path, settings: Settings) -> Iterator[Workspace]:
    """A retail-nl workspace on the embedded SQLite default."""
    result = init_workspace(tmp_path / "ws", "retail-nl", settings)
    yield result.workspace
    result.workspace.close()


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """One Stroomhuis demo (8,000 customers) shared by the Measure tests (~20 s).

    Read-only by convention: tests that change data make their own workspace.
    """
    from belofte.demo.world import WorldSize
    from belofte.services.demo import create_demo

    size = WorldSize(customers=8000, months=12, seed=2026)
    result = create_demo(
        tmp_path_factory.mktemp("demo") / "stroomhuis", Settings(), size
    )
    yield result.workspace
    result.workspace.close()
