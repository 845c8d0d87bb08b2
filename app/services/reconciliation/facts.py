"""The reconciliation's facts: what it counts about each live case and manifest line, kept in
two narrow local tables so that the figures of any number of rounds are a few passes over them
(``app.services.reconciliation.counting``) instead of several look-ups per case in the records.
Here: the bits a case's facts are made of, the rules read from them, and the SQL that computes
the facts from the records; ``fact_queue`` keeps them up to date.

The bits of ``reconciliation_cases.flags``
------------------------------------------
Bits 0-2 hold the case's status (``STATUS_CODES``); the others are single facts (``EXAMINED``
etc.). The rules built on them — the custody-chain gaps above all — are applied in Python to
each distinct ``flags`` value of a round (``figure_keys``), so a rule is defined in one place
per path and needs no migration to change.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    and_,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy import case as sql_case

from app.domain import CaseStatus, Category, CertificateStatus, CustodyEventType
from app.persistence.models import Case, Certificate, CertificateCase, CustodyEvent, ManifestLine, Sample

# --- the bits -----------------------------------------------------------------------------------

STATUS_MASK = 0b111
STATUS_CODES: dict[str, int] = {
    CaseStatus.RECEIVED.value: 0, CaseStatus.STORED.value: 1, CaseStatus.EXAMINED.value: 2,
    CaseStatus.IDENTIFIED.value: 3, CaseStatus.RELEASED.value: 4, CaseStatus.RETURNED.value: 5,
}
OTHER_STATUS = 7  # a status this code does not know
EXAMINED = 1 << 3  # the examination is completed
IDENTIFIED = 1 << 4  # an identification is recorded
CERTIFIED = 1 << 5  # on at least one live link to a live issued certificate
UNDECLARED = 1 << 6  # no tag, or no live manifest line of the round carries it
DUPLICATE = 1 << 7  # an earlier live case of the round carries the same (non-empty) tag
COMMINGLED = 1 << 8
DISPUTED = 1 << 9  # identity_disputed
EVENT_BITS: dict[str, int] = {  # the live custody events the case has, by type
    CustodyEventType.RECEIVED.value: 1 << 10, CustodyEventType.EXAMINED.value: 1 << 11,
    CustodyEventType.RELEASED.value: 1 << 12, CustodyEventType.RETURNED.value: 1 << 13,
}
HAS_RECEIVED_EVENT = EVENT_BITS[CustodyEventType.RECEIVED.value]
HAS_EXAMINED_EVENT = EVENT_BITS[CustodyEventType.EXAMINED.value]
HAS_RELEASED_EVENT = EVENT_BITS[CustodyEventType.RELEASED.value]
HAS_RETURNED_EVENT = EVENT_BITS[CustodyEventType.RETURNED.value]
SAMPLED = 1 << 14  # at least one sample that was not withdrawn (migration 0014)

_RELEASED = STATUS_CODES[CaseStatus.RELEASED.value]
_RETURNED = STATUS_CODES[CaseStatus.RETURNED.value]
_EXAMINED_STATUSES = (STATUS_CODES[CaseStatus.EXAMINED.value], STATUS_CODES[CaseStatus.IDENTIFIED.value])

EPOCH = date(1970, 1, 1)


def gap_reasons(flags: int) -> tuple[str, ...]:
    """The custody-chain rules (``reconciliation.CUSTODY_RULES``) a case with ``flags`` breaks."""
    status = flags & STATUS_MASK
    reasons: list[str] = []
    if not flags & HAS_RECEIVED_EVENT:
        reasons.append("no_received_event")
    if (status in _EXAMINED_STATUSES or flags & EXAMINED) and not flags & HAS_EXAMINED_EVENT:
        reasons.append("no_examined_event")
    if status == _RELEASED and not flags & HAS_RELEASED_EVENT:
        reasons.append("no_released_event")
    if status == _RETURNED and not flags & HAS_RETURNED_EVENT:
        reasons.append("no_returned_event")
    if status not in (_RELEASED, _RETURNED) and flags & (HAS_RELEASED_EVENT | HAS_RETURNED_EVENT):
        reasons.append("event_without_status")
    return tuple(reasons)


def figure_keys(flags: int) -> tuple[str, ...]:
    """The case figures a live case with ``flags`` counts in."""
    status = flags & STATUS_MASK
    counts = {
        "received": True,
        "certified": bool(flags & CERTIFIED),
        "examined": bool(flags & EXAMINED),
        "sampled": bool(flags & SAMPLED),
        "identified": bool(flags & IDENTIFIED),
        "released": status == _RELEASED,
        "returned": status == _RETURNED,
        "received_not_declared": bool(flags & UNDECLARED),
        "duplicate_tags": bool(flags & DUPLICATE),
        "commingled": bool(flags & COMMINGLED),
        "identity_disputed": bool(flags & DISPUTED),
        "custody_gaps": bool(gap_reasons(flags)),
    }
    return tuple(key for key, yes in counts.items() if yes)


def day_of(number: int) -> date:
    return EPOCH + timedelta(days=number)


# --- computing facts in SQL -----------------------------------------------------------------------


def _day(dialect: str, value: Any) -> ColumnElement[Any]:
    """The UTC day of a date or timestamp, as days since 1970-01-01."""
    if dialect == "postgresql":
        return type_coerce(cast(value, Date) - cast(literal(EPOCH.isoformat()), Date), Integer)
    # SQLite keeps dates and timestamps as ISO text: the day is its first ten characters
    return cast(func.julianday(func.substr(value, 1, 10)) - 2440587.5, Integer)


def _bit(condition: ColumnElement[bool], bit: int) -> ColumnElement[int]:
    return sql_case((condition, bit), else_=0)


def case_facts(dialect: str) -> Select[Any]:
    """``reconciliation_cases`` rows of the live cases (filter and join the result to a scope)."""
    status_code = sql_case(
        *((Case.status == status, code) for status, code in STATUS_CODES.items()), else_=OTHER_STATUS
    )
    event = sql_case(*((CustodyEvent.event_type == t, bit) for t, bit in EVENT_BITS.items()), else_=0)
    events = (
        select(func.coalesce(func.sum(event.distinct()), 0))  # distinct powers of two: their sum is their OR
        .where(CustodyEvent.case_id == Case.id, CustodyEvent.deleted.is_(False))
        .scalar_subquery()
    )
    certified = exists().where(
        CertificateCase.case_id == Case.id, CertificateCase.deleted.is_(False),
        Certificate.id == CertificateCase.certificate_id, Certificate.deleted.is_(False),
        Certificate.status == CertificateStatus.ISSUED.value,
    )
    # "IS NOT true" for the tombstone in a look-up by (round, tag): SQLite then uses the
    # (round, tag) index instead of scanning the round
    declared = exists().where(
        ManifestLine.round_id == Case.round_id, ManifestLine.sender_tag_norm == Case.sender_tag_norm,
        ManifestLine.deleted.is_not(True),
    )
    sampled = exists().where(Sample.case_id == Case.id, Sample.deleted.is_(False))
    earlier = Case.__table__.alias("earlier")
    duplicate = exists().where(
        earlier.c.round_id == Case.round_id, earlier.c.sender_tag_norm == Case.sender_tag_norm,
        earlier.c.deleted.is_not(True),
        or_(earlier.c.received_at < Case.received_at,
            and_(earlier.c.received_at == Case.received_at, earlier.c.case_number < Case.case_number)),
    )
    flags = (
        status_code
        + _bit(Case.examination_status == "completed", EXAMINED)
        + _bit(Case.identified_on.is_not(None), IDENTIFIED)
        + _bit(certified, CERTIFIED)
        + _bit(or_(Case.sender_tag_norm == "", ~declared), UNDECLARED)
        + _bit(and_(Case.sender_tag_norm != "", duplicate), DUPLICATE)
        + _bit(Case.category == Category.COMMINGLED.value, COMMINGLED)
        + _bit(Case.identity_disputed.is_(True), DISPUTED)
        + _bit(sampled, SAMPLED)
        + events
    )
    first_release = (
        select(func.min(CustodyEvent.occurred_at))
        .where(CustodyEvent.case_id == Case.id, CustodyEvent.deleted.is_(False),
               CustodyEvent.event_type == CustodyEventType.RELEASED.value)
        .scalar_subquery()
    )
    return select(
        Case.id.label("case_id"),
        Case.round_id.label("round_id"),
        Case.transport_unit_id.label("unit_id"),
        flags.label("flags"),
        _day(dialect, Case.received_at).label("received_day"),
        sql_case((Case.examination_status == "completed", _day(dialect, Case.examined_at)),
                 else_=None).label("examined_day"),
        _day(dialect, Case.identified_on).label("identified_day"),
        sql_case((Case.status == CaseStatus.RELEASED.value, _day(dialect, first_release)),
                 else_=None).label("released_day"),
    ).where(Case.deleted.is_(False))


def line_facts() -> Select[Any]:
    """``reconciliation_lines`` rows of the live manifest lines."""
    received = exists().where(
        Case.round_id == ManifestLine.round_id, Case.sender_tag_norm == ManifestLine.sender_tag_norm,
        Case.sender_tag_norm != "", Case.deleted.is_not(True),
    )
    return select(
        ManifestLine.id.label("line_id"),
        ManifestLine.round_id.label("round_id"),
        sql_case((received, True), else_=False).label("received"),
    ).where(ManifestLine.deleted.is_(False))


__all__ = [
    "CERTIFIED", "COMMINGLED", "DISPUTED", "DUPLICATE", "EVENT_BITS", "EXAMINED", "IDENTIFIED", "SAMPLED",
    "STATUS_CODES",
    "UNDECLARED", "case_facts", "day_of", "figure_keys", "gap_reasons", "line_facts",
]
