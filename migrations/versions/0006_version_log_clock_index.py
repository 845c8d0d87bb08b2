"""Index the version log by clock stamp, so login reads the newest stamp without a scan.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 01:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("row_versions", schema=None) as batch_op:
        batch_op.create_index("ix_row_versions_hlc", ["hlc"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("row_versions", schema=None) as batch_op:
        batch_op.drop_index("ix_row_versions_hlc")
