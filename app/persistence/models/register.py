"""The missing-persons register (the relatives' applications) and the decisions on candidates.

A register entry's id is derived from its register number, so the same application imported on
two installations is one record, and a re-import updates it. A decision's id is derived from the
case and the entry it is about: one per pair, whoever decides.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.names import name_fold, sort_key
from app.persistence.models.base import UUID_LEN, Base, SyncedMixin

REGISTER_NAMESPACE = uuid.UUID("3c0e8a52-9d41-4f7b-b6a3-1e5d27c94f08")


def missing_person_id(register_number: str) -> str:
    return str(uuid.uuid5(REGISTER_NAMESPACE, "entry:" + register_number))


def candidate_decision_id(case_id: str, person_id: str) -> str:
    return str(uuid.uuid5(REGISTER_NAMESPACE, f"decision:{case_id}:{person_id}"))


class MissingPerson(SyncedMixin, Base):
    """One application of relatives for a missing person: who is sought, when and where they
    disappeared, and which relatives gave reference samples for DNA comparison."""

    __tablename__ = "missing_persons"
    __table_args__ = (
        Index("ix_missing_persons_register_number", "register_number", unique=True),
        Index("ix_missing_persons_name_fold", "full_name_fold", "id",
              postgresql_ops={"full_name_fold": "text_pattern_ops"}),
        Index("ix_missing_persons_name_key", "full_name_key", "id"),
    )
    search_columns = {
        "full_name_fold": ("full_name", name_fold),
        "full_name_key": ("full_name", sort_key),
    }

    register_number: Mapped[str] = mapped_column(String(64), nullable=False)
    full_name: Mapped[str] = mapped_column(String(400), nullable=False)
    full_name_fold: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    full_name_key: Mapped[bytes] = mapped_column(LargeBinary, nullable=False, default=b"")
    birth_date: Mapped[str] = mapped_column(String(32), nullable=False, default="")  # ISO date, or a year
    sex: Mapped[str] = mapped_column(String(16), nullable=False, default="")  # male | female | ""
    citizenship: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    military_unit: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    disappeared_on: Mapped[str] = mapped_column(String(32), nullable=False, default="")  # ISO date, or a year
    disappeared_place: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    circumstances: Mapped[str] = mapped_column(Text, nullable=False, default="")
    distinguishing_marks: Mapped[str] = mapped_column(Text, nullable=False, default="")
    relatives_sampled: Mapped[str] = mapped_column(Text, nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    import_batch: Mapped[str | None] = mapped_column(String(UUID_LEN))


class CandidateDecision(SyncedMixin, Base):
    """What a supervisor or forensic officer decided about one candidate of a case: compare the
    case with this application's reference samples first (``prioritised``), or not
    (``rejected``); empty when the decision was withdrawn. Never an identification."""

    __tablename__ = "candidate_decisions"
    __table_args__ = (Index("ix_candidate_decisions_case", "case_id"), Index("ix_candidate_decisions_person", "person_id"))

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), nullable=False)
    person_id: Mapped[str] = mapped_column(ForeignKey("missing_persons.id"), nullable=False)
    decision: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    decided_by: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
