"""What every stage of an import shares: the importer's state (``ImportState``), the counts it
reports (``Stats``), the state a row is to be written in (``_Target``) and small helpers."""

from __future__ import annotations

import contextlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import methodcaller
from typing import Any

from sqlalchemy import Connection, Table

from app.persistence.models import RowVersion
from app.progress import CancelToken
from app.sync.bundle.members import BundleError

try:  # orjson parses several times faster; the standard library is the fallback
    from orjson import dumps as _dumps
    from orjson import loads as loads  # (``as``: the stages import it from here)

    def json_array(items: Sequence[Any]) -> str:
        return _dumps(list(items)).decode()
except ImportError:  # pragma: no cover
    from json import loads as loads  # type: ignore[assignment]

    def json_array(items: Sequence[Any]) -> str:
        return json.dumps(list(items))


IN_CHUNK = 900
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


_NONE = type(None)


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


class ImportState:
    """What an import holds while it runs, and how it reads the database; each stage of the
    ``Importer`` builds on it."""

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

    def forget(self) -> None:
        """Drop what was read during an attempt that was rolled back."""
        self._case_keys.clear()
        self._old_keys.clear()

