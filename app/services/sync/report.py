"""What an import reports: a ``FileSummary`` for each file (its status and one sentence for the
user) and the ``ImportResult`` of them all."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from app.persistence.models import ImportedBundle
from app.sync.bundle.reading import Bundle
from app.sync.importer.base import Stats

STATUS_APPLIED = "applied"
STATUS_READY = "ready"
STATUS_QUARANTINED = "quarantined"
STATUS_ALREADY = "already imported"
STATUS_OWN = "own bundle"
STATUS_REFUSED = "refused"


@dataclass(frozen=True)
class FileSummary:
    """One bundle file in an import: what it holds and what it does (or would do)."""

    path: str
    status: str  # applied | ready (preview) | quarantined | already imported | own bundle | refused
    message: str  # one sentence for the user
    device_code: str = ""
    fingerprint: str = ""
    bundle_id: str = ""
    encrypted: bool = False
    seq_from: int | None = None
    seq_to: int | None = None
    versions: int = 0  # changes in the file
    new_versions: int = 0  # changes this database did not have
    new: int = 0  # records created
    updated: int = 0  # records changed (fast-forward or merge)
    unchanged: int = 0  # records in the file already up to date here
    conflicts: int = 0  # new open conflicts
    duplicates: int = 0  # new probable duplicates
    held: int = 0  # records waiting for a record not received yet
    skipped_other_rounds: int = 0  # changes of rounds this device does not receive
    blobs: int = 0  # photos and scans stored

    @property
    def quarantined(self) -> bool:
        return self.status == STATUS_QUARANTINED

    @property
    def refused(self) -> bool:
        return self.status == STATUS_REFUSED


@dataclass(frozen=True)
class ImportResult:
    files: list[FileSummary]
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase, for diagnostics

    @property
    def applied(self) -> list[FileSummary]:
        return [f for f in self.files if f.status == STATUS_APPLIED]

    @property
    def refused(self) -> list[FileSummary]:
        return [f for f in self.files if f.status == STATUS_REFUSED]

    @property
    def quarantined(self) -> list[FileSummary]:
        return [f for f in self.files if f.status == STATUS_QUARANTINED]

    def total(self, name: str) -> int:
        return sum(int(getattr(f, name)) for f in self.files)

def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"

def _summary(path: str, b: Bundle | None, status: str, message: str, stats: Stats | None = None) -> FileSummary:
    base: dict[str, Any] = {"path": path, "status": status, "message": message}
    if b is not None:
        seq_from, seq_to = b.seq_range
        base.update(
            device_code=b.device_code, fingerprint=b.fingerprint, bundle_id=b.bundle_id, encrypted=b.encrypted,
            seq_from=seq_from, seq_to=seq_to, versions=b.version_count,
        )
    if stats is not None:
        base.update(
            versions=stats.versions, new_versions=stats.new_versions, new=stats.rows_new, updated=stats.rows_updated,
            unchanged=stats.rows_unchanged, conflicts=stats.conflicts, duplicates=stats.duplicates,
            held=stats.held, skipped_other_rounds=stats.skipped_other_rounds, blobs=stats.blobs_new,
        )
    return FileSummary(**base)


def _describe(name: str, b: Bundle, stats: Stats, applied: bool) -> str:
    parts = [
        _plural(stats.rows_new, "new record"), _plural(stats.rows_updated, "updated record"),
        _plural(stats.rows_unchanged, "unchanged record"),
    ]
    if stats.conflicts:
        parts.append(_plural(stats.conflicts, "conflict"))
    if stats.duplicates:
        parts.append(_plural(stats.duplicates, "probable duplicate"))
    if stats.held:
        parts.append(_plural(stats.held, "record") + " waiting for records not received yet")
    if stats.skipped_other_rounds:
        parts.append(_plural(stats.skipped_other_rounds, "change") + " of other rounds skipped")
    verb = "imported" if applied else "would import"
    return f"{name} from {b.device_code}: {verb} " + ", ".join(parts) + "."


def _replay_message(conn: Connection, name: str, b: Bundle) -> str | None:
    row = conn.execute(
        select(ImportedBundle.imported_at).where(ImportedBundle.bundle_id == b.bundle_id)
    ).first()
    if row is None:
        return None
    highest = conn.scalar(
        select(func.max(ImportedBundle.seq_to)).where(ImportedBundle.device_code == b.device_code)
    )
    seq_from, seq_to = b.seq_range
    when = row[0].strftime("%Y-%m-%d %H:%M")
    if highest is not None and seq_to is not None and seq_to < highest:
        return (
            f"{name} (from {b.device_code}, changes {seq_from}–{seq_to}) is older than a bundle already imported "
            f"from {b.device_code} (up to change {highest}) and was itself imported on {when}; nothing was changed."
        )
    return f"{name} was already imported on {when}; nothing was changed."
