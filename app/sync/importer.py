"""Import: apply the row versions of verified bundles to the database, in the caller's transaction.

For each bundle:

1. versions of rounds this device does not receive are skipped (when it receives only some);
2. versions already known are skipped; the others are appended to the version log;
3. each touched row is brought to the state its versions determine: a new row or a
   fast-forward directly, anything else through ``app.sync.merge`` (which may add a merge
   version and conflicts);
4. the states are written with Core statements, tables in foreign-key order, each row checked
   first: a row that refers to a record not received yet is held in ``sync_pending`` and retried
   at every import; natural keys two installations may both issue (case and certificate numbers,
   device codes) are settled: every row holding a shared value is kept and marked (``KEY_CLASH``
   in the models) and the pair flagged for the supervisor; of several links between one
   certificate and one case (links made before their ids were derived from the pair), the one
   with the smallest id carries the pair and every live version of the others is superseded by a
   deletion every replica derives alike;
5. attachment bytes are stored, held rows retried, probable duplicates flagged.

Everything happens in one transaction opened by the caller, so a cancel or an error leaves the
database as it was. The outcome depends only on which versions are known, never on the order in
which bundles arrived.

Because rows are checked before they are written, writes need no savepoint each; should a write
still break a constraint, the caller rolls the transaction back and applies the bundles again with
``careful`` set (each bundle, and each part of it, in a savepoint; failing rows held). The bulk of
an import is new rows: on SQLite they become statement parameters through C-level iteration
(item getters, ``zip``, ``map``) and are written with ``executemany``.
"""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from itertools import repeat
from operator import is_not, itemgetter, methodcaller
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from app.domain import normalize_tag
from app.persistence.models import (
    TABLE_TO_MODEL,
    Blob,
    Conflict,
    DuplicateDecision,
    ProbableDuplicate,
    RowVersion,
    SyncPending,
)
from app.persistence.versioning import canonical_json, insert_versions
from app.progress import CancelToken
from app.sync import merge as mergemod
from app.sync.bundle import BundleError
from app.sync.tables import (
    NATURAL_KEYS,
    SHARED_KEY_REASONS,
    TableInfo,
    round_scope,
    sqlite_columns,
    sqlite_datetime,
    sqlite_params,
    table_info,
    table_order,
)

try:  # orjson parses several times faster; the standard library is the fallback
    from orjson import dumps as _dumps
    from orjson import loads

    def json_array(items: Sequence[Any]) -> str:
        return _dumps(list(items)).decode()
except ImportError:  # pragma: no cover
    from json import loads  # type: ignore[assignment]

    def json_array(items: Sequence[Any]) -> str:
        return json.dumps(list(items))


IN_CHUNK = 900
WRITE_CHUNK = 2000
_VERSION_COLUMNS = (
    "version_id", "table_name", "row_id", "parent_version_id", "merge_parents", "hlc", "device_code", "author_id",
    "author_name", "deleted", "snapshot", "created_at", "exported", "resolves", "chain_id", "chain_seq",
    "prev_hash", "content_hash",
)
_SQLITE_INSERT_VERSION = (
    f"INSERT INTO row_versions ({', '.join(_VERSION_COLUMNS)}) VALUES ({', '.join('?' for _ in _VERSION_COLUMNS)})"
)
# The usual version (no merge parents, no resolutions, a creation time in the standard form)
# goes in straight from the parsed record; SQLite turns "YYYY-MM-DDTHH:MM:SS.mmm" into its
# storage form itself.
_PLAIN_VERSION = itemgetter(
    "version_id", "table", "row_id", "parent", "hlc", "device", "author_id", "author", "deleted", "snapshot",
    "created_at", "chain_id", "chain_seq", "prev_hash", "content_hash",
)
_SQLITE_INSERT_PLAIN_VERSION = (
    "INSERT INTO row_versions (version_id, table_name, row_id, parent_version_id, hlc, device_code, author_id, "
    "author_name, deleted, snapshot, created_at, chain_id, chain_seq, prev_hash, content_hash, merge_parents, "
    "resolves, exported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, replace(?, 'T', ' ') || '000', ?, ?, ?, ?, NULL, NULL, 0)"
)
RV: Table = RowVersion.__table__  # type: ignore[assignment]
PENDING_WAITING = "waiting"
# What makes two cases look alike (same tag in a round, same bag in a transport unit).
DUPLICATE_KEYS = ("round_id", "sender_tag_norm", "transport_unit_id", "bag_number", "deleted")
PENDING_INCOMPLETE = "incomplete"
LINKS = "certificate_cases"
# The part of a file's progress that writing its records stands for (the rest: attachments and
# the search for probable duplicates)
_RECORDS_DONE = 0.85
_MISSING = object()


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


def superseding_version_id(version_id: str) -> str:
    """The deletion that supersedes a live version of a link row that does not carry its pair."""
    return str(uuid.uuid5(mergemod.NAMESPACE, f"superseded:{version_id}"))


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
_NONE = type(None)
_TABLES = frozenset(TABLE_TO_MODEL)


def _str(value: Any, limit: int, *, optional: bool = False) -> bool:
    if value is None:
        return optional
    return isinstance(value, str) and len(value) <= limit


def _texts(values: list[Any], limit: int, *, optional: bool = False, shortest: int = 0) -> bool:
    """Every value is a string of ``shortest`` to ``limit`` characters (or None if ``optional``)."""
    kinds = set(map(type, values))
    if not kinds <= ({str, _NONE} if optional else {str}):
        return False
    present = list(filter(partial(is_not, None), values)) if _NONE in kinds else values
    if not present:
        return True
    lengths = set(map(len, present))
    return max(lengths) <= limit and min(lengths) >= shortest


def _well_formed(records: list[Any]) -> bool:
    """Every record has the fields of a row version, of the right types and sizes. Checked a
    field at a time over all records (C-level iteration), as a bundle holds 10^5 of them."""
    if type(records) is not list:
        return False
    if not records:
        return True
    if set(map(type, records)) != {dict}:
        return False

    fields = ("version_id", "row_id", "parent", "hlc", "device", "author_id", "author", "created_at", "snapshot",
              "deleted", "table")
    vid, row_id, parent, hlc, device, author_id, author, created, snapshot, deleted, table = (
        list(c) for c in zip(*map(itemgetter(*fields), records), strict=True)
    )
    if not (
        _texts(vid, _STR36) and _texts(row_id, _STR36) and _texts(parent, _STR36, optional=True)
        and _texts(hlc, 64) and _texts(device, 16) and _texts(author_id, _STR36, optional=True)
        and _texts(author, 64) and _texts(created, 40, shortest=10)
        and set(map(type, snapshot)) == {str} and set(map(type, deleted)) == {bool} and set(table) <= _TABLES
    ):
        return False
    seqs = list(map(methodcaller("get", "chain_seq", _MISSING), records))
    if not set(map(type, seqs)) <= {int, _NONE} or not _texts(
        list(map(methodcaller("get", "prev_hash", _MISSING), records)), 64, optional=True, shortest=64
    ) or not _texts(list(map(methodcaller("get", "chain_id", _MISSING), records)), 64, optional=True, shortest=1):
        return False
    for name in ("merge_parents", "resolves"):
        values = list(map(methodcaller("get", name), records))
        if set(map(type, values)) == {_NONE}:
            continue
        for value in values:
            if value is None:
                continue
            if type(value) is not list:
                return False
            if name == "merge_parents" and not all(_str(p, _STR36) for p in value):
                return False
            if name == "resolves" and not all(
                type(x) is dict and _str(x.get("conflict"), _STR36) and _str(x.get("field"), 64) for x in value
            ):
                return False
    return True


def parse_versions(data: bytes, label: str) -> list[dict[str, Any]]:
    """The records of ``versions.jsonl``, checked field by field (one sentence if damaged)."""
    if not data or data.isspace():
        return []
    # One JSON array of the lines (the large text copied twice, not four times)
    body = bytearray(b"[")
    body += data
    body = body.replace(b"\n", b",")
    while body[-1] in b", \t\r":  # the last line's end (and any blank end)
        body.pop()
    body += b"]"
    try:
        records: list[dict[str, Any]] = loads(body)
    except ValueError as exc:
        raise BundleError(f"{label} is damaged: its list of changes cannot be read.") from exc
    damaged = BundleError(f"{label} is damaged: a change record is malformed.")
    try:
        ok = _well_formed(records)
    except (KeyError, TypeError):
        ok = False
    if not ok:
        raise damaged
    try:
        for created in set(map(itemgetter("created_at"), records)):
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


def _bookkeeping(items: Sequence[_Target], flags: dict[str, bool] | None) -> tuple[list[str], list[Sequence[Any]]]:
    """The columns a written row gets besides its snapshot (head version, clock, and the shared
    key mark when ``flags`` is given), with their values for ``items``, column by column."""
    names = ["head_version", "hlc"]
    extra: list[Sequence[Any]] = [[t.head for t in items], [t.hlc for t in items]]
    if flags is not None:
        names.append("key_clash")
        extra.append([flags.get(t.row_id, False) for t in items])
    return names, extra


def _load_snapshots(targets: Sequence[_Target]) -> None:
    """Parse the snapshots of many targets at once (each must be an object with the row's id)."""
    waiting = [t for t in targets if t._snapshot is None]
    if not waiting:
        return
    damaged = BundleError("A bundle is damaged: a record's contents do not match the record.")
    try:
        snaps = list(map(loads, [t._text or "" for t in waiting]))
    except ValueError as exc:
        raise BundleError("A bundle is damaged: a record's contents cannot be read.") from exc
    if set(map(type, snaps)) != {dict}:
        raise damaged
    if list(map(methodcaller("get", "id"), snaps)) != [t.row_id for t in waiting]:
        raise damaged
    for t, snap in zip(waiting, snaps, strict=True):
        t._snapshot = snap


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
        progress: Callable[[str, float], None] | None = None,
    ) -> None:
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"
        self.now = now
        self.round_codes = round_codes
        self.local_device = local_device
        self.token = token or CancelToken()
        # progress: what is being done, and how much of the file is done (0 to 1)
        self._say = progress or (lambda message, fraction: None)
        self._rows_total = 0  # rows this file brings up to date, and how many are written so far
        self._rows_done = 0
        self.timings: dict[str, float] = defaultdict(float)
        # Rows are checked before they are written (references, natural keys, links), so writes
        # go without a savepoint each; ``careful`` writes each part in a savepoint and finds the
        # rows that break a constraint by halving (the fallback when a bundle surprised the checks).
        self.careful = False
        self._case_keys: dict[str, tuple[Any, ...]] = {}  # a case's duplicate keys before this import
        self._old_keys: dict[str, dict[str, Any]] = defaultdict(dict)  # natural key before this import
        self._pend: dict[tuple[str, str], str] = {}  # sync_pending as of the current pass
        # groups of live rows found sharing a natural key: table -> value -> [(id, round id)]
        self._shared: dict[str, dict[Any, list[tuple[str, str | None]]]] = defaultdict(dict)
        self._settled: dict[str, set[str]] = defaultdict(set)  # rows whose shared-key state was settled
        self.kept: set[str] = set()  # the versions of the last file applied that this database keeps

    @contextlib.contextmanager
    def _phase(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] += time.perf_counter() - started

    def _in(self, sql: str, values: Sequence[Any]) -> Sequence[Any]:
        """The rows of ``sql`` in which ``IN ?`` stands for the list ``values`` (any length, one
        statement: SQLite reads the list from a JSON array, PostgreSQL from an array)."""
        if not values:
            return []
        if self.sqlite:
            return self.conn.exec_driver_sql(
                sql.replace("IN ?", "IN (SELECT value FROM json_each(?))"), (json_array(values),)
            ).fetchall()
        return self.conn.exec_driver_sql(sql.replace("IN ?", "= ANY(%(values)s)"), {"values": list(values)}).fetchall()

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

    def _known_versions(self, ids: Sequence[str]) -> set[str]:
        return {r[0] for r in self._in("SELECT version_id FROM row_versions WHERE version_id IN ?", ids)}

    def _insert_versions(self, records: list[dict[str, Any]]) -> None:
        if self.sqlite:
            created = set(map(itemgetter("created_at"), records))
            standard = all(len(c) == 23 and c[10] == "T" and c[19] == "." for c in created)
            plain_kinds = {_NONE}
            special = not standard or any(
                set(map(type, map(methodcaller("get", name), records))) != plain_kinds
                for name in ("merge_parents", "resolves")
            )
            plain = records
            if special:
                plain = [
                    r for r in records
                    if r.get("merge_parents") is None and r.get("resolves") is None and len(r["created_at"]) == 23
                    and r["created_at"][10] == "T" and r["created_at"][19] == "."
                ]
            for chunk in chunks(plain, 5000):
                self.conn.exec_driver_sql(_SQLITE_INSERT_PLAIN_VERSION, list(map(_PLAIN_VERSION, chunk)))
            if len(plain) == len(records):
                return
            done = {r["version_id"] for r in plain}
            rows: list[Any] = [
                (
                    r["version_id"], r["table"], r["row_id"], r["parent"],
                    json.dumps(r["merge_parents"]) if r.get("merge_parents") else None,
                    r["hlc"], r["device"], r["author_id"], r["author"], r["deleted"], r["snapshot"],
                    sqlite_datetime(r["created_at"]), False,
                    json.dumps(r["resolves"]) if r.get("resolves") else None,
                    r.get("chain_id"), r.get("chain_seq"), r.get("prev_hash"), r["content_hash"],
                )
                for r in records if r["version_id"] not in done
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
                "chain_id": r.get("chain_id"),
                "chain_seq": r.get("chain_seq"),
                "prev_hash": r.get("prev_hash"),
                "content_hash": r["content_hash"],
            }
            for r in records
        ]
        for chunk in chunks(rows, 5000):
            self.conn.execute(insert(RV), list(chunk))

    # --- rows -----------------------------------------------------------------------------------

    def _current(self, table: str, ids: Sequence[str]) -> dict[str, str | None]:
        """Each row's head version (rows not in the table are absent). For cases, also what
        duplicate detection looks at, so unchanged cases are not looked at again; for tables
        with a natural key, the key."""
        extra: list[str] = list(DUPLICATE_KEYS) if table == "cases" else []
        key = NATURAL_KEYS.get(table)
        if key:
            extra.append(key)
        cols = ", ".join(["id", "head_version", *extra])
        found: dict[str, str | None] = {}
        for row in self._in(f"SELECT {cols} FROM {table} WHERE id IN ?", ids):
            found[row[0]] = row[1]
            if table == "cases":
                self._case_keys[row[0]] = tuple(row[2 : 2 + len(DUPLICATE_KEYS)])
            if key:
                self._old_keys[table][row[0]] = row[-1]
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
                insert_versions(self.conn, list(chunk))
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
        names, extra = _bookkeeping(items, flags)
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
        names, extra = _bookkeeping(items, flags)
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

    def forget(self) -> None:
        """Drop what was read during an attempt that was rolled back."""
        self._case_keys.clear()
        self._old_keys.clear()

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

    # --- natural keys two installations may both issue ------------------------------------------

    def _prepare_keys(self, table: str, key: str, items: list[_Target]) -> tuple[dict[str, bool], list[Any]]:
        """Before ``items`` are written: mark the rows that will share a value with them, and say
        which mark each item is written with. Returns the marks and the values to settle once
        written (none when no value is or was shared)."""
        new_value = {t.row_id: t.snapshot.get(key) for t in items}
        old = self._old_keys[table]
        values = set(new_value.values())
        values.update(old[t.row_id] for t in items if t.exists and t.row_id in old)
        values.discard(None)
        holders = self._in(f"SELECT id, {key}, key_clash FROM {table} WHERE {key} IN ?", sorted(values))
        members: dict[Any, set[str]] = defaultdict(set)
        holding: dict[Any, set[str]] = defaultdict(set)
        for row_id, value, _clash in holders:
            holding[value].add(row_id)
            if row_id not in new_value:
                members[value].add(row_id)
        for row_id, value in new_value.items():
            members[value].add(row_id)
        shared = {v for v, m in members.items() if len(m) > 1}
        mark_now = sorted(r for r, v, clash in holders if r not in new_value and v in shared and not clash)
        if mark_now:
            self._set_clash(table, mark_now, True)
        # Alone with its value: written unmarked, unless another row holds the value right now
        # (values changing hands within the batch): then marked until settled below.
        flags = {r: v in shared or bool(holding.get(v, set()) - {r}) for r, v in new_value.items()}
        if shared or any(flags.values()) or any(clash for _r, _v, clash in holders):
            return flags, sorted(values)
        return flags, []

    def _settle_keys(self, table: str, key: str, values: list[Any]) -> None:
        """Mark exactly the rows that share one of ``values`` with another row (the rows as now
        written: a row held for a missing reference shares nothing yet)."""
        round_col = ", round_id" if table == "cases" else ", NULL"
        rows = self._in(f"SELECT id, {key}, key_clash, deleted{round_col} FROM {table} WHERE {key} IN ?", values)
        groups: dict[Any, list[Any]] = defaultdict(list)
        for row in rows:
            groups[row[1]].append(row)
        on: list[str] = []
        off: list[str] = []
        for value, group in groups.items():
            shared = len(group) > 1
            for row_id, _v, clash, _deleted, _round in group:
                if bool(clash) != shared:
                    (on if shared else off).append(row_id)
                self._settled[table].add(row_id)
            live = sorted((r[0], r[4]) for r in group if not r[3])
            if shared and len(live) > 1:
                self._shared[table][value] = live
        if off:
            self._set_clash(table, sorted(off), False)
        if on:
            self._set_clash(table, sorted(on), True)

    def settle_natural_key(self, table: str, row_id: str, values: Sequence[Any]) -> int:
        """After row ``row_id`` of ``table`` left or took the natural-key ``values`` outside an
        import (a supervisor's resolution): mark exactly the rows that share a value, flag the new
        pairs and drop the flags that no longer hold. Returns the new open flags."""
        self._shared.clear()
        self._settled.clear()
        self._settle_keys(table, NATURAL_KEYS[table], sorted(values))
        self._drop_stale_flags(set(), {row_id} if table == "cases" else set())
        return self._flag_duplicates([])

    def _set_clash(self, table: str, ids: list[str], value: bool) -> None:
        t = table_info(table).table
        for chunk in chunks(ids):
            self.conn.execute(update(t).where(t.c.id.in_(chunk)).values(key_clash=value))

    # --- two links between one certificate and one case ----------------------------------------

    def _supersede_links(self, items: list[_Target], stats: Stats) -> list[_Target]:
        """Of several link rows naming the same certificate and case, the one with the smallest
        id carries the pair; every live version the others' authors made gets a deletion derived
        from it (the same on every replica, in any order of arrival), which travels like any
        version. So the others are tombstones whatever arrives later, and nothing is lost: they
        keep every version they had, and the pair stays listed as the row that carries it says."""
        pairs = {t.row_id: (t.snapshot.get("certificate_id"), t.snapshot.get("case_id")) for t in items}
        certificates = sorted({c for c, _ in pairs.values() if c})
        groups: dict[tuple[Any, Any], set[str]] = defaultdict(set)
        for row_id, cert, case in self._in(
            f"SELECT id, certificate_id, case_id FROM {LINKS} WHERE certificate_id IN ?", certificates
        ):
            groups[(cert, case)].add(row_id)
        for row_id, pair in pairs.items():
            groups[pair].add(row_id)
        losers = sorted(r for g in groups.values() if len(g) > 1 for r in g if r != min(g))
        if not losers:
            return items
        live = self._in(
            f"SELECT row_id, version_id, snapshot, hlc FROM row_versions WHERE table_name = '{LINKS}' "
            f"AND deleted = {'0' if self.sqlite else 'false'} AND merge_parents IS NULL AND row_id IN ?",
            losers,
        )
        wanted = {superseding_version_id(vid): (row_id, vid, snap, hlc) for row_id, vid, snap, hlc in live}
        known = self._known_versions(sorted(wanted))
        records = []
        for vid in sorted(set(wanted) - known):
            row_id, parent, snapshot_text, hlc = wanted[vid]
            snapshot = json.loads(snapshot_text)
            snapshot["deleted"] = True
            records.append({
                "version_id": vid, "table_name": LINKS, "row_id": row_id, "parent_version_id": parent,
                "merge_parents": None, "hlc": hlc, "device_code": mergemod.MERGE_DEVICE, "author_id": None,
                "author_name": mergemod.MERGE_AUTHOR, "deleted": True, "snapshot": canonical_json(snapshot),
                "created_at": self.now, "exported": False, "resolves": None,
            })
        if records:
            insert_versions(self.conn, records)
        superseded = set(losers)
        again = self._recompute([(LINKS, r) for r in losers], {}, stats, self._pend)
        for t in again:
            # Complete, a superseded row is deleted (merge versions are see-through, and each of
            # its live authored versions has its deletion). While part of its history is still
            # missing, its provisional state may be a live merge version: shown deleted too.
            if t.incomplete and not t.snapshot.get("deleted"):
                t._snapshot = dict(t.snapshot, deleted=True)
        return [t for t in items if t.row_id not in superseded] + again

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

        before = self._case_keys
        changed = [
            t for t in written
            if t.table == "cases"
            and (t.row_id not in before or before[t.row_id] != tuple(map(t.snapshot.get, DUPLICATE_KEYS)))
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
            tags = [r[0] for r in self.conn.exec_driver_sql(
                _sql(self.sqlite, "SELECT sender_tag_norm FROM cases WHERE round_id = :r AND sender_tag_norm != '' "
                     "GROUP BY sender_tag_norm HAVING count(*) > 1"), _params(self.sqlite, r=rid),
            )]
            if not tags:
                continue
            groups: dict[str, list[str]] = defaultdict(list)
            for chunk in chunks(tags):
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
            # a unit holds tens of bags: read them all and compare the numbers as a person reads
            # them (look-alike letters, a scanner in the other layout; see app.lookalikes)
            groups = defaultdict(list)
            round_of: dict[str, str] = {}
            for cid, bag, rid in self.conn.execute(
                select(Case.id, Case.bag_number, Case.round_id)
                .where(Case.transport_unit_id == unit, Case.bag_number != "", Case.deleted.is_(False))
                .order_by(Case.id)
            ):
                groups[normalize_tag(bag)].append(cid)
                round_of[cid] = rid
            for ids in groups.values():
                if len(ids) > 1:
                    add("cases", ids, "same_bag", round_of[ids[0]])
        # natural keys shared by two installations (found while writing; see _settle_keys)
        for table, shared in self._shared.items():
            for members in shared.values():
                add(table, [m[0] for m in members], SHARED_KEY_REASONS[table], members[0][1])
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
        self._drop_stale_flags(stale_rounds, {t.row_id for t in changed})
        added = 0
        existing: dict[str, tuple[str, str]] = {}
        ids = sorted(found)
        for pid, reasons, status in self._in("SELECT id, reasons, status FROM probable_duplicates WHERE id IN ?", ids):
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

    def _drop_stale_flags(self, rounds: set[str], cases: set[str]) -> None:
        """Open flags whose two records no longer look alike: case flags in the touched rounds or
        on the changed cases, and flags of shared natural keys on rows whose state was settled."""
        if not self.conn.exec_driver_sql(
            "SELECT 1 FROM probable_duplicates WHERE status = 'open' LIMIT 1"
        ).first():
            return  # no open flag to look at (the usual case at a first import)
        flags: dict[str, tuple[str, str, str, str]] = {}
        for pid, table, a, b, reasons in self._in(
            "SELECT id, table_name, row_a, row_b, reasons FROM probable_duplicates "
            "WHERE table_name = 'cases' AND status = 'open' AND scope_id IN ?", sorted(rounds),
        ):
            flags[pid] = (table, a, b, reasons)
        watched = sorted(cases)
        for column in ("row_a", "row_b"):
            for pid, table, a, b, reasons in self._in(
                "SELECT id, table_name, row_a, row_b, reasons FROM probable_duplicates "
                f"WHERE table_name = 'cases' AND status = 'open' AND {column} IN ?", watched,
            ):
                flags[pid] = (table, a, b, reasons)
        for table, settled in self._settled.items():
            if table == "cases" or not settled:
                continue
            for column in ("row_a", "row_b"):
                for pid, tname, a, b, reasons in self._in(
                    "SELECT id, table_name, row_a, row_b, reasons FROM probable_duplicates "
                    f"WHERE table_name = '{table}' AND status = 'open' AND {column} IN ?", sorted(settled),
                ):
                    flags[pid] = (tname, a, b, reasons)
        if not flags:
            return
        stale: list[str] = []
        by_table: dict[str, list[str]] = defaultdict(list)
        for pid, (table, a, b, _r) in flags.items():
            by_table[table].extend((pid, a, b))
        for table in sorted({f[0] for f in flags.values()}):
            key = NATURAL_KEYS.get(table)
            ids = sorted({x for pid, (t, a, b, _r) in flags.items() if t == table for x in (a, b)})
            if table == "cases":
                cols = "id, round_id, sender_tag_norm, transport_unit_id, bag_number, deleted, case_number"
            else:
                cols = f"id, NULL, NULL, NULL, NULL, deleted, {key}"
            info = {row[0]: tuple(row[1:]) for row in self._in(f"SELECT {cols} FROM {table} WHERE id IN ?", ids)}
            for pid, (t, a, b, _r) in flags.items():
                if t != table:
                    continue
                x, y = info.get(a), info.get(b)
                if x is None or y is None or x[4] or y[4]:
                    stale.append(pid)
                    continue
                same_tag = x[0] == y[0] and bool(x[1]) and x[1] == y[1]
                same_bag = bool(x[2]) and x[2] == y[2] and bool(x[3]) and normalize_tag(x[3]) == normalize_tag(y[3])
                same_key = x[5] is not None and x[5] == y[5]
                if not (same_tag or same_bag or same_key):
                    stale.append(pid)
        for chunk in chunks(sorted(stale)):
            self.conn.execute(delete(ProbableDuplicate).where(ProbableDuplicate.id.in_(chunk)))


def _sql(sqlite: bool, statement: str) -> str:
    """A statement with ``:name`` parameters in the driver's own style."""
    import re

    return re.sub(r":(\w+)", r"?" if sqlite else r"%(\1)s", statement)


def _params(sqlite: bool, **values: Any) -> Any:
    return tuple(values.values()) if sqlite else values


__all__ = ["Importer", "Stats", "parse_versions", "duplicate_pair_id", "superseding_version_id"]
