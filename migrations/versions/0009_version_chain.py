"""the hash chain of the version log: each version's place in its device's chain and its hashes

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 16:00:00

- row_versions.chain_id, chain_seq, prev_hash, content_hash: the chain of the installation that
  wrote the version and its place in it (none for merge versions, device "MERGE"), the hash of
  the chain's previous version, and the SHA-256 of its own canonical line (see
  ``app.persistence.chain``). One version per place: unique (chain_id, chain_seq).
- chain_heads (local, derived): each chain's newest place held here, the row its writers lock.
- chain_skipped (local): places of other devices' versions a bundle carried that this
  installation did not keep (rounds it does not receive).
- chain_checkpoints (local): the chain heads signed in bundles imported or exported here.

The versions already here get their chains now: one chain per device code, ``legacy:KH01``, of
its versions in the order of their clock stamps (then their ids), the same order on every
replica that holds them, so chains computed here and on the laptops agree. New versions start
the installation's own chain (its device record's id). The hash is written out below as it is defined at this
revision. Nothing is repaired: a version whose row was changed behind the application's back
keeps its content, and ``repat audit verify`` reports it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MERGE_DEVICE = "MERGE"
_enc = json.encoder.encode_basestring  # type: ignore[attr-defined]


def _compact_list(value: Any) -> str:
    if value is None or value == "":
        return "null"
    if isinstance(value, str):
        value = json.loads(value)
    if not value:
        return "null"
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def _iso_ms(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="milliseconds")
    text = str(value)
    if len(text) >= 23 and text[10] in " T" and text[19] == ".":
        return text[:10] + "T" + text[11:23]
    return datetime.fromisoformat(text).isoformat(timespec="milliseconds")


def _hash(r: Any, chain_id: str | None, chain_seq: int | None, prev_hash: str | None) -> str:
    line = (
        f'{{"author":{_enc(r.author_name or "")},"author_id":{_enc(r.author_id) if r.author_id else "null"},'
        f'"chain_id":{_enc(chain_id) if chain_id else "null"},'
        f'"chain_seq":{chain_seq if chain_seq is not None else "null"},'
        f'"created_at":{_enc(_iso_ms(r.created_at))},"deleted":{"true" if r.deleted else "false"},'
        f'"device":{_enc(r.device_code)},"hlc":{_enc(r.hlc)},"merge_parents":{_compact_list(r.merge_parents)},'
        f'"parent":{_enc(r.parent_version_id) if r.parent_version_id else "null"},'
        f'"prev_hash":{_enc(prev_hash) if prev_hash else "null"},"resolves":{_compact_list(r.resolves)},'
        f'"row_id":{_enc(r.row_id)},"snapshot":{_enc(r.snapshot)},"table":{_enc(r.table_name)},'
        f'"version_id":{_enc(r.version_id)}}}'
    )
    return hashlib.sha256(line.encode()).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table("row_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chain_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("chain_seq", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("content_hash", sa.String(length=64), nullable=True))
    op.create_table(
        "chain_heads",
        sa.Column("chain_id", sa.String(length=64), nullable=False),
        sa.Column("chain_seq", sa.BigInteger(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("chain_id", name=op.f("pk_chain_heads")),
    )
    op.create_table(
        "chain_skipped",
        sa.Column("chain_id", sa.String(length=64), nullable=False),
        sa.Column("chain_seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("version_id", sa.String(length=36), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("chain_id", "chain_seq", name=op.f("pk_chain_skipped")),
    )
    op.create_table(
        "chain_checkpoints",
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("chain_id", sa.String(length=64), nullable=False),
        sa.Column("chain_seq", sa.BigInteger(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("bundle_id", "chain_id", name=op.f("pk_chain_checkpoints")),
    )

    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT seq, version_id, table_name, row_id, parent_version_id, merge_parents, hlc, device_code, "
        "author_id, author_name, deleted, snapshot, created_at, resolves FROM row_versions "
        "ORDER BY device_code, hlc, version_id"
    ))
    heads: dict[str, tuple[int, str]] = {}
    batch: list[dict[str, Any]] = []
    update = sa.text(
        "UPDATE row_versions SET chain_id = :i, chain_seq = :c, prev_hash = :p, content_hash = :h WHERE seq = :s"
    )
    while True:
        part = rows.fetchmany(5000)
        if not part:
            break
        for r in part:
            if r.device_code == MERGE_DEVICE:
                batch.append({"i": None, "c": None, "p": None, "h": _hash(r, None, None, None), "s": r.seq})
                continue
            chain_id = "legacy:" + r.device_code
            seq, prev = heads.get(chain_id, (0, None))
            digest = _hash(r, chain_id, seq + 1, prev)
            heads[chain_id] = (seq + 1, digest)
            batch.append({"i": chain_id, "c": seq + 1, "p": prev, "h": digest, "s": r.seq})
        # the rows were sorted before the first was returned, so updating them does not move them
        conn.execute(update, batch)
        batch = []
    rows.close()
    if heads:
        conn.execute(
            sa.text("INSERT INTO chain_heads (chain_id, chain_seq, content_hash) VALUES (:d, :c, :h)"),
            [{"d": d, "c": c, "h": h} for d, (c, h) in sorted(heads.items())],
        )
    with op.batch_alter_table("row_versions", schema=None) as batch_op:
        batch_op.create_index("uq_row_versions_chain", ["chain_id", "chain_seq"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("row_versions", schema=None) as batch_op:
        batch_op.drop_index("uq_row_versions_chain")
        batch_op.drop_column("content_hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("chain_seq")
        batch_op.drop_column("chain_id")
    op.drop_table("chain_checkpoints")
    op.drop_table("chain_skipped")
    op.drop_table("chain_heads")
