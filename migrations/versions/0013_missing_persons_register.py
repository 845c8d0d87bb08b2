"""the missing-persons register and the decisions on its candidates

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 13:40:00

- missing_persons (synced): the relatives' applications, one per register number (the id is
  derived from it), with the search forms of the name (local, filled on every write);
- candidate_decisions (synced): a case's candidate prioritised for DNA comparison or rejected,
  one per case and entry.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _synced_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("head_version", sa.String(length=36), nullable=True),
        sa.Column("hlc", sa.String(length=64), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "missing_persons",
        sa.Column("register_number", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=400), nullable=False),
        sa.Column("full_name_fold", sa.String(length=400), nullable=False),
        sa.Column("full_name_key", sa.LargeBinary(), nullable=False),
        sa.Column("birth_date", sa.String(length=32), nullable=False),
        sa.Column("sex", sa.String(length=16), nullable=False),
        sa.Column("citizenship", sa.String(length=100), nullable=False),
        sa.Column("military_unit", sa.String(length=200), nullable=False),
        sa.Column("disappeared_on", sa.String(length=32), nullable=False),
        sa.Column("disappeared_place", sa.String(length=300), nullable=False),
        sa.Column("circumstances", sa.Text(), nullable=False),
        sa.Column("distinguishing_marks", sa.Text(), nullable=False),
        sa.Column("relatives_sampled", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("import_batch", sa.String(length=36), nullable=True),
        *_synced_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_missing_persons")),
    )
    with op.batch_alter_table("missing_persons", schema=None) as batch_op:
        batch_op.create_index("ix_missing_persons_register_number", ["register_number"], unique=True)
        batch_op.create_index("ix_missing_persons_name_fold", ["full_name_fold", "id"], unique=False,
                              postgresql_ops={"full_name_fold": "text_pattern_ops"})
        batch_op.create_index("ix_missing_persons_name_key", ["full_name_key", "id"], unique=False)
    op.create_table(
        "candidate_decisions",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=300), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        *_synced_columns(),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_candidate_decisions_case_id_cases")),
        sa.ForeignKeyConstraint(["person_id"], ["missing_persons.id"],
                                name=op.f("fk_candidate_decisions_person_id_missing_persons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate_decisions")),
    )
    with op.batch_alter_table("candidate_decisions", schema=None) as batch_op:
        batch_op.create_index("ix_candidate_decisions_case", ["case_id"], unique=False)
        batch_op.create_index("ix_candidate_decisions_person", ["person_id"], unique=False)
    op.execute(sa.text("DELETE FROM local_settings WHERE key = 'search_forms'"))


def downgrade() -> None:
    op.drop_table("candidate_decisions")
    op.drop_table("missing_persons")
