"""Import of the sending side's list (the manifest) into a round, and the manifest of a round.

Importing is three steps, each usable on its own by the CLI and the GUI:

1. ``manifest_file.read_csv`` / ``read_csv_file`` detect the encoding and delimiter and return a
   ``ManifestTable`` (headers, and rows with the file line they start on);
2. ``manifest_columns.auto_mapping`` proposes which column holds which field; ``check_manifest``
   (``manifest_check.validate_rows`` on the round's manifest) reports every problem by line
   number without changing anything;
3. ``import_manifest`` inserts the lines in one transaction, or nothing at all.

Recognised headers (case-insensitive, Latin or Ukrainian) are listed in
``manifest_columns.HEADER_ALIASES``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.domain import normalize_tag, normalize_text
from app.errors import NotFound, ValidationError
from app.ids import uuid7
from app.persistence.models import Case, ManifestLine, Round
from app.persistence.versioning import insert_versions, stamp_rows
from app.progress import CancelToken, ProgressCallback, no_progress
from app.services.context import CAN_MANAGE_ROUNDS, AppContext
from app.services.rounds.manifest_check import ManifestCheck, Problem, validate_rows
from app.services.rounds.manifest_columns import ColumnMapping
from app.services.rounds.manifest_file import ManifestTable

CHUNK = 500


@dataclass(frozen=True)
class ImportResult:
    round_id: str
    batch_id: str
    imported: int
    skipped: int
    errors: int  # lines with at least one problem
    problems: tuple[Problem, ...]
    skipped_lines: tuple[int, ...] = ()

    def summary(self, round_code: str = "") -> str:
        text = f"Imported {self.imported} manifest line{'s' if self.imported != 1 else ''}"
        if round_code:
            text += f" into round {round_code}"
        if self.skipped:
            text += f"; skipped {self.skipped} row{'s' if self.skipped != 1 else ''} (problems or repeated tags)"
        return text + "."


class ManifestRejected(ValidationError):
    """The list has problems and only a clean import was asked for: nothing was imported."""

    def __init__(self, message: str, check: ManifestCheck) -> None:
        super().__init__(message, {"file": "problems"})
        self.check = check



def _round_or_fail(session: Session, round_id: str) -> Round:
    rnd = session.get(Round, round_id)
    if rnd is None or rnd.deleted:
        raise NotFound("The round does not exist.")
    return rnd


def _existing_tags(session: Session, round_id: str) -> dict[str, int]:
    rows = session.execute(
        select(ManifestLine.sender_tag_norm, func.min(ManifestLine.line_no))
        .where(ManifestLine.round_id == round_id, ManifestLine.deleted.is_(False))
        .group_by(ManifestLine.sender_tag_norm)
    ).all()
    return {tag: int(line) for tag, line in rows}


def check_manifest(
    ctx: AppContext, round_id: str, table: ManifestTable, mapping: ColumnMapping
) -> ManifestCheck:
    """Every problem an import of ``table`` into the round would meet; changes nothing."""
    ctx.require()
    with ctx.reading() as session:
        _round_or_fail(session, round_id)
        existing = _existing_tags(session, round_id)
    return validate_rows(table, mapping, existing)


def _rejection(check: ManifestCheck) -> str:
    lines = len(check.problem_lines)
    return (
        f"The list has problems on {lines} line{'s' if lines != 1 else ''}, so nothing was imported: "
        "correct the file, or import only the good rows."
    )


def import_manifest(
    ctx: AppContext,
    round_id: str,
    table: ManifestTable,
    mapping: ColumnMapping,
    only_good_rows: bool = False,
    *,
    progress: ProgressCallback = no_progress,
    token: CancelToken | None = None,
) -> ImportResult:
    """Insert the manifest lines of ``table`` into the round, in one transaction.

    With any problem the import changes nothing and raises ``ManifestRejected`` (which carries
    the check), unless ``only_good_rows``: then the rows without problems are imported, and of
    rows repeating a tag only the first is imported; the others are counted as skipped. A tag
    already on the round's manifest is never imported twice. Cancelling (``token``) leaves the
    database unchanged.

    The new lines are numbered after the round's existing manifest lines, in file order.
    """
    ctx.require(*CAN_MANAGE_ROUNDS)
    token = token or CancelToken()
    actor = ctx.actor
    with ctx.unit_of_work() as session:
        _round_or_fail(session, round_id)
        progress(0, 0, "Checking the list\u2026")
        check = validate_rows(table, mapping, _existing_tags(session, round_id))
        if check.has_errors and not only_good_rows:
            raise ManifestRejected(_rejection(check), check)
        if not check.good_rows:
            if check.total_rows == 0:
                raise ManifestRejected("The file has a header but no rows; nothing was imported.", check)
            raise ManifestRejected("No row of the list can be imported; nothing was imported.", check)
        token.check()
        start = int(
            session.scalar(
                select(func.coalesce(func.max(ManifestLine.line_no), 0)).where(ManifestLine.round_id == round_id)
            )
            or 0
        )
        batch = uuid7()
        total = len(check.good_rows)
        for offset in range(0, total, CHUNK):
            token.check()
            chunk = check.good_rows[offset : offset + CHUNK]
            rows: list[dict[str, Any]] = [
                {
                    "round_id": round_id,
                    "line_no": start + offset + i + 1,
                    "sender_tag": r.sender_tag,
                    "sender_tag_norm": normalize_tag(r.sender_tag),
                    "claimed_name": r.claimed_name,
                    "claimed_name_norm": normalize_text(r.claimed_name),
                    "claimed_birth_date": r.claimed_birth_date,
                    "claimed_citizenship": r.claimed_citizenship,
                    "category": r.category,
                    "notes": r.notes,
                    "import_batch": batch,
                }
                for i, r in enumerate(chunk)
            ]
            versions = stamp_rows(ManifestLine.__tablename__, rows, actor)
            session.execute(insert(ManifestLine), rows)
            insert_versions(session, versions)
            progress(offset + len(chunk), total, f"Imported {offset + len(chunk)} of {total} lines\u2026")
        token.check()  # a cancel during the last chunk still rolls everything back
    return ImportResult(
        round_id=round_id,
        batch_id=batch,
        imported=total,
        skipped=check.skipped,
        errors=len(check.problem_lines),
        problems=check.problems,
        skipped_lines=check.skipped_lines,
    )


# --- reading the manifest -------------------------------------------------------------------------


@dataclass(frozen=True)
class ManifestLineView:
    id: str
    line_no: int
    sender_tag: str
    claimed_name: str
    claimed_birth_date: str
    claimed_citizenship: str
    category: str | None
    notes: str
    import_batch: str | None
    received: int  # cases received with this line


def list_manifest(ctx: AppContext, round_id: str) -> list[ManifestLineView]:
    """The round's manifest lines in list order, with how many cases were received for each."""
    ctx.require()
    with ctx.reading() as session:
        _round_or_fail(session, round_id)
        received = (
            select(Case.manifest_line_id, func.count().label("n"))
            .where(Case.round_id == round_id, Case.deleted.is_(False), Case.manifest_line_id.is_not(None))
            .group_by(Case.manifest_line_id)
            .subquery()
        )
        rows = session.execute(
            select(ManifestLine, func.coalesce(received.c.n, 0))
            .outerjoin(received, received.c.manifest_line_id == ManifestLine.id)
            .where(ManifestLine.round_id == round_id, ManifestLine.deleted.is_(False))
            .order_by(ManifestLine.line_no, ManifestLine.id)
        ).all()
        return [
            ManifestLineView(
                m.id, m.line_no, m.sender_tag, m.claimed_name, m.claimed_birth_date, m.claimed_citizenship,
                m.category, m.notes, m.import_batch, int(n),
            )
            for m, n in rows
        ]
