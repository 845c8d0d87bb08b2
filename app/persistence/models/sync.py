"""The version log every synced change appends to and its hash chains, and the sync bookkeeping
each installation keeps for itself (conflicts, probable duplicates, trusted keys, quarantined
and imported bundles, export marks, pending rows).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.ids import uuid7
from app.persistence.models.base import UUID_LEN, Base

# --- the version log ------------------------------------------------------------------------


class RowVersion(Base):
    """Append-only log: a full snapshot of a synced row after each change.

    It is the audit trail, the history view and the merge base at once.
    """

    __tablename__ = "row_versions"
    __table_args__ = (
        Index("ix_row_versions_row", "table_name", "row_id", "hlc"),
        # the clock's start value at login: max(hlc) without scanning the whole log
        Index("ix_row_versions_hlc", "hlc"),
        # one version per place in a chain
        Index("uq_row_versions_chain", "chain_id", "chain_seq", unique=True),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version_id: Mapped[str] = mapped_column(String(UUID_LEN), nullable=False, unique=True)
    table_name: Mapped[str] = mapped_column(String(64), nullable=False)
    row_id: Mapped[str] = mapped_column(String(UUID_LEN), nullable=False)
    parent_version_id: Mapped[str | None] = mapped_column(String(UUID_LEN))
    hlc: Mapped[str] = mapped_column(String(64), nullable=False)
    device_code: Mapped[str] = mapped_column(String(16), nullable=False)
    author_id: Mapped[str | None] = mapped_column(String(UUID_LEN))
    author_name: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    deleted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    snapshot: Mapped[str] = mapped_column(Text, nullable=False)  # canonical JSON
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    # Written False and left so: what was exported is kept as ranges of ``seq`` in
    # ``export_marks`` (marking a flag here would rewrite every exported snapshot).
    exported: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # A merge version has several parents: ``parent_version_id`` and these (JSON list of ids).
    merge_parents: Mapped[str | None] = mapped_column(Text)
    # A supervisor's resolution lists the conflicts it settles (JSON list of conflict ids).
    resolves: Mapped[str | None] = mapped_column(Text)
    # The hash chain (app.persistence.chain): the version's place in its device's chain (none
    # for merge versions), the hash of the device's previous version, and its own hash.
    chain_id: Mapped[str | None] = mapped_column(String(64))
    chain_seq: Mapped[int | None] = mapped_column(BigInteger)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    content_hash: Mapped[str | None] = mapped_column(String(64))


class ChainHead(Base):
    """The newest position of each chain held here (local, derived from the log; its row is the
    lock writers of one installation take, see ``app.persistence.chain``)."""

    __tablename__ = "chain_heads"

    chain_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    chain_seq: Mapped[int] = mapped_column(BigInteger, nullable=False)
    content_hash: Mapped[str | None] = mapped_column(String(64))


class ChainSkipped(Base):
    """A version of another installation's chain that a bundle carried but this one did not
    keep (a round it does not receive): its place and hash, so the chain stays whole here."""

    __tablename__ = "chain_skipped"

    chain_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    chain_seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    version_id: Mapped[str] = mapped_column(String(UUID_LEN), nullable=False)
    content_hash: Mapped[str] = mapped_column(String(64), nullable=False)


class ChainCheckpoint(Base):
    """A chain head signed by its device in a bundle manifest (imported), or written into a
    bundle this installation exported: ``repat audit verify`` checks the log still holds it."""

    __tablename__ = "chain_checkpoints"

    bundle_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    chain_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    chain_seq: Mapped[int] = mapped_column(BigInteger, nullable=False)
    content_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


# --- sync: local, derived or per-installation state (never exported) -------------------------


class Conflict(Base):
    """A field two concurrent edits set to different values (derived from the merge versions).

    ``candidates`` (JSON) lists each competing head's value with its version, author, device
    and clock; ``provisional`` is the value every replica shows until a supervisor resolves it.
    """

    __tablename__ = "conflicts"
    __table_args__ = (
        Index("ix_conflicts_row", "table_name", "row_id"),
        Index("ix_conflicts_status", "status"),
    )

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64), nullable=False)
    row_id: Mapped[str] = mapped_column(String(UUID_LEN), nullable=False)
    field: Mapped[str] = mapped_column(String(64), nullable=False)
    merge_version_id: Mapped[str] = mapped_column(String(UUID_LEN), nullable=False)
    hlc: Mapped[str] = mapped_column(String(64), nullable=False)
    base_value: Mapped[str | None] = mapped_column(Text)
    candidates: Mapped[str] = mapped_column(Text, nullable=False)
    provisional: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    resolution_version_id: Mapped[str | None] = mapped_column(String(UUID_LEN))


class ProbableDuplicate(Base):
    """Two records that look like the same thing (derived at import; never merged automatically)."""

    __tablename__ = "probable_duplicates"
    __table_args__ = (
        Index("ix_probable_duplicates_status", "status"),
        Index("ix_probable_duplicates_scope", "scope_id"),
    )

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64), nullable=False)
    row_a: Mapped[str] = mapped_column(String(UUID_LEN), nullable=False)
    row_b: Mapped[str] = mapped_column(String(UUID_LEN), nullable=False)
    scope_id: Mapped[str | None] = mapped_column(String(UUID_LEN))  # the round, for cases
    reasons: Mapped[str] = mapped_column(String(200), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    detected_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class DeviceKey(Base):
    """This installation's trust in a device's signing key (decided here, never imported)."""

    __tablename__ = "device_keys"

    public_key: Mapped[str] = mapped_column(String(64), primary_key=True)  # Ed25519, base64 raw
    device_code: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)  # trusted | revoked
    decided_by: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    decided_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class QuarantinedBundle(Base):
    """A bundle from an unknown or revoked device, kept (as a file copy) until it is trusted."""

    __tablename__ = "quarantine"

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=uuid7)
    bundle_id: Mapped[str] = mapped_column(String(UUID_LEN), nullable=False)
    device_code: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    public_key: Mapped[str] = mapped_column(String(64), nullable=False)
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False)
    reason: Mapped[str] = mapped_column(String(32), nullable=False)
    file_path: Mapped[str] = mapped_column(Text, nullable=False)
    file_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    versions: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    received_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    received_by: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="held")


class ImportedBundle(Base):
    """Each bundle applied here, so a replay is recognised and reported."""

    __tablename__ = "imported_bundles"

    bundle_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    device_code: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False)
    seq_from: Mapped[int | None] = mapped_column(BigInteger)
    seq_to: Mapped[int | None] = mapped_column(BigInteger)
    file_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    versions: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    new_versions: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    imported_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    imported_by: Mapped[str] = mapped_column(String(64), nullable=False, default="")


class ExportMark(Base):
    """A range of this database's version log (``row_versions.seq``) written to a bundle.

    Kept merged (non-overlapping, non-adjacent), so it stays a handful of rows."""

    __tablename__ = "export_marks"

    seq_from: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    seq_to: Mapped[int] = mapped_column(BigInteger, nullable=False)


class SyncPending(Base):
    """A synced row whose versions are stored but whose state is not (yet) in its table: it
    refers to a record not received yet, or its history is incomplete. Retried at every import."""

    __tablename__ = "sync_pending"

    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    reason: Mapped[str] = mapped_column(String(32), nullable=False)
    detail: Mapped[str] = mapped_column(Text, nullable=False, default="")
