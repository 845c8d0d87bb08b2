"""Cases (one set of remains each) with their personal effects, attachments and stored bytes, and
the custody events that trace who held them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.names import given_name_fold, name_fold, sort_key
from app.persistence.models.base import UUID_LEN, Base, SyncedMixin
from app.persistence.models.keys import KEY_CLASH, key_clash_column, unique_unless_shared


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
        # The case table's default order. PostgreSQL cannot read ORDER BY's order from a
        # text_pattern_ops index, so without this one it sorted every case to show the first page.
        Index("ix_cases_case_number_order", "case_number", "id"),
        Index("ix_cases_tag", "sender_tag_norm", "id", postgresql_ops={"sender_tag_norm": "text_pattern_ops"}),
        # Names are looked for by their fold (any script, any transliteration, app.names) and
        # sorted by their Ukrainian collation key, compared as bytes on both databases.
        Index(
            "ix_cases_claimed_name_fold", "claimed_name_fold", "id",
            postgresql_ops={"claimed_name_fold": "text_pattern_ops"},
        ),
        Index(
            "ix_cases_established_name_fold", "established_name_fold", "id",
            postgresql_ops={"established_name_fold": "text_pattern_ops"},
        ),
        Index(
            "ix_cases_claimed_name_given", "claimed_name_given", "id",
            postgresql_ops={"claimed_name_given": "text_pattern_ops"},
        ),
        Index("ix_cases_claimed_name_key", "claimed_name_key", "id"),
        Index("ix_cases_received", "received_at", "id"),
        # Counting the live cases (of a round, or of all) reads this index instead of the table.
        Index("ix_cases_round_live", "round_id", "deleted"),
        Index("ix_cases_unit_bag", "transport_unit_id", "bag_number"),
        unique_unless_shared("cases", "case_number"),
    )
    local_columns = (KEY_CLASH,)
    search_columns = {
        "claimed_name_fold": ("claimed_name", name_fold),
        "claimed_name_given": ("claimed_name", given_name_fold),
        "claimed_name_key": ("claimed_name", sort_key),
        "established_name_fold": ("established_name", name_fold),
    }

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
    claimed_name_fold: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    claimed_name_given: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    claimed_name_key: Mapped[bytes] = mapped_column(LargeBinary, nullable=False, default=b"")
    claimed_birth_date: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    claimed_citizenship: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    claimed_source: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    # established identity: what forensic identification established; never overwritten by a claim
    established_name: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    established_name_norm: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    established_name_fold: Mapped[str] = mapped_column(String(400), nullable=False, default="")
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
