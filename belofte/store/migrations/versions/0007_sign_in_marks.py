"""sign-in marks and spent form bindings: the sign-in limit across app processes

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 23:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('sign_in_marks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_marks'))
    )
    op.create_index('ix_sign_in_marks_key_at', 'sign_in_marks', ['key', 'at'], unique=False)
    op.create_index(op.f('ix_sign_in_marks_at'), 'sign_in_marks', ['at'], unique=False)
    op.create_table('spent_form_bindings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_spent_form_bindings'))
    )
    op.create_index(op.f('ix_spent_form_bindings_at'), 'spent_form_bindings', ['at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_spent_form_bindings_at'), table_name='spent_form_bindings')
    op.drop_table('spent_form_bindings')
    op.drop_index(op.f('ix_sign_in_marks_at'), table_name='sign_in_marks')
    op.drop_index('ix_sign_in_marks_key_at', table_name='sign_in_marks')
    op.drop_table('sign_in_marks')
