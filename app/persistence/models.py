"""SQLAlchemy 2.0 models for the whole domain (see DESIGN.md for the words).

Synced tables (``SyncedMixin``) have a client-made UUIDv7 primary key, are never hard-deleted
(``deleted`` is the tombstone), and every change appends a ``RowVersion`` in the same transaction
(see ``app.persistence.versioning``). Local tables (drafts, counters, settings) never leave the
device.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
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
    and_,
    case,
    false,
    func,
    select,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import FromClause

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

    # Columns of the table that are this database's own derived state: left out of the ORM
    # mapping, so they are never part of a row version's snapshot (see ``KEY_CLASH``).
    local_columns: ClassVar[tuple[str, ...]] = ()

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.rev, "exclude_properties": list(cls.local_columns)}


# --- natural keys that two installations may both issue -----------------------------------------
#
# A case number, a certificate number and a device code are issued by one device: the numbers by
# its per-device counters, the code when the installation is set up. On that device each value is
# issued once, and the database still refuses a second row with the same value. Across devices a
# plain UNIQUE constraint is wrong, though: a laptop set up again under its old device code starts
# its counters afresh, and the headquarters then receives two different records with one number.
# Both are real and must be kept, and the result must not depend on which bundle arrives first.
#
# So the rule is "unique among the rows whose value is not shared": ``key_clash`` is false for a
# row until an import meets another row (another id) with the same value; then every row holding
# that value is marked and the pair is flagged for the supervisor as a probable duplicate
# (``app.sync.importer``). The mark is a function of which rows exist, so every replica that
# holds the same rows marks the same ones, in any order of arrival. A device that issued a value
# twice by itself is still refused: its new row is unmarked and meets the earlier unmarked one.
# ``key_clash`` is this database's derived state (like the conflicts and the flags): it is never
# in a snapshot and never travels.

KEY_CLASH = "key_clash"


def key_clash_column() -> Column[bool]:
    return Column(KEY_CLASH, Boolean, nullable=False, server_default=false())


# Of the rows that share a value, the one with the smallest id (UUIDv7: in practice the one made
# first) shows the value as it is; every other one shows a stable alternative made of the value and
# the end of its own id, "KH01-2026-00007~3F9A". It depends only on which rows exist, like the
# mark, so every replica shows the same numbers in any order of arrival, and a row's alternative
# never changes once it has one. The recorded value itself is never rewritten: a label printed on
# a bag still finds its case.

ALTERNATIVE_SEPARATOR = "~"
_ID_TAIL = 4


def alternative_key(value: str, row_id: str) -> str:
    """The number (or code) ``row_id`` shows when a row with a smaller id holds ``value`` too."""
    return f"{value}{ALTERNATIVE_SEPARATOR}{row_id[-_ID_TAIL:].upper()}"


def split_alternative_key(text_: str) -> tuple[str, str] | None:
    """``("KH01-2026-00007", "3F9A")`` for an alternative number as shown, else None."""
    value, sep, tail = text_.strip().upper().rpartition(ALTERNATIVE_SEPARATOR)
    if not sep or not value or len(tail) != _ID_TAIL:
        return None
    return value, tail


def shown_key(table: FromClause, column: str) -> ColumnElement[str]:
    """SQL for the value a row shows: its own, or its alternative (see above). The correlated
    look-up runs only for marked rows and uses the column's index."""
    value = table.c[column]
    peer = table.alias()
    first = select(func.min(peer.c.id)).where(peer.c[column] == value).scalar_subquery()
    tail = func.upper(func.substr(table.c.id, func.length(table.c.id) - (_ID_TAIL - 1), _ID_TAIL))
    shown: ColumnElement[str] = case(
        (and_(table.c[KEY_CLASH].is_(True), table.c.id != first), value + ALTERNATIVE_SEPARATOR + tail),
        else_=value,
    )
    return shown


def unique_unless_shared(table: str, column: str) -> Index:
    """The unique index on ``column`` among the rows whose value is not shared (see above)."""
    where = text(f"NOT {KEY_CLASH}")
    return Index(f"uq_{table}_{column}_unshared", column, unique=True, sqlite_where=where, postgresql_where=where)


# --- devices and accounts -------------------------------------------------------------------


class Device(SyncedMixin, Base):
    """One laptop (or the headquarters server). ``code`` is used in case numbers."""

    __tablename__ = "devices"
    __table_args__ = (unique_unless_shared("devices", "code"),)
    local_columns = (KEY_CLASH,)

    # unique on the device that sets it up; shared after a re-installation under the same code
    code: Mapped[str] = mapped_column(String(16), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    public_key: Mapped[str | None] = mapped_column(Text)  # Ed25519, base64 raw
    trusted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    revoked: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    key_clash = key_clash_column()


class User(SyncedMixin, Base):
    __tablename__ = "users"

    # Not unique: the same user name made on two laptops stays two accounts after an import (the
    # supervisor is told); the services refuse a taken name locally.
    username: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    full_name: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    role: Mapped[str] = mapped_column(String(32), nullable=False)
    password_hash: Mapped[str] = mapped_column(Text, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


ROLE_GRANT_NAMESPACE = uuid.UUID("8f1d2c4e-5b7a-4e93-a0c6-2d9e71b3f548")


def role_grant_id(user_id: str, device_id: str) -> str:
    """The id of the role one installation grants an account: one row per account and
    installation, so a laptop's grants and the headquarters' never overwrite one another."""
    return str(uuid.uuid5(ROLE_GRANT_NAMESPACE, f"{user_id}:{device_id}"))


class RoleGrant(SyncedMixin, Base):
    """The role an installation (``device_id``) gives an account, or none (``role`` empty,
    ``active`` false). Its id is ``role_grant_id`` of the pair. An account's own role field
    says what it was made as on its laptop; where it may act is decided by the grants (and the
    account's versions) written by the installations that decide here: this one and the
    headquarters it names (see ``app.services.admin.accounts.access_of``). A grant row a bundle
    carries counts only through the versions its own installation wrote."""

    __tablename__ = "role_grants"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    device_id: Mapped[str] = mapped_column(String(UUID_LEN), nullable=False)
    role: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


# --- rounds ---------------------------------------------------------------------------------


class Round(SyncedMixin, Base):
    __tablename__ = "rounds"

    # Not unique: two laptops at one handover may each create "the same" round; imports keep both
    # and flag them for the supervisor (see app.sync). The services refuse a taken code locally.
    code: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
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
        # collation; SQLite uses them for the equivalent range comparison. The trailing ``id``
        # is the case list's tie-breaker: sorted pages and keyset continuations ``(col, id) > (?, ?)``
        # are read straight from the index, even where thousands of cases share a value.
        Index("ix_cases_case_number_prefix", "case_number", postgresql_ops={"case_number": "text_pattern_ops"}),
        Index("ix_cases_tag", "sender_tag_norm", "id", postgresql_ops={"sender_tag_norm": "text_pattern_ops"}),
        Index(
            "ix_cases_claimed_name", "claimed_name_norm", "id", postgresql_ops={"claimed_name_norm": "text_pattern_ops"}
        ),
        Index(
            "ix_cases_established_name",
            "established_name_norm",
            "id",
            postgresql_ops={"established_name_norm": "text_pattern_ops"},
        ),
        Index("ix_cases_received", "received_at", "id"),
        # Counting the live cases (of a round, or of all) reads this index instead of the table.
        Index("ix_cases_round_live", "round_id", "deleted"),
        Index("ix_cases_unit_bag", "transport_unit_id", "bag_number"),
        unique_unless_shared("cases", "case_number"),
    )
    local_columns = (KEY_CLASH,)

    case_number: Mapped[str] = mapped_column(String(40), nullable=False)  # see KEY_CLASH
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
    # Set when a supervisor links two probable duplicates as the same remains: the other case.
    # A soft link (no foreign key), so an import never fails on it.
    same_remains_as_id: Mapped[str | None] = mapped_column(String(UUID_LEN))
    # forensic progress (see app.services.forensics). Nullable, so rows written by bulk paths that
    # predate these columns stay valid everywhere: NULL reads as "not started" / "not disputed".
    examination_status: Mapped[str | None] = mapped_column(String(16))  # in_progress | completed
    examined_at: Mapped[datetime | None] = mapped_column(DateTime)
    examined_by: Mapped[str | None] = mapped_column(String(300))
    examination_notes: Mapped[str | None] = mapped_column(Text)
    established_citizenship: Mapped[str | None] = mapped_column(String(100))
    # set by the forensics service when the established identity differs from the claimed one
    identity_disputed: Mapped[bool | None] = mapped_column(Boolean)
    key_clash = key_clash_column()

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
    __table_args__ = (
        Index("ix_custody_events_case_time", "case_id", "occurred_at"),
        Index("ix_custody_events_case_type", "case_id", "event_type"),  # custody-chain checks
    )

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
    __table_args__ = (unique_unless_shared("certificates", "number"),)
    local_columns = (KEY_CLASH,)

    number: Mapped[str] = mapped_column(String(60), nullable=False)  # see KEY_CLASH
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
    key_clash = key_clash_column()


CERTIFICATE_CASE_NAMESPACE = uuid.UUID("3c5e8f0a-6d2b-4f7e-9a41-0b7d2e9c8a15")


def certificate_case_id(certificate_id: str, case_id: str) -> str:
    """The id of the link between a certificate and a case, derived from the pair: two devices
    that link the same case make the same row, whose versions then merge like any other's."""
    return str(uuid.uuid5(CERTIFICATE_CASE_NAMESPACE, f"{certificate_id}:{case_id}"))


class CertificateCase(SyncedMixin, Base):
    """A case listed by a certificate. Its id is ``certificate_case_id`` of the pair. Links made
    before ids were derived have random ids, so two of them may name the same pair; the merge
    keeps the one with the smaller id and supersedes the other with a deletion that travels
    (``app.sync.importer``), so at most one live link per pair exists, as the index says."""

    __tablename__ = "certificate_cases"
    __table_args__ = (
        Index(
            "uq_certificate_cases_live", "certificate_id", "case_id", unique=True,
            sqlite_where=text("NOT deleted"), postgresql_where=text("NOT deleted"),
        ),
    )

    certificate_id: Mapped[str] = mapped_column(ForeignKey("certificates.id"), nullable=False, index=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), nullable=False, index=True)

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        if self.id is None and self.certificate_id and self.case_id:
            self.id = certificate_case_id(self.certificate_id, self.case_id)


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


class DuplicateDecision(SyncedMixin, Base):
    """A supervisor's decision on a probable duplicate: the same remains (``linked``) or not
    (``dismissed``). Synced, so the decision travels; its id is derived from the pair, so two
    decisions on one pair are versions of one row (and disagreeing ones become a conflict)."""

    __tablename__ = "duplicate_decisions"

    table_name: Mapped[str] = mapped_column(String(64), nullable=False)
    row_a: Mapped[str] = mapped_column(String(UUID_LEN), nullable=False)
    row_b: Mapped[str] = mapped_column(String(UUID_LEN), nullable=False)
    decision: Mapped[str] = mapped_column(String(16), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


# --- forensic records -----------------------------------------------------------------------


class Sample(SyncedMixin, Base):
    """A sample taken from the remains for identification (bone, tooth, tissue...)."""

    __tablename__ = "samples"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), nullable=False, index=True)
    sample_type: Mapped[str] = mapped_column(String(32), nullable=False)
    label: Mapped[str] = mapped_column(String(100), nullable=False, default="")  # the laboratory's number
    taken_on: Mapped[date | None] = mapped_column(Date)
    taken_by: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    sent_to: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Release(SyncedMixin, Base):
    """The release of identified remains to the family (with its "released" custody event)."""

    __tablename__ = "releases"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), nullable=False, index=True)
    released_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    place: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    recipient_name: Mapped[str] = mapped_column(String(300), nullable=False)
    recipient_relationship: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    recipient_document: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    released_by: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    custody_event_id: Mapped[str | None] = mapped_column(ForeignKey("custody_events.id"))
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")


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


class ReconciliationCache(Base):
    """The reconciliation figures of one round as of a point in the version log (local).

    ``as_of_seq`` is the newest ``row_versions.seq`` the figures include; a change with a later
    seq that touches the round makes them stale (see ``app.services.reconciliation.cache``).
    """

    __tablename__ = "reconciliation_cache"

    round_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    as_of_seq: Mapped[int] = mapped_column(BigInteger, nullable=False)
    figures: Mapped[str] = mapped_column(Text, nullable=False)  # JSON
    computed_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


# The reconciliation's facts (local, derived; see app.services.reconciliation.facts). Database
# triggers queue every change to cases, manifest lines, custody events, certificate links and
# certificates as the (round, tag) group it touches; the facts of queued groups, and the counts of
# their rounds, are brought up to date before the figures are read. A round's figures are then
# read from a few hundred rows of counts instead of a look-up per case in the records.


class ReconciliationCase(Base):
    """What the reconciliation counts about one live case: its status, forensic progress,
    custody events, certificates and tag matches as bits (``flags``), and the days its steps
    happened on (days since 1970-01-01, UTC)."""

    __tablename__ = "reconciliation_cases"
    __table_args__ = (
        # a round's counts are read from this index alone
        Index(
            "ix_reconciliation_cases_round", "round_id", "unit_id", "flags", "received_day", "examined_day",
            "identified_day", "released_day",
        ),
    )

    case_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    round_id: Mapped[str] = mapped_column(String(UUID_LEN), nullable=False)
    unit_id: Mapped[str | None] = mapped_column(String(UUID_LEN))
    flags: Mapped[int] = mapped_column(Integer, nullable=False)
    received_day: Mapped[int | None] = mapped_column(Integer)
    examined_day: Mapped[int | None] = mapped_column(Integer)
    identified_day: Mapped[int | None] = mapped_column(Integer)
    released_day: Mapped[int | None] = mapped_column(Integer)


class ReconciliationLine(Base):
    """Whether a live manifest line was received (a live case of its round carries its tag)."""

    __tablename__ = "reconciliation_lines"
    __table_args__ = (Index("ix_reconciliation_lines_round_received", "round_id", "received"),)

    line_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    round_id: Mapped[str] = mapped_column(String(UUID_LEN), nullable=False)
    received: Mapped[bool] = mapped_column(Boolean, nullable=False)


class ReconciliationQueue(Base):
    """A (round, normalised tag) group whose facts are to be brought up to date (written by
    database triggers in the transaction of the change)."""

    __tablename__ = "reconciliation_queue"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    round_id: Mapped[str] = mapped_column(String(UUID_LEN), nullable=False)
    tag: Mapped[str] = mapped_column(String(100), nullable=False)


class ReconciliationRound(Base):
    """A round's manifest-line counts, and ``mark``: how often its facts changed (cached figures
    carry the mark they were computed at; another mark makes them stale)."""

    __tablename__ = "reconciliation_rounds"

    round_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    mark: Mapped[int] = mapped_column(BigInteger, nullable=False)
    manifest_lines: Mapped[int] = mapped_column(Integer, nullable=False)
    lines_not_received: Mapped[int] = mapped_column(Integer, nullable=False)


class ReconciliationCount(Base):
    """How many live cases of a round (in a transport unit, "" for none) have ``flags``."""

    __tablename__ = "reconciliation_counts"

    round_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    unit_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    flags: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    cases: Mapped[int] = mapped_column(Integer, nullable=False)


class ReconciliationDay(Base):
    """How many live cases of a round took a step (0 received, 1 examined, 2 identified,
    3 released) on a day (days since 1970-01-01, UTC)."""

    __tablename__ = "reconciliation_days"

    round_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    step: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    day: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    cases: Mapped[int] = mapped_column(Integer, nullable=False)


class Draft(Base):
    """What a user is typing in a form, saved continuously so a power cut loses seconds at most."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(String(UUID_LEN), nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    payload: Mapped[str] = mapped_column(Text, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


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


SYNCED_MODELS: tuple[type[SyncedMixin], ...] = (
    Device,
    User,
    RoleGrant,
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
    DuplicateDecision,
    Sample,
    Release,
)
TABLE_TO_MODEL: dict[str, type[SyncedMixin]] = {m.__tablename__: m for m in SYNCED_MODELS}  # type: ignore[attr-defined]
