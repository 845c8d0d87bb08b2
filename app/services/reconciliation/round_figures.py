"""What the reconciliation counts: the figures of a round, the kinds of discrepancy and what
an explanation is attached to (``KINDS``), the custody-chain rules, and the figures of a round
as a value (``RoundFigures``; those of several rounds are their ``total``).

Figures
-------
Every figure of a round is an SQL aggregate over the records themselves (never a Python loop
over cases). A case belongs to exactly one round, so the figures of a set of rounds are the sums
of the rounds' figures (``total``).

Progress: ``declared_total`` (the round's declared total; rounds without one count as 0 in a
sum), ``manifest_lines``, ``received`` (live cases), ``certified`` (cases on at least one issued
certificate — void ones do not count), ``examined`` (examination completed), ``sampled`` (at
least one sample taken for identification and not withdrawn), ``identified`` (identification
recorded), ``released`` and ``returned`` (the case's status).

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
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.domain import DiscrepancyKind
from app.services.cases.void import VOIDED_CASE

Progress = Callable[[int, int, str], None]

# Kinds of discrepancy beyond app.domain.DiscrepancyKind (stored in Discrepancy.kind).
BROKEN_SEAL = "broken_seal"
CUSTODY_GAP = "custody_gap"
CONFLICT = "conflict"
PROBABLE_DUPLICATE = "probable_duplicate"

PROGRESS_KEYS: tuple[str, ...] = (
    "declared_total", "manifest_lines", "received", "certified", "examined", "sampled", "identified", "released",
    "returned",
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

CACHE_FORMAT = 2  # bump when a figure's definition changes: older cached figures are recomputed


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
