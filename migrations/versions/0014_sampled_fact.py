"""the reconciliation's facts know which cases were sampled

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 18:30:00

- Triggers on ``samples`` queue the (round, tag) group of a sample's case on every insert, on an
  update of its case or tombstone, and on a delete, like those on ``custody_events`` (0008).
- ``reconciliation_cases.flags`` gains the bit ``SAMPLED`` (1 << 14): the case has at least one
  sample that was not withdrawn. It is set here for the cases already sampled, the rounds' counts
  by flags are counted again, their marks move on and the cached figures are dropped.

Before this revision the figure ``sampled`` was counted from the records with one look-up per
case, the one figure whose cost grew with all the cases of the rounds read.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SAMPLED = 1 << 14
SAMPLE_COLUMNS = ("case_id", "deleted")
_QUEUE_OF_CASE = "INSERT INTO reconciliation_queue (round_id, tag) SELECT round_id, sender_tag_norm FROM cases WHERE id"


def _changed(different: str) -> str:
    return " OR ".join(f"OLD.{c} {different} NEW.{c}" for c in SAMPLE_COLUMNS)


def _create_triggers(dialect: str) -> None:
    if dialect == "postgresql":  # the function of revision 0008 queues the group of a row's case_id
        for kind, when in (("insert", ""), ("update", f"WHEN ({_changed('IS DISTINCT FROM')}) "), ("delete", "")):
            op.execute(
                f"CREATE TRIGGER reconciliation_samples_{kind} AFTER {kind.upper()} ON samples "
                f"FOR EACH ROW {when}EXECUTE FUNCTION reconciliation_queue_case_group()"
            )
        return
    op.execute("CREATE TRIGGER reconciliation_samples_insert AFTER INSERT ON samples "
               f"BEGIN {_QUEUE_OF_CASE} = NEW.case_id; END")
    op.execute(f"CREATE TRIGGER reconciliation_samples_update AFTER UPDATE ON samples WHEN {_changed('IS NOT')} "
               f"BEGIN {_QUEUE_OF_CASE} IN (NEW.case_id, OLD.case_id); END")
    op.execute("CREATE TRIGGER reconciliation_samples_delete AFTER DELETE ON samples "
               f"BEGIN {_QUEUE_OF_CASE} = OLD.case_id; END")


def _recount(changed_rounds: str) -> None:
    """Count the rounds in ``changed_rounds`` (a temporary table) by flags again, move their marks
    on and drop every cached figure."""
    in_changed = f"round_id IN (SELECT round_id FROM {changed_rounds})"
    op.execute(f"DELETE FROM reconciliation_counts WHERE {in_changed}")
    op.execute(
        "INSERT INTO reconciliation_counts (round_id, unit_id, flags, cases) "
        "SELECT round_id, COALESCE(unit_id, ''), flags, COUNT(*) FROM reconciliation_cases "
        f"WHERE {in_changed} GROUP BY round_id, COALESCE(unit_id, ''), flags"
    )
    op.execute(f"UPDATE reconciliation_rounds SET mark = mark + 1 WHERE {in_changed}")
    op.execute("DELETE FROM reconciliation_cache")
    op.execute(f"DROP TABLE {changed_rounds}")


def _set_bit(set_it: bool) -> None:
    op.execute("CREATE TEMPORARY TABLE sampled_rounds (round_id VARCHAR(36) PRIMARY KEY)")
    if set_it:
        sampled = ("EXISTS (SELECT 1 FROM samples s WHERE s.case_id = reconciliation_cases.case_id "
                   "AND s.deleted = false)")
        op.execute(f"INSERT INTO sampled_rounds (round_id) SELECT DISTINCT round_id FROM reconciliation_cases "
                   f"WHERE {sampled}")
        op.execute(f"UPDATE reconciliation_cases SET flags = flags | {SAMPLED} WHERE {sampled}")
    else:
        has_bit = f"(flags & {SAMPLED}) <> 0"
        op.execute(f"INSERT INTO sampled_rounds (round_id) SELECT DISTINCT round_id FROM reconciliation_cases "
                   f"WHERE {has_bit}")
        op.execute(f"UPDATE reconciliation_cases SET flags = flags & ~{SAMPLED} WHERE {has_bit}")
    _recount("sampled_rounds")


def upgrade() -> None:
    _create_triggers(op.get_bind().dialect.name)
    _set_bit(True)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for kind in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS reconciliation_samples_{kind}"
                   + (" ON samples" if dialect == "postgresql" else ""))
    _set_bit(False)
