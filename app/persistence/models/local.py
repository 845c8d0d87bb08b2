"""Tables that never leave the installation: its settings, the per-device counters, the
reconciliation's cache and facts, and the drafts of forms being typed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.models.base import UUID_LEN, Base


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
