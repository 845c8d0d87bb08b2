"""Importing the missing-persons register from its spreadsheet (CSV or XLSX).

Three steps, each usable on its own by the CLI and the GUI, as for the manifest:

1. ``read_register`` / ``read_register_file`` read the file (``rounds.spreadsheet``: an XLSX
   workbook, or CSV in UTF-8, UTF-8 with BOM or Windows-1251, separated by commas or
   semicolons) into a table;
2. ``columns.auto_mapping`` proposes which column holds which field; ``check_register`` reports
   every problem by line and what an import would do (new, updated, unchanged), changing nothing;
3. ``import_register`` writes the good rows in one transaction and reports the others.

An entry's id comes from its register number (``missing_person_id``), so importing the register
again updates the entries it already holds and never makes a second one. An entry whose fields
are all as stored is left alone (no new version); a changed one gets one new version. A field
the file has no column for keeps its stored value; an empty cell empties it. Entries not in the
file are left as they are (a file may hold part of the register). Bulk writes use Core
statements with their row versions (``stamp_rows``, ``stamp_updates``), in 500-row chunks.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Table, and_, bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.errors import StaleEdit
from app.persistence.models import MissingPerson
from app.persistence.models.register import REGISTER_NAMESPACE, missing_person_id
from app.persistence.search import with_search_values
from app.persistence.versioning import insert_versions, snapshot_columns, stamp_rows, stamp_updates
from app.progress import CancelToken, ProgressCallback, no_progress
from app.services.context import CAN_IMPORT_REGISTER, AppContext
from app.services.register import columns
from app.services.register.check import EntryData, RegisterCheck, validate_rows
from app.services.rounds import manifest_file, spreadsheet
from app.services.rounds.manifest_check import Problem
from app.services.rounds.manifest_file import ManifestTable

CHUNK = 500
MAX_REGISTER_BYTES = 200 * 1024 * 1024
REGISTER_KIND = "a register of missing persons"

_TABLE: Table = MissingPerson.__table__  # type: ignore[assignment]
_NAME = MissingPerson.__tablename__
_SYNCED = ("id", "rev", "head_version", "hlc", "deleted", "created_at", "updated_at", "updated_by")


def read_register(
    data: bytes, *, encoding: str | None = None, delimiter: str | None = None, filename: str = ""
) -> ManifestTable:
    """The register's file as a table (see ``rounds.spreadsheet.read_table``)."""
    return spreadsheet.read_table(
        data, encoding=encoding, delimiter=delimiter, filename=filename, max_bytes=MAX_REGISTER_BYTES,
        kind=REGISTER_KIND,
    )


def read_register_file(path: str | Path, *, encoding: str | None = None, delimiter: str | None = None) -> ManifestTable:
    return spreadsheet.read_table_file(
        path, encoding=encoding, delimiter=delimiter, max_bytes=MAX_REGISTER_BYTES, kind=REGISTER_KIND
    )


def read_register_bytes(path: str | Path) -> bytes:
    return manifest_file.read_file_bytes(path, max_bytes=MAX_REGISTER_BYTES, kind=REGISTER_KIND)


# --- what an import would do -----------------------------------------------------------------


@dataclass(frozen=True)
class RegisterPreview:
    """The check of a file and what importing it now would do."""

    check: RegisterCheck
    new: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class RegisterImportResult:
    batch_id: str
    new: int
    updated: int
    unchanged: int
    total_rows: int
    problems: tuple[Problem, ...]
    refused_lines: tuple[int, ...]

    @property
    def refused(self) -> int:
        return len(self.refused_lines)

    @property
    def imported(self) -> int:
        """Rows of the file now in the register as the file says (new, updated or unchanged)."""
        return self.new + self.updated + self.unchanged

    def summary(self) -> str:
        text = f"Register: {self.new} new, {self.updated} updated, {self.unchanged} unchanged"
        if self.refused:
            text += f"; {self.refused} row{'s' if self.refused != 1 else ''} refused"
        return text + "."


@dataclass
class _Plan:
    inserts: list[tuple[str, EntryData]]  # the new entry's id, the entry
    updates: list[tuple[EntryData, dict[str, Any]]]  # the entry, the stored row it changes
    unchanged: int


def _mapping(table: ManifestTable, mapping: columns.ColumnMapping | None) -> columns.ColumnMapping:
    return columns.auto_mapping(table.headers) if mapping is None else mapping


def _stored_rows(session: Session, ids: list[str]) -> dict[str, dict[str, Any]]:
    wanted = [_TABLE.c[name] for name in dict.fromkeys([*_SYNCED, *snapshot_columns(_NAME)])]
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), CHUNK):
        rows = session.execute(select(*wanted).where(_TABLE.c.id.in_(ids[start : start + CHUNK]))).mappings()
        found.update((r["id"], dict(r)) for r in rows)
    return found


def _plan(session: Session, entries: tuple[EntryData, ...], token: CancelToken) -> _Plan:
    """What to write: in the order of the ids, so the table's index is filled from one end."""
    by_id = sorted(((missing_person_id(e.register_number), e) for e in entries), key=lambda pair: pair[0])
    stored = _stored_rows(session, [id_ for id_, _ in by_id])
    plan = _Plan([], [], 0)
    for i, (id_, entry) in enumerate(by_id):
        if i % CHUNK == 0:
            token.check()
        row = stored.get(id_)
        if row is None:
            plan.inserts.append((id_, entry))
        elif row["deleted"] or any(row[f] != v for f, v in entry.values.items()):
            plan.updates.append((entry, row))
        else:
            plan.unchanged += 1
    return plan


def check_register(
    ctx: AppContext, table: ManifestTable, mapping: columns.ColumnMapping | None = None, *, today: date | None = None
) -> RegisterPreview:
    """Every problem of ``table`` and what importing it would do; changes nothing."""
    ctx.require(*CAN_IMPORT_REGISTER)
    check = validate_rows(table, _mapping(table, mapping), today=today)
    with ctx.reading() as session:
        plan = _plan(session, check.good_rows, CancelToken())
    return RegisterPreview(check, len(plan.inserts), len(plan.updates), plan.unchanged)


# --- importing -------------------------------------------------------------------------------


def batch_id(entries: tuple[EntryData, ...]) -> str:
    """The import's id, made from what it imports: the same register imported on two
    installations marks its entries alike, so their merge finds no difference to report."""
    digest = hashlib.sha256()
    for e in entries:  # the fields in one order (check.py fills them in the order of STORED_FIELDS)
        digest.update("\x1f".join(f"{k}\x1d{v}" for k, v in e.values.items()).encode("utf-8") + b"\x1e")
    return str(uuid.uuid5(REGISTER_NAMESPACE, "batch:" + digest.hexdigest()))


def _new_row(id_: str, entry: EntryData, batch: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(columns.STORED_FIELDS, "")
    row.update(entry.values, id=id_, import_batch=batch)
    return row


_UPDATED_COLUMNS = (
    *columns.STORED_FIELDS, *MissingPerson.search_columns, "import_batch", "deleted", "rev", "head_version", "hlc",
    "updated_at", "updated_by",
)
_UPDATE = (
    update(_TABLE)
    .where(and_(_TABLE.c.id == bindparam("b_id"), _TABLE.c.rev == bindparam("b_read_rev")))
    .values({name: bindparam(f"b_{name}") for name in _UPDATED_COLUMNS})
)


def _write_updates(session: Session, chunk: list[tuple[EntryData, dict[str, Any]]], batch: str, ctx: AppContext) -> None:
    rows, read_revs = [], []
    for entry, stored in chunk:
        row = dict(stored)
        read_revs.append(row["rev"])
        row.update(entry.values, import_batch=batch, deleted=False)
        rows.append(row)
    with_search_values(_NAME, rows)
    versions = stamp_updates(_NAME, rows, ctx.actor)
    params = [
        {"b_id": row["id"], "b_read_rev": rev, **{f"b_{name}": row[name] for name in _UPDATED_COLUMNS}}
        for row, rev in zip(rows, read_revs, strict=True)
    ]
    result = session.execute(_UPDATE, params)
    if getattr(result, "rowcount", len(rows)) != len(rows):
        raise StaleEdit("Someone changed the register while it was being imported; nothing was written. "
                        "Import the file again.")
    insert_versions(session, versions)


def import_register(
    ctx: AppContext,
    table: ManifestTable,
    mapping: columns.ColumnMapping | None = None,
    *,
    today: date | None = None,
    progress: ProgressCallback = no_progress,
    token: CancelToken | None = None,
) -> RegisterImportResult:
    """Write the good rows of ``table`` into the register, in one transaction, and report the
    rows refused (``problems``, by line). A failure or a cancel writes nothing. Supervisors only.
    """
    ctx.require(*CAN_IMPORT_REGISTER)
    token = token or CancelToken()
    progress(0, 0, "Checking the register\u2026")
    check = validate_rows(table, _mapping(table, mapping), today=today)
    batch = batch_id(check.good_rows)
    with ctx.unit_of_work() as session:
        plan = _plan(session, check.good_rows, token)
        total = len(plan.inserts) + len(plan.updates)
        done = 0
        for start in range(0, len(plan.inserts), CHUNK):
            token.check()
            rows = with_search_values(_NAME, [_new_row(i, e, batch) for i, e in plan.inserts[start : start + CHUNK]])
            versions = stamp_rows(_NAME, rows, ctx.actor)
            session.connection().execute(insert(_TABLE), rows)
            insert_versions(session, versions)
            done += len(rows)
            progress(done, total, f"Written {done} of {total} entries\u2026")
        for start in range(0, len(plan.updates), CHUNK):
            token.check()
            chunk = plan.updates[start : start + CHUNK]
            _write_updates(session, chunk, batch, ctx)
            done += len(chunk)
            progress(done, total, f"Written {done} of {total} entries\u2026")
        token.check()  # a cancel during the last chunk still rolls everything back
        progress(total, total, "Saving\u2026")
    return RegisterImportResult(
        batch_id=batch,
        new=len(plan.inserts),
        updated=len(plan.updates),
        unchanged=plan.unchanged,
        total_rows=check.total_rows,
        problems=check.problems,
        refused_lines=check.refused_lines,
    )


def field_mapping_text(table: ManifestTable, mapping: Mapping[str, int | None]) -> str:
    """Which column each field was read from, for a note: field = “Header”, …"""
    return ", ".join(
        f"{target} = \u201c{table.headers[col]}\u201d" for target, col in mapping.items() if col is not None
    )
