"""Import: bundle files verified, then applied in one transaction (``apply_import``) or tried and
rolled back (``preview_import``); held bundles that waited for an earlier one applied after."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from app.errors import ValidationError
from app.persistence.models import ImportedBundle, QuarantinedBundle
from app.persistence.versioning import utcnow
from app.progress import CancelToken, ProgressCallback, no_progress
from app.services.admin import accounts
from app.services.context import AppContext
from app.services.reconciliation import fact_queue
from app.services.sync.common import (
    CAN_MANAGE_DEVICES,
    SETTING_HQ_PRIVATE,
    SETTING_RECEIVE_ROUNDS,
    _reading,
    _setting,
    _transaction,
)
from app.services.sync.opening import _Opener, _working_folder
from app.services.sync.report import (
    STATUS_ALREADY,
    STATUS_APPLIED,
    STATUS_OWN,
    STATUS_QUARANTINED,
    STATUS_READY,
    STATUS_REFUSED,
    FileSummary,
    ImportResult,
    _describe,
    _replay_message,
    _summary,
)
from app.services.sync.trust import _REASON_TEXT, REASON_WAITING, _quarantine, _register_key, _trust_state
from app.sync import chaincheck
from app.sync.bundle.members import BundleError
from app.sync.bundle.reading import Bundle
from app.sync.importer.engine import Importer
from app.sync.importer.records import parse_versions

log = logging.getLogger(__name__)


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

        def verified(i: int, name: str) -> Bundle | None:
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
                    fact_queue.catch_up(conn)
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
