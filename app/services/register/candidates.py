"""Candidates: which applications of the missing-persons register each case most likely answers.

A candidate is a suggestion for the order of DNA comparisons, **never an identification**: the
established identity is set only by a forensic identification (``app.services.forensics``).

For a case, the register's entries that the blocking index (``candidates_index``) finds near its
claimed name, sender's tag or unit are scored (``candidates_scoring``: name up to 60 points,
date of birth up to 25, unit, distinguishing marks and tag mentioned in the effects and notes,
the place, a penalty when the sex differs; 0 to 100), with the reasons in words, and ranked:

1. candidates **prioritised** for DNA comparison first,
2. then the undecided ones,
3. then the **rejected** ones (still listed, marked),

each group by score, highest first, then by register number (so the order never depends on
anything but the data). An entry whose person disappeared after the round is excluded; entries
below ``MIN_SCORE`` are left out, unless someone decided about them.

For a round, ``round_candidates`` gives each case's top candidates, the cases without any
candidate at or above a threshold, and the applications that are candidates at or above it for
two or more cases of the round. The register's index is built once and kept while the register
is unchanged; the round's cases are read in three queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.persistence.models import CandidateDecision, Case, PersonalEffect, Round
from app.persistence.models.keys import shown_key
from app.progress import CancelToken, ProgressCallback, no_progress
from app.services.context import AppContext
from app.services.register.candidates_index import RegisterIndex, register_index
from app.services.register.candidates_reasons import Reason, reasons_text
from app.services.register.candidates_scoring import (
    CaseFacts,
    CaseText,
    EntryFacts,
    code_of,
    moment,
    name_words,
    place_stems,
    score,
    sex_of,
)

PRIORITISED = "prioritised"
REJECTED = "rejected"
DECISIONS = (PRIORITISED, REJECTED)
MIN_SCORE = 20
DEFAULT_LIMIT = 20
DEFAULT_THRESHOLD = 60
DEFAULT_TOP = 5
_RANK = {PRIORITISED: 0, "": 1, REJECTED: 2}


@dataclass(frozen=True)
class Candidate:
    person_id: str
    register_number: str
    full_name: str
    birth_date: str
    sex: str
    military_unit: str
    disappeared_on: str
    disappeared_place: str
    score: int
    reasons: tuple[Reason, ...]
    excluded: bool = False
    decision: str = ""  # prioritised | rejected | "" (undecided)
    note: str = ""
    decided_by: str = ""
    decided_at: datetime | None = None

    @property
    def reasons_text(self) -> str:
        return reasons_text(self.reasons)

    @property
    def counts(self) -> bool:
        """Not rejected and not excluded: a candidate the lists count."""
        return self.decision != REJECTED and not self.excluded


@dataclass(frozen=True)
class CaseCandidates:
    case_id: str
    case_number: str
    sender_tag: str
    claimed_name: str
    claimed_birth_date: str
    round_code: str
    candidates: list[Candidate] = field(default_factory=list)

    def best(self) -> Candidate | None:
        """The highest-scoring candidate that counts (prioritised or undecided)."""
        counted = [c for c in self.candidates if c.counts]
        return max(counted, key=lambda c: c.score, default=None)

    def has_candidate(self, threshold: int) -> bool:
        return any(c.counts and (c.score >= threshold or c.decision == PRIORITISED) for c in self.candidates)


@dataclass(frozen=True)
class CaseMatch:
    case_id: str
    case_number: str
    score: int
    decision: str


@dataclass(frozen=True)
class SharedEntry:
    """An application that is a candidate for several cases of one round."""

    person_id: str
    register_number: str
    full_name: str
    birth_date: str
    cases: list[CaseMatch]


@dataclass(frozen=True)
class RoundCandidates:
    round_id: str
    round_code: str
    threshold: int
    register_size: int
    cases: list[CaseCandidates]  # every live case, with its top candidates
    without_candidates: list[CaseCandidates]  # no candidate at or above the threshold
    shared: list[SharedEntry]  # candidates at or above the threshold for two or more cases


@dataclass(frozen=True)
class _Decision:
    decision: str
    note: str
    decided_by: str
    decided_at: datetime | None


# --- reading the cases -----------------------------------------------------------------------------


def _case_rows(session: Session, *where: object) -> list[CaseFacts]:
    number = shown_key(Case.__table__, "case_number")
    rows = session.execute(
        select(Case.id, number, Case.sender_tag, Case.claimed_name, Case.claimed_birth_date, Case.apparent_sex,
               Case.notes, Case.examination_notes, Round.round_date, Round.place)
        .join(Round, Round.id == Case.round_id)
        .where(Case.deleted.is_(False), *where)  # type: ignore[arg-type]
        .order_by(Case.case_number, Case.id)
    ).all()
    effects: dict[str, list[str]] = defaultdict(list)
    ids = [r[0] for r in rows]
    for start in range(0, len(ids), 500):
        for case_id, description in session.execute(
            select(PersonalEffect.case_id, PersonalEffect.description)
            .where(PersonalEffect.case_id.in_(ids[start:start + 500]), PersonalEffect.deleted.is_(False))
            .order_by(PersonalEffect.case_id, PersonalEffect.position)
        ):
            effects[case_id].append(description)
    places: dict[str, frozenset[str]] = {}
    out = []
    for (case_id, shown, tag, name, birth, sex, notes, exam_notes, round_date, place) in rows:
        text = "\n".join([*effects.get(case_id, ()), notes or "", exam_notes or ""])
        if place not in places:
            places[place] = place_stems(place or "")
        out.append(CaseFacts(
            case_id=case_id, case_number=shown, sender_tag=tag, tag_code=code_of(tag), claimed_name=name,
            claimed_birth_date=birth, words=name_words(name), birth=moment(birth), sex=sex_of(sex), text=CaseText.of(text),
            round_date=round_date if isinstance(round_date, date) else None, round_places=places[place],
        ))
    return out


def _decisions(session: Session, *where: object) -> dict[tuple[str, str], _Decision]:
    rows = session.execute(
        select(CandidateDecision.case_id, CandidateDecision.person_id, CandidateDecision.decision,
               CandidateDecision.note, CandidateDecision.decided_by, CandidateDecision.decided_at)
        .join(Case, Case.id == CandidateDecision.case_id)
        .where(CandidateDecision.deleted.is_(False), CandidateDecision.decision != "", *where)  # type: ignore[arg-type]
    )
    return {(r[0], r[1]): _Decision(r[2], r[3], r[4], r[5]) for r in rows}


# --- ranking ---------------------------------------------------------------------------------------


def _rank(
    session: Session, index: RegisterIndex, cases: list[CaseFacts], decisions: dict[tuple[str, str], _Decision],
    *, limit: int | None, keep_at: int | None = None,
    progress: ProgressCallback = no_progress, cancel: CancelToken | None = None,
) -> dict[str, list[Candidate]]:
    """Each case's candidates, ranked: every one decided about, at most ``limit`` others, and
    with ``keep_at`` every other one that counts scoring at least that."""
    decided_by_case: dict[str, list[int]] = defaultdict(list)
    for (case_id, person_id) in decisions:
        i = index.position(person_id)
        if i is not None:
            decided_by_case[case_id].append(i)
    pools = {}
    for n, case in enumerate(cases):
        pools[case.case_id] = index.pool(case) | set(decided_by_case.get(case.case_id, ()))
        if cancel is not None and n % 200 == 0:
            cancel.check()
    facts = index.entry_facts(session, set().union(*pools.values()) if pools else ())
    ranked: dict[str, list[Candidate]] = {}
    total = len(cases)
    for n, case in enumerate(cases):
        if n % 100 == 0:
            if cancel is not None:
                cancel.check()
            progress(n, total, "")
        scored = []
        for i in pools[case.case_id]:
            entry = facts.get(i)
            if entry is None:
                continue
            points, reasons, excluded = score(case, entry)
            decision = decisions.get((case.case_id, entry.person_id))
            if decision is None and (excluded or points < MIN_SCORE):
                continue
            rank = _RANK.get(decision.decision, 1) if decision else 1
            scored.append((rank, -points, entry.register_number, entry.person_id, entry, reasons, excluded, decision))
        scored.sort(key=lambda t: t[:4])
        found = []
        undecided = 0
        for rank, minus, _number, _id, entry, reasons, excluded, decision in scored:
            undecided += decision is None
            keep = (limit is None or decision is not None or undecided <= limit
                    or (keep_at is not None and rank < 2 and not excluded and -minus >= keep_at))
            if keep:
                found.append(_candidate(entry, -minus, reasons, excluded, decision))
        ranked[case.case_id] = found
    progress(total, total, "")
    return ranked


def _candidate(entry: EntryFacts, points: int, reasons: tuple[Reason, ...], excluded: bool,
               decision: _Decision | None) -> Candidate:
    return Candidate(
        person_id=entry.person_id, register_number=entry.register_number, full_name=entry.full_name,
        birth_date=entry.birth_date, sex=entry.sex, military_unit=entry.military_unit,
        disappeared_on=entry.disappeared_on, disappeared_place=entry.disappeared_place,
        score=points, reasons=reasons, excluded=excluded,
        decision=decision.decision if decision else "", note=decision.note if decision else "",
        decided_by=decision.decided_by if decision else "", decided_at=decision.decided_at if decision else None,
    )


def _cut(ranked: list[Candidate], limit: int) -> list[Candidate]:
    """Every candidate decided about, and the first ``limit`` undecided ones."""
    kept, undecided = [], 0
    for c in ranked:
        undecided += not c.decision
        if c.decision or undecided <= limit:
            kept.append(c)
    return kept


def _summary(case: CaseFacts, round_code: str, candidates: list[Candidate]) -> CaseCandidates:
    return CaseCandidates(case.case_id, case.case_number, case.sender_tag, case.claimed_name,
                          case.claimed_birth_date, round_code, candidates)


# --- the services ----------------------------------------------------------------------------------


def case_candidates(ctx: AppContext, case_id: str, *, limit: int = DEFAULT_LIMIT) -> CaseCandidates:
    """The ranked candidates of one case: every one decided about, and at most ``limit`` others."""
    ctx.require()
    with ctx.reading() as session:
        case_row = session.get(Case, case_id)
        if case_row is None or case_row.deleted:
            raise NotFound("The case no longer exists.")
        rnd = session.get(Round, case_row.round_id)
        index = register_index(ctx, session)
        cases = _case_rows(session, Case.id == case_id)
        decisions = _decisions(session, CandidateDecision.case_id == case_id)
        ranked = _rank(session, index, cases, decisions, limit=limit)
    case = cases[0]
    return _summary(case, rnd.code if rnd else "", ranked[case.case_id])


def round_candidates(
    ctx: AppContext, round_id: str, threshold: int = DEFAULT_THRESHOLD, *, top: int = DEFAULT_TOP,
    progress: ProgressCallback = no_progress, cancel: CancelToken | None = None,
) -> RoundCandidates:
    """A round's candidates: each case's ``top`` candidates, the cases without any candidate at or
    above ``threshold`` (a prioritised one always counts, a rejected one never), and the
    applications at or above it for two or more cases."""
    ctx.require()
    with ctx.reading() as session:
        rnd = session.get(Round, round_id)
        if rnd is None or rnd.deleted:
            raise NotFound("The round no longer exists.")
        progress(0, 0, "")
        index = register_index(ctx, session)
        cases = _case_rows(session, Case.round_id == round_id)
        decisions = _decisions(session, Case.round_id == round_id)
        ranked = _rank(session, index, cases, decisions, limit=top, keep_at=threshold, progress=progress,
                       cancel=cancel)
    summaries = []
    shared: dict[str, list[tuple[CaseFacts, Candidate]]] = defaultdict(list)
    for case in cases:
        found = ranked[case.case_id]
        for c in found:
            if c.counts and (c.score >= threshold or c.decision == PRIORITISED):
                shared[c.person_id].append((case, c))
        shown = _cut(found, top)
        summaries.append(_summary(case, rnd.code, shown))
    without = [s for s, case in zip(summaries, cases, strict=True)
               if not any(c.counts and (c.score >= threshold or c.decision == PRIORITISED)
                          for c in ranked[case.case_id])]
    entries = [
        SharedEntry(
            person_id, matches[0][1].register_number, matches[0][1].full_name, matches[0][1].birth_date,
            sorted((CaseMatch(case.case_id, case.case_number, c.score, c.decision) for case, c in matches),
                   key=lambda m: (-m.score, m.case_number, m.case_id)),
        )
        for person_id, matches in shared.items() if len(matches) >= 2
    ]
    entries.sort(key=lambda e: (-len(e.cases), -e.cases[0].score, e.register_number))
    return RoundCandidates(round_id, rnd.code, threshold, len(index), summaries, without, entries)


__all__ = [
    "DECISIONS", "DEFAULT_LIMIT", "DEFAULT_THRESHOLD", "DEFAULT_TOP", "MIN_SCORE", "PRIORITISED", "REJECTED",
    "Candidate", "CaseCandidates", "CaseMatch", "RoundCandidates", "SharedEntry", "case_candidates",
    "round_candidates",
]
