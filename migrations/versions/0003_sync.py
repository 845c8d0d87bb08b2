"""export bundles and merge: version DAG, conflicts, duplicates, trust, quarantine

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-26 10:00:00.000000

- row_versions: ``merge_parents`` (a merge version's further parents) and ``resolves`` (the
  conflicts a resolution settles); the index on ``exported`` goes (what was exported is kept
  as ranges in ``export_marks``).
- rounds.code and users.username are no longer unique: two laptops may each create "the same"
  round or user name; an import keeps both and flags them for the supervisor.
- cases: ``same_remains_as_id`` (a supervisor's link between probable duplicates) and an index
  on (transport unit, bag number) for duplicate detection.
- duplicate_decisions (synced); conflicts, probable_duplicates, device_keys, quarantine,
  imported_bundles, export_marks, sync_pending (local).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0001"
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
    with op.batch_alter_table("row_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merge_parents", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("resolves", sa.Text(), nullable=True))
        # the export log is export_marks now; the flag's index only slowed every insert
        batch_op.drop_index("ix_row_versions_exported")

    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.drop_constraint("uq_rounds_code", type_="unique")
        batch_op.create_index(batch_op.f("ix_rounds_code"), ["code"], unique=False)

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint("uq_users_username", type_="unique")
        batch_op.create_index(batch_op.f("ix_users_username"), ["username"], unique=False)

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("same_remains_as_id", sa.String(length=36), nullable=True))
        batch_op.create_index("ix_cases_unit_bag", ["transport_unit_id", "bag_number"], unique=False)

    op.create_table(
        "duplicate_decisions",
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_a", sa.String(length=36), nullable=False),
        sa.Column("row_b", sa.String(length=36), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_synced_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_decisions")),
    )
    op.create_table(
        "conflicts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("merge_version_id", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("base_value", sa.Text(), nullable=True),
        sa.Column("candidates", sa.Text(), nullable=False),
        sa.Column("provisional", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("resolution_version_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflicts")),
    )
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.create_index("ix_conflicts_row", ["table_name", "row_id"], unique=False)
        batch_op.create_index("ix_conflicts_status", ["status"], unique=False)

    op.create_table(
        "probable_duplicates",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_a", sa.String(length=36), nullable=False),
        sa.Column("row_b", sa.String(length=36), nullable=False),
        sa.Column("scope_id", sa.String(length=36), nullable=True),
        sa.Column("reasons", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_probable_duplicates")),
    )
    with op.batch_alter_table("probable_duplicates", schema=None) as batch_op:
        batch_op.create_index("ix_probable_duplicates_scope", ["scope_id"], unique=False)
        batch_op.create_index("ix_probable_duplicates_status", ["status"], unique=False)

    op.create_table(
        "device_keys",
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("device_code", sa.String(length=16), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("public_key", name=op.f("pk_device_keys")),
    )
    with op.batch_alter_table("device_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_device_keys_device_code"), ["device_code"], unique=False)

    op.create_table(
        "quarantine",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("device_code", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("file_path", sa.Text(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("versions", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("received_by", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantine")),
    )
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quarantine_device_code"), ["device_code"], unique=False)

    op.create_table(
        "imported_bundles",
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("device_code", sa.String(length=16), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("seq_from", sa.BigInteger(), nullable=True),
        sa.Column("seq_to", sa.BigInteger(), nullable=True),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("versions", sa.Integer(), nullable=False),
        sa.Column("new_versions", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("bundle_id", name=op.f("pk_imported_bundles")),
    )
    with op.batch_alter_table("imported_bundles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_imported_bundles_device_code"), ["device_code"], unique=False)

    op.create_table(
        "export_marks",
        sa.Column("seq_from", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("seq_to", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("seq_from", name=op.f("pk_export_marks")),
    )
    # what was marked exported before, as ranges ("gaps and islands")
    op.execute(
        "INSERT INTO export_marks (seq_from, seq_to) "
        "SELECT min(seq), max(seq) FROM (SELECT seq, seq - row_number() OVER (ORDER BY seq) AS grp "
        "FROM row_versions WHERE exported = true) AS runs GROUP BY grp"
    )
    op.create_table(
        "sync_pending",
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id", name=op.f("pk_sync_pending")),
    )


def downgrade() -> None:
    op.drop_table("sync_pending")
    op.drop_table("export_marks")
    with op.batch_alter_table("imported_bundles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_imported_bundles_device_code"))
    op.drop_table("imported_bundles")
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quarantine_device_code"))
    op.drop_table("quarantine")
    with op.batch_alter_table("device_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_device_keys_device_code"))
    op.drop_table("device_keys")
    with op.batch_alter_table("probable_duplicates", schema=None) as batch_op:
        batch_op.drop_index("ix_probable_duplicates_status")
        batch_op.drop_index("ix_probable_duplicates_scope")
    op.drop_table("probable_duplicates")
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.drop_index("ix_conflicts_status")
        batch_op.drop_index("ix_conflicts_row")
    op.drop_table("conflicts")
    op.drop_table("duplicate_decisions")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_unit_bag")
        batch_op.drop_column("same_remains_as_id")
    # Restoring the unique constraints fails if duplicates were imported meanwhile; that is
    # the price of going back.
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_username"))
        batch_op.create_unique_constraint("uq_users_username", ["username"])
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rounds_code"))
        batch_op.create_unique_constraint("uq_rounds_code", ["code"])
    with op.batch_alter_table("row_versions", schema=None) as batch_op:
        batch_op.create_index("ix_row_versions_exported", ["exported"], unique=False)
        batch_op.drop_column("resolves")
        batch_op.drop_column("merge_parents")
