"""SQLAlchemy 2.0 models for the whole domain (see DESIGN.md for the words).

Synced tables (``SyncedMixin``) have a client-made UUIDv7 primary key, are never hard-deleted
(``deleted`` is the tombstone), and every change appends a ``RowVersion`` in the same transaction
(see ``app.persistence.versioning``). Local tables (drafts, counters, settings) never leave the
device.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from app.ids import uuid7

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

UUID_LEN = 36


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _uuid_pk() -> Mapped[str]:
    return mapped_column(String(UUID_LEN), primary_key=True, default=uuid7)


class SyncedMixin:
    """Columns every synced row carries.

    ``rev`` counts local saves and is the optimistic-lock column: a save based on an older
    ``rev`` fails instead of overwriting someone else's edit. ``head_version`` points to the
    newest row version, ``hlc`` is its clock stamp.
    """

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=uuid7)
    rev: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    head_version: Mapped[str | None] = mapped_column(String(UUID_LEN))
    hlc: Mapped[str | None] = mapped_column(String(64))
    deleted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    updated_by: Mapped[str | None] = mapped_column(String(UUID_LEN))

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.rev}


# --- devices and accounts -------------------------------------------------------------------


class Device(SyncedMixin, Base):
    """One laptop (or the headquarters server). ``code`` is used in case numbers."""

    __tablename__ = "devices"

    code: Mapped[str] = mapped_column(String(16), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    public_key: Mapped[str | None] = mapped_column(Text)  # Ed25519, base64 raw
    trusted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    revoked: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class User(SyncedMixin, Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    full_name: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    role: Mapped[str] = mapped_column(String(32), nullable=False)
    password_hash: Mapped[str] = mapped_column(Text, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


# --- rounds ---------------------------------------------------------------------------------


class Round(SyncedMixin, Base):
    __tablename__ = "rounds"

    code: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    round_date: Mapped[date] = mapped_column(Date, nullable=False)
    place: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    sending_party: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    receiving_party: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    intermediary: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    agreement_ref: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    declared_total: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    transport_units: Mapped[list[TransportUnit]] = relationship(
        back_populates="round", order_by="TransportUnit.label"
    )


class TransportUnit(SyncedMixin, Base):
    """A refrigerated trailer or vehicle with its seals."""

    __tablename__ = "transport_units"

    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"), nullable=False, index=True)
    label: Mapped[str] = mapped_column(String(100), nullable=False)  # plate or ID
    description: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    seal_numbers: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    seal_intact: Mapped[bool | None] = mapped_column(Boolean)
    declared_bags: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    round: Mapped[Round] = relationship(back_populates="transport_units")


class ManifestLine(SyncedMixin, Base):
    """One line of the sending side's list: a claim, never a fact."""

    __tablename__ = "manifest_lines"
    __table_args__ = (Index("ix_manifest_lines_round_tag", "round_id", "sender_tag_norm"),)

    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"), nullable=False)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False)
    sender_tag: Mapped[str] = mapped_column(String(100), nullable=False)
    sender_tag_norm: Mapped[str] = mapped_column(String(100), nullable=False)
    claimed_name: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    claimed_name_norm: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    claimed_birth_date: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    claimed_citizenship: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    category: Mapped[str | None] = mapped_column(String(32))
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    import_batch: Mapped[str | None] = mapped_column(String(UUID_LEN))


# --- cases ----------------------------------------------------------------------------------


class Case(SyncedMixin, Base):
    """One set of remains: the post-mortem file."""

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_round_case_number", "round_id", "case_number"),
        Index("ix_cases_round_tag", "round_id", "sender_tag_norm"),
        # Prefix search: text_pattern_ops lets PostgreSQL use these for LIKE 'x%' under any
        # collation; SQLite uses them for the equivalent range comparison.
        Index("ix_cases_case_number_prefix", "case_number", postgresql_ops={"case_number": "text_pattern_ops"}),
        Index("ix_cases_tag", "sender_tag_norm", postgresql_ops={"sender_tag_norm": "text_pattern_ops"}),
        Index("ix_cases_claimed_name", "claimed_name_norm", postgresql_ops={"claimed_name_norm": "text_pattern_ops"}),
        Index(
            "ix_cases_established_name",
            "established_name_norm",
            postgresql_ops={"established_name_norm": "text_pattern_ops"},
        ),
    )

    case_number: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"), nullable=False)
    transport_unit_id: Mapped[str | None] = mapped_column(ForeignKey("transport_units.id"))
    manifest_line_id: Mapped[str | None] = mapped_column(ForeignKey("manifest_lines.id"))
    parent_case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"))
    sender_tag: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    sender_tag_norm: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    off_manifest: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    bag_number: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    category: Mapped[str] = mapped_column(String(32), nullable=False)
    condition_flags: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    apparent_sex: Mapped[str] = mapped_column(String(32), nullable=False, default="unknown")
    age_group: Mapped[str] = mapped_column(String(32), nullable=False, default="unknown")
    storage_location: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(32), nullable=False, default="received")
    # claimed identity: what the sending side or documents found on the body say
    claimed_name: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    claimed_name_norm: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    claimed_birth_date: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    claimed_citizenship: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    claimed_source: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    # established identity: what forensic identification established; never overwritten by a claim
    established_name: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    established_name_norm: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    established_birth_date: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    identification_method: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    identified_by: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    identified_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    received_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    received_by: Mapped[str | None] = mapped_column(String(UUID_LEN))

    effects: Mapped[list[PersonalEffect]] = relationship(
        back_populates="case", order_by="PersonalEffect.position"
    )


class PersonalEffect(SyncedMixin, Base):
    __tablename__ = "personal_effects"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    category: Mapped[str] = mapped_column(String(32), nullable=False, default="other")
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    quantity: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    container_seal: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    attachment_id: Mapped[str | None] = mapped_column(ForeignKey("attachments.id"))

    case: Mapped[Case] = relationship(back_populates="effects")


class Blob(Base):
    """Content-addressed bytes of photos and scans (local; travels inside bundles)."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class Attachment(SyncedMixin, Base):
    """A photo or scanned document attached to a case, stored by SHA-256."""

    __tablename__ = "attachments"

    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    filename: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    media_type: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    size: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    caption: Mapped[str] = mapped_column(Text, nullable=False, default="")


class CustodyEvent(SyncedMixin, Base):
    """Append-only: who handed what to whom, where, when, with which seals and witnesses."""

    __tablename__ = "custody_events"
    __table_args__ = (Index("ix_custody_events_case_time", "case_id", "occurred_at"),)

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), nullable=False)
    event_type: Mapped[str] = mapped_column(String(32), nullable=False)
    occurred_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    place: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    from_party: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    to_party: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    seals_before: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    seals_after: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    witnesses: Mapped[str] = mapped_column(Text, nullable=False, default="")
    certificate_id: Mapped[str | None] = mapped_column(ForeignKey("certificates.id"))
    recorded_by: Mapped[str | None] = mapped_column(String(UUID_LEN))
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")


# --- certificates and discrepancies ---------------------------------------------------------


class Certificate(SyncedMixin, Base):
    """A handover certificate (act of acceptance/transfer): draft -> issued -> void."""

    __tablename__ = "certificates"

    number: Mapped[str] = mapped_column(String(60), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="draft")
    round_id: Mapped[str | None] = mapped_column(ForeignKey("rounds.id"), index=True)
    transport_unit_id: Mapped[str | None] = mapped_column(ForeignKey("transport_units.id"))
    parties: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    content: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # canonical content, frozen at issue
    content_sha256: Mapped[str | None] = mapped_column(String(64))
    issued_at: Mapped[datetime | None] = mapped_column(DateTime)
    issued_by: Mapped[str | None] = mapped_column(String(UUID_LEN))
    void_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    voided_at: Mapped[datetime | None] = mapped_column(DateTime)
    supersedes_id: Mapped[str | None] = mapped_column(ForeignKey("certificates.id"))


class CertificateCase(SyncedMixin, Base):
    __tablename__ = "certificate_cases"
    __table_args__ = (UniqueConstraint("certificate_id", "case_id"),)

    certificate_id: Mapped[str] = mapped_column(ForeignKey("certificates.id"), nullable=False, index=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), nullable=False, index=True)


class Discrepancy(SyncedMixin, Base):
    """A marked discrepancy with its explanation (who, when) once given."""

    __tablename__ = "discrepancies"

    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), index=True)
    manifest_line_id: Mapped[str | None] = mapped_column(ForeignKey("manifest_lines.id"))
    transport_unit_id: Mapped[str | None] = mapped_column(ForeignKey("transport_units.id"))
    detail: Mapped[str] = mapped_column(Text, nullable=False, default="")
    explanation: Mapped[str] = mapped_column(Text, nullable=False, default="")
    explained_by: Mapped[str | None] = mapped_column(String(UUID_LEN))
    explained_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


# --- the version log ------------------------------------------------------------------------


class RowVersion(Base):
    """Append-only log: a full snapshot of a synced row after each change.

    It is the audit trail, the history view and the merge base at once.
    """

    __tablename__ = "row_versions"
    __table_args__ = (
        Index("ix_row_versions_row", "table_name", "row_id", "hlc"),
        Index("ix_row_versions_exported", "exported"),
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
    exported: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


# --- local, never synced --------------------------------------------------------------------


class LocalSetting(Base):
    """This installation's own settings: which device it is, its private key, the language."""

    __tablename__ = "local_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class Counter(Base):
    """Per-device sequences for case and certificate numbers."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, nullable=False)


class Draft(Base):
    """What a user is typing in a form, saved continuously so a power cut loses seconds at most."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(String(UUID_LEN), nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    payload: Mapped[str] = mapped_column(Text, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


SYNCED_MODELS: tuple[type[SyncedMixin], ...] = (
    Device,
    User,
    Round,
    TransportUnit,
    ManifestLine,
    Case,
    PersonalEffect,
    Attachment,
    CustodyEvent,
    Certificate,
    CertificateCase,
    Discrepancy,
)
TABLE_TO_MODEL: dict[str, type[SyncedMixin]] = {m.__tablename__: m for m in SYNCED_MODELS}  # type: ignore[attr-defined]
