"""Alembic environment: migrations run on the connection belofte hands over."""

from __future__ import annotations

from alembic import context

from belofte.store.tables import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - belofte always passes a connection
    raise RuntimeError("run migrations through `belofte db upgrade`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by copy
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
