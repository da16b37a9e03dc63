"""Migrations: upgrade, downgrade, upgrade on SQLite and PostgreSQL; models match them."""

from __future__ import annotations

import json

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
        assert migrate.current_revision(engine) == migrate.head_revision() == "0007"
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables

        migrate.downgrade(engine, "base")
        assert migrate.current_revision(engine) is None
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == "0007"
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


def test_sqlite_connections_use_wal_foreign_keys_and_a_wal_limit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            limit = connection.exec_driver_sql("PRAGMA journal_size_limit").scalar()
            assert limit == 64 * 1024 * 1024
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


def test_0005_removes_personal_data_from_free_attributes(database_url: str) -> None:
    """Free attributes kept every unknown column, e-mail and IBAN included: the
    upgrade removes them, moving e-mail, phone and name to the personal side."""
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine, "0004")
        with engine.begin() as connection:
            now = "2026-11-01 10:00:00"
            attributes = {
                "loyalty": "goud",
                "e_mail_adres": "jan@example.com",
                "mobiel_nummer": "06-11223344",
                "iban": "NL91ABNA0417164300",
                "bsn": "111222333",
            }
            for key, value in (("c_1", attributes), ("c_2", {"iban": "x"})):
                connection.execute(
                    text(
                        "INSERT INTO customers (key, attributes, first_seen) "
                        "VALUES (:k, :a, :t)"
                    ),
                    {"k": key, "a": json.dumps(value), "t": now},
                )
            connection.execute(
                text(
                    "INSERT INTO customer_pii (customer_id, source, external_id, "
                    "phone, consent_survey, consent_marketing, consent_profiling, "
                    "updated_at) VALUES (1, 'crm', 'K1', '06-99999999', false, "
                    "false, false, :t)"
                ),
                {"t": now},
            )
            connection.execute(
                text(
                    "INSERT INTO interactions (source, external_id, content_hash, "
                    "imported_at, kind, occurred_at, attributes) VALUES ('s', 'e1', "
                    "'h', :t, 'delivery', :t, :a)"
                ),
                {"t": now, "a": json.dumps({"order": "O1", "klant_email": "a@b.nl"})},
            )
        migrate.upgrade(engine)
        with engine.connect() as connection:
            kept = [
                _json(a)
                for (a,) in connection.execute(
                    text("SELECT attributes FROM customers ORDER BY id")
                )
            ]
            pii = connection.execute(
                text("SELECT email, phone FROM customer_pii")
            ).one()
            events = _json(
                connection.execute(text("SELECT attributes FROM interactions")).scalar()
            )
            mark = connection.execute(
                text("SELECT count(*) FROM workspace_meta WHERE key = :k"),
                {"k": "data_changed:customers"},
            ).scalar()
        assert kept == [{"loyalty": "goud"}, {}]
        # An empty e-mail is filled; a phone already on the personal side stays.
        assert tuple(pii) == ("jan@example.com", "06-99999999")
        assert events == {"order": "O1"}
        assert mark == 1  # the lake rebuilds its copy of the customers
    finally:
        engine.dispose()


def _json(value: object) -> object:
    return json.loads(value) if isinstance(value, str) else value
