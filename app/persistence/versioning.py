"""The row-version log, written in the same transaction as every change to a synced row.

ORM changes are versioned by a session hook: before a flush each new or changed synced object
gets a new version id and clock stamp; after the flush its snapshot is appended to
``row_versions``. Bulk paths that use Core statements call ``stamp_rows`` (new rows) or
``stamp_updates`` (changed rows) themselves, and write the records with ``insert_versions``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Table, bindparam, event, insert, select, update
from sqlalchemy.orm import Session, class_mapper
from sqlalchemy.orm.attributes import instance_state

from app.ids import HybridLogicalClock, uuid7
from app.persistence import chain, search  # noqa: F401  (search: the hooks that fill search forms)
from app.persistence.models import TABLE_TO_MODEL, RowVersion, SyncedMixin

# Columns that describe the local copy rather than the record itself.
BOOKKEEPING = frozenset({"rev", "head_version", "hlc"})


@dataclass
class Actor:
    """Who is changing data, on which device. Stored in ``session.info["actor"]``."""

    user_id: str | None
    username: str
    device_code: str
    clock: HybridLogicalClock = field(repr=False)


def utcnow() -> datetime:
    """Naive UTC to the millisecond (the database stores naive UTC datetimes on every dialect)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    return now.replace(microsecond=(now.microsecond // 1000) * 1000)


def json_value(value: Any) -> Any:
    """A column's value as a snapshot holds it (dates as ISO text, bytes as hex)."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="milliseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=json_value)


@cache
def snapshot_columns(table_name: str) -> list[str]:
    """The columns a snapshot of ``table_name`` holds: not the bookkeeping, not the search forms."""
    model = TABLE_TO_MODEL[table_name]
    return [
        c.key for c in class_mapper(model).column_attrs
        if c.key not in BOOKKEEPING and c.key not in model.search_columns
    ]


def snapshot_of(obj: SyncedMixin) -> dict[str, Any]:
    return {key: json_value(getattr(obj, key)) for key in snapshot_columns(obj.__tablename__)}  # type: ignore[attr-defined]


def snapshot_of_row(table_name: str, row: dict[str, Any]) -> dict[str, Any]:
    return {key: json_value(row.get(key)) for key in snapshot_columns(table_name)}


def version_record(
    table_name: str,
    snapshot: dict[str, Any],
    *,
    version_id: str,
    parent: str | None,
    hlc: str,
    actor: Actor,
    now: datetime,
) -> dict[str, Any]:
    return {
        "version_id": version_id,
        "table_name": table_name,
        "row_id": snapshot["id"],
        "parent_version_id": parent,
        "hlc": hlc,
        "device_code": actor.device_code,
        "author_id": actor.user_id,
        "author_name": actor.username,
        "deleted": bool(snapshot.get("deleted")),
        "snapshot": canonical_json(snapshot),
        "created_at": now,
        "exported": False,
    }


def stamp_rows(table_name: str, rows: list[dict[str, Any]], actor: Actor) -> list[dict[str, Any]]:
    """For Core inserts: fill the synced columns of new rows and return their version records."""
    now = utcnow()
    versions = []
    for row in rows:
        row.setdefault("id", uuid7())
        row.setdefault("deleted", False)
        row.setdefault("created_at", now)
        row["rev"] = 1
        versions.append(_new_head(table_name, row, None, actor, now))
    return versions


def stamp_updates(table_name: str, rows: list[dict[str, Any]], actor: Actor) -> list[dict[str, Any]]:
    """For Core updates: ``rows`` are whole rows as read (with ``rev`` and ``head_version``), their
    changes already applied; their synced columns are moved on here (``rev`` + 1, a new head
    version whose parent is the old one) and their version records returned. The caller updates
    each row where its ``rev`` is still the one it read."""
    now = utcnow()
    versions = []
    for row in rows:
        row["rev"] = int(row["rev"]) + 1
        versions.append(_new_head(table_name, row, row.get("head_version"), actor, now))
    return versions


def _new_head(
    table_name: str, row: dict[str, Any], parent: str | None, actor: Actor, now: datetime
) -> dict[str, Any]:
    """Give ``row`` a new head version after ``parent`` (stamped now, by ``actor``); its record."""
    row["updated_at"] = now
    row["updated_by"] = actor.user_id
    row["head_version"] = uuid7()
    row["hlc"] = actor.clock.now()
    return version_record(
        table_name,
        snapshot_of_row(table_name, row),
        version_id=row["head_version"],
        parent=parent,
        hlc=row["hlc"],
        actor=actor,
        now=now,
    )


_PENDING_KEY = "repat_pending_versions"
_UNLINKED_KEY = "repat_unlinked_versions"


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    actor: Actor | None = session.info.get("actor")
    pending: list[tuple[SyncedMixin, str | None]] = session.info.setdefault(_PENDING_KEY, [])
    now = utcnow()
    for obj in list(session.new) + list(session.dirty):
        if not isinstance(obj, SyncedMixin):
            continue
        is_new = obj in session.new
        if not is_new and not session.is_modified(obj, include_collections=False):
            continue
        if actor is None:
            raise RuntimeError("a synced row was changed without an actor in session.info")
        if not is_new:
            state = instance_state(obj)
            changed = {
                a.key for a in state.attrs if a.key not in BOOKKEEPING and a.history.has_changes()
            } - {"updated_at", "updated_by"}
            if not changed:
                continue
        parent = None if is_new else obj.head_version
        if is_new:
            if obj.id is None:
                obj.id = uuid7()
            if obj.created_at is None:
                obj.created_at = now
            if obj.deleted is None:
                obj.deleted = False
        obj.updated_at = now
        obj.updated_by = actor.user_id
        obj.head_version = uuid7()
        obj.hlc = actor.clock.now()
        pending.append((obj, parent))


def _after_flush(session: Session, _ctx: Any) -> None:
    pending: list[tuple[SyncedMixin, str | None]] = session.info.pop(_PENDING_KEY, [])
    if not pending:
        return
    actor: Actor = session.info["actor"]
    now = utcnow()
    records = [
        version_record(
            obj.__tablename__,  # type: ignore[attr-defined]
            snapshot_of(obj),
            version_id=obj.head_version or uuid7(),
            parent=parent,
            hlc=obj.hlc or actor.clock.now(),
            actor=actor,
            now=now,
        )
        for obj, parent in pending
    ]
    insert_versions(session, records)


def insert_versions(conn: Connection | Session, records: list[dict[str, Any]]) -> None:
    """Append versions written here to the log, each given its place in its device's chain.

    On a bare connection the versions are chained at once. Through a session they are written at
    once and chained when the session commits: the chain's head is then locked only for the
    moment of the commit, so a long editing transaction never holds up the other writers of a
    shared server."""
    if not records:
        return
    if isinstance(conn, Session):
        for rec in records:
            rec.update(chain_id=None, chain_seq=None, prev_hash=None, content_hash=None)
        conn.connection().execute(insert(RowVersion), records)
        conn.info.setdefault(_UNLINKED_KEY, []).extend(records)
        return
    chain.link(conn, records)
    conn.execute(insert(RowVersion), records)


_ROW_VERSIONS: Table = RowVersion.__table__  # type: ignore[assignment]
_LINK = (
    update(_ROW_VERSIONS)
    .where(_ROW_VERSIONS.c.version_id == bindparam("b_version_id"))
    .values(
        chain_id=bindparam("b_chain_id"),
        chain_seq=bindparam("b_chain_seq"),
        prev_hash=bindparam("b_prev_hash"),
        content_hash=bindparam("b_content_hash"),
    )
)


def _before_commit(session: Session) -> None:
    """Chain the versions the session wrote, last thing before it commits."""
    session.flush()
    records: list[dict[str, Any]] = session.info.pop(_UNLINKED_KEY, [])
    if not records:
        return
    conn = session.connection()
    # a savepoint rolled back takes its versions with it: chain only those still written
    written: set[str] = set()
    ids = [rec["version_id"] for rec in records]
    for start in range(0, len(ids), 500):
        written.update(conn.scalars(
            select(RowVersion.version_id).where(RowVersion.version_id.in_(ids[start:start + 500]))
        ))
    records = [rec for rec in records if rec["version_id"] in written]
    chain.link(conn, records)
    conn.execute(_LINK, [
        {"b_version_id": rec["version_id"], "b_chain_id": rec["chain_id"], "b_chain_seq": rec["chain_seq"],
         "b_prev_hash": rec["prev_hash"], "b_content_hash": rec["content_hash"]}
        for rec in records
    ])


def _after_rollback(session: Session) -> None:
    session.info.pop(_UNLINKED_KEY, None)


def install(session_factory: Any) -> None:
    """Attach the versioning hooks to a sessionmaker.

    A marker on the factory says whether it is done: ``event.contains`` looks listeners up by
    the object's id(), so a new sessionmaker at the address of a collected one would seem to
    have them already.
    """
    if not getattr(session_factory, "_repat_versioned", False):
        event.listen(session_factory, "before_flush", _before_flush)
        event.listen(session_factory, "after_flush", _after_flush)
        event.listen(session_factory, "before_commit", _before_commit)
        event.listen(session_factory, "after_rollback", _after_rollback)
        session_factory._repat_versioned = True


def history(session: Session, table_name: str, row_id: str) -> list[dict[str, Any]]:
    """Every version of a row, oldest first, with the fields each one changed."""
    rows = (
        session.query(RowVersion)
        .filter(RowVersion.table_name == table_name, RowVersion.row_id == row_id)
        .order_by(RowVersion.hlc, RowVersion.seq)
        .all()
    )
    result: list[dict[str, Any]] = []
    previous: dict[str, Any] = {}
    for rv in rows:
        snap = json.loads(rv.snapshot)
        changed = {
            key: (previous.get(key), value)
            for key, value in snap.items()
            if key not in {"updated_at", "updated_by", "created_at"} and previous.get(key) != value
        }
        if not previous:
            changed = {k: (None, v) for k, v in snap.items() if v not in (None, "", False) and k != "id"}
            changed = {k: c for k, c in changed.items() if k not in {"updated_at", "updated_by", "created_at"}}
        result.append(
            {
                "version_id": rv.version_id,
                "hlc": rv.hlc,
                "author": rv.author_name,
                "device": rv.device_code,
                "at": rv.created_at,
                "deleted": rv.deleted,
                "changed": changed,
                "snapshot": snap,
            }
        )
        previous = snap
    return result
