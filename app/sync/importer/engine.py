"""The ``Importer``: one bundle's records applied from start to end (``apply``), through the
stages of its bases; and a natural key settled after a supervisor's resolution."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import repeat
from operator import itemgetter, methodcaller
from typing import Any

from sqlalchemy import insert, select

from app.persistence.models import Blob
from app.sync.importer.base import (
    _MISSING,
    _NONE,
    _RECORDS_DONE,
    PENDING_WAITING,
    Stats,
    _load_snapshots,
    _Target,
    chunks,
)
from app.sync.importer.duplicates import DuplicateFinder
from app.sync.importer.rounds import RoundFilter
from app.sync.importer.writing import RowWriter
from app.sync.tables import NATURAL_KEYS


class Importer(RowWriter, DuplicateFinder, RoundFilter):
    """Applies bundles to the database through ``conn`` (inside the caller's transaction)."""

    # --- entry point --------------------------------------------------------------------------

    def apply(self, records: list[dict[str, Any]], read_blob: Callable[[str], bytes], blob_names: Sequence[str]) -> Stats:
        stats = Stats(versions=len(records))
        self._shared.clear()
        self._settled.clear()
        if self.round_codes is not None:
            records = self._filter_rounds(records, stats)
        self.kept = set(map(itemgetter("version_id"), records))
        ids = list(map(itemgetter("version_id"), records))
        unique = records
        if len(set(ids)) != len(ids):
            seen: set[str] = set()
            unique = []
            for rec in records:
                if rec["version_id"] not in seen:
                    seen.add(rec["version_id"])
                    unique.append(rec)
            ids = list(map(itemgetter("version_id"), unique))
        with self._phase("known versions"):
            known = self._known_versions(ids)
        new = [r for r in unique if r["version_id"] not in known] if known else unique
        stats.new_versions = len(new)
        touched_all = set(zip(map(itemgetter("table"), records), map(itemgetter("row_id"), records), strict=True))
        self.token.check()
        written: list[_Target] = []
        if new:
            stats.max_hlc = max(map(itemgetter("hlc"), new))
            written = self._bring_rows_up_to_date(new, stats)
        self.token.check()
        self._say("Storing attachments", _RECORDS_DONE)
        with self._phase("attachments"):
            stats.blobs_new = self._store_blobs(records, read_blob, blob_names)
        if written:
            with self._phase("held records"):
                self._retry_waiting(stats, written)
        self._say("Looking for probable duplicates", _RECORDS_DONE + (1 - _RECORDS_DONE) / 2)
        with self._phase("duplicates"):
            stats.duplicates += self._flag_duplicates(written)
        pending = self._pending()
        stats.held = sum(1 for key in touched_all if pending.get(key) == PENDING_WAITING)
        stats.rows_unchanged = max(0, len(touched_all) - stats.rows_new - stats.rows_updated - stats.held)
        return stats

    def _bring_rows_up_to_date(self, new: list[dict[str, Any]], stats: Stats) -> list[_Target]:
        """Store the new versions and bring every row they touch to its state."""
        pending = self._pending()
        self._pend = pending
        keys = list(zip(map(itemgetter("table"), new), map(itemgetter("row_id"), new), strict=True))
        for table, count in Counter(k[0] for k in keys).items():
            stats.tables[table] = stats.tables.get(table, 0) + count
        # The usual bundle touches each row once: then each record is its own straight line.
        by_row: dict[tuple[str, str], list[dict[str, Any]]] | None = None
        rows: Iterable[tuple[str, str]] = keys
        if len(set(keys)) != len(keys):
            by_row = defaultdict(list)
            for key, rec in zip(keys, new, strict=True):
                by_row[key].append(rec)
            rows = by_row.keys()
        ids_by_table: dict[str, list[str]] = defaultdict(list)
        for table, row_id in rows:
            ids_by_table[table].append(row_id)
        with self._phase("current state"):
            current: dict[str, dict[str, str | None]] = {t: self._current(t, ids) for t, ids in ids_by_table.items()}
        fast: list[_Target] = []
        slow: list[tuple[str, str]] = []
        plain = by_row is None and not any(
            set(map(type, map(methodcaller("get", name), new))) != {_NONE} for name in ("merge_parents", "resolves")
        )
        if plain and not pending and not any(current.values()) and set(map(itemgetter("parent"), new)) == {None}:
            # only new rows, each with its first version (the bulk of a day's bundle)
            fast = list(map(
                _Target, map(itemgetter(0), keys), map(itemgetter(1), keys), map(itemgetter("version_id"), new),
                map(itemgetter("hlc"), new), repeat(None), repeat(False), repeat(False),
                map(itemgetter("snapshot"), new),
            ))
        else:
            tips: Iterable[tuple[tuple[str, str], dict[str, Any] | None, str | None]]
            if by_row is None:
                tips = (
                    (key, None if rec.get("merge_parents") or rec.get("resolves") else rec, rec["parent"])
                    for key, rec in zip(keys, new, strict=True)
                )
            else:
                tips = (
                    (key, chain[1] if chain else None, chain[0] if chain else None)
                    for key, chain in ((k, self._chain(v)) for k, v in by_row.items())
                )
            for key, tip, parent in tips:
                if tip is None or key in pending:
                    slow.append(key)
                    continue
                table, row_id = key
                head = current[table].get(row_id, _MISSING)
                if parent is None and head is _MISSING:
                    exists = False
                elif parent is not None and head == parent:
                    exists = True
                else:
                    slow.append(key)
                    continue
                fast.append(_Target(table, row_id, tip["version_id"], tip["hlc"], None, exists, text=tip["snapshot"]))
        self.token.check()
        self._rows_total, self._rows_done = len(fast) + len(slow), 0
        written: list[_Target] = []
        failed: list[tuple[_Target, str]] = []
        with self._phase("records"):
            _load_snapshots(fast)  # a damaged record is refused before anything is written
        with self._phase("version log"):
            self._insert_versions(new)
        self._say("Updating records", self._written_fraction())
        with self._phase("records"):
            self._write_targets(fast, stats, written, failed)
        stats.rows_new += sum(1 for t in written if not t.exists)
        stats.rows_updated += sum(1 for t in written if t.exists)
        self.token.check()
        if slow:
            self._say("Merging concurrent changes", self._written_fraction())
            with self._phase("merge"):
                targets = self._recompute(slow, current, stats, pending)
                before = len(written)
                self._write_targets(targets, stats, written, failed)
                stats.rows_new += sum(1 for t in written[before:] if not t.exists)
                stats.rows_updated += sum(1 for t in written[before:] if t.exists)
        self._record_pending(written, failed, pending)
        return written

    def settle_natural_key(self, table: str, row_id: str, values: Sequence[Any]) -> int:
        """After row ``row_id`` of ``table`` left or took the natural-key ``values`` outside an
        import (a supervisor's resolution): mark exactly the rows that share a value, flag the new
        pairs and drop the flags that no longer hold. Returns the new open flags."""
        self._shared.clear()
        self._settled.clear()
        self._settle_keys(table, NATURAL_KEYS[table], sorted(values))
        self._drop_stale_flags(set(), {row_id} if table == "cases" else set())
        return self._flag_duplicates([])

    # --- attachments ----------------------------------------------------------------------------

    def _store_blobs(
        self, records: list[dict[str, Any]], read_blob: Callable[[str], bytes], blob_names: Sequence[str]
    ) -> int:
        if not blob_names:
            return 0
        names = set(blob_names)
        if self.round_codes is not None:
            wanted: set[str] = set()
            for rec in records:
                if rec["table"] == "attachments":
                    sha = json.loads(rec["snapshot"]).get("sha256")
                    if sha in names:
                        wanted.add(sha)
            names = wanted
        have: set[str] = set()
        ordered = sorted(names)
        for chunk in chunks(ordered):
            have.update(self.conn.execute(select(Blob.sha256).where(Blob.sha256.in_(chunk))).scalars())
        stored = 0
        for sha in ordered:
            if sha in have:
                continue
            self.token.check()
            data = read_blob(sha)
            self.conn.execute(insert(Blob).values(sha256=sha, size=len(data), data=data))
            stored += 1
        return stored
