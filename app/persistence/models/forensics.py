"""Forensic records of a case: the samples taken and the release to the family."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.models.base import Base, SyncedMixin


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
