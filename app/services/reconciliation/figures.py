"""Reconciliation of rounds: what was declared, received, certified, examined, identified and
released — and where it does not add up.

Figures
-------
Every figure of a round is an SQL aggregate over the records themselves (never a Python loop
over cases). A case belongs to exactly one round, so the figures of a set of rounds are the sums
of the rounds' figures (``total``).

Progress: ``declared_total`` (the round's declared total; rounds without one count as 0 in a
sum), ``manifest_lines``, ``received`` (live cases), ``certified`` (cases on at least one issued
certificate — void ones do not count), ``examined`` (examination completed), ``identified``
(identification recorded), ``released`` and ``returned`` (the case's status).

Discrepancies, each with its *subject* (what an explanation is attached to):

========================  ================  ==================================================
figure                    subject           rule
========================  ================  ==================================================
declared_not_received     manifest line     no live case of the round carries the line's tag
received_not_declared     case              no live manifest line of the round carries the
                                            case's tag (or the case has no tag)
duplicate_tags            case              an earlier case of the round (by reception time,
                                            then case number) carries the same tag
declared_total_mismatch   round             the declared total differs from the cases received
bag_count_mismatch        transport unit    declared bags differ from the live cases counted
broken_seals              transport unit    the seals were recorded as not intact
commingled                case              category "commingled remains"
identity_disputed         case              the established identity differs from the claimed
                                            one (flag set by ``app.services.forensics``)
custody_gaps              case              see ``CUSTODY_RULES``
open_conflicts            conflict          a merge conflict not yet resolved (app.sync)
probable_duplicates       pair              a probable duplicate not yet decided (app.sync)
========================  ================  ==================================================

Tags are matched live (normalised tag, same round), so a list imported after the bags were
received still reconciles.

Explanations
------------
Derived discrepancies are not stored; their explanations are. A ``Discrepancy`` row keyed by
(round, kind, subject) carries the explanation (text, who, when) and ``resolved``. Intake already
writes such rows (unexplained) for off-list tags, duplicate tags and commingled remains; the
first explanation of any other subject creates one. Explaining again updates the same row(s), so
explaining is idempotent, and the rows are ordinary synced rows: they are versioned and travel
in bundles. A discrepancy is *explained* when some row of its key has a non-empty explanation.
The unexplained count of a round also includes its open merge conflicts and undecided probable
duplicates, which are settled in the merge view.

Speed
-----
The records are not read figure by figure: ``app.services.reconciliation.facts`` keeps, for each
live case and manifest line, what these rules make of it (status, forensic steps, custody events,
certificates, tag matches, as bits) and, for each round, its cases counted by those facts, by
transport unit and by day. Database triggers queue every change to the records those facts come
from, whoever writes it; the queue is worked off at the end of a big write (a merge) and in any
case before the figures are read. A round's figures are then read from a few hundred rows: the
figures of a million cases cost a fraction of a second even the first time. ``_compute_direct``
counts from the records themselves, with the SQL that also lists the records behind a figure; it
serves the rounds whose queued changes a reader's snapshot still holds, and a database without
the triggers. The drill-down lists, the discrepancy list and the reports' details always read the
records.

On top of that, a round's figures are cached (``reconciliation_cache``, local) with the newest
row-version seq they include and the round's facts mark. Every change to a synced row appends a
row version, so a refresh reads the versions written since, maps each to its round, and
recomputes only the rounds they touch (or whose mark moved). On SQLite writers are serialised, so
versions appear in seq order. On PostgreSQL a transaction may commit a lower seq after a higher
one is visible; a refresh runs in one REPEATABLE READ snapshot and, when other writers were in
flight, remembers the seqs it could not see yet ("gaps") and looks at them again later. Open
conflicts and probable duplicates are counted live. Reports always compute afresh.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, literal, or_, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session, aliased

from app.domain import CaseStatus, Category, CertificateStatus, CustodyEventType, DiscrepancyKind, Role
from app.errors import DatabaseError, NotFound, ValidationError
from app.persistence.models import (
    Case,
    Certificate,
    CertificateCase,
    CustodyEvent,
    Discrepancy,
    LocalSetting,
    ManifestLine,
    ReconciliationCache,
    ReconciliationCase,
    ReconciliationCount,
    ReconciliationDay,
    ReconciliationLine,
    ReconciliationRound,
    Round,
    RowVersion,
    TransportUnit,
    User,
)
from app.persistence.models.keys import shown_key
from app.persistence.versioning import utcnow
from app.progress import CancelToken
from app.services.cases.void import VOIDED_CASE
from app.services.context import AppContext
from app.services.forensics import identity_differences
from app.services.reconciliation import facts as facts

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]

CAN_EXPLAIN = (Role.FIELD_OFFICER, Role.CLERK, Role.SUPERVISOR)
CAN_RESOLVE = (Role.SUPERVISOR,)
MAX_EXPLANATION = 5000

# Kinds of discrepancy beyond app.domain.DiscrepancyKind (stored in Discrepancy.kind).
BROKEN_SEAL = "broken_seal"
CUSTODY_GAP = "custody_gap"
CONFLICT = "conflict"
PROBABLE_DUPLICATE = "probable_duplicate"

PROGRESS_KEYS: tuple[str, ...] = (
    "declared_total", "manifest_lines", "received", "certified", "examined", "identified", "released", "returned",
)
DISCREPANCY_KEYS: tuple[str, ...] = (
    "declared_not_received", "received_not_declared", "duplicate_tags", "declared_total_mismatch",
    "bag_count_mismatch", "broken_seals", "commingled", "identity_disputed", "custody_gaps",
    "open_conflicts", "probable_duplicates",
)
FIGURE_KEYS: tuple[str, ...] = PROGRESS_KEYS + DISCREPANCY_KEYS
# Figures computed live on every refresh (their tables change without row versions).
LIVE_KEYS = ("open_conflicts", "probable_duplicates")


@dataclass(frozen=True)
class KindDef:
    figure: str
    kind: str  # Discrepancy.kind
    subject: str  # case | manifest_line | transport_unit | round | conflict | duplicate


KINDS: dict[str, KindDef] = {
    k.figure: k
    for k in (
        KindDef("declared_not_received", DiscrepancyKind.DECLARED_NOT_RECEIVED.value, "manifest_line"),
        KindDef("received_not_declared", DiscrepancyKind.RECEIVED_NOT_DECLARED.value, "case"),
        KindDef("duplicate_tags", DiscrepancyKind.DUPLICATE_TAG.value, "case"),
        KindDef("declared_total_mismatch", DiscrepancyKind.COUNT_MISMATCH.value, "round"),
        KindDef("bag_count_mismatch", DiscrepancyKind.COUNT_MISMATCH.value, "transport_unit"),
        KindDef("broken_seals", BROKEN_SEAL, "transport_unit"),
        KindDef("commingled", DiscrepancyKind.COMMINGLED.value, "case"),
        KindDef("identity_disputed", DiscrepancyKind.IDENTITY_DISPUTED.value, "case"),
        KindDef("custody_gaps", CUSTODY_GAP, "case"),
        KindDef("open_conflicts", CONFLICT, "conflict"),
        KindDef("probable_duplicates", PROBABLE_DUPLICATE, "duplicate"),
        KindDef("voided_cases", VOIDED_CASE, "case"),
    )
}
EXPLAINABLE = tuple(k for k in DISCREPANCY_KEYS if k not in LIVE_KEYS)
# Listed with the discrepancies but counted in no figure: the cases voided, with the reason
# (``app.services.cases.void``), which is their explanation.
LISTED_KEYS: tuple[str, ...] = (*DISCREPANCY_KEYS, "voided_cases")

# Custody-chain rules. A case has a gap when any rule fails:
CUSTODY_RULES: dict[str, str] = {
    "no_received_event": "every case has a 'received' custody event",
    "no_examined_event": "a case examined or identified (or whose examination is completed) has an 'examined' event",
    "no_released_event": "a released case has a 'released' event",
    "no_returned_event": "a returned case has a 'returned' event",
    "event_without_status": "a case with a 'released' or 'returned' event is released or returned",
}

CACHE_FORMAT = 1  # bump when a figure's definition changes: older cached figures are recomputed
DELTA_LIMIT = 50_000  # more new versions than this since the cache: recompute every round
GAP_TTL = timedelta(hours=2)
GAPS_SETTING = "reconciliation.gaps"
ROUND_CHUNK = 10  # rounds computed per batch of queries from the records
FACTS_CHUNK = 500  # rounds computed per batch of queries from their facts

# Tables whose rows carry round_id / case_id: how a row version maps to a round.
_ROUND_TABLES = frozenset({"cases", "manifest_lines", "transport_units", "discrepancies", "certificates"})
_CASE_TABLES = frozenset({"custody_events", "certificate_cases", "samples", "releases"})


# --- results ---------------------------------------------------------------------------------------


@dataclass
class RoundFigures:
    """The figures of one round (or, from ``total``, of several)."""

    round_id: str
    code: str
    round_date: date | None
    declared_known: bool  # the round has a declared total (for a total: every round has one)
    values: dict[str, int]
    unexplained: dict[str, int]  # per discrepancy figure
    timeline: dict[str, list[int]] = field(default_factory=dict)  # day -> [received, examined, identified, released]
    rounds: int = 1

    def __getitem__(self, key: str) -> int:
        return self.values[key]

    @property
    def unexplained_total(self) -> int:
        return sum(self.unexplained.values())

    @property
    def discrepancies_total(self) -> int:
        return sum(self.values[k] for k in DISCREPANCY_KEYS)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": CACHE_FORMAT, "values": self.values, "unexplained": self.unexplained,
            "timeline": self.timeline, "declared_known": self.declared_known,
        }


def total(rows: Iterable[RoundFigures]) -> RoundFigures:
    """The figures of several rounds: every figure is the sum of the rounds' figures."""
    rows = list(rows)
    values = {k: sum(r.values[k] for r in rows) for k in FIGURE_KEYS}
    unexplained = {k: sum(r.unexplained.get(k, 0) for r in rows) for k in DISCREPANCY_KEYS}
    timeline: dict[str, list[int]] = {}
    for r in rows:
        for day, counts in r.timeline.items():
            slot = timeline.setdefault(day, [0, 0, 0, 0])
            for i, n in enumerate(counts):
                slot[i] += n
    dates = [r.round_date for r in rows if r.round_date]
    return RoundFigures(
        round_id="", code="", round_date=min(dates) if dates else None,
        declared_known=all(r.declared_known for r in rows), values=values, unexplained=unexplained,
        timeline=dict(sorted(timeline.items())), rounds=sum(r.rounds for r in rows),
    )


@dataclass(frozen=True)
class TimePoint:
    day: date
    received: int
    examined: int
    identified: int
    released: int


def cumulative_timeline(figures: RoundFigures) -> list[TimePoint]:
    """Running totals of received / examined / identified / released cases by day."""
    points: list[TimePoint] = []
    running = [0, 0, 0, 0]
    for day, counts in sorted(figures.timeline.items()):
        running = [a + b for a, b in zip(running, counts, strict=True)]
        points.append(TimePoint(date.fromisoformat(day), *running))
    return points


@dataclass(frozen=True)
class RoundRef:
    id: str
    code: str
    round_date: date
    declared_total: int | None


# --- the SQL -----------------------------------------------------------------------------------------


def _live_case() -> ColumnElement[bool]:
    return Case.deleted.is_(False)


def _live_in_lookup(deleted: Any) -> ColumnElement[bool]:
    """"Not a tombstone" inside a lookup by (round, tag): written as ``IS NOT true`` so that
    SQLite's planner looks the tag up in the (round, tag) index instead of scanning the round
    through the (round, deleted) index, which it would otherwise rate as good."""
    condition: ColumnElement[bool] = deleted.is_not(True)
    return condition


def _has_event(*types: str) -> Any:
    return exists().where(CustodyEvent.case_id == Case.id, CustodyEvent.event_type.in_(types),
                          CustodyEvent.deleted.is_(False))


def _subjects(key: str, ids: Sequence[str]) -> Select[Any]:
    """(round_id, subject) of every discrepancy of figure ``key`` in rounds ``ids``."""
    if key == "declared_not_received":
        received = exists().where(
            Case.round_id == ManifestLine.round_id, Case.sender_tag_norm == ManifestLine.sender_tag_norm,
            Case.sender_tag_norm != "", _live_in_lookup(Case.deleted),
        )
        return select(ManifestLine.round_id.label("round_id"), ManifestLine.id.label("subject")).where(
            ManifestLine.deleted.is_(False), ManifestLine.round_id.in_(ids), ~received
        )
    if key == "received_not_declared":
        declared = exists().where(
            ManifestLine.round_id == Case.round_id, ManifestLine.sender_tag_norm == Case.sender_tag_norm,
            _live_in_lookup(ManifestLine.deleted),
        )
        return _case_subjects(ids, or_(Case.sender_tag_norm == "", ~declared))
    if key == "duplicate_tags":
        earlier = aliased(Case)
        before = exists().where(
            earlier.round_id == Case.round_id, earlier.sender_tag_norm == Case.sender_tag_norm,
            _live_in_lookup(earlier.deleted),
            or_(earlier.received_at < Case.received_at,
                and_(earlier.received_at == Case.received_at, earlier.case_number < Case.case_number)),
        )
        return _case_subjects(ids, and_(Case.sender_tag_norm != "", before))
    if key == "bag_count_mismatch":
        counted = _unit_counts(ids)
        return (
            select(TransportUnit.round_id.label("round_id"), TransportUnit.id.label("subject"))
            .outerjoin(counted, and_(counted.c.unit_id == TransportUnit.id, counted.c.round_id == TransportUnit.round_id))
            .where(
                TransportUnit.deleted.is_(False), TransportUnit.round_id.in_(ids),
                TransportUnit.declared_bags.is_not(None),
                TransportUnit.declared_bags != func.coalesce(counted.c.n, 0),
            )
        )
    if key == "broken_seals":
        return select(TransportUnit.round_id.label("round_id"), TransportUnit.id.label("subject")).where(
            TransportUnit.deleted.is_(False), TransportUnit.round_id.in_(ids), TransportUnit.seal_intact.is_(False)
        )
    if key == "commingled":
        return _case_subjects(ids, Case.category == Category.COMMINGLED.value)
    if key == "identity_disputed":
        return _case_subjects(ids, Case.identity_disputed.is_(True))
    if key == "custody_gaps":
        return _case_subjects(ids, _custody_gap())
    raise ValueError(f"no subject query for {key}")


def _case_subjects(ids: Sequence[str], condition: ColumnElement[bool]) -> Select[Any]:
    return select(Case.round_id.label("round_id"), Case.id.label("subject")).where(
        _live_case(), Case.round_id.in_(ids), condition
    )


def _unit_counts(ids: Sequence[str]) -> Any:
    """Live cases per (round, transport unit): a unit counts the cases of its own round."""
    return (
        select(Case.round_id.label("round_id"), Case.transport_unit_id.label("unit_id"), func.count().label("n"))
        .where(_live_case(), Case.round_id.in_(ids), Case.transport_unit_id.is_not(None))
        .group_by(Case.round_id, Case.transport_unit_id)
        .subquery()
    )


def _examined_status() -> ColumnElement[bool]:
    return or_(
        Case.status.in_((CaseStatus.EXAMINED.value, CaseStatus.IDENTIFIED.value)),
        Case.examination_status == "completed",
    )


def _gap_conditions() -> dict[str, ColumnElement[bool]]:
    released, returned = CaseStatus.RELEASED.value, CaseStatus.RETURNED.value
    return {
        "no_received_event": ~_has_event(CustodyEventType.RECEIVED.value),
        "no_examined_event": and_(_examined_status(), ~_has_event(CustodyEventType.EXAMINED.value)),
        "no_released_event": and_(Case.status == released, ~_has_event(CustodyEventType.RELEASED.value)),
        "no_returned_event": and_(Case.status == returned, ~_has_event(CustodyEventType.RETURNED.value)),
        "event_without_status": and_(
            Case.status.not_in((released, returned)),
            _has_event(CustodyEventType.RELEASED.value, CustodyEventType.RETURNED.value),
        ),
    }


def _custody_gap() -> ColumnElement[bool]:
    return or_(*_gap_conditions().values())


def _subject_column(subject: str) -> Any:
    return {
        "case": Discrepancy.case_id,
        "manifest_line": Discrepancy.manifest_line_id,
        "transport_unit": Discrepancy.transport_unit_id,
    }[subject]


def _explained_keys(kind: KindDef, ids: Sequence[str]) -> Any:
    return (
        select(Discrepancy.round_id.label("rid"), _subject_column(kind.subject).label("sid"))
        .where(
            Discrepancy.kind == kind.kind, Discrepancy.deleted.is_(False), Discrepancy.explanation != "",
            Discrepancy.round_id.in_(ids),
        )
        .distinct()
        .subquery()
    )


def _count_with_explained(session: Session, key: str, ids: Sequence[str]) -> dict[str, tuple[int, int]]:
    """round_id -> (discrepancies, of which explained) for figure ``key``."""
    kind = KINDS[key]
    subjects = _subjects(key, ids).subquery()
    explained = _explained_keys(kind, ids)
    rows = session.execute(
        select(subjects.c.round_id, func.count(), func.count(explained.c.sid))
        .select_from(
            subjects.outerjoin(
                explained, and_(explained.c.rid == subjects.c.round_id, explained.c.sid == subjects.c.subject)
            )
        )
        .group_by(subjects.c.round_id)
    ).all()
    return {r[0]: (int(r[1]), int(r[2])) for r in rows}


def _round_level_explained(session: Session, ids: Sequence[str]) -> set[str]:
    """Rounds whose declared-total mismatch is explained (a count-mismatch row with no subject)."""
    return set(
        session.scalars(
            select(Discrepancy.round_id).where(
                Discrepancy.kind == DiscrepancyKind.COUNT_MISMATCH.value, Discrepancy.deleted.is_(False),
                Discrepancy.explanation != "", Discrepancy.round_id.in_(ids), Discrepancy.case_id.is_(None),
                Discrepancy.transport_unit_id.is_(None), Discrepancy.manifest_line_id.is_(None),
            )
        )
    )


def _day(value: Any) -> str:
    return str(value)[:10]


def _empty(rounds: Sequence[RoundRef]) -> dict[str, RoundFigures]:
    zero = dict.fromkeys(FIGURE_KEYS, 0)
    return {
        r.id: RoundFigures(
            r.id, r.code, r.round_date, r.declared_total is not None,
            {**zero, "declared_total": r.declared_total or 0}, dict.fromkeys(DISCREPANCY_KEYS, 0),
        )
        for r in rounds
    }


def _declared_total_mismatch(session: Session, rounds: Sequence[RoundRef], out: dict[str, RoundFigures]) -> None:
    explained_totals = _round_level_explained(session, [r.id for r in rounds])
    for r in rounds:
        fig = out[r.id]
        if r.declared_total is not None and r.declared_total != fig.values["received"]:
            fig.values["declared_total_mismatch"] = 1
            fig.unexplained["declared_total_mismatch"] = 0 if r.id in explained_totals else 1


def _compute_direct(session: Session, rounds: Sequence[RoundRef]) -> dict[str, RoundFigures]:
    """Figures of ``rounds`` from the records themselves (without the live conflict and
    duplicate counts): several look-ups per case, so only for the few rounds whose facts are
    behind (``reconciliation_facts.pending_rounds``) or when the facts cannot be trusted."""
    ids = [r.id for r in rounds]
    out = _empty(rounds)

    def put(key: str, pairs: Iterable[Any]) -> None:
        for rid, n in pairs:
            out[rid].values[key] = int(n or 0)

    put("manifest_lines", session.execute(
        select(ManifestLine.round_id, func.count())
        .where(ManifestLine.deleted.is_(False), ManifestLine.round_id.in_(ids))
        .group_by(ManifestLine.round_id)
    ).all())

    def flag(condition: ColumnElement[bool]) -> Any:
        return func.sum(sql_case((condition, 1), else_=0))

    core = session.execute(
        select(
            Case.round_id,
            func.count(),
            flag(Case.examination_status == "completed"),
            flag(Case.identified_on.is_not(None)),
            flag(Case.status == CaseStatus.RELEASED.value),
            flag(Case.status == CaseStatus.RETURNED.value),
        )
        .where(_live_case(), Case.round_id.in_(ids))
        .group_by(Case.round_id)
    ).all()
    for rid, *numbers in core:
        for key, n in zip(("received", "examined", "identified", "released", "returned"), numbers, strict=True):
            out[rid].values[key] = int(n or 0)

    issued = exists().where(
        CertificateCase.case_id == Case.id, CertificateCase.deleted.is_(False),
        Certificate.id == CertificateCase.certificate_id, Certificate.deleted.is_(False),
        Certificate.status == CertificateStatus.ISSUED.value,
    )
    put("certified", session.execute(
        select(Case.round_id, func.count()).where(_live_case(), Case.round_id.in_(ids), issued).group_by(Case.round_id)
    ).all())

    for key in EXPLAINABLE:
        if key == "declared_total_mismatch":
            continue
        for rid, (n, explained) in _count_with_explained(session, key, ids).items():
            out[rid].values[key] = n
            out[rid].unexplained[key] = n - explained
    _declared_total_mismatch(session, rounds, out)
    _timeline(session, ids, out)
    return out


def _timeline(session: Session, ids: Sequence[str], out: dict[str, RoundFigures]) -> None:
    def add(index: int, rows: Iterable[Any]) -> None:
        for rid, day, n in rows:
            if day is None:
                continue
            slot = out[rid].timeline.setdefault(_day(day), [0, 0, 0, 0])
            slot[index] += int(n)

    received_day = func.date(Case.received_at)
    add(0, session.execute(
        select(Case.round_id, received_day, func.count())
        .where(_live_case(), Case.round_id.in_(ids)).group_by(Case.round_id, received_day)
    ).all())
    examined_day = func.date(Case.examined_at)
    add(1, session.execute(
        select(Case.round_id, examined_day, func.count())
        .where(_live_case(), Case.round_id.in_(ids), Case.examination_status == "completed")
        .group_by(Case.round_id, examined_day)
    ).all())
    add(2, session.execute(
        select(Case.round_id, Case.identified_on, func.count())
        .where(_live_case(), Case.round_id.in_(ids), Case.identified_on.is_not(None))
        .group_by(Case.round_id, Case.identified_on)
    ).all())
    first_release = (
        select(Case.round_id.label("round_id"), func.min(CustodyEvent.occurred_at).label("at"))
        .join(CustodyEvent, and_(CustodyEvent.case_id == Case.id, CustodyEvent.deleted.is_(False),
                                 CustodyEvent.event_type == CustodyEventType.RELEASED.value))
        .where(_live_case(), Case.round_id.in_(ids), Case.status == CaseStatus.RELEASED.value)
        .group_by(Case.id, Case.round_id)
        .subquery()
    )
    released_day = func.date(first_release.c.at)
    add(3, session.execute(
        select(first_release.c.round_id, released_day, func.count()).group_by(first_release.c.round_id, released_day)
    ).all())
    for fig in out.values():
        fig.timeline = dict(sorted(fig.timeline.items()))


# --- figures from the facts (app.services.reconciliation.facts) ----------------------------------

# figure -> Discrepancy.kind of the case figures an explanation can be attached to
_CASE_SUBJECT_FIGURES = ("received_not_declared", "duplicate_tags", "commingled", "identity_disputed", "custody_gaps")


def _compute(session: Session, rounds: Sequence[RoundRef]) -> dict[str, RoundFigures]:
    """Figures of ``rounds`` from their facts (without the live conflict and duplicate counts):
    the rounds' counts (a few hundred rows each), their transport units, and the explained
    subjects checked against the facts of their case or line."""
    ids = [r.id for r in rounds]
    out = _empty(rounds)
    if not ids:
        return out
    RC, RL, RN = ReconciliationCase, ReconciliationLine, ReconciliationCount  # noqa: N806
    rules = functools.lru_cache(maxsize=None)(facts.figure_keys)
    for rid, flags, n in session.execute(
        select(RN.round_id, RN.flags, func.sum(RN.cases)).where(RN.round_id.in_(ids)).group_by(RN.round_id, RN.flags)
    ).tuples():
        values = out[rid].values
        for key in rules(flags):
            values[key] += int(n)
    counted: dict[tuple[str, str], int] = {
        (rid, uid): int(n) for rid, uid, n in session.execute(
            select(RN.round_id, RN.unit_id, func.sum(RN.cases))
            .where(RN.round_id.in_(ids), RN.unit_id != "").group_by(RN.round_id, RN.unit_id)
        ).tuples()
    }
    for rid, lines, not_received in session.execute(
        select(ReconciliationRound.round_id, ReconciliationRound.manifest_lines, ReconciliationRound.lines_not_received)
        .where(ReconciliationRound.round_id.in_(ids))
    ).tuples():
        out[rid].values["manifest_lines"] = lines
        out[rid].values["declared_not_received"] = not_received

    # transport units: few per round, read as they are
    unit_subjects: dict[str, set[tuple[str, str]]] = {"bag_count_mismatch": set(), "broken_seals": set()}
    for uid, rid, declared_bags, seal_intact in session.execute(
        select(TransportUnit.id, TransportUnit.round_id, TransportUnit.declared_bags, TransportUnit.seal_intact)
        .where(TransportUnit.deleted.is_(False), TransportUnit.round_id.in_(ids))
    ).tuples():
        if declared_bags is not None and declared_bags != counted.get((rid, uid), 0):
            unit_subjects["bag_count_mismatch"].add((rid, uid))
        if seal_intact is False:
            unit_subjects["broken_seals"].add((rid, uid))
    for key, subjects in unit_subjects.items():
        for rid, _uid in subjects:
            out[rid].values[key] += 1

    # explained discrepancies: of the explained subjects, those that are discrepancies now
    explained: dict[str, dict[str, int]] = {rid: dict.fromkeys(DISCREPANCY_KEYS, 0) for rid in ids}
    figure_of = {KINDS[f].kind: f for f in _CASE_SUBJECT_FIGURES}
    for rid, kind, _cid, flags in session.execute(
        select(Discrepancy.round_id, Discrepancy.kind, Discrepancy.case_id, RC.flags)
        .join(RC, and_(RC.case_id == Discrepancy.case_id, RC.round_id == Discrepancy.round_id))
        .where(Discrepancy.round_id.in_(ids), Discrepancy.deleted.is_(False), Discrepancy.explanation != "",
               Discrepancy.kind.in_(list(figure_of)))
        .distinct()
    ).tuples():
        figure = figure_of[kind]
        if figure in rules(flags):
            explained[rid][figure] += 1
    explained_lines = session.execute(
        select(Discrepancy.round_id, func.count(Discrepancy.manifest_line_id.distinct()))
        .join(RL, and_(RL.line_id == Discrepancy.manifest_line_id, RL.round_id == Discrepancy.round_id))
        .where(Discrepancy.round_id.in_(ids), Discrepancy.deleted.is_(False), Discrepancy.explanation != "",
               Discrepancy.kind == KINDS["declared_not_received"].kind, RL.received.is_(False))
        .group_by(Discrepancy.round_id)
    ).tuples()
    for rid, n in explained_lines:
        explained[rid]["declared_not_received"] = int(n)
    unit_figure_of = {KINDS[f].kind: f for f in unit_subjects}
    for rid, kind, unit in session.execute(
        select(Discrepancy.round_id, Discrepancy.kind, Discrepancy.transport_unit_id)
        .where(Discrepancy.round_id.in_(ids), Discrepancy.deleted.is_(False), Discrepancy.explanation != "",
               Discrepancy.kind.in_(list(unit_figure_of)), Discrepancy.transport_unit_id.is_not(None))
        .distinct()
    ).tuples():
        figure = unit_figure_of[kind]
        if (rid, unit) in unit_subjects[figure]:
            explained[rid][figure] += 1
    for rid in ids:
        fig = out[rid]
        for key in EXPLAINABLE:
            fig.unexplained[key] = fig.values[key] - explained[rid][key]
    _declared_total_mismatch(session, rounds, out)

    for rid, step, day, n in session.execute(
        select(ReconciliationDay.round_id, ReconciliationDay.step, ReconciliationDay.day, ReconciliationDay.cases)
        .where(ReconciliationDay.round_id.in_(ids))
    ).tuples():
        slot = out[rid].timeline.setdefault(facts.day_of(day).isoformat(), [0, 0, 0, 0])
        slot[step] += n
    for fig in out.values():
        fig.timeline = dict(sorted(fig.timeline.items()))
    return out


# --- live figures: merge conflicts and probable duplicates (app.sync) ------------------------------


def _sync_models() -> tuple[Any, Any]:
    """The Conflict and ProbableDuplicate models, when this build has them."""
    from app.persistence import models

    return getattr(models, "Conflict", None), getattr(models, "ProbableDuplicate", None)


def _conflict_rounds(session: Session, ids: Sequence[str], *, rows: bool = False) -> Any:
    """Open conflicts per round (or, with ``rows``, the conflicts themselves)."""
    conflict, _dup = _sync_models()
    if conflict is None:
        return [] if rows else {}
    from app.persistence.models import TABLE_TO_MODEL

    parts: list[Select[Any]] = []
    for table, model in TABLE_TO_MODEL.items():
        columns = model.__table__.c  # type: ignore[attr-defined]
        if table == "rounds":
            round_col = columns.id
        elif "round_id" in columns:
            round_col = columns.round_id
        elif "case_id" in columns:
            round_col = Case.round_id
        else:
            continue
        stmt = (
            select(conflict.id, conflict.table_name, conflict.row_id, conflict.field, round_col.label("round_id"))
            .select_from(conflict)
            .join(model, columns.id == conflict.row_id)
        )
        if round_col is Case.round_id:
            stmt = stmt.join(Case, Case.id == columns.case_id)
        parts.append(stmt.where(conflict.status == "open", conflict.table_name == table, round_col.in_(ids)))
    result: list[Any] = []
    for part in parts:
        result += session.execute(part).all()
    if rows:
        return result
    counts: dict[str, int] = {}
    for r in result:
        counts[r.round_id] = counts.get(r.round_id, 0) + 1
    return counts


def _duplicate_rounds(session: Session, ids: Sequence[str], *, rows: bool = False) -> Any:
    """Open probable duplicates per round: cases by their scope (the round), rounds by the first."""
    _conflict, dup = _sync_models()
    if dup is None:
        return [] if rows else {}
    round_of = func.coalesce(dup.scope_id, sql_case((dup.table_name == "rounds", dup.row_a), else_=None))
    stmt = select(dup.id, dup.table_name, dup.row_a, dup.row_b, dup.reasons, round_of.label("round_id")).where(
        dup.status == "open", round_of.in_(ids)
    )
    result = session.execute(stmt).all()
    if rows:
        return result
    counts: dict[str, int] = {}
    for r in result:
        counts[r.round_id] = counts.get(r.round_id, 0) + 1
    return counts


def _add_live(session: Session, figures: dict[str, RoundFigures]) -> None:
    ids = list(figures)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for key, counts in (("open_conflicts", _conflict_rounds(session, chunk)),
                            ("probable_duplicates", _duplicate_rounds(session, chunk))):
            for rid in chunk:
                n = counts.get(rid, 0)
                figures[rid].values[key] = n
                figures[rid].unexplained[key] = n


# --- the cache --------------------------------------------------------------------------------------


def _rounds(session: Session, round_ids: Sequence[str] | None, date_from: date | None,
            date_to: date | None) -> list[RoundRef]:
    stmt = select(Round.id, Round.code, Round.round_date, Round.declared_total).where(Round.deleted.is_(False))
    if round_ids is not None:
        stmt = stmt.where(Round.id.in_(list(round_ids)))
    if date_from is not None:
        stmt = stmt.where(Round.round_date >= date_from)
    if date_to is not None:
        stmt = stmt.where(Round.round_date <= date_to)
    return [RoundRef(*r) for r in session.execute(stmt.order_by(Round.round_date, Round.code)).all()]


def _from_json(ref: RoundRef, data: dict[str, Any]) -> RoundFigures:
    values = {k: int(data["values"].get(k, 0)) for k in FIGURE_KEYS}
    return RoundFigures(
        ref.id, ref.code, ref.round_date, bool(data.get("declared_known")), values,
        {k: int(data["unexplained"].get(k, 0)) for k in DISCREPANCY_KEYS},
        {d: list(c) for d, c in data.get("timeline", {}).items()},
    )


def _load_gaps(session: Session) -> list[list[Any]]:
    text_ = session.scalar(select(LocalSetting.value).where(LocalSetting.key == GAPS_SETTING))
    try:
        gaps = json.loads(text_) if text_ else []
    except json.JSONDecodeError:
        return []
    now = utcnow()
    return [g for g in gaps if datetime.fromisoformat(g[2]) > now - GAP_TTL]


def _in_gaps(seq: int, gaps: Sequence[Sequence[Any]]) -> bool:
    return any(lo <= seq <= hi for lo, hi, _t in gaps)


def _writers_in_flight(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(
        select(func.pg_snapshot_xip(func.pg_current_snapshot())).subquery())))


def _missing_ranges(session: Session, low: int, high: int) -> list[tuple[int, int]]:
    """Ranges of seq in (low, high] with no visible row version (PostgreSQL)."""
    if high <= low:
        return []
    seqs = select(RowVersion.seq.label("seq"), func.lead(RowVersion.seq).over(order_by=RowVersion.seq).label("nxt")) \
        .where(RowVersion.seq > low, RowVersion.seq <= high).subquery()
    ranges = [(int(a) + 1, int(b) - 1) for a, b in session.execute(
        select(seqs.c.seq, seqs.c.nxt).where(seqs.c.nxt > seqs.c.seq + 1)).all()]
    first = session.scalar(select(func.min(RowVersion.seq)).where(RowVersion.seq > low, RowVersion.seq <= high))
    if first is None:
        ranges.append((low + 1, high))
    elif first > low + 1:
        ranges.append((low + 1, int(first) - 1))
    return ranges


def _subtract(gaps: list[list[Any]], seen: set[int]) -> list[list[Any]]:
    """``gaps`` without the seqs now seen."""
    out: list[list[Any]] = []
    for lo, hi, stamp in gaps:
        inside = sorted(s for s in seen if lo <= s <= hi)
        start = lo
        for s in inside:
            if s > start:
                out.append([start, s - 1, stamp])
            start = s + 1
        if start <= hi:
            out.append([start, hi, stamp])
    return out


def _rounds_touched(session: Session, versions: Sequence[Any]) -> dict[str, set[int]]:
    """round_id -> the seqs of ``versions`` (seq, table_name, row_id, snapshot) that touch it."""
    touched: dict[str, set[int]] = {}
    by_case: dict[str, set[int]] = {}

    def touch(rid: Any, seqs: Iterable[int]) -> None:
        if isinstance(rid, str) and rid:
            touched.setdefault(rid, set()).update(seqs)

    for seq, table, row_id, snapshot in versions:
        if table == "rounds":
            touch(row_id, (seq,))
        elif table in _ROUND_TABLES or table in _CASE_TABLES:
            try:
                data = json.loads(snapshot)
            except json.JSONDecodeError:
                continue
            if table in _ROUND_TABLES:
                touch(data.get("round_id"), (seq,))
            case_id = data.get("case_id")
            if isinstance(case_id, str) and case_id:
                by_case.setdefault(case_id, set()).add(seq)
    case_ids = list(by_case)
    for start in range(0, len(case_ids), 500):
        chunk = case_ids[start : start + 500]
        for cid, rid in session.execute(select(Case.id, Case.round_id).where(Case.id.in_(chunk))).all():
            touch(rid, by_case[cid])
    return touched


@dataclass
class _Refresh:
    figures: dict[str, RoundFigures]
    computed: dict[str, RoundFigures]  # to keep in the cache
    as_of: int
    gaps: list[list[Any]] | None  # None: unchanged
    marks: dict[str, int] = field(default_factory=dict)


def _refresh(
    session: Session,
    refs: Sequence[RoundRef],
    *,
    fresh: bool,
    progress: Progress | None,
    token: CancelToken | None,
) -> _Refresh:
    pg = session.get_bind().dialect.name == "postgresql"
    current = int(session.scalar(select(func.coalesce(func.max(RowVersion.seq), 0))) or 0)
    in_flight = pg and _writers_in_flight(session)
    # Rounds with queued changes in this snapshot have facts behind their records: they are
    # counted from the records and not cached. Without the triggers no facts are trusted.
    trusted = facts.triggers_present(session)
    pending = facts.pending_rounds(session) if trusted else {r.id for r in refs}
    marks = facts.marks(session, [r.id for r in refs]) if trusted else {}
    cached: dict[str, tuple[int, dict[str, Any]]] = {}
    if not fresh:
        ids = [r.id for r in refs]
        for start in range(0, len(ids), 500):
            for rid, as_of, text_ in session.execute(
                select(ReconciliationCache.round_id, ReconciliationCache.as_of_seq, ReconciliationCache.figures)
                .where(ReconciliationCache.round_id.in_(ids[start : start + 500]))
            ).all():
                try:
                    data = json.loads(text_)
                except json.JSONDecodeError:
                    continue
                if data.get("format") == CACHE_FORMAT and (not trusted or data.get("mark") == marks.get(rid, 0)):
                    cached[rid] = (int(as_of), data)
    gaps = _load_gaps(session) if pg else []
    stale = {r.id for r in refs if r.id not in cached or (trusted and r.id in pending)}
    low = min((as_of for as_of, _d in cached.values()), default=current)
    new_gaps: list[list[Any]] | None = None
    if cached and (low < current or gaps):
        seq_filter = or_(and_(RowVersion.seq > low, RowVersion.seq <= current),
                         *[RowVersion.seq.between(lo, hi) for lo, hi, _t in gaps])
        n = int(session.scalar(select(func.count()).select_from(RowVersion).where(seq_filter)) or 0)
        if n > DELTA_LIMIT:
            stale = {r.id for r in refs}
            seen: set[int] = set()
        else:
            versions = session.execute(
                select(RowVersion.seq, RowVersion.table_name, RowVersion.row_id, RowVersion.snapshot).where(seq_filter)
            ).all()
            seen = {int(v[0]) for v in versions}
            for rid, seqs in _rounds_touched(session, versions).items():
                if rid in cached and any(seq > cached[rid][0] or _in_gaps(seq, gaps) for seq in seqs):
                    stale.add(rid)
        if pg:
            new_gaps = _subtract(gaps, seen)
    if pg and in_flight:
        stamp = utcnow().isoformat()
        new_gaps = (new_gaps if new_gaps is not None else gaps) + [
            [lo, hi, stamp] for lo, hi in _missing_ranges(session, low if cached else 0, current)
        ]
    figures = {rid: _from_json(ref, cached[rid][1]) for ref in refs if (rid := ref.id) in cached and rid not in stale}
    todo = [r for r in refs if r.id in stale]
    from_facts = [r for r in todo if trusted and r.id not in pending]
    from_records = [r for r in todo if not (trusted and r.id not in pending)]
    computed: dict[str, RoundFigures] = {}
    uncached: dict[str, RoundFigures] = {}
    done = 0
    for batch, chunk, compute in ((from_facts, FACTS_CHUNK, _compute), (from_records, ROUND_CHUNK, _compute_direct)):
        for start in range(0, len(batch), chunk):
            if token is not None:
                token.check()
            if progress is not None:
                progress(done, len(todo), f"Reconciling round {done + 1} of {len(todo)}\u2026")
            part = compute(session, batch[start : start + chunk])
            (uncached if trusted and compute is _compute_direct else computed).update(part)
            done += len(part)
    if progress is not None and todo:
        progress(len(todo), len(todo), "")
    figures.update(computed)
    figures.update(uncached)
    _add_live(session, figures)
    return _Refresh(figures, computed, current, new_gaps, marks)


def _store(ctx: AppContext, result: _Refresh) -> None:
    """Keep freshly computed figures (best effort: a failure only costs a later recompute)."""
    if not result.computed and result.gaps is None:
        return
    try:
        with ctx.db.session(write=True) as session:
            ids = list(result.computed)
            existing: dict[str, ReconciliationCache] = {}
            for start in range(0, len(ids), 500):
                for row in session.scalars(
                    select(ReconciliationCache).where(ReconciliationCache.round_id.in_(ids[start : start + 500]))
                ):
                    existing[row.round_id] = row
            now = utcnow()
            for rid, fig in result.computed.items():
                payload = json.dumps({**fig.to_json(), "mark": result.marks.get(rid, 0)}, sort_keys=True,
                                     separators=(",", ":"))
                cached = existing.get(rid)
                if cached is None:
                    session.add(ReconciliationCache(round_id=rid, as_of_seq=result.as_of, figures=payload,
                                                    computed_at=now))
                elif cached.as_of_seq <= result.as_of:
                    cached.as_of_seq, cached.figures, cached.computed_at = result.as_of, payload, now
            if result.gaps is not None:
                setting = session.get(LocalSetting, GAPS_SETTING)
                value = json.dumps(result.gaps)
                if setting is None:
                    session.add(LocalSetting(key=GAPS_SETTING, value=value))
                else:
                    setting.value = value
    except DatabaseError as exc:
        log.warning("reconciliation figures not cached: %s", exc)


def _snapshot(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def figures(
    ctx: AppContext,
    round_ids: Sequence[str] | None = None,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    fresh: bool = False,
    progress: Progress | None = None,
    token: CancelToken | None = None,
) -> list[RoundFigures]:
    """The figures of each live round (all, those in ``round_ids``, and/or those dated within
    ``date_from``..``date_to``), oldest first. ``fresh`` ignores the cache."""
    ctx.require()
    if date_from and date_to and date_from > date_to:
        raise ValidationError("The start of the period is after its end.", {"date_from": "after end"})
    facts.bring_up_to_date(ctx.db)  # a busy database leaves the queue: those rounds count from the records
    with ctx.reading() as session:
        _snapshot(session)
        refs = _rounds(session, round_ids, date_from, date_to)
        wanted = len(set(round_ids or ()))
        if round_ids is not None and (date_from or date_to or len(refs) < wanted) \
                and len(_rounds(session, round_ids, None, None)) < wanted:
            raise NotFound("One of the rounds no longer exists.")
        result = _refresh(session, refs, fresh=fresh, progress=progress, token=token)
    _store(ctx, result)
    return [result.figures[r.id] for r in refs]


def rebuild_facts(
    ctx: AppContext,
    round_ids: Sequence[str] | None = None,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    progress: Progress | None = None,
    token: CancelToken | None = None,
) -> None:
    """Rebuild the stored facts of the rounds (all, or those chosen as for ``figures``) from the
    records alone; ``figures(..., fresh=True)`` then counts nothing but the records. The repair
    when the figures are doubted; it reads every case of those rounds (about half a minute per
    million cases), so run it off the GUI thread."""
    ctx.require()
    if date_from and date_to and date_from > date_to:
        raise ValidationError("The start of the period is after its end.", {"date_from": "after end"})
    every = round_ids is None and date_from is None and date_to is None
    with ctx.reading() as session:
        ids = None if every else [r.id for r in _rounds(session, round_ids, date_from, date_to)]
    if token is not None:
        token.check()
    if progress is not None:
        progress(0, 0, "Rebuilding the facts from the records\u2026")
    with ctx.db.session(write=True) as session:
        facts.rebuild(session.connection(), ids)


def recompute_all(ctx: AppContext, progress: Progress | None = None, token: CancelToken | None = None) -> int:
    """Forget the cached figures and compute every round afresh; returns the number of rounds."""
    return len(figures(ctx, fresh=True, progress=progress, token=token))


def unexplained_counts(ctx: AppContext) -> dict[str, int]:
    """round_id -> how many of its discrepancies are not explained (every live round).

    Cheap once the figures are cached (the usual case); the first call on a large database
    computes every round, so call it off the GUI thread.
    """
    return {f.round_id: f.unexplained_total for f in figures(ctx)}


# --- drill-down -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DrillItem:
    """One record behind a figure: a case, a manifest line, a transport unit, a round, a merge
    conflict or a probable duplicate (``kind``)."""

    kind: str
    id: str
    round_id: str
    round_code: str
    case_id: str | None
    number: str  # case number, manifest line number, unit label, round code
    tag: str
    name: str  # claimed name (cases, manifest lines)
    status: str
    detail: str
    where: str = ""  # a case: when it was received, its bag, where it is kept


_CASE_FIGURES: dict[str, Callable[[], ColumnElement[bool]]] = {
    "received": lambda: literal(True),
    "examined": lambda: Case.examination_status == "completed",
    "identified": lambda: Case.identified_on.is_not(None),
    "released": lambda: Case.status == CaseStatus.RELEASED.value,
    "returned": lambda: Case.status == CaseStatus.RETURNED.value,
}


def _case_items(session: Session, condition: ColumnElement[bool] | None, ids: Sequence[str],
                limit: int | None, subjects: Select[Any] | None = None) -> list[DrillItem]:
    stmt = (
        select(Case.id, Case.round_id, Round.code, shown_key(Case.__table__, "case_number"), Case.sender_tag,
               Case.claimed_name, Case.status, Case.established_name, Case.received_at, Case.bag_number,
               Case.storage_location)
        .join(Round, Round.id == Case.round_id)
        .where(_live_case(), Case.round_id.in_(ids))
    )
    if condition is not None:
        stmt = stmt.where(condition)
    if subjects is not None:
        stmt = stmt.where(Case.id.in_(subjects.with_only_columns(subjects.selected_columns.subject)))
    stmt = stmt.order_by(Round.round_date, Round.code, Case.case_number)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [
        DrillItem("case", r[0], r[1], r[2], r[0], r[3], r[4], r[5], r[6], r[7], _where_and_when(r[8], r[9], r[10]))
        for r in session.execute(stmt).all()
    ]


def _where_and_when(received_at: datetime | None, bag: str, storage: str) -> str:
    """What tells the case apart in a list when it has no established name yet: when it was
    received (local time), its bag and where it is kept."""
    when = received_at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M") if received_at else ""
    return " \u00b7 ".join(part for part in (when, bag or "", storage or "") if part)


def figure_cases(
    ctx: AppContext, round_ids: Sequence[str], figure_key: str, *, limit: int | None = None
) -> list[DrillItem]:
    """The records behind one figure of ``round_ids`` (the same rules as the figure itself):
    cases for case figures, manifest lines for ``manifest_lines`` and ``declared_not_received``,
    transport units for the unit figures, the round for ``declared_total_mismatch``, conflicts
    and duplicate pairs for the merge figures. ``declared_total`` has none."""
    ctx.require()
    if figure_key not in FIGURE_KEYS:
        raise ValidationError(f"Unknown figure: {figure_key}.")
    ids = list(round_ids)
    if not ids:
        return []
    with ctx.reading() as session:
        if figure_key in _CASE_FIGURES:
            return _case_items(session, _CASE_FIGURES[figure_key](), ids, limit)
        if figure_key == "certified":
            issued = exists().where(
                CertificateCase.case_id == Case.id, CertificateCase.deleted.is_(False),
                Certificate.id == CertificateCase.certificate_id, Certificate.deleted.is_(False),
                Certificate.status == CertificateStatus.ISSUED.value,
            )
            return _case_items(session, issued, ids, limit)
        if figure_key == "declared_total":
            return []
        if figure_key in ("manifest_lines", "declared_not_received"):
            return _manifest_items(session, ids, figure_key, limit)
        if figure_key in ("bag_count_mismatch", "broken_seals"):
            return _unit_items(session, ids, figure_key)
        if figure_key == "declared_total_mismatch":
            return [
                DrillItem("round", ref.id, ref.id, ref.code, None, ref.code, "", "", "",
                          f"declared {ref.declared_total}, received {received}")
                for ref, received in _total_mismatches(session, _rounds(session, ids, None, None))
            ]
        if figure_key == "open_conflicts":
            codes = _codes(session, ids)
            return [
                DrillItem("conflict", r.id, r.round_id, codes.get(r.round_id, ""),
                          r.row_id if r.table_name == "cases" else None, r.table_name, "", "", "open", r.field)
                for r in _conflict_rounds(session, ids, rows=True)
            ]
        if figure_key == "probable_duplicates":
            codes = _codes(session, ids)
            return [
                DrillItem("duplicate", r.id, r.round_id, codes.get(r.round_id, ""),
                          r.row_a if r.table_name == "cases" else None, r.table_name, "", "", "open", r.reasons)
                for r in _duplicate_rounds(session, ids, rows=True)
            ]
        return _case_items(session, None, ids, limit, subjects=_subjects(figure_key, ids))


def _codes(session: Session, ids: Sequence[str]) -> dict[str, str]:
    return {rid: code for rid, code in session.execute(select(Round.id, Round.code).where(Round.id.in_(ids))).all()}


def _manifest_items(session: Session, ids: Sequence[str], key: str, limit: int | None) -> list[DrillItem]:
    stmt = (
        select(ManifestLine.id, ManifestLine.round_id, Round.code, ManifestLine.line_no, ManifestLine.sender_tag,
               ManifestLine.claimed_name, ManifestLine.claimed_citizenship)
        .join(Round, Round.id == ManifestLine.round_id)
        .where(ManifestLine.deleted.is_(False), ManifestLine.round_id.in_(ids))
        .order_by(Round.round_date, Round.code, ManifestLine.line_no)
    )
    if key == "declared_not_received":
        sub = _subjects(key, ids)
        stmt = stmt.where(ManifestLine.id.in_(sub.with_only_columns(sub.selected_columns.subject)))
    if limit is not None:
        stmt = stmt.limit(limit)
    return [
        DrillItem("manifest_line", r[0], r[1], r[2], None, str(r[3]), r[4], r[5], "", r[6])
        for r in session.execute(stmt).all()
    ]


def _unit_rows(session: Session, ids: Sequence[str], key: str) -> list[Any]:
    counted = _unit_counts(ids)
    sub = _subjects(key, ids)
    return list(session.execute(
        select(TransportUnit.id, TransportUnit.round_id, Round.code.label("round_code"), TransportUnit.label,
               TransportUnit.declared_bags, func.coalesce(counted.c.n, 0).label("counted"),
               TransportUnit.seal_numbers)
        .join(Round, Round.id == TransportUnit.round_id)
        .outerjoin(counted, and_(counted.c.unit_id == TransportUnit.id, counted.c.round_id == TransportUnit.round_id))
        .where(TransportUnit.id.in_(sub.with_only_columns(sub.selected_columns.subject)))
        .order_by(Round.round_date, Round.code, TransportUnit.label)
    ).all())


def _unit_detail(key: str, row: Any) -> str:
    if key == "bag_count_mismatch":
        return f"declared {row.declared_bags}, counted {row.counted}"
    return f"seals {row.seal_numbers} not intact" if row.seal_numbers else "seals not intact"


def _unit_items(session: Session, ids: Sequence[str], key: str) -> list[DrillItem]:
    return [
        DrillItem("transport_unit", r.id, r.round_id, r.round_code, None, r.label, "", "", "", _unit_detail(key, r))
        for r in _unit_rows(session, ids, key)
    ]


def _total_mismatches(session: Session, refs: Sequence[RoundRef]) -> list[tuple[RoundRef, int]]:
    """Rounds whose declared total differs from the cases received, with the number received."""
    ids = [r.id for r in refs if r.declared_total is not None]
    if not ids:
        return []
    received = dict(session.execute(
        select(Case.round_id, func.count()).where(_live_case(), Case.round_id.in_(ids)).group_by(Case.round_id)
    ).tuples().all())
    return [
        (r, int(received.get(r.id, 0))) for r in refs
        if r.declared_total is not None and r.declared_total != received.get(r.id, 0)
    ]


# --- discrepancies and their explanations -------------------------------------------------------------


@dataclass(frozen=True)
class SubjectRef:
    """What an explanation is attached to: a discrepancy of ``figure`` in a round."""

    round_id: str
    figure: str
    subject_id: str | None  # None for declared_total_mismatch

    @property
    def kind(self) -> str:
        return KINDS[self.figure].kind


@dataclass(frozen=True)
class DiscrepancyItem:
    ref: SubjectRef
    round_code: str
    kind: str
    subject_type: str
    case_id: str | None
    number: str  # case number, manifest line number, unit label, round code, table name
    tag: str
    name: str
    declared: int | None
    counted: int | None
    reasons: tuple[str, ...]  # custody rules broken, identity parts disputed
    detail: str
    explanation: str
    explained_by: str
    explained_at: datetime | None
    resolved: bool

    @property
    def explained(self) -> bool:
        return bool(self.explanation)

    @property
    def explainable(self) -> bool:
        return self.ref.figure in EXPLAINABLE


def _explanations(session: Session, ids: Sequence[str]) -> dict[tuple[str, str, str | None], tuple[Any, str]]:
    """(round, kind, subject) -> (row, explainer's name): the row that speaks for the key — the
    most recently explained one, else the oldest. ``explain`` keeps every row of a key alike;
    rows made on two laptops for one key may differ until someone explains it again."""
    rows = session.execute(
        select(Discrepancy, User.full_name, User.username)
        .outerjoin(User, User.id == Discrepancy.explained_by)
        .where(Discrepancy.round_id.in_(ids), Discrepancy.deleted.is_(False))
        .order_by(Discrepancy.created_at, Discrepancy.id)
    ).all()
    best: dict[tuple[str, str, str | None], tuple[Any, str]] = {}

    def rank(d: Discrepancy) -> tuple[bool, datetime]:
        return bool(d.explanation), d.explained_at or datetime.min

    for d, full_name, username in rows:
        key = (d.round_id, d.kind, d.case_id or d.manifest_line_id or d.transport_unit_id)
        current = best.get(key)
        if current is None or rank(d) > rank(current[0]):
            best[key] = (d, full_name or username or "")
    return best


def list_discrepancies(
    ctx: AppContext, round_ids: Sequence[str], *, unexplained_only: bool = False, limit: int | None = None
) -> list[DiscrepancyItem]:
    """Every discrepancy of ``round_ids`` with its explanation, grouped by round and kind."""
    ctx.require()
    ids = list(round_ids)
    if not ids:
        return []
    items: list[DiscrepancyItem] = []
    with ctx.reading() as session:
        _snapshot(session)
        refs = {r.id: r for r in _rounds(session, ids, None, None)}
        codes = {rid: r.code for rid, r in refs.items()}
        explained = _explanations(session, ids)

        def make(figure: str, rid: str, subject: str | None, subject_type: str, case_id: str | None, number: str,
                 tag: str = "", name: str = "", declared: int | None = None, counted: int | None = None,
                 reasons: tuple[str, ...] = (), detail: str = "") -> None:
            kind = KINDS[figure].kind
            entry = explained.get((rid, kind, subject))
            d, who = entry if entry else (None, "")
            item = DiscrepancyItem(
                SubjectRef(rid, figure, subject), codes.get(rid, ""), kind, subject_type, case_id, number, tag, name,
                declared, counted, reasons, detail or (d.detail if d is not None else ""),
                d.explanation if d is not None else "", who if d is not None and d.explanation else "",
                d.explained_at if d is not None else None, bool(d.resolved) if d is not None else False,
            )
            if not (unexplained_only and item.explained) or figure in LIVE_KEYS:
                items.append(item)

        for ref, received in _total_mismatches(session, list(refs.values())):
            make("declared_total_mismatch", ref.id, None, "round", None, ref.code,
                 declared=ref.declared_total, counted=received)
        for r in session.execute(_manifest_detail(ids)).all():
            make("declared_not_received", r.round_id, r.id, "manifest_line", None, str(r.line_no), r.sender_tag,
                 r.claimed_name)
        for figure in ("received_not_declared", "duplicate_tags", "commingled", "identity_disputed", "custody_gaps"):
            gap_flags = _gap_conditions() if figure == "custody_gaps" else {}
            cols: list[Any] = [Case.id, Case.round_id, Case.case_number, Case.sender_tag, Case.claimed_name,
                    Case.claimed_birth_date, Case.claimed_citizenship, Case.established_name,
                    Case.established_birth_date, Case.established_citizenship]
            cols += [cond.label(name) for name, cond in gap_flags.items()]
            sub = _subjects(figure, ids)
            stmt = (
                select(*cols)
                .join(Round, Round.id == Case.round_id)
                .where(Case.id.in_(sub.with_only_columns(sub.selected_columns.subject)))
                .order_by(Round.round_date, Round.code, Case.case_number)
            )
            for r in session.execute(stmt).all():
                reasons: tuple[str, ...] = ()
                if figure == "custody_gaps":
                    reasons = tuple(name for name in gap_flags if getattr(r, name))
                elif figure == "identity_disputed":
                    reasons = tuple(identity_differences(r[4], r[5], r[6], r[7], r[8], r[9]))
                make(figure, r.round_id, r.id, "case", r.id, r.case_number, r.sender_tag, r.claimed_name,
                     reasons=reasons)
        for figure in ("bag_count_mismatch", "broken_seals"):
            for u in _unit_rows(session, ids, figure):
                make(figure, u.round_id, u.id, "transport_unit", None, u.label, declared=u.declared_bags,
                     counted=int(u.counted), detail=u.seal_numbers if figure == "broken_seals" else "")
        for v in session.execute(
            select(Discrepancy.round_id, Case.id, Case.case_number, Case.sender_tag, Case.claimed_name,
                   Discrepancy.detail)
            .join(Case, Case.id == Discrepancy.case_id)
            .where(Discrepancy.round_id.in_(ids), Discrepancy.kind == VOIDED_CASE, Discrepancy.deleted.is_(False),
                   Case.deleted.is_(True))
            .order_by(Case.case_number, Discrepancy.created_at)
        ).all():
            make("voided_cases", v.round_id, v.id, "case", v.id, v.case_number, v.sender_tag, v.claimed_name,
                 detail=v.detail)
        conflicts = _conflict_rounds(session, ids, rows=True)
        duplicates = _duplicate_rounds(session, ids, rows=True)
        numbers = _case_numbers(session, [c.row_id for c in conflicts if c.table_name == "cases"]
                                + [x for p in duplicates if p.table_name == "cases" for x in (p.row_a, p.row_b)])
        for c in conflicts:
            on_case = c.table_name == "cases"
            make("open_conflicts", c.round_id, c.id, "conflict", c.row_id if on_case else None,
                 numbers.get(c.row_id, c.table_name) if on_case else c.table_name, detail=c.field)
        for p in duplicates:
            on_cases = p.table_name == "cases"
            label = f"{numbers.get(p.row_a, p.row_a)} / {numbers.get(p.row_b, p.row_b)}" if on_cases else p.table_name
            make("probable_duplicates", p.round_id, p.id, "duplicate", p.row_a if on_cases else None, label,
                 detail=p.reasons)
    order = {k: i for i, k in enumerate(LISTED_KEYS)}
    round_order = {rid: i for i, rid in enumerate(ids)}
    items.sort(key=lambda it: (round_order.get(it.ref.round_id, 0), order[it.ref.figure]))
    return items[:limit] if limit is not None else items


def _case_numbers(session: Session, case_ids: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    ids = list(dict.fromkeys(case_ids))
    for start in range(0, len(ids), 500):
        out.update(session.execute(
            select(Case.id, Case.case_number).where(Case.id.in_(ids[start : start + 500]))).tuples().all())
    return out


def _manifest_detail(ids: Sequence[str]) -> Select[Any]:
    sub = _subjects("declared_not_received", ids)
    return (
        select(ManifestLine.id, ManifestLine.round_id, ManifestLine.line_no, ManifestLine.sender_tag,
               ManifestLine.claimed_name)
        .where(ManifestLine.id.in_(sub.with_only_columns(sub.selected_columns.subject)))
        .order_by(ManifestLine.round_id, ManifestLine.line_no)
    )


def _check_subject(session: Session, ref: SubjectRef) -> tuple[str | None, str | None, str | None]:
    """(case_id, manifest_line_id, transport_unit_id) of a subject, checked to exist in the round."""
    if ref.figure == "voided_cases":
        raise ValidationError("A voided case is explained by the reason it was voided.")
    if ref.figure not in EXPLAINABLE:
        raise ValidationError("Merge conflicts and probable duplicates are settled in the merge view.")
    subject = KINDS[ref.figure].subject
    rnd = session.get(Round, ref.round_id)
    if rnd is None or rnd.deleted:
        raise NotFound("The round does not exist.")
    if subject == "round":
        return None, None, None
    model: Any = {"case": Case, "manifest_line": ManifestLine, "transport_unit": TransportUnit}[subject]
    row = session.get(model, ref.subject_id) if ref.subject_id else None
    if row is None or row.round_id != ref.round_id:
        raise NotFound("The record of this discrepancy is not part of the round.")
    return (
        ref.subject_id if subject == "case" else None,
        ref.subject_id if subject == "manifest_line" else None,
        ref.subject_id if subject == "transport_unit" else None,
    )


def _rows_for(session: Session, ref: SubjectRef, keys: tuple[str | None, str | None, str | None]) -> list[Discrepancy]:
    case_id, line_id, unit_id = keys
    return list(
        session.scalars(
            select(Discrepancy)
            .where(
                Discrepancy.round_id == ref.round_id, Discrepancy.kind == ref.kind, Discrepancy.deleted.is_(False),
                Discrepancy.case_id.is_(None) if case_id is None else Discrepancy.case_id == case_id,
                Discrepancy.manifest_line_id.is_(None) if line_id is None else Discrepancy.manifest_line_id == line_id,
                Discrepancy.transport_unit_id.is_(None) if unit_id is None
                else Discrepancy.transport_unit_id == unit_id,
            )
            .order_by(Discrepancy.created_at, Discrepancy.id)
        )
    )


_DETAIL = {
    "declared_total_mismatch": "The declared total differs from the number of cases received.",
    "declared_not_received": "On the sending side's list but not received.",
    "bag_count_mismatch": "The number of bags counted differs from the number declared.",
    "broken_seals": "The seals of the transport unit were not intact.",
    "identity_disputed": "The established identity differs from the claimed identity.",
    "custody_gaps": "The custody chain has a gap.",
    "received_not_declared": "Received but not on the sending side's list.",
    "duplicate_tags": "The tag was already received in this round.",
    "commingled": "Commingled remains.",
}


def explain(
    ctx: AppContext, refs: Sequence[SubjectRef], explanation: str | None, *, resolved: bool | None = None
) -> int:
    """Explain (and/or mark resolved) each discrepancy of ``refs``, in one transaction.

    ``explanation`` None keeps each one's explanation (to resolve or reopen only). The same text
    given again changes nothing. Resolving needs an explanation. Returns how many rows changed.
    """
    user = ctx.require(*CAN_EXPLAIN)
    if resolved is not None:
        ctx.require(*CAN_RESOLVE)
    text_ = None if explanation is None else explanation.strip()
    if text_ is not None and not text_:
        raise ValidationError("Write the explanation first.", {"explanation": "required"})
    if text_ is not None and len(text_) > MAX_EXPLANATION:
        raise ValidationError(f"The explanation is longer than {MAX_EXPLANATION} characters.",
                              {"explanation": "long"})
    if not refs:
        raise ValidationError("Choose the discrepancies to explain.")
    changed = 0
    now = utcnow()
    with ctx.unit_of_work() as session:
        for ref in refs:
            keys = _check_subject(session, ref)
            rows = _rows_for(session, ref, keys)
            if not rows:
                if text_ is None:
                    raise ValidationError("Explain the discrepancy before marking it resolved.",
                                          {"explanation": "required"})
                rows = [Discrepancy(round_id=ref.round_id, kind=ref.kind, case_id=keys[0], manifest_line_id=keys[1],
                                    transport_unit_id=keys[2], detail=_DETAIL.get(ref.figure, ""))]
                session.add(rows[0])
            if resolved and text_ is None and not any(r.explanation for r in rows):
                raise ValidationError("Explain the discrepancy before marking it resolved.",
                                      {"explanation": "required"})
            for row in rows:
                before = (row.explanation, row.resolved)
                if text_ is not None and row.explanation != text_:
                    row.explanation, row.explained_by, row.explained_at = text_, user.id, now
                elif text_ is None and resolved and not row.explanation:
                    best = max((r for r in rows if r.explanation), key=lambda r: r.explained_at or datetime.min)
                    row.explanation, row.explained_by, row.explained_at = (
                        best.explanation, best.explained_by, best.explained_at)
                if resolved is not None:
                    row.resolved = resolved
                if (row.explanation, row.resolved) != before or row in session.new:
                    changed += 1
        session.flush()
    return changed


# --- reports ------------------------------------------------------------------------------------------


@dataclass
class ReconciliationReport:
    """What a reconciliation report prints (computed afresh, never from the cache)."""

    rounds: list[RoundFigures]
    totals: RoundFigures
    items: list[DiscrepancyItem] | None
    scope: str  # e.g. "R-2026-06-01" or "2026-06-01 – 2026-06-30"
    date_from: date | None
    date_to: date | None
    generated_at: datetime
    generated_by: str
    round_details: dict[str, dict[str, Any]]  # round_id -> place, parties, agreement


def build_report(
    ctx: AppContext,
    round_ids: Sequence[str] | None = None,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    details: bool = True,
    progress: Progress | None = None,
    token: CancelToken | None = None,
) -> ReconciliationReport:
    """The reconciliation of the chosen rounds (all when neither rounds nor dates are given)."""
    user = ctx.require()
    rows = figures(ctx, round_ids, date_from=date_from, date_to=date_to, fresh=True, progress=progress, token=token)
    if not rows:
        raise NotFound("No round matches the chosen rounds and period.")
    if token is not None:
        token.check()
    ids = [r.round_id for r in rows]
    items = list_discrepancies(ctx, ids) if details else None
    with ctx.reading() as session:
        info = {
            r.id: {"place": r.place, "sending_party": r.sending_party, "receiving_party": r.receiving_party,
                   "intermediary": r.intermediary, "agreement_ref": r.agreement_ref}
            for r in session.scalars(select(Round).where(Round.id.in_(ids)))
        }
    if date_from or date_to:
        scope = f"{date_from.isoformat() if date_from else '…'} – {date_to.isoformat() if date_to else '…'}"
        if round_ids:
            scope = ", ".join(r.code for r in rows) + f" ({scope})"
    else:
        scope = ", ".join(r.code for r in rows) if round_ids else "all"
    return ReconciliationReport(
        rounds=rows, totals=total(rows), items=items, scope=scope, date_from=date_from, date_to=date_to,
        generated_at=utcnow(), generated_by=user.full_name or user.username, round_details=info,
    )


@dataclass(frozen=True)
class WrittenReport:
    path: str
    format: str
    rounds: int
    pages: int  # 0 for CSV


def write_report(
    ctx: AppContext,
    path: str,
    fmt: str,
    round_ids: Sequence[str] | None = None,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    discrepancies_csv: bool = False,
    details: bool = True,
    progress: Progress | None = None,
    token: CancelToken | None = None,
) -> WrittenReport:
    """Write the reconciliation report as PDF (bilingual) or CSV, all or nothing."""
    from app.documents.output import check_writable, write_atomically
    from app.reports.reconciliation import render_csv, render_discrepancies_csv, render_pdf

    if fmt not in ("pdf", "csv"):
        raise ValidationError(f"Unknown report format {fmt}; use pdf or csv.")
    check_writable(path)
    report = build_report(ctx, round_ids, date_from=date_from, date_to=date_to,
                          details=details and (fmt == "pdf" or discrepancies_csv), progress=progress, token=token)
    if fmt == "pdf":
        pdf = render_pdf(report, token=token)
        written = write_atomically(path, pdf.data)
        return WrittenReport(str(written), fmt, len(report.rounds), pdf.pages)
    data = render_discrepancies_csv(report) if discrepancies_csv else render_csv(report)
    written = write_atomically(path, data.encode("utf-8-sig"))
    return WrittenReport(str(written), fmt, len(report.rounds), 0)


def round_ids_for_codes(ctx: AppContext, codes: Sequence[str]) -> list[str]:
    """Round ids for codes (or ids) as users type them; refuses unknown ones."""
    ctx.require()
    out: list[str] = []
    with ctx.reading() as session:
        for code in codes:
            value = code.strip()
            found = session.scalars(
                select(Round.id).where(or_(Round.code == value, Round.id == value), Round.deleted.is_(False))
            ).all()
            if not found:
                raise NotFound(f"There is no round {value}.")
            out += [f for f in found if f not in out]
    return out
