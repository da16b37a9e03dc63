"""interaction rating: the customer's 1-5 rating of one touchpoint (peak-end)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 13:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # batch mode: SQLite adds a CHECK constraint only by rebuilding the table.
    with op.batch_alter_table('interactions') as batch:
        batch.add_column(sa.Column('rating', sa.Double(), nullable=True))
        batch.create_check_constraint(op.f('ck_interactions_rating_scale'), 'rating BETWEEN 1 AND 5')


def downgrade() -> None:
    with op.batch_alter_table('interactions') as batch:
        batch.drop_constraint(op.f('ck_interactions_rating_scale'), type_='check')
        batch.drop_column('rating')
