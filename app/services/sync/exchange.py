"""Export bundles, import and merge them, trusted devices, conflicts and probable duplicates.

Who may do what:

- export: anyone logged in (a field officer exports the laptop's day; a clerk's or the
  headquarters' database exports the same way);
- import from trusted devices: anyone logged in (corrections reach the field);
- trust or revoke a device, import a bundle from an unknown device at once (``trust=True``),
  resolve conflicts, link or dismiss probable duplicates, make the headquarters key: supervisors.

A bundle from an unknown or revoked device is never applied: it is kept in quarantine (a copy
in the data folder and a row in ``quarantine``) until a supervisor trusts the device.

Long operations take ``progress(done, total, message)`` and a ``CancelToken``; a cancel leaves
the database exactly as it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import json
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.sql import sqltypes

from app import filelock, paths
from app.domain import AgeGroup, CaseStatus, Category, Role, Sex, normalize_text
from app.errors import DatabaseError, NotFound, RepatError, ValidationError, os_reason
from app.ids import uuid7
from app.persistence.db import Database, describe_db_error
from app.persistence.models import (
    Case,
    Certificate,
    CertificateCase,
    Conflict,
    Device,
    DeviceKey,
    DuplicateDecision,
    ImportedBundle,
    LocalSetting,
    ProbableDuplicate,
    QuarantinedBundle,
    Round,
    RowVersion,
    SyncPending,
    User,
)
from app.persistence.models.keys import shown_key
from app.persistence.queries import shown_keys
from app.persistence.versioning import canonical_json, insert_versions, utcnow
from app.progress import Cancelled, CancelToken, ProgressCallback, no_progress
from app.services.admin import accounts
from app.services.context import AppContext
from app.services.reconciliation import facts as reconciliation_facts
from app.sync import bundle as bundlemod
from app.sync import chaincheck, crypto, exporter
from app.sync.bundle import BundleError
from app.sync.exporter import ExportFailed, ExportResult, NothingToExport
from app.sync.importer import Importer, Stats, parse_versions
from app.sync.merge import DERIVED_FIELDS
from app.sync.tables import NATURAL_KEYS, table_info

log = logging.getLogger(__name__)

CAN_MANAGE_DEVICES = (Role.SUPERVISOR,)
CAN_RESOLVE = (Role.SUPERVISOR,)

SETTING_RECEIVE_ROUNDS = "sync_receive_rounds"
SETTING_HQ_PRIVATE = "hq_x25519_private"

STATUS_APPLIED = "applied"
STATUS_READY = "ready"
STATUS_QUARANTINED = "quarantined"
STATUS_ALREADY = "already imported"
STATUS_OWN = "own bundle"
STATUS_REFUSED = "refused"

__all__ = [
    "ExportFailed", "ExportResult", "NothingToExport", "FileSummary", "ImportResult", "DeviceEntry", "QuarantineEntry",
    "ConflictInfo", "ConflictCandidate", "DuplicateInfo", "DuplicateSide", "HeldRecord", "TrustResult",
    "export_bundle", "preview_import", "apply_import", "this_device", "list_devices", "trust_device",
    "revoke_device", "list_quarantine", "import_held", "list_conflicts", "get_conflict", "resolve_conflict",
    "list_duplicates", "link_duplicates", "dismiss_duplicate", "receive_rounds", "set_receive_rounds",
    "hq_public_key_pem", "device_public_key_pem", "list_held", "sync_status",
]


# --- results ---------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class DeviceEntry:
    code: str
    name: str
    fingerprint: str
    status: str  # this device | trusted | revoked | unknown
    held_bundles: int
    last_import: datetime | None
    last_sequence: int | None
    public_key: str


@dataclass(frozen=True)
class QuarantineEntry:
    id: str
    device_code: str
    fingerprint: str
    reason: str  # unknown | revoked | key mismatch
    received_at: datetime
    received_by: str
    versions: int
    size: int
    file_path: str
    status: str


@dataclass(frozen=True)
class TrustResult:
    device: DeviceEntry
    imported: ImportResult | None


@dataclass(frozen=True)
class ConflictCandidate:
    version_id: str
    value: Any
    author: str
    device: str
    hlc: str
    at: datetime | None  # from the clock stamp
    provisional: bool  # the value shown until the conflict is resolved


@dataclass(frozen=True)
class ConflictInfo:
    id: str
    table: str
    row_id: str
    record: str  # case number, round code, user name ... as people know the record
    field: str
    status: str  # open | resolved
    base_value: Any
    provisional: Any
    current: Any  # the value stored now
    candidates: list[ConflictCandidate]
    merge_version_id: str
    hlc: str
    resolution_version_id: str | None
    resolved_by: str
    resolved_at: datetime | None


@dataclass(frozen=True)
class DuplicateSide:
    id: str
    label: str  # case number, round code or user name
    details: dict[str, Any]


@dataclass(frozen=True)
class DuplicateInfo:
    id: str
    table: str
    # same_tag | same_bag | same_code | same_username | same_case_number | same_certificate_number |
    # same_device_code (a number or code two installations both issued)
    reasons: list[str]
    status: str  # open | linked | dismissed
    scope: str  # the round's code for cases
    a: DuplicateSide
    b: DuplicateSide
    detected_at: datetime


@dataclass(frozen=True)
class HeldRecord:
    table: str
    row_id: str
    reason: str  # waiting (a record it refers to is missing) | incomplete (earlier changes missing)
    detail: str


@dataclass(frozen=True)
class SyncStatus:
    device_code: str
    fingerprint: str
    unexported: int
    open_conflicts: int
    open_duplicates: int
    held_bundles: int
    held_records: int
    receive_rounds: list[str] | None = field(default=None)


# --- helpers ---------------------------------------------------------------------------------


def _setting(conn: Connection, key: str) -> str | None:
    return conn.scalar(select(LocalSetting.value).where(LocalSetting.key == key))


def _set_setting(conn: Connection, key: str, value: str | None) -> None:
    exists = conn.scalar(select(func.count()).select_from(LocalSetting).where(LocalSetting.key == key))
    if value is None:
        if exists:
            from sqlalchemy import delete

            conn.execute(delete(LocalSetting).where(LocalSetting.key == key))
    elif exists:
        conn.execute(update(LocalSetting).where(LocalSetting.key == key).values(value=value))
    else:
        conn.execute(insert(LocalSetting).values(key=key, value=value))


# SQLite page cache for an import (KiB): writing 10^5 rows into tables with many indexes
# touches far more index pages than the default 2 MB hold.
IMPORT_CACHE_KIB = 256 * 1024
# Where SQLite keeps an import's statement journals: a row written by a statement that fires
# triggers may need undoing alone, and with the default (a temporary file) each such row costs
# file writes. In memory they take a few pages at a time, as long as no savepoint is open: under
# a savepoint the in-memory journal grows with every statement and the writes slow down many
# times over, so the careful way of importing (savepoints) keeps the default.
IMPORT_TEMP_STORE = "MEMORY"


def _sqlite_pragmas(conn: Connection, **values: str) -> dict[str, str]:
    """Set SQLite pragmas (outside a transaction) and return their previous values. On the
    driver's connection: SQLAlchemy would begin a transaction first, and ``temp_store`` cannot
    change within one."""
    raw = conn.connection.driver_connection
    assert raw is not None
    before = {name: str(raw.execute(f"PRAGMA {name}").fetchone()[0]) for name in values}
    for name, value in values.items():
        raw.execute(f"PRAGMA {name} = {value}")
    return before


@contextlib.contextmanager
def _transaction(
    db: Database, *, commit: bool = True, bulk: bool = False, journals_in_memory: bool = False
) -> Iterator[Connection]:
    """One write transaction (SQLite's write lock taken up front); rolled back on any error,
    and also at the end when ``commit`` is false (a dry run). ``bulk`` gives SQLite a larger
    page cache for the transaction (``synchronous`` stays as the engine sets it: FULL) and pauses
    Python's cycle collector, which would otherwise walk the hundreds of thousands of objects an
    import holds again and again. ``journals_in_memory``: SQLite keeps statement journals in
    memory (only for work without savepoints: see ``IMPORT_TEMP_STORE``)."""
    collecting = gc.isenabled()
    try:
        with db.engine.connect() as conn:
            previous = None
            if db.dialect == "sqlite":
                if bulk:
                    previous = _sqlite_pragmas(
                        conn, cache_size=f"-{IMPORT_CACHE_KIB}",
                        temp_store=IMPORT_TEMP_STORE if journals_in_memory else "DEFAULT",
                    )
                conn.execution_options(sqlite_begin="IMMEDIATE")
            if bulk:
                gc.disable()
            try:
                trans = conn.begin()
                try:
                    yield conn
                except BaseException:
                    trans.rollback()
                    raise
                if commit:
                    trans.commit()
                else:
                    trans.rollback()
            finally:
                if previous is not None:
                    try:
                        conn.rollback()  # nothing to undo: the transaction ended above
                        _sqlite_pragmas(conn, **previous)
                    except Exception:
                        conn.invalidate()  # not back into the pool with an import's settings
                        raise
    except (OperationalError, DBAPIError) as exc:
        raise DatabaseError(describe_db_error(exc)) from exc
    finally:
        if collecting:
            gc.enable()


@contextlib.contextmanager
def _reading(db: Database) -> Iterator[Connection]:
    try:
        with db.engine.connect() as conn:
            yield conn
    except (OperationalError, DBAPIError) as exc:
        raise DatabaseError(describe_db_error(exc)) from exc


def _device_keys(db: Database) -> tuple[accounts.DeviceInfo, str]:
    device = accounts.local_device(db)
    with db.session() as session:
        setting = session.get(LocalSetting, accounts.SETTING_PRIVATE_KEY)
        if setting is None or not device.public_key:
            raise NotFound("This installation has no signing key; it cannot export.")
        return device, setting.value


# Each import copies its files (and decrypts them) into a working folder of its own, locked while
# the import runs. A working folder without its lock file (made by an older version, or caught
# between its making and its locking) is taken for abandoned only after this many seconds.
_IN_USE = ".in-use"
_ABANDONED_AFTER = 24 * 3600


def _working_folder() -> tuple[Path, Callable[[], None]]:
    """A new working folder on this computer's disk, and what removes it when the import ends.
    The folders of imports that a crash or a power cut interrupted (whole and decrypted copies
    of bundles) are removed first: their lock ended with their process."""
    root = paths.data_dir() / "incoming"
    root.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(root)
    folder = root / uuid.uuid4().hex[:12]
    folder.mkdir()
    lock = filelock.hold(folder / _IN_USE)

    def remove() -> None:
        if lock is not None:
            lock.close()
        bundlemod.remove_quietly(folder)

    return folder, remove


def _remove_abandoned(root: Path) -> None:
    try:
        folders = list(root.iterdir())
    except OSError:
        return
    for folder in folders:
        try:
            if not folder.is_dir():
                continue
            marker = folder / _IN_USE
            if marker.exists():
                lock = filelock.hold(marker)
                if lock is None:
                    continue  # an import running in another window or command
                lock.close()
            elif time.time() - folder.stat().st_mtime < _ABANDONED_AFTER:
                continue
        except OSError:
            continue
        bundlemod.remove_quietly(folder)


def _quarantine_dir() -> Path:
    folder = paths.data_dir() / "quarantine"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


# --- export ----------------------------------------------------------------------------------


def export_bundle(
    ctx: AppContext,
    out: str | Path,
    *,
    full: bool = False,
    passphrase: str | None = None,
    hq_key_file: str | Path | None = None,
    progress: ProgressCallback = no_progress,
    token: CancelToken | None = None,
) -> ExportResult:
    """Write the changes not exported yet (all with ``full``) to the bundle file ``out``,
    optionally encrypted with a passphrase or for the headquarters' public key."""
    user = ctx.require()
    if passphrase is not None and hq_key_file is not None:
        raise ValidationError("Choose either a passphrase or the headquarters' key, not both.")
    recipient: crypto.Recipient | None = None
    if passphrase is not None:
        if not passphrase:
            raise ValidationError("The passphrase is empty; choose one and give it to the headquarters separately.")
        recipient = crypto.Recipient(passphrase=passphrase)
    elif hq_key_file is not None:
        try:
            data = Path(hq_key_file).read_bytes()
        except OSError as exc:
            raise ValidationError(f"Cannot read the headquarters key {hq_key_file}: {exc.strerror}.") from exc
        recipient = crypto.Recipient(hq_public=crypto.load_x25519_public_pem(data))
    device, private = _device_keys(ctx.db)
    return exporter.export_bundle(
        ctx.db, out=Path(out), device_code=device.code, public_key_b64=device.public_key, private_key_b64=private,
        exported_by=user.username, full=full, recipient=recipient, progress=progress, token=token,
    )


# --- import ----------------------------------------------------------------------------------


def _trust_state(conn: Connection, local: accounts.DeviceInfo, b: bundlemod.Bundle) -> str:
    if b.public_key == local.public_key:
        return "own"
    if b.device_code == local.code:
        return "key mismatch"
    keys = conn.execute(
        select(DeviceKey.public_key, DeviceKey.status).where(DeviceKey.device_code == b.device_code)
    ).tuples().all()
    for key, status in keys:
        if key == b.public_key:
            return "trusted" if status == "trusted" else "revoked"
    revoked_key = conn.scalar(select(DeviceKey.status).where(DeviceKey.public_key == b.public_key))
    if revoked_key == "revoked":
        return "revoked"
    if any(status == "trusted" for _, status in keys):
        return "key mismatch"
    return "unknown"


def _register_key(conn: Connection, code: str, public_key: str, decided_by: str, status: str = "trusted") -> None:
    exists = conn.scalar(select(func.count()).select_from(DeviceKey).where(DeviceKey.public_key == public_key))
    values = {"device_code": code, "fingerprint": crypto.fingerprint(public_key), "status": status,
              "decided_by": decided_by, "decided_at": utcnow()}
    if exists:
        conn.execute(update(DeviceKey).where(DeviceKey.public_key == public_key).values(**values))
    else:
        conn.execute(insert(DeviceKey).values(public_key=public_key, **values))


def _summary(path: str, b: bundlemod.Bundle | None, status: str, message: str, stats: Stats | None = None) -> FileSummary:
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


def _describe(name: str, b: bundlemod.Bundle, stats: Stats, applied: bool) -> str:
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


def _replay_message(conn: Connection, name: str, b: bundlemod.Bundle) -> str | None:
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


def _quarantine(
    conn: Connection, b: bundlemod.Bundle, name: str, reason: str, received_by: str, *, store: bool
) -> Path | None:
    """Hold ``b`` (the file ``name``): a row, and (when ``store``) a copy of the verified file;
    returns the copy. A copy that cannot be written stops the whole import (nothing is applied)."""
    existing = conn.scalar(
        select(QuarantinedBundle.id).where(
            QuarantinedBundle.bundle_id == b.bundle_id, QuarantinedBundle.status == "held"
        )
    )
    if existing:
        return None
    qid = uuid7()
    target = _quarantine_dir() / f"{qid}{bundlemod.SUFFIX}"
    if store:
        try:
            shutil.copyfile(b.path, target)
            with open(target, "rb+") as fh:
                os.fsync(fh.fileno())
            bundlemod.fsync_folder(target.parent)
        except OSError as exc:
            with contextlib.suppress(OSError):
                target.unlink(missing_ok=True)
            raise RepatError(
                f"Cannot keep a copy of {name} in quarantine: {os_reason(exc)}; nothing was imported."
            ) from exc
    conn.execute(
        insert(QuarantinedBundle).values(
            id=qid, bundle_id=b.bundle_id, device_code=b.device_code, public_key=b.public_key,
            fingerprint=b.fingerprint, reason=reason, file_path=str(target), file_sha256=b.file_sha256,
            size=b.path.stat().st_size, versions=b.version_count, received_at=utcnow(), received_by=received_by,
            status="held",
        )
    )
    return target if store else None


# A bundle that continues a device's chain after a version not received yet: held, and applied by
# the next import that brings the earlier one (``_apply_waiting``).
REASON_WAITING = "waiting"

_REASON_TEXT = {
    "unknown": "is not a trusted device here",
    "revoked": "has been revoked here",
    "key mismatch": "signed with a different key than the one registered here",
}


# Where an import's progress stands, in thousandths: checking the files (signatures and hashes)
# takes the first tenth, applying them most of the rest (each file an equal part, advancing as
# its records are written), then the reconciliation's catch-up and the commit.
_P_TOTAL = 1000
_P_CHECKED = 100
_P_APPLIED = 940
_P_RECONCILED = 970


def _run_import(
    ctx: AppContext,
    sources: Sequence[tuple[str, Path]],
    *,
    commit: bool,
    passphrase: str | None,
    trust: bool,
    progress: ProgressCallback,
    token: CancelToken,
    held_ids: dict[str, str] | None = None,
    timings: dict[str, float] | None = None,
) -> list[FileSummary]:
    user = ctx.require()
    if trust:
        ctx.require(*CAN_MANAGE_DEVICES)
    local = accounts.local_device(ctx.db)
    workdir, remove_workdir = _working_folder()
    created: list[Path] = []
    summaries: list[FileSummary | None] = [None] * len(sources)
    opener: _Opener | None = None
    try:
        with _reading(ctx.db) as conn:
            hq_private = _setting(conn, SETTING_HQ_PRIVATE)
            codes_text = _setting(conn, SETTING_RECEIVE_ROUNDS)
        round_codes = set(json.loads(codes_text)) if codes_text else None
        total = len(sources)
        clock = time.perf_counter()
        opener = bundles = _Opener(sources, workdir, passphrase, hq_private)
        waited = 0.0

        def verified(i: int, name: str) -> bundlemod.Bundle | None:
            """Bundle ``i`` once completely verified (None, and its summary, if refused)."""
            nonlocal waited
            token.check()
            progress(_P_CHECKED * i // total, _P_TOTAL, f"Checking {name}")
            started = time.perf_counter()
            try:
                return bundles.bundle(i)
            except BundleError as exc:
                summaries[i] = _summary(str(sources[i][1]), None, STATUS_REFUSED, str(exc))
                return None
            finally:
                waited += time.perf_counter() - started

        # every file is checked before the write lock is taken (and before anything is applied)
        checked = [verified(i, name) for i, (name, _path) in enumerate(sources)]
        refused_unopened = list(summaries)

        def attempt(careful: bool) -> tuple[str | None, Importer, float]:
            """Apply the verified files in one transaction. Not ``careful``: rows are checked before
            they are written and written without savepoints (statement journals in memory), and
            anything unforeseen raises ``_RetryCarefully`` (the transaction is rolled back).
            ``careful``: each file, and each part of it, is written in a savepoint."""
            summaries[:] = refused_unopened
            max_hlc: str | None = None
            with _transaction(ctx.db, commit=commit, bulk=True, journals_in_memory=not careful) as conn:
                step: dict[str, Any] = {"file": 0, "name": ""}

                def at(file_fraction: float) -> int:
                    """The progress bar's position when ``file_fraction`` of the files is applied."""
                    return _P_CHECKED + int((_P_APPLIED - _P_CHECKED) * min(file_fraction, total) / total)

                def tell(message: str, fraction: float) -> None:
                    progress(at(step["file"] + fraction), _P_TOTAL, f"{step['name']}: {message}")

                importer = Importer(
                    conn, now=utcnow(), round_codes=round_codes, local_device=local.code, token=token,
                    progress=tell,
                )
                importer.careful = careful
                for i, (name, _path) in enumerate(sources):
                    b = checked[i]
                    if b is None:
                        continue
                    token.check()
                    step.update(file=i, name=name)
                    progress(at(i), _P_TOTAL, f"Importing {name}")
                    path_text = str(sources[i][1])
                    state = _trust_state(conn, local, b)
                    if state == "own":
                        summaries[i] = _summary(path_text, b, STATUS_OWN,
                                                f"{name} was made by this device; there is nothing to import.")
                        continue
                    if state != "trusted":
                        if trust and state in ("unknown", "revoked"):
                            _register_key(conn, b.device_code, b.public_key, user.username)
                        elif trust:
                            summaries[i] = _summary(
                                path_text, b, STATUS_REFUSED,
                                f"{name} is signed by {b.device_code} with a different key than the one registered "
                                "here; revoke the old key first if that laptop was set up again.",
                            )
                            continue
                        else:
                            copy = _quarantine(conn, b, name, state, user.username, store=commit)
                            if copy is not None:
                                created.append(copy)
                            summaries[i] = _summary(
                                path_text, b, STATUS_QUARANTINED,
                                f"{name} comes from {b.device_code} (key {b.fingerprint}), which "
                                f"{_REASON_TEXT[state]}; it is held in quarantine until a supervisor trusts the device.",
                            )
                            continue
                    replay = _replay_message(conn, name, b)
                    if replay is not None:
                        summaries[i] = _summary(path_text, b, STATUS_ALREADY, replay)
                        continue
                    try:
                        with importer._phase("parse"):
                            records = parse_versions(b.versions_bytes, name)
                    except BundleError as exc:
                        summaries[i] = _summary(path_text, b, STATUS_REFUSED, str(exc))
                        continue
                    try:
                        with importer._phase("chain"):
                            chaincheck.check(conn, records, b.manifest, name)
                    except chaincheck.ChainGap as exc:
                        copy = _quarantine(conn, b, name, REASON_WAITING, user.username, store=commit)
                        if copy is not None:
                            created.append(copy)
                        summaries[i] = _summary(path_text, b, STATUS_QUARANTINED, str(exc))
                        continue
                    except BundleError as exc:
                        summaries[i] = _summary(path_text, b, STATUS_REFUSED, str(exc))
                        continue
                    try:
                        if careful:
                            with conn.begin_nested():
                                stats = importer.apply(records, b.read_blob, b.blob_names)
                                chaincheck.record(conn, records, importer.kept, b.manifest, b.bundle_id, utcnow())
                        else:
                            stats = importer.apply(records, b.read_blob, b.blob_names)
                            chaincheck.record(conn, records, importer.kept, b.manifest, b.bundle_id, utcnow())
                    except BundleError as exc:
                        if not careful:  # part of the file may be written: start again, carefully
                            raise _RetryCarefully() from exc
                        summaries[i] = _summary(path_text, b, STATUS_REFUSED, str(exc))
                        continue
                    except IntegrityError as exc:
                        if not careful:
                            raise _RetryCarefully() from exc
                        raise
                    seq_from, seq_to = b.seq_range
                    conn.execute(
                        insert(ImportedBundle).values(
                            bundle_id=b.bundle_id, device_code=b.device_code, fingerprint=b.fingerprint,
                            seq_from=seq_from, seq_to=seq_to, file_sha256=b.file_sha256,
                            versions=stats.versions, new_versions=stats.new_versions, imported_at=utcnow(),
                            imported_by=user.username,
                        )
                    )
                    if held_ids and b.bundle_id in held_ids:
                        conn.execute(
                            update(QuarantinedBundle).where(QuarantinedBundle.id == held_ids[b.bundle_id])
                            .values(status="imported")
                        )
                    if stats.max_hlc and (max_hlc is None or stats.max_hlc > max_hlc):
                        max_hlc = stats.max_hlc
                    status = STATUS_APPLIED if commit else STATUS_READY
                    message = _describe(name, b, stats, commit)
                    if stats.new_versions == 0 and not stats.rows_new and not stats.rows_updated:
                        message = f"{name} from {b.device_code} holds nothing new; nothing was changed."
                    summaries[i] = _summary(path_text, b, status, message, stats)
                if commit:
                    # the reconciliation's facts of what was merged, in the same transaction,
                    # so that the next dashboard finds nothing left to recompute
                    progress(_P_APPLIED, _P_TOTAL, "Bringing the reconciliation figures up to date")
                    reconciliation_facts.catch_up(conn)
                token.check()  # a cancel up to the commit leaves everything as it was
                if commit:
                    progress(_P_RECONCILED, _P_TOTAL, "Saving")
                before_commit = time.perf_counter()
            return max_hlc, importer, before_commit

        try:
            max_hlc, importer, before_commit = attempt(careful=False)
        except _RetryCarefully:
            log.info("an import met a row its checks did not foresee; applying it again carefully", exc_info=True)
            for p in created:
                p.unlink(missing_ok=True)
            created.clear()
            max_hlc, importer, before_commit = attempt(careful=True)
        if timings is not None:
            timings["verify"] = waited
            timings.update(importer.timings)
            timings["commit"] = time.perf_counter() - before_commit
            timings["total"] = time.perf_counter() - clock
        if commit and max_hlc:
            with contextlib.suppress(ValueError):
                ctx.clock.observe(max_hlc)
        progress(_P_TOTAL, _P_TOTAL, "Done")
    except BaseException:
        for p in created:
            p.unlink(missing_ok=True)
        raise
    finally:
        if opener is not None:
            opener.close()
        remove_workdir()
    return [s for s in summaries if s is not None]


class _RetryCarefully(Exception):
    """The quick way of applying met a row its checks did not foresee (the transaction is rolled
    back, and the files are applied again carefully)."""


class _Opener:
    """Copies, decrypts and verifies the bundle files on worker threads, several at once (zlib
    and hashlib work without holding the interpreter lock). ``bundle(i)`` waits for file ``i``."""

    def __init__(
        self, sources: Sequence[tuple[str, Path]], workdir: Path, passphrase: str | None, hq_private: str | None
    ) -> None:
        self._stop = threading.Event()
        workers = max(1, min(len(sources), os.cpu_count() or 1, 4))
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="repat-verify")
        self._futures = [
            self._pool.submit(self._open, name, path, workdir, passphrase, hq_private) for name, path in sources
        ]

    def _open(
        self, name: str, path: Path, workdir: Path, passphrase: str | None, hq_private: str | None
    ) -> bundlemod.Bundle | None:
        if self._stop.is_set():
            return None
        return bundlemod.open_bundle(path, workdir, passphrase=passphrase, hq_private_b64=hq_private, label=name)

    def bundle(self, i: int) -> bundlemod.Bundle:
        b = self._futures[i].result()
        if b is None:
            raise Cancelled()
        return b

    def close(self) -> None:
        """Stop (the file being checked is finished first), so the work folder can go."""
        self._stop.set()
        self._pool.shutdown(wait=True, cancel_futures=True)


def _sources(paths_: Sequence[str | Path]) -> list[tuple[str, Path]]:
    if not paths_:
        raise ValidationError("Choose at least one bundle file to import.")
    return [(Path(p).name, Path(p)) for p in paths_]


def preview_import(
    ctx: AppContext,
    paths_: Sequence[str | Path],
    *,
    passphrase: str | None = None,
    trust: bool = False,
    progress: ProgressCallback = no_progress,
    token: CancelToken | None = None,
) -> list[FileSummary]:
    """What importing ``paths_`` (in this order) would do, per file; the database is not changed.

    The import is run for real in a transaction that is then rolled back, so the figures are
    exactly those ``apply_import`` would give."""
    return _run_import(ctx, _sources(paths_), commit=False, passphrase=passphrase, trust=trust,
                       progress=progress, token=token or CancelToken())


def apply_import(
    ctx: AppContext,
    paths_: Sequence[str | Path],
    progress: ProgressCallback = no_progress,
    token: CancelToken | None = None,
    *,
    passphrase: str | None = None,
    trust: bool = False,
) -> ImportResult:
    """Verify and apply the bundle files in one transaction. Files that are refused, held in
    quarantine or already imported are reported and change nothing; a cancel (``token``) raises
    ``Cancelled`` and leaves the database unchanged."""
    timings: dict[str, float] = {}
    files = _run_import(ctx, _sources(paths_), commit=True, passphrase=passphrase, trust=trust,
                        progress=progress, token=token or CancelToken(), timings=timings)
    if any(f.status == STATUS_APPLIED for f in files):
        later = {f.bundle_id: f for f in _apply_waiting(ctx, progress, token)}
        # a file of this import that waited for another one of it reports what it did in the end
        files = [
            dataclasses.replace(later[f.bundle_id], path=f.path)
            if f.status == STATUS_QUARANTINED and f.bundle_id in later else f
            for f in files
        ]
    return ImportResult(files, timings)


def _apply_waiting(ctx: AppContext, progress: ProgressCallback, token: CancelToken | None) -> list[FileSummary]:
    """Apply the held bundles that were waiting for an earlier one of their device's, as long as
    one more of them can be applied; their summaries, as applied."""
    applied: dict[str, FileSummary] = {}
    while True:
        with _reading(ctx.db) as conn:
            waiting = conn.execute(
                select(QuarantinedBundle.id, QuarantinedBundle.bundle_id, QuarantinedBundle.file_path,
                       QuarantinedBundle.device_code)
                .where(QuarantinedBundle.status == "held", QuarantinedBundle.reason == REASON_WAITING)
                .order_by(QuarantinedBundle.received_at)
            ).all()
        waiting = [w for w in waiting if w.bundle_id not in applied and Path(w.file_path).exists()]
        if not waiting:
            return list(applied.values())
        sources = [(f"held bundle of {w.device_code}", Path(w.file_path)) for w in waiting]
        files = _run_import(ctx, sources, commit=True, passphrase=None, trust=False, progress=progress,
                            token=token or CancelToken(), held_ids={w.bundle_id: w.id for w in waiting})
        done = [f for f in files if f.status in (STATUS_APPLIED, STATUS_ALREADY)]
        for f in done:
            applied[f.bundle_id] = f
        for w in waiting:
            if w.bundle_id in applied:
                with _transaction(ctx.db) as conn:
                    conn.execute(update(QuarantinedBundle).where(QuarantinedBundle.id == w.id)
                                 .values(status="imported"))
                Path(w.file_path).unlink(missing_ok=True)
        if not done:
            return list(applied.values())


# --- devices and trust --------------------------------------------------------------------------


def this_device(ctx: AppContext) -> DeviceEntry:
    """This installation's device code and key fingerprint (to show, and to compare at the HQ)."""
    ctx.require()
    local = accounts.local_device(ctx.db)
    return DeviceEntry(local.code, local.name, local.fingerprint, "this device", 0, None, None, local.public_key)


def list_devices(ctx: AppContext) -> list[DeviceEntry]:
    ctx.require()
    local = accounts.local_device(ctx.db)
    with _reading(ctx.db) as conn:
        devices = conn.execute(
            select(Device.code, Device.name, Device.public_key).where(Device.deleted.is_(False))
        ).tuples().all()
        keys = conn.execute(select(DeviceKey.device_code, DeviceKey.public_key, DeviceKey.status)).tuples().all()
        held = dict(conn.execute(
            select(QuarantinedBundle.device_code, func.count()).where(QuarantinedBundle.status == "held")
            .group_by(QuarantinedBundle.device_code)
        ).tuples().all())
        held_keys = conn.execute(
            select(QuarantinedBundle.device_code, QuarantinedBundle.public_key).where(QuarantinedBundle.status == "held")
        ).tuples().all()
        imports = {
            code: (at, seq) for code, at, seq in conn.execute(
                select(ImportedBundle.device_code, func.max(ImportedBundle.imported_at), func.max(ImportedBundle.seq_to))
                .group_by(ImportedBundle.device_code)
            ).tuples()
        }
    entries: dict[str, dict[str, Any]] = {}
    for code, name, key in devices:
        entries[code] = {"name": name, "key": key or ""}
    for code, _key in held_keys:
        entries.setdefault(code, {"name": "", "key": _key})
    status_of: dict[str, str] = {}
    for code, key, status in keys:
        entry = entries.setdefault(code, {"name": "", "key": key})
        if status == "trusted" or code not in status_of:
            status_of[code] = status
            entry["key"] = key
    result = []
    for code in sorted(entries):
        e = entries[code]
        status = "this device" if code == local.code else status_of.get(code, "unknown")
        key = local.public_key if code == local.code else e["key"]
        at, seq = imports.get(code, (None, None))
        result.append(DeviceEntry(code, e["name"], crypto.fingerprint(key) if key else "", status,
                                  int(held.get(code, 0)), at, seq, key))
    return result


def _find_device(ctx: AppContext, code: str) -> DeviceEntry:
    code = code.strip().upper()
    for d in list_devices(ctx):
        if d.code == code:
            return d
    raise NotFound(f"There is no device {code} here; import one of its bundles first (it will be held).")


def _norm_fp(text: str) -> str:
    return "".join(text.split()).upper()


def trust_device(
    ctx: AppContext,
    code: str,
    *,
    fingerprint: str | None = None,
    import_held: bool = False,
    progress: ProgressCallback = no_progress,
    token: CancelToken | None = None,
) -> TrustResult:
    """Trust device ``code``'s key (compare its fingerprint with the one the laptop shows
    first); with ``import_held``, import the bundles held for it."""
    me = ctx.require(*CAN_MANAGE_DEVICES)
    code = code.strip().upper()
    local = accounts.local_device(ctx.db)
    if code == local.code:
        raise ValidationError(f"{code} is this device; it trusts itself.")
    with _reading(ctx.db) as conn:
        candidates = set(conn.execute(
            select(QuarantinedBundle.public_key).where(
                QuarantinedBundle.device_code == code, QuarantinedBundle.status == "held"
            )
        ).scalars())
        candidates.update(k for k in conn.execute(select(Device.public_key).where(Device.code == code)).scalars() if k)
        candidates.update(conn.execute(select(DeviceKey.public_key).where(DeviceKey.device_code == code)).scalars())
        trusted = set(conn.execute(
            select(DeviceKey.public_key).where(DeviceKey.device_code == code, DeviceKey.status == "trusted")
        ).scalars())
    if fingerprint:
        candidates = {k for k in candidates if _norm_fp(crypto.fingerprint(k)) == _norm_fp(fingerprint)}
        if not candidates:
            raise NotFound(f"No key of {code} here has the fingerprint {fingerprint.strip()}.")
    if not candidates:
        raise NotFound(f"No key is known for {code}: import one of its bundles first (it will be held), then trust it.")
    if len(candidates) > 1:
        raise ValidationError(
            f"{code} has {len(candidates)} different keys here; give the fingerprint the laptop shows to choose one."
        )
    key = candidates.pop()
    others = trusted - {key}
    if others:
        raise ValidationError(
            f"{code} is already trusted with another key ({crypto.fingerprint(next(iter(others)))}); "
            f"revoke it first if that laptop was set up again, and give it a resume file (repat devices "
            f"resume-file {code}) so that its numbers continue after those already issued."
        )
    with _transaction(ctx.db) as conn:
        _register_key(conn, code, key, me.username)
    imported = _import_held_for(ctx, code, progress, token) if import_held else None
    return TrustResult(_find_device(ctx, code), imported)


def revoke_device(ctx: AppContext, code: str) -> DeviceEntry:
    """Stop accepting bundles signed by ``code``'s key (they will be held in quarantine)."""
    me = ctx.require(*CAN_MANAGE_DEVICES)
    code = code.strip().upper()
    local = accounts.local_device(ctx.db)
    if code == local.code:
        raise ValidationError(f"{code} is this device; it cannot be revoked here.")
    with _transaction(ctx.db) as conn:
        keys = set(conn.execute(select(DeviceKey.public_key).where(DeviceKey.device_code == code)).scalars())
        keys.update(k for k in conn.execute(select(Device.public_key).where(Device.code == code)).scalars() if k)
        if not keys:
            raise NotFound(f"There is no device {code} here.")
        for key in keys:
            _register_key(conn, code, key, me.username, status="revoked")
    return _find_device(ctx, code)


def list_quarantine(ctx: AppContext, *, include_done: bool = False) -> list[QuarantineEntry]:
    ctx.require()
    with _reading(ctx.db) as conn:
        stmt = select(QuarantinedBundle).order_by(QuarantinedBundle.received_at)
        if not include_done:
            stmt = stmt.where(QuarantinedBundle.status == "held")
        rows = conn.execute(stmt).all()
    return [
        QuarantineEntry(r.id, r.device_code, r.fingerprint, r.reason, r.received_at, r.received_by, r.versions,
                        r.size, r.file_path, r.status)
        for r in rows
    ]


def _import_held_for(
    ctx: AppContext, code: str, progress: ProgressCallback, token: CancelToken | None
) -> ImportResult:
    entries = [q for q in list_quarantine(ctx) if q.device_code == code]
    if not entries:
        return ImportResult([])
    missing = [q for q in entries if not Path(q.file_path).exists()]
    if missing:
        raise NotFound(
            f"The held copy {missing[0].file_path} is missing (it was kept on another computer?); "
            f"import the original file of {code} again."
        )
    with _reading(ctx.db) as conn:
        ids = dict(conn.execute(
            select(QuarantinedBundle.bundle_id, QuarantinedBundle.id).where(
                QuarantinedBundle.id.in_([q.id for q in entries])
            )
        ).tuples().all())
    sources = [(f"held bundle of {code} ({q.received_at:%Y-%m-%d %H:%M})", Path(q.file_path)) for q in entries]
    result = ImportResult(_run_import(ctx, sources, commit=True, passphrase=None, trust=False, progress=progress,
                                      token=token or CancelToken(), held_ids=ids))
    done = {f.path for f in result.files if f.status in (STATUS_APPLIED, STATUS_ALREADY)}
    for q in entries:
        if q.file_path in done:
            with _transaction(ctx.db) as conn:
                conn.execute(update(QuarantinedBundle).where(QuarantinedBundle.id == q.id).values(status="imported"))
            Path(q.file_path).unlink(missing_ok=True)
    return result


def import_held(
    ctx: AppContext, code: str, progress: ProgressCallback = no_progress, token: CancelToken | None = None
) -> ImportResult:
    """Import the bundles held for ``code`` (which must be trusted by now)."""
    ctx.require(*CAN_MANAGE_DEVICES)
    device = _find_device(ctx, code)
    if device.status != "trusted":
        raise ValidationError(f"{device.code} is not trusted; trust it first (compare its key fingerprint).")
    return _import_held_for(ctx, device.code, progress, token)


# --- which rounds this device receives -----------------------------------------------------------


def receive_rounds(ctx: AppContext) -> list[str] | None:
    """The round codes this device receives, or None for all rounds."""
    ctx.require()
    with _reading(ctx.db) as conn:
        text = _setting(conn, SETTING_RECEIVE_ROUNDS)
    return sorted(json.loads(text)) if text else None


def set_receive_rounds(ctx: AppContext, codes: Sequence[str] | None) -> list[str] | None:
    """Receive only the rounds ``codes`` (plus the rounds created on this device), or all rounds
    with None. Changes of other rounds in later imports are skipped."""
    ctx.require()
    cleaned = sorted({c.strip() for c in codes if c.strip()}) if codes is not None else None
    if cleaned is not None and not cleaned:
        raise ValidationError("Name at least one round, or choose to receive all rounds.")
    with _transaction(ctx.db) as conn:
        _set_setting(conn, SETTING_RECEIVE_ROUNDS, json.dumps(cleaned) if cleaned is not None else None)
    return cleaned


# --- keys -------------------------------------------------------------------------------------------


def hq_public_key_pem(ctx: AppContext) -> bytes:
    """The headquarters' public key (PEM) that laptops encrypt their bundles for; made the first
    time it is asked for. Its private half stays in this database."""
    ctx.require(*CAN_MANAGE_DEVICES)
    with _transaction(ctx.db) as conn:
        private = _setting(conn, SETTING_HQ_PRIVATE)
        if private is None:
            private = crypto.new_x25519_private_b64()
            _set_setting(conn, SETTING_HQ_PRIVATE, private)
    return crypto.x25519_public_pem(crypto.x25519_public_of(private))


def device_public_key_pem(ctx: AppContext) -> bytes:
    """This device's Ed25519 public key (PEM), to check bundle signatures with standard tools."""
    ctx.require()
    return crypto.ed25519_public_pem(accounts.local_device(ctx.db).public_key)


# --- conflicts ----------------------------------------------------------------------------------

ENUM_FIELDS: dict[tuple[str, str], Any] = {
    ("cases", "category"): Category,
    ("cases", "apparent_sex"): Sex,
    ("cases", "age_group"): AgeGroup,
    ("cases", "status"): CaseStatus,
}


def _hlc_time(stamp: str) -> datetime | None:
    try:
        ms = int(stamp.split("-", 1)[0])
    except (ValueError, IndexError):
        return None
    return datetime.utcfromtimestamp(ms / 1000)


def _labels(conn: Connection, table: str, ids: Sequence[str]) -> dict[str, str]:
    if table == "certificate_cases" and ids:  # a case listed on a certificate: "certificate / case"
        found_links: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            for link_id, number, case_number in conn.execute(
                select(
                    CertificateCase.id, shown_key(Certificate.__table__, "number"),
                    shown_key(Case.__table__, "case_number"),
                )
                .join(Certificate, Certificate.id == CertificateCase.certificate_id)
                .join(Case, Case.id == CertificateCase.case_id)
                .where(CertificateCase.id.in_(ids[i : i + 500]))
            ):
                found_links[link_id] = f"{number} / {case_number}"
        return found_links
    column = {"cases": "case_number", "rounds": "code", "users": "username", "devices": "code",
              "certificates": "number", "transport_units": "label"}.get(table)
    if column is None or not ids:
        return {}
    t = table_info(table).table
    if table in NATURAL_KEYS:  # a shared number is labelled as each row shows it
        return shown_keys(conn, t, column, ids)
    found: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        found.update(conn.execute(select(t.c.id, t.c[column]).where(t.c.id.in_(ids[i : i + 500]))).tuples().all())
    return found


def _conflict_info(conn: Connection, c: Any, labels: dict[str, str]) -> ConflictInfo:
    provisional = json.loads(c.provisional) if c.provisional is not None else None
    candidates = []
    for cand in json.loads(c.candidates):
        candidates.append(ConflictCandidate(
            cand["version_id"], cand["value"], cand.get("author", ""), cand.get("device", ""), cand.get("hlc", ""),
            _hlc_time(cand.get("hlc", "")),
            canonical_json(cand["value"]) == canonical_json(provisional),
        ))
    t = table_info(c.table_name).table
    current = None
    if c.field in t.c:
        value = conn.scalar(select(t.c[c.field]).where(t.c.id == c.row_id))
        current = value.isoformat() if isinstance(value, datetime | date) else value
    resolved_by = ""
    resolved_at = None
    if c.resolution_version_id:
        row = conn.execute(
            select(RowVersion.author_name, RowVersion.hlc).where(RowVersion.version_id == c.resolution_version_id)
        ).first()
        if row is not None:
            resolved_by, resolved_at = row[0], _hlc_time(row[1])
    record = labels.get(c.row_id) or f"{c.table_name} {c.row_id[:8]}"
    return ConflictInfo(
        c.id, c.table_name, c.row_id, record, c.field, c.status,
        json.loads(c.base_value) if c.base_value is not None else None, provisional, current, candidates,
        c.merge_version_id, c.hlc, c.resolution_version_id, resolved_by, resolved_at,
    )


def list_conflicts(
    ctx: AppContext, *, status: str | None = "open", table: str | None = None, row_id: str | None = None
) -> list[ConflictInfo]:
    """Conflicts, oldest first (``status`` "open", "resolved" or None for all)."""
    ctx.require()
    with _reading(ctx.db) as conn:
        stmt = select(Conflict).order_by(Conflict.hlc, Conflict.id)
        if status:
            stmt = stmt.where(Conflict.status == status)
        if table:
            stmt = stmt.where(Conflict.table_name == table)
        if row_id:
            stmt = stmt.where(Conflict.row_id == row_id)
        rows = conn.execute(stmt).all()
        labels: dict[str, str] = {}
        for tname in {r.table_name for r in rows}:
            labels.update(_labels(conn, tname, [r.row_id for r in rows if r.table_name == tname]))
        return [_conflict_info(conn, r, labels) for r in rows]


def _find_conflict(conn: Connection, conflict_id: str) -> Any:
    text = conflict_id.strip().lower()
    if len(text) < 4:
        raise ValidationError("Give at least the first four characters of the conflict's id.")
    rows = conn.execute(select(Conflict).where(Conflict.id.like(text.replace("%", "") + "%")).limit(2)).all()
    if not rows:
        raise NotFound(f"There is no conflict {conflict_id.strip()}.")
    if len(rows) > 1:
        raise ValidationError(f"More than one conflict starts with {conflict_id.strip()}; give more of its id.")
    return rows[0]


def get_conflict(ctx: AppContext, conflict_id: str) -> ConflictInfo:
    ctx.require()
    with _reading(ctx.db) as conn:
        c = _find_conflict(conn, conflict_id)
        return _conflict_info(conn, c, _labels(conn, c.table_name, [c.row_id]))


def _parse_value(table: str, field_name: str, text: str) -> Any:
    t = table_info(table).table
    if field_name not in t.c:
        raise ValidationError(f"{table} has no field {field_name}.")
    column = t.c[field_name]
    text = text.strip()
    enum = ENUM_FIELDS.get((table, field_name))
    if enum is not None:
        try:
            return str(enum(text).value)
        except ValueError as exc:
            choices = ", ".join(e.value for e in enum)
            raise ValidationError(f"{text} is not a valid value here; choose one of: {choices}.") from exc
    if text == "" and column.nullable and not isinstance(column.type, sqltypes.String):
        return None
    try:
        if isinstance(column.type, sqltypes.Boolean):
            lowered = text.lower()
            if lowered in ("yes", "true", "1", "так"):
                return True
            if lowered in ("no", "false", "0", "ні"):
                return False
            raise ValueError(text)
        if isinstance(column.type, sqltypes.Integer):
            return int(text)
        if isinstance(column.type, sqltypes.DateTime):
            return datetime.fromisoformat(text).isoformat(timespec="milliseconds")
        if isinstance(column.type, sqltypes.Date):
            return date.fromisoformat(text).isoformat()
        if isinstance(column.type, sqltypes.JSON):
            return json.loads(text)
    except ValueError as exc:
        raise ValidationError(f"{text!r} is not a valid value for {field_name}.") from exc
    length = getattr(column.type, "length", None)
    if length is not None and len(text) > length:
        raise ValidationError(f"The value is longer than {length} characters.")
    return text


def _pick(candidates: list[dict[str, Any]], choice: str) -> Any:
    """A candidate's value by its number in the list (1, 2, ...) or its version id (or a
    unique start or end of it)."""
    wanted = choice.strip().lower()
    if wanted.isdigit() and len(wanted) <= 3:
        if 1 <= int(wanted) <= len(candidates):
            return candidates[int(wanted) - 1]["value"]
        raise ValidationError(f"Pick a value numbered 1 to {len(candidates)}.")
    matches = [
        x for x in candidates
        if len(wanted) >= 4 and (x["version_id"].lower().startswith(wanted) or x["version_id"].lower().endswith(wanted))
    ]
    if len({x["version_id"] for x in matches}) != 1:
        raise ValidationError("Pick one of the listed values by its number or its version id.")
    return matches[0]["value"]


def resolve_conflict(
    ctx: AppContext, conflict_id: str, *, pick_version: str | None = None, value: str | None = None
) -> ConflictInfo:
    """Settle a conflict with one of the competing values (``pick_version``: its number in
    ``candidates``, counting from 1, or its version id) or a typed ``value``. The choice is a new version of the record by this
    supervisor: it travels in the next bundle and settles the conflict everywhere."""
    me = ctx.require(*CAN_RESOLVE)
    if (pick_version is None) == (value is None):
        raise ValidationError("Pick one of the values or type another one (not both).")
    with _transaction(ctx.db) as conn:
        c = _find_conflict(conn, conflict_id)
        if c.status != "open":
            raise ValidationError("This conflict is already resolved.")
        info = table_info(c.table_name)
        t = info.table
        row = conn.execute(select(t.c.head_version, t.c.rev).where(t.c.id == c.row_id)).first()
        if row is None:
            raise ValidationError(
                "The record is not in the database yet (it waits for a record not received); "
                "import the missing bundle first."
            )
        head = row.head_version
        snapshot_text = conn.scalar(select(RowVersion.snapshot).where(RowVersion.version_id == head))
        if snapshot_text is None:
            raise RepatError("The record's current version is missing from the log; it cannot be resolved here.")
        snapshot = json.loads(snapshot_text)
        if pick_version is not None:
            new_value = _pick(json.loads(c.candidates), pick_version)
        else:
            new_value = _parse_value(c.table_name, c.field, value or "")
        snapshot[c.field] = new_value
        for derived, source in DERIVED_FIELDS.get(c.table_name, {}).items():
            if source == c.field and derived in snapshot:
                snapshot[derived] = normalize_text(new_value if isinstance(new_value, str) else "")
        now = utcnow()
        snapshot["updated_at"] = now.isoformat(timespec="milliseconds")
        snapshot["updated_by"] = me.id
        vid = uuid7()
        stamp = ctx.clock.now()
        insert_versions(conn, [dict(
            version_id=vid, table_name=c.table_name, row_id=c.row_id, parent_version_id=head, hlc=stamp,
            device_code=ctx.device_code, author_id=me.id, author_name=me.username,
            deleted=bool(snapshot.get("deleted")), snapshot=canonical_json(snapshot), created_at=now,
            exported=False, merge_parents=None, resolves=json.dumps([{"conflict": c.id, "field": c.field}]),
        )])
        values = info.to_row(snapshot)
        values.pop("id")
        natural_key = NATURAL_KEYS.get(c.table_name) == c.field
        before = conn.scalar(select(t.c[c.field]).where(t.c.id == c.row_id)) if natural_key else None
        if natural_key:  # marked while its value changes; settled right after (see KEY_CLASH)
            values["key_clash"] = True
        conn.execute(
            update(t).where(t.c.id == c.row_id)
            .values(**values, head_version=vid, hlc=stamp, rev=t.c.rev + 1)
        )
        if natural_key:
            settled = {v for v in (before, values.get(c.field)) if v is not None}
            Importer(conn, now=now).settle_natural_key(c.table_name, c.row_id, sorted(settled))
        conn.execute(update(Conflict).where(Conflict.id == c.id).values(status="resolved", resolution_version_id=vid))
        resolved_id = c.id
    return get_conflict(ctx, resolved_id)


# --- probable duplicates ------------------------------------------------------------------------

CASE_DETAIL_FIELDS = ("case_number", "sender_tag", "bag_number", "claimed_name", "category", "received_at",
                      "round_id", "transport_unit_id", "deleted", "same_remains_as_id")


def _sides(conn: Connection, table: str, ids: list[str]) -> dict[str, DuplicateSide]:
    out: dict[str, DuplicateSide] = {}
    t = table_info(table).table
    # two rows sharing a number are told apart by the number each shows (see KEY_CLASH)
    shown = shown_keys(conn, t, NATURAL_KEYS[table], ids) if table in NATURAL_KEYS else {}
    if table == "cases":
        for i in range(0, len(ids), 500):
            for row in conn.execute(
                select(*[getattr(Case, f) for f in ("id", *CASE_DETAIL_FIELDS)]).where(Case.id.in_(ids[i : i + 500]))
            ):
                details = dict(zip(CASE_DETAIL_FIELDS, row[1:], strict=True))
                out[row[0]] = DuplicateSide(row[0], shown.get(row[0], str(details["case_number"])), details)
    elif table == "rounds":
        for row in conn.execute(select(Round.id, Round.code, Round.round_date, Round.place).where(Round.id.in_(ids))):
            out[row[0]] = DuplicateSide(row[0], row[1], {"code": row[1], "round_date": row[2], "place": row[3]})
    elif table == "users":
        for row in conn.execute(select(User.id, User.username, User.full_name, User.role).where(User.id.in_(ids))):
            out[row[0]] = DuplicateSide(row[0], row[1], {"username": row[1], "full_name": row[2], "role": row[3]})
    elif table == "devices":
        for row in conn.execute(
            select(Device.id, Device.code, Device.name, Device.public_key, Device.created_at).where(Device.id.in_(ids))
        ):
            out[row[0]] = DuplicateSide(row[0], shown.get(row[0], row[1]), {
                "code": row[1], "name": row[2], "fingerprint": crypto.fingerprint(row[3]) if row[3] else "",
                "created_at": row[4],
            })
    elif table == "certificates":
        for row in conn.execute(
            select(Certificate.id, Certificate.number, Certificate.kind, Certificate.status, Certificate.round_id,
                   Certificate.created_at).where(Certificate.id.in_(ids))
        ):
            out[row[0]] = DuplicateSide(row[0], shown.get(row[0], row[1]), {
                "number": row[1], "kind": row[2], "status": row[3], "round_id": row[4], "created_at": row[5],
            })
    return out


def list_duplicates(ctx: AppContext, *, status: str | None = "open") -> list[DuplicateInfo]:
    """Probable duplicates (``status`` "open", "linked", "dismissed" or None for all)."""
    ctx.require()
    with _reading(ctx.db) as conn:
        stmt = select(ProbableDuplicate).order_by(ProbableDuplicate.detected_at, ProbableDuplicate.id)
        if status:
            stmt = stmt.where(ProbableDuplicate.status == status)
        rows = conn.execute(stmt).all()
        sides: dict[str, DuplicateSide] = {}
        for table in {r.table_name for r in rows}:
            ids = sorted({x for r in rows if r.table_name == table for x in (r.row_a, r.row_b)})
            sides.update(_sides(conn, table, ids))
        rounds = dict(conn.execute(
            select(Round.id, Round.code).where(Round.id.in_({r.scope_id for r in rows if r.scope_id}))
        ).tuples().all()) if rows else {}
    result = []
    for r in rows:
        a = sides.get(r.row_a) or DuplicateSide(r.row_a, r.row_a[:8], {})
        b = sides.get(r.row_b) or DuplicateSide(r.row_b, r.row_b[:8], {})
        result.append(DuplicateInfo(r.id, r.table_name, r.reasons.split(","), r.status, rounds.get(r.scope_id, ""),
                                    a, b, r.detected_at))
    return result


def _find_duplicate(ctx: AppContext, duplicate_id: str) -> DuplicateInfo:
    text = duplicate_id.strip().lower()
    if len(text) < 4:
        raise ValidationError("Give at least the first four characters of the duplicate's id.")
    matches = [d for d in list_duplicates(ctx, status=None) if d.id.startswith(text)]
    if not matches:
        raise NotFound(f"There is no probable duplicate {duplicate_id.strip()}.")
    if len(matches) > 1:
        raise ValidationError(f"More than one probable duplicate starts with {duplicate_id.strip()}; give more of its id.")
    return matches[0]


def _decide(ctx: AppContext, duplicate_id: str, decision: str, note: str) -> DuplicateInfo:
    ctx.require(*CAN_RESOLVE)
    dup = _find_duplicate(ctx, duplicate_id)
    if decision == "linked" and dup.table != "cases":
        raise ValidationError("Only two cases can be linked as the same remains; dismiss this flag instead.")
    with ctx.unit_of_work() as session:
        row = session.get(DuplicateDecision, dup.id)
        if row is None:
            session.add(DuplicateDecision(id=dup.id, table_name=dup.table, row_a=dup.a.id, row_b=dup.b.id,
                                          decision=decision, note=note.strip()))
        else:
            row.decision = decision
            row.note = note.strip()
            row.deleted = False
        if decision == "linked":
            first, second = sorted(
                (session.get(Case, dup.a.id), session.get(Case, dup.b.id)),
                key=lambda c: (c.received_at, c.case_number) if c is not None else (datetime.max, ""),
            )
            if first is None or second is None:
                raise NotFound("One of the two cases is not in this database.")
            if second.same_remains_as_id != first.id:
                second.same_remains_as_id = first.id
        session.flush()
        session.execute(update(ProbableDuplicate).where(ProbableDuplicate.id == dup.id).values(status=decision))
    return _find_duplicate(ctx, dup.id)


def link_duplicates(ctx: AppContext, duplicate_id: str, *, note: str = "") -> DuplicateInfo:
    """Record that two cases are the same remains: the later case points to the earlier one
    (``same_remains_as_id``). Both stay; nothing is merged."""
    return _decide(ctx, duplicate_id, "linked", note)


def dismiss_duplicate(ctx: AppContext, duplicate_id: str, *, note: str = "") -> DuplicateInfo:
    """Record that the two records are not the same (the flag is closed everywhere)."""
    return _decide(ctx, duplicate_id, "dismissed", note)


# --- held records and status ------------------------------------------------------------------------


def list_held(ctx: AppContext) -> list[HeldRecord]:
    """Records whose changes arrived but which wait for another record (or earlier changes)."""
    ctx.require()
    with _reading(ctx.db) as conn:
        rows = conn.execute(select(SyncPending).order_by(SyncPending.table_name, SyncPending.row_id)).all()
    return [HeldRecord(r.table_name, r.row_id, r.reason, r.detail) for r in rows]


def sync_status(ctx: AppContext) -> SyncStatus:
    ctx.require()
    local = accounts.local_device(ctx.db)
    with _reading(ctx.db) as conn:
        unexported = exporter.count_unexported(conn)
        conflicts = conn.scalar(select(func.count()).select_from(Conflict).where(Conflict.status == "open"))
        dups = conn.scalar(select(func.count()).select_from(ProbableDuplicate).where(ProbableDuplicate.status == "open"))
        held = conn.scalar(select(func.count()).select_from(QuarantinedBundle).where(QuarantinedBundle.status == "held"))
        pending = conn.scalar(select(func.count()).select_from(SyncPending))
        codes = _setting(conn, SETTING_RECEIVE_ROUNDS)
    return SyncStatus(local.code, local.fingerprint, int(unexported or 0), int(conflicts or 0), int(dups or 0),
                      int(held or 0), int(pending or 0), sorted(json.loads(codes)) if codes else None)
