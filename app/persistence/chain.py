"""The hash chain of the version log: every row version is evidence of who wrote what, when.

Each installation's versions form one chain, like an append-only ledger. The chain is named by
``chain_id``, the id of the installation's device record (two laptops set up under one device
code are two chains; versions written before chains existed form one chain per device code,
``legacy:KH01``). The version at position ``chain_seq`` of a chain carries ``prev_hash``, the
``content_hash`` of the chain's version at position ``chain_seq - 1`` (none for the first), and
its own ``content_hash``, the SHA-256 of its canonical line (``version_line``): every field of the
version, its chain, position and ``prev_hash`` included. Changing, removing or inserting a
version therefore breaks the chain at that point, and a bundle's manifest signs the head of each
chain it carries.

Merge versions (device ``MERGE``) are not written by any one device: every replica derives the
same ones from their parents, so they carry only their ``content_hash`` and are checked by
deriving them again (``app.services.admin.audit``).

The newest position of each chain is kept in ``chain_heads`` (local, derived), whose row is
updated in the writing transaction: that update is the lock that keeps two writers of one
installation (two workstations of a headquarters on PostgreSQL) from taking the same position.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from app.persistence.models import ChainHead, LocalSetting

MERGE_DEVICE = "MERGE"  # the pseudo-device of derived merge versions (app.sync.merge)
MIGRATION_AUTHOR = "migration"
# What a migration changed in synced rows, each with the versions it appended (outside the chains,
# the same on every replica): the purpose names the migration's change (revision 0010: "certified").
MIGRATION_PURPOSES = ("certified",)
_NAMESPACE = uuid.UUID("6f0d6a52-8d0e-4d53-9a55-1c0a2b7e5a31")


def migration_version_id(purpose: str, row_id: str, parent: str | None) -> str:
    """The id of the version a migration appended to a row for ``purpose`` after ``parent``:
    derived, so that every replica that migrates the row appends the same version."""
    return str(uuid.uuid5(_NAMESPACE, f"{purpose}:{row_id}:{parent or ''}"))
SETTING_DEVICE_ID = "device_id"  # this installation's device record (app.services.admin.accounts)
LEGACY_PREFIX = "legacy:"  # the chains of the versions written before chains existed

_enc = json.encoder.encode_basestring  # type: ignore[attr-defined]  # JSON string, non-ASCII kept


def compact_list(value: Any) -> str:
    """A JSON list field (merge parents, resolutions) as it stands in a canonical line: given as
    a list, as the JSON text the database keeps, or as None."""
    if value is None or value == "":
        return "null"
    if isinstance(value, str):
        value = json.loads(value)
    if not value:
        return "null"
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def iso_ms(value: Any) -> str:
    """A version's creation time as it stands in a canonical line (ISO, milliseconds)."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="milliseconds")
    text = str(value)
    if len(text) >= 23 and text[10] in " T" and text[19] == ".":
        return text[:10] + "T" + text[11:23]
    return datetime.fromisoformat(text).isoformat(timespec="milliseconds")


def version_line(
    *,
    version_id: str,
    table: str,
    row_id: str,
    parent: str | None,
    merge_parents: Any,
    hlc: str,
    device: str,
    author_id: str | None,
    author: str | None,
    deleted: Any,
    snapshot: str,
    created_at: Any,
    resolves: Any,
    chain_id: str | None,
    chain_seq: int | None,
    prev_hash: str | None,
) -> str:
    """One version as canonical JSON (keys sorted, no spaces, no line end): the line a bundle
    carries, and the text its ``content_hash`` is taken of."""
    return (
        f'{{"author":{_enc(author or "")},"author_id":{_enc(author_id) if author_id else "null"},'
        f'"chain_id":{_enc(chain_id) if chain_id else "null"},'
        f'"chain_seq":{int(chain_seq) if chain_seq is not None else "null"},'
        f'"created_at":{_enc(iso_ms(created_at))},"deleted":{"true" if deleted else "false"},"device":{_enc(device)},'
        f'"hlc":{_enc(hlc)},"merge_parents":{compact_list(merge_parents)},'
        f'"parent":{_enc(parent) if parent else "null"},"prev_hash":{_enc(prev_hash) if prev_hash else "null"},'
        f'"resolves":{compact_list(resolves)},'
        f'"row_id":{_enc(row_id)},"snapshot":{_enc(snapshot)},"table":{_enc(table)},'
        f'"version_id":{_enc(version_id)}}}'
    )


def hash_line(line: str) -> str:
    return hashlib.sha256(line.encode()).hexdigest()


def line_of_row(row: Mapping[str, Any]) -> str:
    """The canonical line of a version given with the column names of ``row_versions``."""
    return version_line(
        version_id=row["version_id"], table=row["table_name"], row_id=row["row_id"],
        parent=row["parent_version_id"], merge_parents=row.get("merge_parents"), hlc=row["hlc"],
        device=row["device_code"], author_id=row.get("author_id"), author=row.get("author_name"),
        deleted=row["deleted"], snapshot=row["snapshot"], created_at=row["created_at"],
        resolves=row.get("resolves"), chain_id=row.get("chain_id"), chain_seq=row.get("chain_seq"),
        prev_hash=row.get("prev_hash"),
    )


def line_of_record(rec: Mapping[str, Any]) -> str:
    """The canonical line of a version given as a bundle record (``app.sync.importer``)."""
    return version_line(
        version_id=rec["version_id"], table=rec["table"], row_id=rec["row_id"], parent=rec["parent"],
        merge_parents=rec.get("merge_parents"), hlc=rec["hlc"], device=rec["device"],
        author_id=rec.get("author_id"), author=rec.get("author"), deleted=rec["deleted"],
        snapshot=rec["snapshot"], created_at=rec["created_at"], resolves=rec.get("resolves"),
        chain_id=rec.get("chain_id"), chain_seq=rec.get("chain_seq"), prev_hash=rec.get("prev_hash"),
    )


def heads(conn: Connection, chains: Iterable[str]) -> dict[str, tuple[int, str | None]]:
    """Each chain's head here: (position, hash); (0, None) for a chain with none."""
    wanted = sorted(set(chains))
    found: dict[str, tuple[int, str | None]] = {c: (0, None) for c in wanted}
    for i in range(0, len(wanted), 500):
        for chain_id, seq, digest in conn.execute(
            select(ChainHead.chain_id, ChainHead.chain_seq, ChainHead.content_hash).where(
                ChainHead.chain_id.in_(wanted[i : i + 500])
            )
        ):
            found[chain_id] = (int(seq), digest)
    return found


def set_head(conn: Connection, chain_id: str, seq: int, digest: str | None) -> None:
    """Move a chain's head forward (never back)."""
    moved = conn.execute(
        update(ChainHead)
        .where(ChainHead.chain_id == chain_id, ChainHead.chain_seq < seq)
        .values(chain_seq=seq, content_hash=digest)
    ).rowcount
    if not moved and conn.scalar(select(ChainHead.chain_seq).where(ChainHead.chain_id == chain_id)) is None:
        conn.execute(insert(ChainHead).values(chain_id=chain_id, chain_seq=seq, content_hash=digest))


def _lock_head(conn: Connection, chain_id: str) -> tuple[int, str | None]:
    """The chain's head, with its row locked for this transaction (created at 0 if missing)."""
    row = conn.execute(
        update(ChainHead)
        .where(ChainHead.chain_id == chain_id)
        .values(chain_seq=ChainHead.chain_seq)
        .returning(ChainHead.chain_seq, ChainHead.content_hash)
    ).first()
    if row is not None:
        return int(row[0]), row[1]
    conn.execute(insert(ChainHead).values(chain_id=chain_id, chain_seq=0, content_hash=None))
    return 0, None


def local_chain(conn: Connection, device_code: str) -> str:
    """The chain this installation writes: its device record's id (the device code before the
    installation is set up)."""
    value = conn.scalar(select(LocalSetting.value).where(LocalSetting.key == SETTING_DEVICE_ID))
    return str(value) if value else device_code


def link(conn: Connection, records: Sequence[MutableMapping[str, Any]]) -> None:
    """Give new versions written here (``row_versions`` column names) their place in this
    installation's chain, in the order given, and their hashes; merge versions get their hash
    only. Call inside the writing transaction, right before inserting them."""
    last: dict[str, tuple[int, str | None]] = {}
    mine: str | None = None
    for rec in records:
        if rec["device_code"] == MERGE_DEVICE:
            rec["chain_id"] = None
            rec["chain_seq"] = None
            rec["prev_hash"] = None
            rec["content_hash"] = hash_line(line_of_row(rec))
            continue
        if mine is None:
            mine = local_chain(conn, rec["device_code"])
        chain_id = mine
        if chain_id not in last:
            last[chain_id] = _lock_head(conn, chain_id)
        seq, prev = last[chain_id]
        rec["chain_id"] = chain_id
        rec["chain_seq"] = seq + 1
        rec["prev_hash"] = prev
        rec["content_hash"] = hash_line(line_of_row(rec))
        last[chain_id] = (seq + 1, rec["content_hash"])
    for chain_id, (seq, digest) in last.items():
        conn.execute(
            update(ChainHead).where(ChainHead.chain_id == chain_id).values(chain_seq=seq, content_hash=digest)
        )
