"""names found in any script and sorted in Ukrainian order

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 13:00:00

- cases.claimed_name_fold, cases.established_name_fold: the search form of the names, the same
  for Cyrillic and for the common transliterations (``app.names.name_fold``), with the prefix
  indexes the case search reads; they replace the indexes on ``*_name_norm``;
- cases.claimed_name_given: the fold with its first word last, so the search finds a claimed name
  by its second word too (the given name, or the surname of "Ivan Koval");
- cases.claimed_name_key: the Ukrainian collation key of the claimed name (ICU), which the case
  list sorts by.

The columns are local search forms, not part of any row version. They are filled when the
database is opened (``app.persistence.search.refresh_if_stale``), as they are again whenever the
fold rules or the ICU release change.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FOLDS = (
    ("ix_cases_claimed_name_fold", "claimed_name_fold"),
    ("ix_cases_claimed_name_given", "claimed_name_given"),
    ("ix_cases_established_name_fold", "established_name_fold"),
)
NORMS = (
    ("ix_cases_claimed_name", "claimed_name_norm"),
    ("ix_cases_established_name", "established_name_norm"),
)


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        for _, column in FOLDS:
            batch_op.add_column(sa.Column(column, sa.String(length=400), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("claimed_name_key", sa.LargeBinary(), nullable=False, server_default=""))
        for name, _ in NORMS:
            batch_op.drop_index(name)
        for name, column in FOLDS:
            batch_op.create_index(name, [column, "id"], unique=False, postgresql_ops={column: "text_pattern_ops"})
        batch_op.create_index("ix_cases_claimed_name_key", ["claimed_name_key", "id"], unique=False)
    op.execute(sa.text("DELETE FROM local_settings WHERE key = 'search_forms'"))


def downgrade() -> None:
    # Not batch mode: on SQLite that would rebuild ``cases``, which other tables refer to and
    # which carries the reconciliation triggers (0008). SQLite drops a column in place since 3.35.
    op.drop_index("ix_cases_claimed_name_key", table_name="cases")
    for name, _ in FOLDS:
        op.drop_index(name, table_name="cases")
    for name, column in NORMS:
        op.create_index(name, "cases", [column, "id"], unique=False, postgresql_ops={column: "text_pattern_ops"})
    op.drop_column("cases", "claimed_name_key")
    for _, column in reversed(FOLDS):
        op.drop_column("cases", column)
