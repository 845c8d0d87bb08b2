"""reconciliation and forensic progress: examination and identity fields, samples, releases

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 09:00:00.000000

- cases: examination status/time/examiner/notes, the established citizenship and the
  ``identity_disputed`` flag (all nullable: rows written before this revision read as "not
  started" / "not disputed").
- samples, releases (synced): forensic samples and the release of remains to the family.
- custody_events: an index on (case, event type) for the custody-chain checks.
- reconciliation_cache (local): the figures of each round as of a point in the version log.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _synced_columns() -> list[sa.Column]:  # type: ignore[type-arg]
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
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("examination_status", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("examined_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("examined_by", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("examination_notes", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("established_citizenship", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("identity_disputed", sa.Boolean(), nullable=True))

    with op.batch_alter_table("custody_events", schema=None) as batch_op:
        batch_op.create_index("ix_custody_events_case_type", ["case_id", "event_type"], unique=False)

    op.create_table(
        "samples",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("sample_type", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=True),
        sa.Column("taken_by", sa.String(length=300), nullable=False),
        sa.Column("sent_to", sa.String(length=300), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_synced_columns(),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_samples_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_samples")),
    )
    with op.batch_alter_table("samples", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_samples_case_id"), ["case_id"], unique=False)

    op.create_table(
        "releases",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("released_at", sa.DateTime(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("recipient_name", sa.String(length=300), nullable=False),
        sa.Column("recipient_relationship", sa.String(length=100), nullable=False),
        sa.Column("recipient_document", sa.String(length=300), nullable=False),
        sa.Column("released_by", sa.String(length=300), nullable=False),
        sa.Column("custody_event_id", sa.String(length=36), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        *_synced_columns(),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_releases_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["custody_event_id"], ["custody_events.id"], name=op.f("fk_releases_custody_event_id_custody_events")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_releases")),
    )
    with op.batch_alter_table("releases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_releases_case_id"), ["case_id"], unique=False)

    op.create_table(
        "reconciliation_cache",
        sa.Column("round_id", sa.String(length=36), nullable=False),
        sa.Column("as_of_seq", sa.BigInteger(), nullable=False),
        sa.Column("figures", sa.Text(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("round_id", name=op.f("pk_reconciliation_cache")),
    )


def downgrade() -> None:
    op.drop_table("reconciliation_cache")
    with op.batch_alter_table("releases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_releases_case_id"))
    op.drop_table("releases")
    with op.batch_alter_table("samples", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_samples_case_id"))
    op.drop_table("samples")
    with op.batch_alter_table("custody_events", schema=None) as batch_op:
        batch_op.drop_index("ix_custody_events_case_type")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("identity_disputed")
        batch_op.drop_column("established_citizenship")
        batch_op.drop_column("examination_notes")
        batch_op.drop_column("examined_by")
        batch_op.drop_column("examined_at")
        batch_op.drop_column("examination_status")
