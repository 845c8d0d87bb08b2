"""Import: apply the row versions of verified bundles to the database, in the caller's transaction.

For each bundle:

1. versions of rounds this device does not receive are skipped (when it receives only some);
2. versions already known are skipped; the others are appended to the version log;
3. each touched row is brought to the state its versions determine: a new row or a
   fast-forward directly, anything else through ``app.sync.merge`` (which may add a merge
   version and conflicts);
4. the states are written with Core statements, tables in foreign-key order; a row that refers
   to a record not received yet (or whose natural key is taken) is held in ``sync_pending``
   and retried at every import;
5. attachment bytes are stored, probable duplicates flagged, held rows retried.

Everything happens in one transaction opened by the caller, so a cancel or an error leaves the
database as it was.
"""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from app.persistence.models import (
    TABLE_TO_MODEL,
    Blob,
    Conflict,
    DuplicateDecision,
    ProbableDuplicate,
    RowVersion,
    SyncPending,
)
from app.progress import CancelToken
from app.sync import merge as mergemod
from app.sync.bundle import BundleError
from app.sync.tables import TableInfo, round_scope, sqlite_datetime, sqlite_values, table_info, table_order

try:  # orjson parses several times faster; the standard library is the fallback
    from orjson import loads
except ImportError:  # pragma: no cover
    from json import loads  # type: ignore[assignment]

IN_CHUNK = 900
WRITE_CHUNK = 2000
_VERSION_COLUMNS = (
    "version_id", "table_name", "row_id", "parent_version_id", "merge_parents", "hlc", "device_code", "author_id",
    "author_name", "deleted", "snapshot", "created_at", "exported", "resolves",
)
_SQLITE_INSERT_VERSION = (
    f"INSERT INTO row_versions ({', '.join(_VERSION_COLUMNS)}) VALUES ({', '.join('?' for _ in _VERSION_COLUMNS)})"
)
RV: Table = RowVersion.__table__  # type: ignore[assignment]
PENDING_WAITING = "waiting"
# What makes two cases look alike (same tag in a round, same bag in a transport unit).
DUPLICATE_KEYS = ("round_id", "sender_tag_norm", "transport_unit_id", "bag_number", "deleted")
PENDING_INCOMPLETE = "incomplete"


def chunks(items: Sequence[Any], size: int = IN_CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _resolves(text_: str | None) -> tuple[tuple[str, str], ...]:
    """(conflict id, field) pairs a resolution version settles."""
    if not text_:
        return ()
    return tuple((str(x["conflict"]), str(x["field"])) for x in json.loads(text_) if isinstance(x, dict))


def duplicate_pair_id(table: str, a: str, b: str) -> str:
    lo, hi = sorted((a, b))
    return str(uuid.uuid5(mergemod.NAMESPACE, f"duplicate:{table}:{lo}:{hi}"))


@dataclass
class Stats:
    versions: int = 0
    new_versions: int = 0
    rows_new: int = 0
    rows_updated: int = 0
    rows_unchanged: int = 0
    merges: int = 0
    conflicts: int = 0
    duplicates: int = 0
    held: int = 0
    skipped_other_rounds: int = 0
    blobs_new: int = 0
    max_hlc: str | None = None
    tables: dict[str, int] = field(default_factory=dict)


# --- parsing ---------------------------------------------------------------------------------

_STR36 = 36


def _str(value: Any, limit: int, *, optional: bool = False) -> bool:
    if value is None:
        return optional
    return isinstance(value, str) and len(value) <= limit


def parse_versions(data: bytes, label: str) -> list[dict[str, Any]]:
    """The records of ``versions.jsonl``, checked field by field (one sentence if damaged)."""
    body = data.strip()
    if not body:
        return []
    try:
        records: list[dict[str, Any]] = loads(b"[" + body.replace(b"\n", b",") + b"]")
    except ValueError as exc:
        raise BundleError(f"{label} is damaged: its list of changes cannot be read.") from exc
    damaged = BundleError(f"{label} is damaged: a change record is malformed.")
    tables = TABLE_TO_MODEL
    for rec in records:
        try:
            vid, row_id, parent, hlc, device = rec["version_id"], rec["row_id"], rec["parent"], rec["hlc"], rec["device"]
            author_id, author, created, snap = rec["author_id"], rec["author"], rec["created_at"], rec["snapshot"]
            mp = rec.get("merge_parents")
            rs = rec.get("resolves")
            ok = (
                type(vid) is str and len(vid) <= _STR36
                and type(row_id) is str and len(row_id) <= _STR36
                and (parent is None or (type(parent) is str and len(parent) <= _STR36))
                and type(hlc) is str and len(hlc) <= 64
                and type(device) is str and len(device) <= 16
                and (author_id is None or (type(author_id) is str and len(author_id) <= _STR36))
                and type(author) is str and len(author) <= 64
                and type(created) is str and 10 <= len(created) <= 40
                and type(snap) is str
                and type(rec["deleted"]) is bool
                and rec["table"] in tables
                and (mp is None or (type(mp) is list and all(_str(p, _STR36) for p in mp)))
                and (rs is None or (type(rs) is list and all(
                    type(x) is dict and _str(x.get("conflict"), _STR36) and _str(x.get("field"), 64) for x in rs
                )))
            )
        except (KeyError, TypeError):
            ok = False
        if not ok:
            raise damaged
    try:
        for created in {rec["created_at"] for rec in records}:
            datetime.fromisoformat(created)
    except ValueError as exc:
        raise damaged from exc
    return records


# --- the engine ------------------------------------------------------------------------------


class _Target:
    """The state a row is to be written in."""

    __slots__ = ("table", "row_id", "head", "hlc", "exists", "incomplete", "_text", "_snapshot")

    def __init__(
        self, table: str, row_id: str, head: str, hlc: str, snapshot: dict[str, Any] | None, exists: bool,
        incomplete: bool = False, text: str | None = None,
    ) -> None:
        self.table, self.row_id, self.head, self.hlc = table, row_id, head, hlc
        self.exists, self.incomplete = exists, incomplete
        self._snapshot, self._text = snapshot, text

    @property
    def snapshot(self) -> dict[str, Any]:
        if self._snapshot is None:
            value = loads(self._text or "")
            if not isinstance(value, dict) or value.get("id") != self.row_id:
                raise BundleError("A bundle is damaged: a record's contents do not match the record.")
            self._snapshot = value
        return self._snapshot


class Importer:
    """Applies bundles to the database through ``conn`` (inside the caller's transaction)."""

    def __init__(
        self,
        conn: Connection,
        *,
        now: datetime,
        round_codes: set[str] | None = None,
        local_device: str = "",
        token: CancelToken | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"
        self.now = now
        self.round_codes = round_codes
        self.local_device = local_device
        self.token = token or CancelToken()
        self._say = progress or (lambda message: None)
        self.timings: dict[str, float] = defaultdict(float)
        self._case_keys: dict[str, tuple[Any, ...]] = {}  # a case's duplicate keys before this import

    @contextlib.contextmanager
    def _phase(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] += time.perf_counter() - started

    # --- entry point --------------------------------------------------------------------------

    def apply(self, records: list[dict[str, Any]], read_blob: Callable[[str], bytes], blob_names: Sequence[str]) -> Stats:
        stats = Stats(versions=len(records))
        if self.round_codes is not None:
            records = self._filter_rounds(records, stats)
        seen: set[str] = set()
        unique: list[dict[str, Any]] = []
        for rec in records:
            if rec["version_id"] not in seen:
                seen.add(rec["version_id"])
                unique.append(rec)
        with self._phase("known versions"):
            known = self._known_versions([r["version_id"] for r in unique])
        new = [r for r in unique if r["version_id"] not in known]
        stats.new_versions = len(new)
        touched_all = {(r["table"], r["row_id"]) for r in records}
        self.token.check()
        written: list[_Target] = []
        if new:
            stats.max_hlc = max(r["hlc"] for r in new)
            by_row: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
            for r in new:
                by_row[(r["table"], r["row_id"])].append(r)
            written = self._bring_rows_up_to_date(new, by_row, stats)
        self.token.check()
        self._say("Storing attachments")
        with self._phase("attachments"):
            stats.blobs_new = self._store_blobs(records, read_blob, blob_names)
        self._say("Looking for probable duplicates")
        with self._phase("duplicates"):
            stats.duplicates += self._flag_duplicates(written)
        if written:
            with self._phase("held records"):
                self._retry_waiting(stats)
        pending = self._pending()
        stats.held = sum(1 for key in touched_all if pending.get(key) == PENDING_WAITING)
        stats.rows_unchanged = max(0, len(touched_all) - stats.rows_new - stats.rows_updated - stats.held)
        return stats

    # --- rounds this device receives ------------------------------------------------------------

    def _filter_rounds(self, records: list[dict[str, Any]], stats: Stats) -> list[dict[str, Any]]:
        from app.persistence.models import Case, Certificate, Round

        codes = self.round_codes or set()
        allowed: set[str] = set()
        for chunk in chunks(sorted(codes)):
            allowed.update(self.conn.execute(select(Round.id).where(Round.code.in_(chunk))).scalars())
        allowed.update(
            self.conn.execute(
                select(RowVersion.row_id).where(
                    RowVersion.table_name == "rounds", RowVersion.parent_version_id.is_(None),
                    RowVersion.device_code == self.local_device,
                )
            ).scalars()
        )
        snaps: dict[str, dict[str, Any]] = {}

        def snap(rec: dict[str, Any]) -> dict[str, Any]:
            vid = rec["version_id"]
            if vid not in snaps:
                snaps[vid] = json.loads(rec["snapshot"])
            return snaps[vid]

        for rec in records:
            if rec["table"] == "rounds" and snap(rec).get("code") in codes:
                allowed.add(rec["row_id"])
        owner_round: dict[str, dict[str, str | None]] = {"cases": {}, "certificates": {}}
        for rec in records:
            if rec["table"] in owner_round:
                owner_round[rec["table"]][rec["row_id"]] = snap(rec).get("round_id")
        wanted: dict[str, set[str]] = {"cases": set(), "certificates": set()}
        for rec in records:
            scope = round_scope(rec["table"])
            if scope and scope[0] == "via":
                ref = snap(rec).get(scope[1])
                if ref and ref not in owner_round[scope[2]]:
                    wanted[scope[2]].add(ref)
        for table, model in (("cases", Case), ("certificates", Certificate)):
            ids = sorted(wanted[table])
            for chunk in chunks(ids):
                for rid, owner in self.conn.execute(
                    select(model.id, model.round_id).where(model.id.in_(chunk))  # type: ignore[attr-defined]
                ):
                    owner_round[table][rid] = owner
        kept = []
        for rec in records:
            scope = round_scope(rec["table"])
            if scope is None:
                kept.append(rec)
                continue
            round_id: str | None
            if scope[0] == "self":
                round_id = rec["row_id"]
            elif scope[0] == "field":
                round_id = snap(rec).get(scope[1])
                if round_id is None:
                    kept.append(rec)
                    continue
            else:
                ref = snap(rec).get(scope[1])
                if ref is None:
                    kept.append(rec)
                    continue
                if ref not in owner_round[scope[2]]:
                    stats.skipped_other_rounds += 1
                    continue
                round_id = owner_round[scope[2]][ref]
                if round_id is None:
                    kept.append(rec)
                    continue
            if round_id in allowed:
                kept.append(rec)
            else:
                stats.skipped_other_rounds += 1
        return kept

    # --- the version log ----------------------------------------------------------------------

    def _known_versions(self, ids: list[str]) -> set[str]:
        known: set[str] = set()
        stmt = select(RV.c.version_id).where(RV.c.version_id.in_(bindparam("ids", expanding=True)))
        for chunk in chunks(ids):
            known.update(self.conn.execute(stmt, {"ids": list(chunk)}).scalars())
        return known

    def _insert_versions(self, records: list[dict[str, Any]]) -> None:
        if self.sqlite:
            rows: list[Any] = [
                (
                    r["version_id"], r["table"], r["row_id"], r["parent"],
                    json.dumps(r["merge_parents"]) if r.get("merge_parents") else None,
                    r["hlc"], r["device"], r["author_id"], r["author"], r["deleted"], r["snapshot"],
                    sqlite_datetime(r["created_at"]), False,
                    json.dumps(r["resolves"]) if r.get("resolves") else None,
                )
                for r in records
            ]
            for chunk in chunks(rows, 5000):
                self.conn.exec_driver_sql(_SQLITE_INSERT_VERSION, list(chunk))
            return
        rows = [
            {
                "version_id": r["version_id"],
                "table_name": r["table"],
                "row_id": r["row_id"],
                "parent_version_id": r["parent"],
                "merge_parents": json.dumps(r["merge_parents"]) if r.get("merge_parents") else None,
                "hlc": r["hlc"],
                "device_code": r["device"],
                "author_id": r["author_id"],
                "author_name": r["author"],
                "deleted": r["deleted"],
                "snapshot": r["snapshot"],
                "created_at": datetime.fromisoformat(r["created_at"]),
                "exported": False,
                "resolves": json.dumps(r["resolves"]) if r.get("resolves") else None,
            }
            for r in records
        ]
        for chunk in chunks(rows, 5000):
            self.conn.execute(insert(RV), list(chunk))

    # --- rows -----------------------------------------------------------------------------------

    def _current(self, table: str, ids: list[str]) -> dict[str, str | None]:
        """Each row's head version (rows not in the table are absent). For cases, also what
        duplicate detection looks at, so unchanged cases are not looked at again."""
        t = table_info(table).table
        keys = [t.c[c] for c in DUPLICATE_KEYS] if table == "cases" else []
        stmt = select(t.c.id, t.c.head_version, *keys).where(t.c.id.in_(bindparam("ids", expanding=True)))
        found: dict[str, str | None] = {}
        for chunk in chunks(ids):
            for row in self.conn.execute(stmt, {"ids": list(chunk)}):
                found[row[0]] = row[1]
                if keys:
                    self._case_keys[row[0]] = tuple(row[2:])
        return found

    def _pending(self) -> dict[tuple[str, str], str]:
        return {
            (t, r): reason
            for t, r, reason in self.conn.execute(
                select(SyncPending.table_name, SyncPending.row_id, SyncPending.reason)
            ).tuples()
        }

    @staticmethod
    def _chain(versions: list[dict[str, Any]]) -> tuple[str | None, dict[str, Any]] | None:
        """(first parent, tip) when ``versions`` are one straight line of ordinary edits."""
        if len(versions) == 1:
            v = versions[0]
            if v.get("merge_parents") or v.get("resolves"):
                return None
            return v["parent"], v
        ids = {v["version_id"] for v in versions}
        roots = [v for v in versions if v["parent"] not in ids]
        children = {v["parent"]: v for v in versions if v["parent"] in ids}
        if len(roots) != 1 or len(children) != len(versions) - 1:
            return None
        if any(v.get("merge_parents") or v.get("resolves") for v in versions):
            return None
        tip = roots[0]
        count = 1
        while tip["version_id"] in children:
            tip = children[tip["version_id"]]
            count += 1
        if count != len(versions):
            return None
        return roots[0]["parent"], tip

    def _bring_rows_up_to_date(
        self, new: list[dict[str, Any]], by_row: dict[tuple[str, str], list[dict[str, Any]]], stats: Stats
    ) -> list[_Target]:
        """Store the new versions and bring every row they touch to its state."""
        pending = self._pending()
        ids_by_table: dict[str, list[str]] = defaultdict(list)
        for table, row_id in by_row:
            ids_by_table[table].append(row_id)
        with self._phase("current state"):
            current: dict[str, dict[str, str | None]] = {t: self._current(t, ids) for t, ids in ids_by_table.items()}
        fast: list[_Target] = []
        slow: list[tuple[str, str]] = []
        for (table, row_id), versions in by_row.items():
            stats.tables[table] = stats.tables.get(table, 0) + len(versions)
            if (table, row_id) in pending:
                slow.append((table, row_id))
                continue
            chain = self._chain(versions)
            if chain is None:
                slow.append((table, row_id))
                continue
            parent, tip = chain
            cur = current[table]
            if row_id not in cur and parent is None:
                exists = False
            elif row_id in cur and cur[row_id] == parent and parent is not None:
                exists = True
            else:
                slow.append((table, row_id))
                continue
            fast.append(_Target(table, row_id, tip["version_id"], tip["hlc"], None, exists, text=tip["snapshot"]))
        self.token.check()
        written: list[_Target] = []
        failed: list[tuple[_Target, str]] = []
        with self._phase("version log"):
            self._insert_versions(new)
        self._say("Updating records")
        with self._phase("records"):
            self._write_targets(fast, stats, written, failed)
        stats.rows_new += sum(1 for t in written if not t.exists)
        stats.rows_updated += sum(1 for t in written if t.exists)
        self.token.check()
        if slow:
            self._say("Merging concurrent changes")
            with self._phase("merge"):
                targets = self._recompute(slow, current, stats, pending)
                before = len(written)
                self._write_targets(targets, stats, written, failed)
                stats.rows_new += sum(1 for t in written[before:] if not t.exists)
                stats.rows_updated += sum(1 for t in written[before:] if t.exists)
        self._record_pending(written, failed, pending)
        return written

    def _load_graphs(self, rows: list[tuple[str, str]]) -> dict[tuple[str, str], mergemod.RowGraph]:
        nodes: dict[tuple[str, str], list[mergemod.Node]] = defaultdict(list)
        by_table: dict[str, list[str]] = defaultdict(list)
        for t, r in rows:
            by_table[t].append(r)
        for table, ids in by_table.items():
            stmt = select(
                RV.c.row_id, RV.c.version_id, RV.c.parent_version_id, RV.c.merge_parents, RV.c.hlc, RV.c.snapshot,
                RV.c.device_code, RV.c.author_name, RV.c.resolves,
            ).where(RV.c.table_name == table, RV.c.row_id.in_(bindparam("ids", expanding=True)))
            for chunk in chunks(ids):
                for row in self.conn.execute(stmt, {"ids": list(chunk)}):
                    extra = tuple(json.loads(row.merge_parents)) if row.merge_parents else ()
                    parents = ((row.parent_version_id,) if row.parent_version_id else ()) + extra
                    nodes[(table, row.row_id)].append(
                        mergemod.Node(
                            row.version_id, parents, row.hlc, row.snapshot, is_merge=bool(extra),
                            device_code=row.device_code, author_name=row.author_name,
                            resolves=_resolves(row.resolves),
                        )
                    )
        return {key: mergemod.RowGraph(key[0], ns) for key, ns in nodes.items()}

    def _recompute(
        self,
        rows: list[tuple[str, str]],
        current: dict[str, dict[str, str | None]],
        stats: Stats,
        pending: dict[tuple[str, str], str],
    ) -> list[_Target]:
        """Rows that need their whole history: merges, out-of-order and held rows."""
        for table in {t for t, _ in rows}:
            missing = [r for t, r in rows if t == table and r not in current.get(table, {})]
            if missing:
                current.setdefault(table, {}).update(self._current(table, missing))
        graphs = self._load_graphs(rows)
        targets: list[_Target] = []
        merge_rows: list[dict[str, Any]] = []
        conflict_rows: list[dict[str, Any]] = []
        before_open = self._open_conflicts(rows)
        for key in rows:
            graph = graphs.get(key)
            if graph is None or not graph.nodes:
                continue
            try:
                state = graph.state()
                found = graph.conflicts(state)
            except ValueError as exc:
                raise BundleError("A bundle is damaged: a record's contents cannot be read.") from exc
            table, row_id = key
            if state.snapshot.get("id") != row_id:
                raise BundleError("A bundle is damaged: a record's contents do not match the record.")
            if state.new_merge is not None:
                m = state.new_merge
                merge_rows.append(self._merge_record(table, row_id, m))
                stats.merges += 1
                head_hlc = m.hlc
            else:
                head_hlc = graph.nodes[state.head].hlc
            resolved = graph.resolutions()
            for cid, mr, c in found:
                res = resolved.get(cid)
                conflict_rows.append({
                    "id": cid, "table_name": table, "row_id": row_id, "field": c.field,
                    "merge_version_id": mr.version_id, "hlc": mr.hlc,
                    "base_value": json.dumps(c.base_value, ensure_ascii=False),
                    "candidates": json.dumps([x.to_json() for x in c.candidates], ensure_ascii=False),
                    "provisional": json.dumps(c.provisional, ensure_ascii=False),
                    "status": "resolved" if res else "open", "resolution_version_id": res,
                })
            cur = current.get(table, {})
            exists = row_id in cur
            if exists and cur[row_id] == state.head and key not in pending:
                continue  # already in this state
            targets.append(_Target(table, row_id, state.head, head_hlc, dict(state.snapshot), exists, state.incomplete))
        if merge_rows:
            for chunk in chunks(merge_rows, 5000):
                self.conn.execute(insert(RV), list(chunk))
        self._replace_conflicts(rows, conflict_rows)
        after_open = {r["id"] for r in conflict_rows if r["status"] == "open"}
        stats.conflicts += len(after_open - before_open)
        return targets

    def _merge_record(self, table: str, row_id: str, m: mergemod.MergeResult) -> dict[str, Any]:
        from app.persistence.versioning import canonical_json

        return {
            "version_id": m.version_id, "table_name": table, "row_id": row_id,
            "parent_version_id": m.parents[0], "merge_parents": json.dumps(list(m.parents[1:])),
            "hlc": m.hlc, "device_code": mergemod.MERGE_DEVICE, "author_id": None,
            "author_name": mergemod.MERGE_AUTHOR, "deleted": bool(m.snapshot.get("deleted")),
            "snapshot": canonical_json(m.snapshot), "created_at": self.now, "exported": False, "resolves": None,
        }

    def _open_conflicts(self, rows: list[tuple[str, str]]) -> set[str]:
        found: set[str] = set()
        for table in {t for t, _ in rows}:
            ids = [r for t, r in rows if t == table]
            for chunk in chunks(ids):
                found.update(self.conn.execute(
                    select(Conflict.id).where(
                        Conflict.table_name == table, Conflict.row_id.in_(chunk), Conflict.status == "open"
                    )
                ).scalars())
        return found

    def _replace_conflicts(self, rows: list[tuple[str, str]], conflict_rows: list[dict[str, Any]]) -> None:
        for table in {t for t, _ in rows}:
            ids = [r for t, r in rows if t == table]
            for chunk in chunks(ids):
                self.conn.execute(delete(Conflict).where(Conflict.table_name == table, Conflict.row_id.in_(chunk)))
        if conflict_rows:
            unique = {r["id"]: r for r in conflict_rows}
            self.conn.execute(insert(Conflict), list(unique.values()))

    # --- writing the table states ---------------------------------------------------------------

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
        for table in table_order():
            items = by_table.get(table)
            if not items:
                continue
            self.token.check()
            info = table_info(table)
            inserts = [t for t in items if not t.exists]
            updates = [t for t in items if t.exists]
            for i in range(0, len(inserts), WRITE_CHUNK):
                part = inserts[i : i + WRITE_CHUNK]
                ordered = self._parents_first(info, part)
                stmt, rows = self._insert_statement(info, ordered)
                self._write(stmt, rows, ordered, written, failed)
            for i in range(0, len(updates), WRITE_CHUNK):
                part = updates[i : i + WRITE_CHUNK]
                stmt, rows = self._update_statement(info, part)
                self._write(stmt, rows, part, written, failed)

    @staticmethod
    def _parents_first(info: TableInfo, items: list[_Target]) -> list[_Target]:
        if not info.self_keys:
            return items
        waiting = {t.row_id for t in items}
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

    def _insert_statement(self, info: TableInfo, items: list[_Target]) -> tuple[Any, list[Any]]:
        if self.sqlite:
            cols = [*info.columns, "rev", "head_version", "hlc"]
            sql = f"INSERT INTO {info.name} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
            return sql, [(*sqlite_values(info.name, t.snapshot), 1, t.head, t.hlc) for t in items]
        rows = []
        for t in items:
            row = info.to_row(t.snapshot)
            row["rev"] = 1
            row["head_version"] = t.head
            row["hlc"] = t.hlc
            rows.append(row)
        return insert(info.table), rows

    def _update_statement(self, info: TableInfo, items: list[_Target]) -> tuple[Any, list[Any]]:
        if self.sqlite:
            cols = [c for c in info.columns if c != "id"]
            sets = ", ".join(f"{c} = ?" for c in [*cols, "head_version", "hlc"])
            sql = f"UPDATE {info.name} SET {sets}, rev = rev + 1 WHERE id = ?"
            id_at = info.columns.index("id")
            rows = []
            for t in items:
                values = sqlite_values(info.name, t.snapshot)
                row_id = values.pop(id_at)
                rows.append((*values, t.head, t.hlc, row_id))
            return sql, rows
        stmt = update(info.table).where(info.table.c.id == bindparam("b_id")).values(rev=info.table.c.rev + 1)
        dict_rows = []
        for t in items:
            row = info.to_row(t.snapshot)
            row["b_id"] = row.pop("id")
            row["head_version"] = t.head
            row["hlc"] = t.hlc
            dict_rows.append(row)
        return stmt, dict_rows

    def _write(
        self, stmt: Any, rows: list[Any], items: list[_Target], ok: list[_Target], bad: list[tuple[_Target, str]]
    ) -> None:
        raw = isinstance(stmt, str)

        def attempt(lo: int, hi: int) -> None:
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
                    return
                mid = (lo + hi) // 2
                attempt(lo, mid)
                attempt(mid, hi)

        attempt(0, len(rows))

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

    def _retry_waiting(self, stats: Stats) -> None:
        """Rows held for a missing reference: try again now that more records are here."""
        for _round in range(50):
            waiting = [
                (t, r) for (t, r), reason in self._pending().items() if reason == PENDING_WAITING
            ]
            if not waiting:
                return
            pending = self._pending()
            local = Stats()
            targets = self._recompute(waiting, {}, local, pending)
            written: list[_Target] = []
            failed: list[tuple[_Target, str]] = []
            self._write_targets(targets, local, written, failed)
            self._record_pending(written, failed, pending)
            stats.rows_new += sum(1 for t in written if not t.exists)
            stats.rows_updated += sum(1 for t in written if t.exists)
            stats.conflicts += local.conflicts
            stats.merges += local.merges
            if not written:
                return
            stats.duplicates += self._flag_duplicates(written)

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

    # --- probable duplicates --------------------------------------------------------------------

    def _flag_duplicates(self, written: list[_Target]) -> int:
        from app.persistence.models import Case, Round, User

        found: dict[str, dict[str, Any]] = {}

        def add(table: str, ids: Iterable[str], reason: str, scope: str | None) -> None:
            group = sorted(set(ids))
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    pid = duplicate_pair_id(table, a, b)
                    entry = found.setdefault(
                        pid, {"id": pid, "table_name": table, "row_a": a, "row_b": b, "scope_id": scope, "reasons": set()}
                    )
                    entry["reasons"].add(reason)

        changed = [
            t for t in written
            if t.table == "cases"
            and self._case_keys.get(t.row_id) != tuple(t.snapshot.get(k) for k in DUPLICATE_KEYS)
        ]
        cases = [t for t in changed if not t.snapshot.get("deleted")]
        touched_rounds: set[str] = {str(t.snapshot["round_id"]) for t in cases if t.snapshot.get("round_id")}
        stale_rounds = {str(t.snapshot["round_id"]) for t in changed if t.snapshot.get("round_id")}
        stale_rounds |= {str(self._case_keys[t.row_id][0]) for t in changed if t.row_id in self._case_keys}
        units: set[str] = {
            str(t.snapshot["transport_unit_id"]) for t in cases
            if t.snapshot.get("bag_number") and t.snapshot.get("transport_unit_id")
        }
        # Which tags (bags) occur twice is read from the index alone; only those are looked up.
        for rid in sorted(touched_rounds):
            tags = list(self.conn.execute(
                select(Case.sender_tag_norm).where(Case.round_id == rid, Case.sender_tag_norm != "")
                .group_by(Case.sender_tag_norm).having(func.count() > 1)
            ).scalars())
            for chunk in chunks(tags):
                groups: dict[str, list[str]] = defaultdict(list)
                for cid, tag in self.conn.execute(
                    select(Case.id, Case.sender_tag_norm).where(
                        Case.round_id == rid, Case.sender_tag_norm.in_(chunk), Case.deleted.is_(False)
                    )
                ):
                    groups[tag].append(cid)
                for ids in groups.values():
                    if len(ids) > 1:
                        add("cases", ids, "same_tag", rid)
        for unit in sorted(units):
            bags = list(self.conn.execute(
                select(Case.bag_number).where(Case.transport_unit_id == unit, Case.bag_number != "")
                .group_by(Case.bag_number).having(func.count() > 1)
            ).scalars())
            for chunk in chunks(bags):
                groups = defaultdict(list)
                round_of: dict[str, str] = {}
                for cid, bag, rid in self.conn.execute(
                    select(Case.id, Case.bag_number, Case.round_id).where(
                        Case.transport_unit_id == unit, Case.bag_number.in_(chunk), Case.deleted.is_(False)
                    )
                ):
                    groups[bag].append(cid)
                    round_of[cid] = rid
                for ids in groups.values():
                    if len(ids) > 1:
                        add("cases", ids, "same_bag", round_of[ids[0]])
        codes = {t.snapshot.get("code") for t in written if t.table == "rounds" and not t.snapshot.get("deleted")}
        codes.discard(None)
        if codes:
            groups = defaultdict(list)
            for chunk in chunks(sorted(c for c in codes if isinstance(c, str))):
                for rid, code in self.conn.execute(
                    select(Round.id, Round.code).where(Round.code.in_(chunk), Round.deleted.is_(False))
                ):
                    groups[code].append(rid)
            for ids in groups.values():
                if len(ids) > 1:
                    add("rounds", ids, "same_code", None)
        names = {t.snapshot.get("username") for t in written if t.table == "users" and not t.snapshot.get("deleted")}
        names.discard(None)
        if names:
            groups = defaultdict(list)
            for chunk in chunks(sorted(n for n in names if isinstance(n, str))):
                for uid, name in self.conn.execute(
                    select(User.id, User.username).where(User.username.in_(chunk), User.deleted.is_(False))
                ):
                    groups[name].append(uid)
            for ids in groups.values():
                if len(ids) > 1:
                    add("users", ids, "same_username", None)
        decided = [t for t in written if t.table == "duplicate_decisions"]
        self._drop_stale_flags(stale_rounds)
        added = 0
        existing: dict[str, tuple[str, str]] = {}
        ids = sorted(found)
        for chunk in chunks(ids):
            for pid, reasons, status in self.conn.execute(
                select(ProbableDuplicate.id, ProbableDuplicate.reasons, ProbableDuplicate.status).where(
                    ProbableDuplicate.id.in_(chunk)
                )
            ):
                existing[pid] = (reasons, status)
        decisions = self._decisions(ids)
        new_rows = []
        for pid, entry in found.items():
            reasons = ",".join(sorted(entry["reasons"]))
            if pid in existing:
                old = set(existing[pid][0].split(","))
                if not entry["reasons"] <= old:
                    self.conn.execute(
                        update(ProbableDuplicate).where(ProbableDuplicate.id == pid)
                        .values(reasons=",".join(sorted(old | entry["reasons"])))
                    )
                continue
            status = decisions.get(pid, "open")
            new_rows.append(dict(entry, reasons=reasons, status=status, detected_at=self.now))
            if status == "open":
                added += 1
        if new_rows:
            self.conn.execute(insert(ProbableDuplicate), new_rows)
        if decided:
            for t in decided:
                status = "open" if t.snapshot.get("deleted") else str(t.snapshot.get("decision") or "open")
                self.conn.execute(
                    update(ProbableDuplicate).where(ProbableDuplicate.id == t.row_id).values(status=status)
                )
        return added

    def _decisions(self, ids: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in chunks(ids):
            for pid, decision in self.conn.execute(
                select(DuplicateDecision.id, DuplicateDecision.decision).where(
                    DuplicateDecision.id.in_(chunk), DuplicateDecision.deleted.is_(False)
                )
            ):
                found[pid] = decision
        return found

    def _drop_stale_flags(self, rounds: set[str]) -> None:
        """Open case flags in the touched rounds whose two cases no longer look alike."""
        from app.persistence.models import Case

        if not rounds:
            return
        flags: list[tuple[str, str, str]] = []
        for chunk in chunks(sorted(rounds)):
            flags += self.conn.execute(
                select(ProbableDuplicate.id, ProbableDuplicate.row_a, ProbableDuplicate.row_b).where(
                    ProbableDuplicate.table_name == "cases", ProbableDuplicate.scope_id.in_(chunk),
                    ProbableDuplicate.status == "open",
                )
            ).tuples().all()
        if not flags:
            return
        ids = sorted({a for _, a, _ in flags} | {b for _, _, b in flags})
        info: dict[str, tuple[Any, ...]] = {}
        for chunk in chunks(ids):
            for row in self.conn.execute(
                select(Case.id, Case.round_id, Case.sender_tag_norm, Case.transport_unit_id, Case.bag_number,
                       Case.deleted).where(Case.id.in_(chunk))
            ):
                info[row[0]] = tuple(row[1:])
        stale = []
        for pid, a, b in flags:
            x, y = info.get(a), info.get(b)
            if x is None or y is None or x[4] or y[4]:
                stale.append(pid)
                continue
            same_tag = x[0] == y[0] and bool(x[1]) and x[1] == y[1]
            same_bag = bool(x[2]) and x[2] == y[2] and bool(x[3]) and x[3] == y[3]
            if not (same_tag or same_bag):
                stale.append(pid)
        for chunk in chunks(stale):
            self.conn.execute(delete(ProbableDuplicate).where(ProbableDuplicate.id.in_(chunk)))


__all__ = ["Importer", "Stats", "parse_versions", "duplicate_pair_id"]
