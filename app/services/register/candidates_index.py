"""The register as the candidate search reads it: which entries a case is compared with at all
(blocking), built once for each state of the register and kept while the register is unchanged.

Comparing every case with every one of 10^5 applications would cost seconds per round even in
``rapidfuzz``'s C code; instead each name part (surnames, first names, patronymics) has a
**deletion neighbourhood**: every word is filed under itself and under each form with one letter
left out, so a claimed-name word finds the register's words one or two typing errors away (a
letter changed, added, dropped, or two swapped) in a few dictionary look-ups, and ``rapidfuzz``
confirms each (at least ``NEAR`` alike); a word that finds none so (a typing error inside a
spelling of one sound, "Shhcherbak", folds two letters away) is compared with all the words of
the part by ``rapidfuzz.process.extract`` (the three most alike, at least ``FAR_NEAR``). The words are ``app.names.name_fold`` forms, so
a transliteration is no error at all. An entry is compared with a case when

1. its surname is near one word of the claimed name and its first name near another; or
2. its first name is near one word and its date of birth is the claimed one; or
3. its notes or circumstances mention the case's sender's tag; or
4. its unit's number is mentioned in the case's effects or notes, and at most ``UNIT_LIMIT``
   entries of that unit (born within two years of the claimed year, when there is one) have it;

and, only for a case for which 1 and 2 find no entry,

5. its surname is near one word and its year of birth within two years of the claimed one (a
   first name written as a short form, "Yura"), or its first name and patronymic are near two
   words and its year of birth within a year (a surname written past recognition); or, when
   these find none either,
6. its surname is near one word and at most ``ALONE_LIMIT`` entries have that surname.

What the score needs of an entry beyond this (its marks, dates, places) is read from the
database for the entries compared, once, and kept with the index (up to ``FACTS_KEPT`` entries).

The index is rebuilt when the register's version log has grown (any entry added, changed or
removed, here or by an import); it belongs to one database engine and is safe to share between
threads (look-ups only add to its memos).
"""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Indel
from sqlalchemy import func, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app.persistence.models import MissingPerson, RowVersion
from app.services.context import AppContext
from app.services.register.candidates_scoring import (
    CaseFacts,
    EntryFacts,
    codes,
    mark_list,
    moment,
    name_words,
    place_stems,
    sex_of,
    unit_parts,
)

NEAR = 0.75  # how alike (Indel similarity) a word must be to find a name part
FAR_NEAR, FAR_AT_MOST = 0.8, 3  # the same when compared with all the words: more alike, the best three
_EPSILON = 1e-4  # rapidfuzz turns a cutoff into a distance: 0.8 would let a 0.8 exactly fall out
ALONE_LIMIT = 100  # a surname alone finds its entries when no more than this many have it
UNIT_LIMIT = 50  # a unit's number alone finds its entries when no more than this many have it
FACTS_KEPT = 50_000  # the entries' facts kept between searches (a few rounds' worth), then read again
_CHUNK = 500


def _variants(word: str) -> set[str]:
    if len(word) <= 2:
        return {word}
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}


class _Near:
    """The words of one name part, found from a word up to about two typing errors away: by the
    deletion neighbourhood, or, when that finds none, by comparing the word with all of them."""

    def __init__(self, words: Iterable[str]) -> None:
        self._words = sorted(set(words))
        self._filed: dict[str, list[str]] = {}
        for word in self._words:
            for variant in _variants(word):
                self._filed.setdefault(variant, []).append(word)
        self._memo: dict[str, tuple[str, ...]] = {}

    def __call__(self, word: str) -> tuple[str, ...]:
        found = self._memo.get(word)
        if found is None:
            near: set[str] = set()
            for variant in _variants(word):
                near.update(self._filed.get(variant, ()))
            found = tuple(sorted(w for w in near if Indel.normalized_similarity(word, w, score_cutoff=NEAR - _EPSILON)))
            if not found:  # a typing error inside a spelling of one sound ("Shhcherbak") folds further away
                found = tuple(sorted(w for w, _score, _i in process.extract(
                    word, self._words, scorer=Indel.normalized_similarity, score_cutoff=FAR_NEAR - _EPSILON,
                    limit=FAR_AT_MOST)))
            self._memo[word] = found
        return found


def _year(value: str) -> int | None:
    return moment(value).year if value else None


def _within(born: int | None, year: int, apart: int) -> bool:
    return born is not None and abs(born - year) <= apart


@dataclass
class RegisterIndex:
    fingerprint: tuple[int, int]
    ids: list[str] = field(default_factory=list)
    years: list[int | None] = field(default_factory=list)
    by_pair: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    by_surname: dict[str, list[int]] = field(default_factory=dict)
    by_given: dict[tuple[str, str, int], list[int]] = field(default_factory=dict)
    by_first_born: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    by_unit: dict[str, list[int]] = field(default_factory=dict)
    by_tag: dict[str, list[int]] = field(default_factory=dict)
    tags: dict[int, frozenset[str]] = field(default_factory=dict)
    surnames: _Near = field(default_factory=lambda: _Near(()))
    first_names: _Near = field(default_factory=lambda: _Near(()))
    patronymics: _Near = field(default_factory=lambda: _Near(()))
    facts: dict[int, EntryFacts] = field(default_factory=dict)
    _positions: dict[str, int] | None = None

    def position(self, person_id: str) -> int | None:
        """Where the entry ``person_id`` is in ``ids`` (None: not in the register)."""
        if self._positions is None:
            self._positions = dict(zip(self.ids, range(len(self.ids)), strict=True))
        return self._positions.get(person_id)

    def __len__(self) -> int:
        return len(self.ids)

    # --- which entries a case is compared with ---------------------------------------------------

    def pool(self, case: CaseFacts) -> set[int]:
        """The entries compared with ``case`` (the rules in the module's description)."""
        words = list(dict.fromkeys(f for _w, f in case.words if len(f) >= 2))
        year, years = case.birth.year, self.years
        born = case.birth.day.isoformat() if case.birth.day is not None else ""
        found: set[int] = set()
        near = {w: self.surnames(w) for w in words}
        for a in words:
            if born:  # 2. first name and date of birth
                for g in self.first_names(a):
                    found.update(self.by_first_born.get((g, born), ()))
            for b in words:
                if a != b:
                    for s in near[a]:  # 1. surname and first name
                        for g in self.first_names(b):
                            found.update(self.by_pair.get((s, g), ()))
        if not found and year is not None:
            for a in words:
                for s in near[a]:  # 5. surname and year of birth
                    found.update(i for i in self.by_surname.get(s, ()) if _within(years[i], year, 2))
                for b in words:  # 5. first name, patronymic and year of birth
                    if a != b:
                        patronymics = self.patronymics(b)
                        for g in self.first_names(a):
                            for p in patronymics:
                                for y in (year - 1, year, year + 1):
                                    found.update(self.by_given.get((g, p, y), ()))
        if not found:
            for a in words:  # 6. a surname few people have
                for s in near[a]:
                    block = self.by_surname.get(s, ())
                    if len(block) <= ALONE_LIMIT:
                        found.update(block)
        if case.tag_code:  # 3. the tag in the application
            found.update(self.by_tag.get(case.tag_code, ()))
        for code in case.text.codes:  # 4. the unit in the effects
            unit = self.by_unit.get(code, ())
            if unit and year is not None:
                unit = [i for i in unit if _within(self.years[i], year, 2)]
            if len(unit) <= UNIT_LIMIT:
                found.update(unit)
        return found

    # --- what the score needs of the entries ------------------------------------------------------

    def entry_facts(self, session: Session, wanted: Iterable[int]) -> dict[int, EntryFacts]:
        """The facts of the entries ``wanted``, read from the database once and kept (at most
        ``FACTS_KEPT``: beyond that the ones not wanted now are let go)."""
        facts = self.facts
        found = {i: f for i in set(wanted) if (f := facts.get(i)) is not None}
        missing = sorted(i for i in set(wanted) if i not in found)
        if len(facts) + len(missing) > FACTS_KEPT:
            facts.clear()
            facts.update(found)
        person = MissingPerson.__table__.c
        for start in range(0, len(missing), _CHUNK):
            chunk = {self.ids[i]: i for i in missing[start:start + _CHUNK]}
            rows = session.connection().execute(
                select(person.id, person.register_number, person.full_name, person.birth_date, person.sex,
                       person.military_unit, person.disappeared_on, person.disappeared_place,
                       person.distinguishing_marks).where(person.id.in_(list(chunk)))
            ).all()
            for person_id, number, name, birth, sex, unit, gone, place, marks in rows:
                i = chunk[person_id]
                unit_codes, unit_phrase = unit_parts(unit)
                found[i] = facts[i] = EntryFacts(
                    person_id, number, name, birth, sex_of(sex), unit, gone, place, name_words(name), moment(birth),
                    moment(gone), unit_codes, unit_phrase, mark_list(marks), place_stems(place),
                    self.tags.get(i, frozenset()),
                )
        return found


def _fingerprint(session: Session) -> tuple[int, int]:
    count, last = session.execute(
        select(func.count(), func.max(RowVersion.seq)).where(RowVersion.table_name == MissingPerson.__tablename__)
    ).one()
    return int(count or 0), int(last or 0)


def _build(session: Session, fingerprint: tuple[int, int]) -> RegisterIndex:
    index = RegisterIndex(fingerprint)
    conn = session.connection()
    person = MissingPerson.__table__.c
    rows = conn.execute(
        select(person.id, person.full_name_fold, person.birth_date, person.military_unit)
        .where(person.deleted.is_(False))
    ).all()
    index.ids = [r[0] for r in rows]
    years = index.years = [
        int(b[:4]) if b[:4].isdigit() and b[4:5] in ("", "-") else _year(b) for _i, _f, b, _u in rows
    ]
    by_surname: defaultdict[str, list[int]] = defaultdict(list)
    by_pair: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    by_given: defaultdict[tuple[str, str, int], list[int]] = defaultdict(list)
    by_first_born: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    by_unit: defaultdict[str, list[int]] = defaultdict(list)
    for i, (_id, fold, birth_date, unit) in enumerate(rows):
        words = fold.split()
        n = len(words)
        if n:
            by_surname[words[0]].append(i)
            if n >= 2:
                by_pair[words[0], words[1]].append(i)
                if len(birth_date) == 10:
                    by_first_born[words[1], birth_date].append(i)
                if n >= 3 and (year := years[i]) is not None:
                    by_given[words[1], words[2], year].append(i)
        if unit:
            for code in unit_parts(unit)[0]:
                by_unit[code].append(i)
    # a tag is a number: only the applications whose notes or circumstances hold a digit are read
    digit = or_(*(column.contains(str(d)) for d in range(10) for column in (person.notes, person.circumstances)))
    by_tag: defaultdict[str, list[int]] = defaultdict(list)
    for person_id, notes, circumstances in conn.execute(
        select(person.id, person.notes, person.circumstances).where(person.deleted.is_(False), digit)
    ):
        at = index.position(person_id)
        tags = codes(f"{notes} {circumstances}")
        if at is not None and tags:
            index.tags[at] = tags
            for tag in tags:
                by_tag[tag].append(at)
    index.by_surname, index.by_pair, index.by_given, index.by_first_born = by_surname, by_pair, by_given, by_first_born
    index.by_unit, index.by_tag = by_unit, by_tag
    index.surnames = _Near(by_surname)
    index.first_names = _Near(g for _s, g in by_pair)
    index.patronymics = _Near(p for _g, p, _y in by_given)
    return index


_lock = threading.Lock()
_indexes: weakref.WeakKeyDictionary[Engine, RegisterIndex] = weakref.WeakKeyDictionary()


def register_index(ctx: AppContext, session: Session) -> RegisterIndex:
    """The index of the register as it is now (``session`` reads it), built again only when the
    register has changed since it was last built."""
    fingerprint = _fingerprint(session)
    engine = ctx.db.engine
    with _lock:
        index = _indexes.get(engine)
        if index is None or index.fingerprint != fingerprint:
            index = _build(session, fingerprint)
            _indexes[engine] = index
    return index


def forget(ctx: AppContext) -> None:
    """Drop the kept index of ``ctx``'s database (the next search builds it again)."""
    with _lock:
        _indexes.pop(ctx.db.engine, None)


__all__: Sequence[str] = ("ALONE_LIMIT", "NEAR", "UNIT_LIMIT", "RegisterIndex", "forget", "register_index")
