"""Stage 4 of an import: the rows' states written with Core statements, tables in foreign-key
order, each row checked first; rows that refer to a record not received yet are held in
``sync_pending`` and retried at every import."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from operator import methodcaller
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from app.persistence.models import SEARCH_COLUMNS, SyncPending
from app.sync.importer.base import _RECORDS_DONE, LINKS, PENDING_INCOMPLETE, PENDING_WAITING, Stats, _Target
from app.sync.importer.keys import LinkSettler, NaturalKeys
from app.sync.tables import NATURAL_KEYS, TableInfo, sqlite_columns, sqlite_params, table_info, table_order

WRITE_CHUNK = 2000


def _bookkeeping(
    table: str, items: Sequence[_Target], flags: dict[str, bool] | None
) -> tuple[list[str], list[Sequence[Any]]]:
    """The columns a written row gets besides its snapshot (head version, clock, the shared key
    mark when ``flags`` is given, the search forms of its names), with their values for
    ``items``, column by column."""
    names = ["head_version", "hlc"]
    extra: list[Sequence[Any]] = [[t.head for t in items], [t.hlc for t in items]]
    if flags is not None:
        names.append("key_clash")
        extra.append([flags.get(t.row_id, False) for t in items])
    for col, (source, make) in SEARCH_COLUMNS.get(table, {}).items():
        names.append(col)
        extra.append([make(t.snapshot.get(source)) for t in items])
    return names, extra


class RowWriter(NaturalKeys, LinkSettler):
    """Writes the rows' states, and holds (and retries) those that cannot be written yet."""

    def _write_targets(
        self,
        targets: list[_Target],
        stats: Stats,
        written: list[_Target],
        failed: list[tuple[_Target, str]],
    ) -> None:
        """Write the targets, tables in foreign-key order; the rows written and those that failed
        (with the reason) are appended to the lists."""
        by_table: dict[str, list[_Target]] = defaultdict(list)
        for t in targets:
            by_table[t.table].append(t)
        fresh: dict[str, set[str]] = {}
        for table in table_order():
            items = by_table.get(table)
            if not items:
                continue
            self.token.check()
            info = table_info(table)
            if table == LINKS:
                items = self._supersede_links(items, stats)
            missing = self._missing_references(info, items, fresh)
            if missing:
                failed.extend((t, missing[t.row_id]) for t in items if t.row_id in missing)
                items = [t for t in items if t.row_id not in missing]
                if not items:
                    continue
            key = NATURAL_KEYS.get(table)
            flags: dict[str, bool] | None = None
            settle: list[Any] = []
            if key:
                flags, settle = self._prepare_keys(table, key, items)
            inserts = [t for t in items if not t.exists]
            updates = [t for t in items if t.exists]
            done = len(written)
            # New rows first (an update may refer to one), except links: there an update may
            # retire (supersede) the live link a new one takes over from
            for kind in ("updates", "inserts") if table == LINKS else ("inserts", "updates"):
                if kind == "inserts":
                    for i in range(0, len(inserts), WRITE_CHUNK):
                        part = self._parents_first(info, inserts[i : i + WRITE_CHUNK])
                        stmt, rows = self._insert_statement(info, part, flags)
                        self._write(stmt, rows, part, written, failed)
                        self._wrote(len(part))
                else:
                    for i in range(0, len(updates), WRITE_CHUNK):
                        part = updates[i : i + WRITE_CHUNK]
                        stmt, rows = self._update_statement(info, part, flags)
                        self._write(stmt, rows, part, written, failed)
                        self._wrote(len(part))
            if key and settle:
                self._settle_keys(table, key, settle)
            fresh[table] = {t.row_id for t in written[done:]}

    def _written_fraction(self) -> float:
        if not self._rows_total:
            return 0.0
        return _RECORDS_DONE * min(1.0, self._rows_done / self._rows_total)

    def _wrote(self, n: int) -> None:
        self._rows_done += n
        self._say("Updating records", self._written_fraction())

    def _missing_references(
        self, info: TableInfo, items: list[_Target], fresh: dict[str, set[str]]
    ) -> dict[str, str]:
        """The rows that refer to a record not in the database (nor written before them in this
        batch), with why: they are held until it arrives. ``fresh``: the rows just written, per
        table (known to be there without asking)."""
        missing: dict[str, str] = {}
        batch = {t.row_id for t in items}
        snaps = [t.snapshot for t in items]
        for column, target in info.foreign_keys:
            values = list(map(methodcaller("get", column), snaps))
            wanted = set(values)
            wanted.discard(None)
            wanted -= fresh.get(target, set())
            if target == info.name:
                wanted -= batch
            if not wanted:
                continue
            found = {r[0] for r in self._in(f"SELECT id FROM {target} WHERE id IN ?", sorted(wanted))}
            if len(found) == len(wanted):
                continue
            for t, value in zip(items, values, strict=True):
                if value in wanted and value not in found:
                    missing.setdefault(t.row_id, f"refers to {target} {value}, not received yet")
        if missing and info.self_keys:  # a row whose parent in this batch is held waits too
            while True:
                more = {
                    t.row_id: f"refers to {info.name} {t.snapshot.get(c)}, not received yet"
                    for t in items for c in info.self_keys
                    if t.row_id not in missing and t.snapshot.get(c) in missing
                }
                if not more:
                    break
                missing.update(more)
        return missing

    @staticmethod
    def _parents_first(info: TableInfo, items: list[_Target]) -> list[_Target]:
        if not info.self_keys:
            return items
        waiting = {t.row_id for t in items}
        refs: set[Any] = set()
        for c in info.self_keys:
            refs.update(map(methodcaller("get", c), (t.snapshot for t in items)))
        if not refs & waiting:
            return items  # no row refers to another of this batch
        remaining = list(items)
        ordered: list[_Target] = []
        while remaining:
            layer = [
                t for t in remaining
                if all(t.snapshot.get(c) in (None, t.row_id) or t.snapshot.get(c) not in waiting for c in info.self_keys)
            ]
            if not layer:
                ordered += remaining
                break
            ordered += layer
            done = {t.row_id for t in layer}
            waiting -= done
            remaining = [t for t in remaining if t.row_id not in done]
        return ordered

    def _insert_statement(
        self, info: TableInfo, items: list[_Target], flags: dict[str, bool] | None
    ) -> tuple[Any, list[Any]]:
        names, extra = _bookkeeping(info.name, items, flags)
        if self.sqlite:
            columns = sqlite_columns(info.name, [t.snapshot for t in items], convert_datetimes=False)
            marks = [*sqlite_params(info.name, columns), *("?" for _ in names)]
            sql = (f"INSERT INTO {info.name} ({', '.join([*info.columns, *names])}, rev) "
                   f"VALUES ({', '.join(marks)}, 1)")
            return sql, list(zip(*columns, *extra, strict=True))
        rows = []
        for n, t in enumerate(items):
            row = info.to_row(t.snapshot)
            row["rev"] = 1
            for name, values in zip(names, extra, strict=True):
                row[name] = values[n]
            rows.append(row)
        return insert(info.table), rows

    def _update_statement(
        self, info: TableInfo, items: list[_Target], flags: dict[str, bool] | None
    ) -> tuple[Any, list[Any]]:
        names, extra = _bookkeeping(info.name, items, flags)
        if self.sqlite:
            id_at = info.columns.index("id")
            cols = [c for c in info.columns if c != "id"]
            sets = ", ".join(f"{c} = ?" for c in [*cols, *names])
            sql = f"UPDATE {info.name} SET {sets}, rev = rev + 1 WHERE id = ?"
            columns = sqlite_columns(info.name, [t.snapshot for t in items])
            ids = columns.pop(id_at)
            return sql, list(zip(*columns, *extra, ids, strict=True))
        stmt = update(info.table).where(info.table.c.id == bindparam("b_id")).values(rev=info.table.c.rev + 1)
        dict_rows = []
        for n, t in enumerate(items):
            row = info.to_row(t.snapshot)
            row["b_id"] = row.pop("id")
            for name, values in zip(names, extra, strict=True):
                row[name] = values[n]
            dict_rows.append(row)
        return stmt, dict_rows

    def _write(
        self, stmt: Any, rows: list[Any], items: list[_Target], ok: list[_Target], bad: list[tuple[_Target, str]]
    ) -> None:
        """Write ``rows``. Careful: a part that breaks a constraint is halved until the failing
        rows are found, which are reported in ``bad``; otherwise a broken constraint raises."""
        raw = isinstance(stmt, str)
        if not self.careful:
            if raw:
                self.conn.exec_driver_sql(stmt, rows)
            else:
                self.conn.execute(stmt, rows)
            ok.extend(items)
            return
        spans = [(0, len(rows))]
        while spans:
            lo, hi = spans.pop()
            try:
                with self.conn.begin_nested():
                    if raw:
                        self.conn.exec_driver_sql(stmt, rows[lo:hi])
                    else:
                        self.conn.execute(stmt, rows[lo:hi])
                ok.extend(items[lo:hi])
            except IntegrityError as exc:
                if hi - lo == 1:
                    bad.append((items[lo], str(getattr(exc, "orig", exc))[:500]))
                    continue
                mid = (lo + hi) // 2
                spans.append((mid, hi))
                spans.append((lo, mid))

    # --- rows held for a record not received yet ----------------------------------------------

    def _pending(self) -> dict[tuple[str, str], str]:
        return {
            (t, r): reason
            for t, r, reason in self.conn.execute(
                select(SyncPending.table_name, SyncPending.row_id, SyncPending.reason)
            ).tuples()
        }

    def _record_pending(
        self, written: list[_Target], failed: list[tuple[_Target, str]], pending: dict[tuple[str, str], str]
    ) -> None:
        clear = [(w.table, w.row_id) for w in written if (w.table, w.row_id) in pending and not w.incomplete]
        for table, row_id in clear:
            self.conn.execute(
                delete(SyncPending).where(SyncPending.table_name == table, SyncPending.row_id == row_id)
            )
            pending.pop((table, row_id), None)
        marks: dict[tuple[str, str], tuple[str, str]] = {}
        for w in written:
            if w.incomplete:
                marks[(w.table, w.row_id)] = (PENDING_INCOMPLETE, "waiting for earlier changes of this record")
        for f, error in failed:
            marks[(f.table, f.row_id)] = (PENDING_WAITING, error)
        for (table, row_id), (reason, detail) in marks.items():
            if (table, row_id) in pending:
                self.conn.execute(
                    update(SyncPending)
                    .where(SyncPending.table_name == table, SyncPending.row_id == row_id)
                    .values(reason=reason, detail=detail)
                )
            else:
                self.conn.execute(
                    insert(SyncPending).values(table_name=table, row_id=row_id, reason=reason, detail=detail)
                )
            pending[(table, row_id)] = reason

    def _retry_waiting(self, stats: Stats, written: list[_Target]) -> None:
        """Rows held for a missing reference: try again now that more records are here (the rows
        written are added to ``written``)."""
        for _round in range(50):
            pending = self._pending()
            self._pend = pending
            waiting = [key for key, reason in pending.items() if reason == PENDING_WAITING]
            if not waiting:
                return
            local = Stats()
            targets = self._recompute(waiting, {}, local, pending)
            now: list[_Target] = []
            failed: list[tuple[_Target, str]] = []
            self._write_targets(targets, local, now, failed)
            self._record_pending(now, failed, pending)
            stats.rows_new += sum(1 for t in now if not t.exists)
            stats.rows_updated += sum(1 for t in now if t.exists)
            stats.conflicts += local.conflicts
            stats.merges += local.merges
            if not now:
                return
            written += now
