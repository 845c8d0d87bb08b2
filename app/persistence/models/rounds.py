"""Rounds (handovers), their transport units and the sending side's manifest lines."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.persistence.models.base import UUID_LEN, Base, SyncedMixin


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
