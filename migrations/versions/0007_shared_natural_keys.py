"""natural keys two installations may both issue; one live link per certificate and case

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 12:00:00.000000

- cases.case_number, certificates.number and devices.code: the plain UNIQUE constraint becomes a
  unique index among the rows whose value is not shared (``key_clash`` false), so that a merge
  keeps both records when two installations issued the same value (a laptop set up again under
  its old device code) and marks them, while a device issuing a value twice is still refused.
  See ``KEY_CLASH`` in ``app.persistence.models``.
- certificate_cases: unique (certificate, case) among the live links only, so that a link
  superseded by another with the same pair can stay as a tombstone.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NATURAL_KEYS = (("devices", "code"), ("cases", "case_number"), ("certificates", "number"))
NOT_SHARED = sa.text("NOT key_clash")
LIVE = sa.text("NOT deleted")


def upgrade() -> None:
    for table, column in NATURAL_KEYS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f"uq_{table}_{column}", type_="unique")
            batch_op.add_column(sa.Column("key_clash", sa.Boolean(), server_default=sa.false(), nullable=False))
            batch_op.create_index(
                f"uq_{table}_{column}_unshared", [column], unique=True,
                sqlite_where=NOT_SHARED, postgresql_where=NOT_SHARED,
            )
    with op.batch_alter_table("certificate_cases", schema=None) as batch_op:
        batch_op.drop_constraint("uq_certificate_cases_certificate_id", type_="unique")
        batch_op.create_index(
            "uq_certificate_cases_live", ["certificate_id", "case_id"], unique=True,
            sqlite_where=LIVE, postgresql_where=LIVE,
        )


def downgrade() -> None:
    with op.batch_alter_table("certificate_cases", schema=None) as batch_op:
        batch_op.drop_index("uq_certificate_cases_live")
        batch_op.create_unique_constraint("uq_certificate_cases_certificate_id", ["certificate_id", "case_id"])
    for table, column in reversed(NATURAL_KEYS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"uq_{table}_{column}_unshared")
            batch_op.drop_column("key_clash")
            batch_op.create_unique_constraint(f"uq_{table}_{column}", [column])
