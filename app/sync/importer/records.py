"""The records of a bundle: read and checked field by field (``parse_versions``), and appended
to the version log (``VersionLog``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from functools import partial
from operator import is_not, itemgetter, methodcaller
from typing import Any

from sqlalchemy import insert

from app.persistence.models import TABLE_TO_MODEL
from app.sync.bundle.members import BundleError
from app.sync.importer.base import _MISSING, _NONE, RV, ImportState, chunks, loads
from app.sync.tables import sqlite_datetime

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

# --- parsing ---------------------------------------------------------------------------------

_STR36 = 36
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


class VersionLog(ImportState):
    """Which versions are known, and appending the new ones to ``row_versions``."""

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
