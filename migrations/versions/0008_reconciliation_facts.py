"""reconciliation facts: per-case and per-line facts kept up to date through a trigger-fed queue

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 14:00:00.000000

- reconciliation_cases, reconciliation_lines (local, derived): what the reconciliation counts
  about each live case and manifest line (see ``app.services.reconciliation_facts``).
- reconciliation_queue (local): the (round, normalised tag) groups whose facts are to be
  recomputed, appended by triggers on cases, manifest_lines, custody_events, certificate_cases
  and certificates in the transaction of every change, whoever writes it.
- reconciliation_rounds, reconciliation_counts, reconciliation_days (local, derived): each round's
  manifest-line counts, its cases counted by facts and by transport unit, and by day of each step;
  ``reconciliation_rounds.mark`` counts the changes of a round's facts (cached figures carry it).
- The facts of the records already here are computed now, and the cached figures are dropped.

The facts computed here are the definition of revision 0008, written out in SQL so that this
script keeps doing what it did when the application's code moves on; a later change to the
facts' meaning needs its own revision (which may simply empty the tables and queue every group).
A later revision that rebuilds one of the five tables on SQLite (``batch_alter_table`` copies
the table) drops its triggers: it must create them again (``create_triggers`` below).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The columns whose change changes the facts: of a case, a manifest line, a custody event, a
# certificate link, a certificate (other changes to these tables queue nothing).
CASE_COLUMNS = (
    "round_id", "sender_tag_norm", "deleted", "status", "examination_status", "examined_at", "identified_on",
    "category", "identity_disputed", "transport_unit_id", "received_at", "case_number",
)
LINE_COLUMNS = ("round_id", "sender_tag_norm", "deleted")
EVENT_COLUMNS = ("case_id", "event_type", "deleted", "occurred_at")
LINK_COLUMNS = ("case_id", "certificate_id", "deleted")
CERTIFICATE_COLUMNS = ("status", "deleted")


def _changed(columns: Sequence[str], different: str) -> str:
    return " OR ".join(f"OLD.{c} {different} NEW.{c}" for c in columns)


# A record erased outright (never done by the application: deletion is a tombstone) takes its
# facts with it; the catch-up finds facts through the records, so it could not.
_FORGET = {
    "cases": "DELETE FROM reconciliation_cases WHERE case_id = OLD.id",
    "manifest_lines": "DELETE FROM reconciliation_lines WHERE line_id = OLD.id",
}


def _sqlite_triggers() -> list[str]:
    q = "INSERT INTO reconciliation_queue (round_id, tag)"
    of_case = f"{q} SELECT round_id, sender_tag_norm FROM cases WHERE id"
    statements = []
    for table, columns in (("cases", CASE_COLUMNS), ("manifest_lines", LINE_COLUMNS)):
        statements += [
            f"CREATE TRIGGER reconciliation_{table}_insert AFTER INSERT ON {table} "
            f"BEGIN {q} VALUES (NEW.round_id, NEW.sender_tag_norm); END",
            f"CREATE TRIGGER reconciliation_{table}_update AFTER UPDATE ON {table} "
            f"WHEN {_changed(columns, 'IS NOT')} "
            f"BEGIN {q} VALUES (NEW.round_id, NEW.sender_tag_norm); "
            f"{q} SELECT OLD.round_id, OLD.sender_tag_norm "
            f"WHERE OLD.round_id IS NOT NEW.round_id OR OLD.sender_tag_norm IS NOT NEW.sender_tag_norm; END",
            f"CREATE TRIGGER reconciliation_{table}_delete AFTER DELETE ON {table} "
            f"BEGIN {q} VALUES (OLD.round_id, OLD.sender_tag_norm); {_FORGET[table]}; END",
        ]
    for table, columns in (("custody_events", EVENT_COLUMNS), ("certificate_cases", LINK_COLUMNS)):
        statements += [
            f"CREATE TRIGGER reconciliation_{table}_insert AFTER INSERT ON {table} "
            f"BEGIN {of_case} = NEW.case_id; END",
            f"CREATE TRIGGER reconciliation_{table}_update AFTER UPDATE ON {table} "
            f"WHEN {_changed(columns, 'IS NOT')} "
            f"BEGIN {of_case} IN (NEW.case_id, OLD.case_id); END",
            f"CREATE TRIGGER reconciliation_{table}_delete AFTER DELETE ON {table} "
            f"BEGIN {of_case} = OLD.case_id; END",
        ]
    statements.append(
        "CREATE TRIGGER reconciliation_certificates_update AFTER UPDATE ON certificates "
        f"WHEN {_changed(CERTIFICATE_COLUMNS, 'IS NOT')} "
        f"BEGIN {q} SELECT c.round_id, c.sender_tag_norm FROM certificate_cases cc JOIN cases c ON c.id = cc.case_id "
        "WHERE cc.certificate_id = NEW.id; END"
    )
    return statements


def _pg_triggers() -> list[str]:
    q = "INSERT INTO reconciliation_queue (round_id, tag)"
    of_case = f"{q} SELECT round_id, sender_tag_norm FROM cases WHERE id"
    statements = [
        f"""CREATE OR REPLACE FUNCTION reconciliation_queue_group() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                {q} VALUES (NEW.round_id, NEW.sender_tag_norm);
            ELSIF TG_OP = 'UPDATE' THEN
                {q} VALUES (NEW.round_id, NEW.sender_tag_norm);
                IF OLD.round_id IS DISTINCT FROM NEW.round_id OR OLD.sender_tag_norm IS DISTINCT FROM NEW.sender_tag_norm THEN
                    {q} VALUES (OLD.round_id, OLD.sender_tag_norm);
                END IF;
            ELSE
                {q} VALUES (OLD.round_id, OLD.sender_tag_norm);
                IF TG_TABLE_NAME = 'cases' THEN
                    {_FORGET["cases"]};
                ELSE
                    {_FORGET["manifest_lines"]};
                END IF;
            END IF;
            RETURN NULL;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION reconciliation_queue_case_group() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                {of_case} = NEW.case_id;
            ELSIF TG_OP = 'UPDATE' THEN
                {of_case} IN (NEW.case_id, OLD.case_id);
            ELSE
                {of_case} = OLD.case_id;
            END IF;
            RETURN NULL;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION reconciliation_queue_certificate() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {q} SELECT c.round_id, c.sender_tag_norm FROM certificate_cases cc JOIN cases c ON c.id = cc.case_id
                WHERE cc.certificate_id = NEW.id;
            RETURN NULL;
        END $$""",
    ]
    for table, columns, function in (
        ("cases", CASE_COLUMNS, "reconciliation_queue_group"),
        ("manifest_lines", LINE_COLUMNS, "reconciliation_queue_group"),
        ("custody_events", EVENT_COLUMNS, "reconciliation_queue_case_group"),
        ("certificate_cases", LINK_COLUMNS, "reconciliation_queue_case_group"),
    ):
        statements += [
            f"CREATE TRIGGER reconciliation_{table}_insert AFTER INSERT ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
            f"CREATE TRIGGER reconciliation_{table}_update AFTER UPDATE ON {table} "
            f"FOR EACH ROW WHEN ({_changed(columns, 'IS DISTINCT FROM')}) EXECUTE FUNCTION {function}()",
            f"CREATE TRIGGER reconciliation_{table}_delete AFTER DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        ]
    statements.append(
        "CREATE TRIGGER reconciliation_certificates_update AFTER UPDATE ON certificates "
        f"FOR EACH ROW WHEN ({_changed(CERTIFICATE_COLUMNS, 'IS DISTINCT FROM')}) "
        "EXECUTE FUNCTION reconciliation_queue_certificate()"
    )
    return statements


def create_triggers(dialect: str) -> None:
    for statement in _pg_triggers() if dialect == "postgresql" else _sqlite_triggers():
        op.execute(statement)


def _day(dialect: str, value: str) -> str:
    if dialect == "postgresql":
        return f"(CAST({value} AS DATE) - DATE '1970-01-01')"
    return f"CAST(julianday(substr({value}, 1, 10)) - 2440587.5 AS INTEGER)"


def _fill(dialect: str) -> None:
    first_release = (
        "(SELECT MIN(e.occurred_at) FROM custody_events e "
        "WHERE e.case_id = c.id AND e.deleted = false AND e.event_type = 'released')"
    )
    op.execute(f"""
        INSERT INTO reconciliation_cases
            (case_id, round_id, unit_id, flags, received_day, examined_day, identified_day, released_day)
        SELECT c.id, c.round_id, c.transport_unit_id,
            CASE c.status WHEN 'received' THEN 0 WHEN 'stored' THEN 1 WHEN 'examined' THEN 2
                WHEN 'identified' THEN 3 WHEN 'released' THEN 4 WHEN 'returned' THEN 5 ELSE 7 END
            + CASE WHEN c.examination_status = 'completed' THEN 8 ELSE 0 END
            + CASE WHEN c.identified_on IS NOT NULL THEN 16 ELSE 0 END
            + CASE WHEN EXISTS (SELECT 1 FROM certificate_cases cc JOIN certificates ct ON ct.id = cc.certificate_id
                    WHERE cc.case_id = c.id AND cc.deleted = false AND ct.deleted = false AND ct.status = 'issued')
                THEN 32 ELSE 0 END
            + CASE WHEN c.sender_tag_norm = '' OR NOT EXISTS (SELECT 1 FROM manifest_lines m
                    WHERE m.round_id = c.round_id AND m.sender_tag_norm = c.sender_tag_norm AND m.deleted IS NOT true)
                THEN 64 ELSE 0 END
            + CASE WHEN c.sender_tag_norm <> '' AND EXISTS (SELECT 1 FROM cases e
                    WHERE e.round_id = c.round_id AND e.sender_tag_norm = c.sender_tag_norm AND e.deleted IS NOT true
                    AND (e.received_at < c.received_at
                         OR (e.received_at = c.received_at AND e.case_number < c.case_number)))
                THEN 128 ELSE 0 END
            + CASE WHEN c.category = 'commingled' THEN 256 ELSE 0 END
            + CASE WHEN c.identity_disputed IS true THEN 512 ELSE 0 END
            + COALESCE((SELECT SUM(DISTINCT CASE e.event_type WHEN 'received' THEN 1024 WHEN 'examined' THEN 2048
                    WHEN 'released' THEN 4096 WHEN 'returned' THEN 8192 ELSE 0 END)
                FROM custody_events e WHERE e.case_id = c.id AND e.deleted = false), 0),
            {_day(dialect, "c.received_at")},
            CASE WHEN c.examination_status = 'completed' THEN {_day(dialect, "c.examined_at")} END,
            {_day(dialect, "c.identified_on")},
            CASE WHEN c.status = 'released' THEN {_day(dialect, first_release)} END
        FROM cases c WHERE c.deleted = false
    """)
    op.execute("""
        INSERT INTO reconciliation_lines (line_id, round_id, received)
        SELECT m.id, m.round_id,
            CASE WHEN m.sender_tag_norm <> '' AND EXISTS (SELECT 1 FROM cases c
                WHERE c.round_id = m.round_id AND c.sender_tag_norm = m.sender_tag_norm AND c.deleted IS NOT true)
            THEN true ELSE false END
        FROM manifest_lines m WHERE m.deleted = false
    """)
    op.execute("""
        INSERT INTO reconciliation_counts (round_id, unit_id, flags, cases)
        SELECT round_id, COALESCE(unit_id, ''), flags, COUNT(*) FROM reconciliation_cases
        GROUP BY round_id, COALESCE(unit_id, ''), flags
    """)
    op.execute(f"""
        INSERT INTO reconciliation_days (round_id, step, day, cases)
        {" UNION ALL ".join(
            f"SELECT round_id, {step}, {column}, COUNT(*) FROM reconciliation_cases "
            f"WHERE {column} IS NOT NULL GROUP BY round_id, {column}"
            for step, column in enumerate(("received_day", "examined_day", "identified_day", "released_day"))
        )}
    """)
    op.execute("""
        INSERT INTO reconciliation_rounds (round_id, mark, manifest_lines, lines_not_received)
        SELECT round_id, 1, COUNT(*), SUM(CASE WHEN received THEN 0 ELSE 1 END) FROM reconciliation_lines
        GROUP BY round_id
    """)
    op.execute("DELETE FROM reconciliation_cache")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "reconciliation_cases",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("round_id", sa.String(length=36), nullable=False),
        sa.Column("unit_id", sa.String(length=36), nullable=True),
        sa.Column("flags", sa.Integer(), nullable=False),
        sa.Column("received_day", sa.Integer(), nullable=True),
        sa.Column("examined_day", sa.Integer(), nullable=True),
        sa.Column("identified_day", sa.Integer(), nullable=True),
        sa.Column("released_day", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_reconciliation_cases")),
    )
    op.create_table(
        "reconciliation_lines",
        sa.Column("line_id", sa.String(length=36), nullable=False),
        sa.Column("round_id", sa.String(length=36), nullable=False),
        sa.Column("received", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("line_id", name=op.f("pk_reconciliation_lines")),
    )
    op.create_table(
        "reconciliation_queue",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("round_id", sa.String(length=36), nullable=False),
        sa.Column("tag", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reconciliation_queue")),
    )
    op.create_table(
        "reconciliation_rounds",
        sa.Column("round_id", sa.String(length=36), nullable=False),
        sa.Column("mark", sa.BigInteger(), nullable=False),
        sa.Column("manifest_lines", sa.Integer(), nullable=False),
        sa.Column("lines_not_received", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("round_id", name=op.f("pk_reconciliation_rounds")),
    )
    op.create_table(
        "reconciliation_counts",
        sa.Column("round_id", sa.String(length=36), nullable=False),
        sa.Column("unit_id", sa.String(length=36), nullable=False),
        sa.Column("flags", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("round_id", "unit_id", "flags", name=op.f("pk_reconciliation_counts")),
    )
    op.create_table(
        "reconciliation_days",
        sa.Column("round_id", sa.String(length=36), nullable=False),
        sa.Column("step", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("day", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("round_id", "step", "day", name=op.f("pk_reconciliation_days")),
    )
    _fill(dialect)  # before the indexes: faster, and the same result
    op.create_index("ix_reconciliation_cases_round", "reconciliation_cases", [
        "round_id", "unit_id", "flags", "received_day", "examined_day", "identified_day", "released_day"])
    op.create_index("ix_reconciliation_lines_round_received", "reconciliation_lines", ["round_id", "received"])
    create_triggers(dialect)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    tables = ("cases", "manifest_lines", "custody_events", "certificate_cases")
    if dialect == "postgresql":
        for table in tables:
            for kind in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS reconciliation_{table}_{kind} ON {table}")
        op.execute("DROP TRIGGER IF EXISTS reconciliation_certificates_update ON certificates")
        for function in ("reconciliation_queue_group", "reconciliation_queue_case_group",
                         "reconciliation_queue_certificate"):
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    else:
        for table in tables:
            for kind in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS reconciliation_{table}_{kind}")
        op.execute("DROP TRIGGER IF EXISTS reconciliation_certificates_update")
    op.drop_index("ix_reconciliation_lines_round_received", table_name="reconciliation_lines")
    op.drop_index("ix_reconciliation_cases_round", table_name="reconciliation_cases")
    for table in ("reconciliation_days", "reconciliation_counts", "reconciliation_rounds"):
        op.drop_table(table)
    op.drop_table("reconciliation_queue")
    op.drop_table("reconciliation_lines")
    op.drop_table("reconciliation_cases")
