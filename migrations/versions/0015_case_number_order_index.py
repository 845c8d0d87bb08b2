"""the case table's default order read from an index on PostgreSQL too

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 20:00:00.000000

The only index over every case number was built with text_pattern_ops (for the prefix search),
whose order PostgreSQL cannot use for ORDER BY: the first page of the case table sorted every
case. (case_number, id) with the default operator class gives the list's order on both databases.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_cases_case_number_order", "cases", ["case_number", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_cases_case_number_order", table_name="cases")
