"""case list indexes: id as tie-breaker, received date, live-case count

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 23:55:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PREFIX_COLUMNS = (
    ('ix_cases_tag', 'sender_tag_norm'),
    ('ix_cases_claimed_name', 'claimed_name_norm'),
    ('ix_cases_established_name', 'established_name_norm'),
)


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        for name, column in PREFIX_COLUMNS:
            batch_op.drop_index(name)
            batch_op.create_index(name, [column, 'id'], unique=False, postgresql_ops={column: 'text_pattern_ops'})
        batch_op.create_index('ix_cases_received', ['received_at', 'id'], unique=False)
        batch_op.create_index('ix_cases_round_live', ['round_id', 'deleted'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_round_live')
        batch_op.drop_index('ix_cases_received')
        for name, column in PREFIX_COLUMNS:
            batch_op.drop_index(name)
            batch_op.create_index(name, [column], unique=False, postgresql_ops={column: 'text_pattern_ops'})
