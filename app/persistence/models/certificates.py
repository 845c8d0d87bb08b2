"""Handover certificates and the cases they list, marked discrepancies, and the supervisor's
decisions on probable duplicates.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.models.base import UUID_LEN, Base, SyncedMixin
from app.persistence.models.keys import KEY_CLASH, key_clash_column, unique_unless_shared


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
