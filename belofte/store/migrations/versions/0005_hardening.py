"""hardening: declared segments, import runs that know their process, no personal
data left in free attributes

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 18:00:00

Free attributes used to keep every column an import did not recognise, so an
`E-mail adres` or `BSN` column of a customer file sat beside the pseudonymous
data (and in the analytics lake). This revision removes every attribute whose
name is personal data; the values of e-mail, phone and name attributes move to
the customer's personal-data row when that row has none. The change mark makes
the next analysis rebuild the lake's copy without them.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from belofte.domain.privacy import PersonalKind, personal_kind

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Personal attributes that have a column on the personal-data side.
_MOVES = {PersonalKind.EMAIL: "email", PersonalKind.PHONE: "phone", PersonalKind.NAME: "name"}
_LIMITS = {"email": 320, "phone": 40, "name": 200}


def upgrade() -> None:
    op.create_table('segments',
    sa.Column('name', sa.JSON(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_segments')),
    sa.UniqueConstraint('code', name=op.f('uq_segments_code'))
    )
    with op.batch_alter_table('import_runs') as batch:
        batch.add_column(sa.Column('host', sa.String(length=255), nullable=True))
        batch.add_column(sa.Column('pid', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True))
    _remove_personal_attributes()


def downgrade() -> None:
    with op.batch_alter_table('import_runs') as batch:
        batch.drop_column('heartbeat_at')
        batch.drop_column('pid')
        batch.drop_column('host')
    op.drop_table('segments')


def _attributes(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        value = json.loads(value or "{}")
    return value if isinstance(value, dict) else {}


def _remove_personal_attributes() -> None:
    connection = op.get_bind()
    changed = False
    for table in ("customers", "interactions", "verbatims"):
        for row_id, raw in _rows_with_attributes(connection, table):
            attributes = _attributes(raw)
            personal = {k: v for k, v in attributes.items() if personal_kind(k)}
            if not personal:
                continue
            kept = {k: v for k, v in attributes.items() if k not in personal}
            connection.execute(
                sa.text(f"UPDATE {table} SET attributes = :a WHERE id = :i"),  # noqa: S608
                {"a": json.dumps(kept, ensure_ascii=False), "i": row_id},
            )
            if table == "customers":
                _move_to_personal_side(connection, row_id, personal)
            changed = True
    if changed:
        # Tell the analytics refresh that customers changed in place.
        connection.execute(sa.text("DELETE FROM workspace_meta WHERE key = 'data_changed:customers'"))
        connection.execute(
            sa.text("INSERT INTO workspace_meta (key, value) VALUES ('data_changed:customers', :v)"),
            {"v": uuid.uuid4().hex},
        )


def _rows_with_attributes(connection: Any, table: str) -> Any:
    """(id, attributes) of rows with any attribute, a page at a time (tables may
    hold millions of rows)."""
    last = 0
    while True:
        page = connection.execute(
            sa.text(
                f"SELECT id, attributes FROM {table} WHERE id > :last "  # noqa: S608 - our table names
                "AND CAST(attributes AS TEXT) NOT IN ('{}', 'null') ORDER BY id LIMIT 5000"
            ),
            {"last": last},
        ).all()
        if not page:
            return
        yield from page
        last = page[-1][0]


def _move_to_personal_side(connection: Any, customer_id: int, personal: dict[str, Any]) -> None:
    for name, value in personal.items():
        column = _MOVES.get(personal_kind(name))  # type: ignore[arg-type]
        if column is None or value in (None, ""):
            continue
        connection.execute(
            sa.text(
                f"UPDATE customer_pii SET {column} = :v "  # noqa: S608 - our column names
                f"WHERE customer_id = :i AND ({column} IS NULL OR {column} = '')"
            ),
            {"v": str(value)[: _LIMITS[column]], "i": customer_id},
        )
