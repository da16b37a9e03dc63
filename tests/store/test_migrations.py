"""Migrations: upgrade, downgrade, upgrade on SQLite and PostgreSQL; models match them."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from belofte.store import migrate
from belofte.store.session import make_engine
from belofte.store.tables import Base


def test_upgrade_downgrade_upgrade_round_trip(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert migrate.current_revision(engine) is None
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision() == "0005"
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables

        migrate.downgrade(engine, "base")
        assert migrate.current_revision(engine) is None
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == "0005"
        assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_models_and_migrations_agree(database_url: str) -> None:
    """Autogenerate finds nothing to do: tables.py and the migrations are the same schema."""
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True}
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_score_scales_are_enforced_by_the_database(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine)
        with engine.begin() as connection:
            rejected = 0
            for column, value in (("nps", 11), ("csat", 0), ("ces", 8)):
                savepoint = connection.begin_nested()
                try:
                    connection.execute(
                        text(
                            "INSERT INTO responses (source, external_id, content_hash, "
                            "imported_at, responded_at, " + column + ") VALUES "
                            "('t', :id, 'h', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, :v)"
                        ),
                        {"id": column, "v": value},
                    )
                    savepoint.commit()
                except Exception:  # noqa: BLE001 - either driver's IntegrityError
                    savepoint.rollback()
                    rejected += 1
            assert rejected == 3
    finally:
        engine.dispose()


def test_sqlite_connections_use_wal_and_foreign_keys(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_the_audit_log_refuses_update_and_delete(database_url: str) -> None:
    """Append-only is the database's rule, not only the code's (a trigger each)."""
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine)
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO audit_log (at, actor, action, target, details) "
                    "VALUES (CURRENT_TIMESTAMP, 'cli', 'user.created', 'anna', '{}')"
                )
            )
        refused = []
        for statement in (
            "UPDATE audit_log SET actor = 'someone else'",
            "DELETE FROM audit_log",
            *(["TRUNCATE audit_log"] if engine.dialect.name == "postgresql" else []),
        ):
            try:
                with engine.begin() as connection:
                    connection.execute(text(statement))
            except Exception as exc:  # noqa: BLE001 - either driver's error
                refused.append("append-only" in str(exc))
        assert refused and all(refused)
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT actor FROM audit_log")).all()
        assert [r[0] for r in rows] == ["cli"]
    finally:
        engine.dispose()
