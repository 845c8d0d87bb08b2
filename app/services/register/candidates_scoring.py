"""The score of one application (register entry) for one case, with its reasons.

What is compared, and what it is worth (the score is the sum, kept between 0 and 100):

- **Name**, up to 60 points: the entry's surname, first name and patronymic (in the register's
  order) are each paired with the case's claimed-name word most like it, in either script and
  any transliteration (``rapidfuzz`` ratio of the ``app.names.name_fold`` forms, so word order
  and spelling systems do not matter). The parts are weighted 5 : 3 : 2 over those both sides
  give; a claimed name of one word is compared with the surname alone, for at most 40 points.
- **Date of birth**: the same date +25, the same year +15, a year apart +8, two years apart 0,
  further apart -15.
- **Unit**: the entry's military unit mentioned in the case's effects or notes, +10.
- **Distinguishing marks**: each of the entry's marks mentioned in the effects or notes (most of
  its words found there), +10, at most +20.
- **Sender's tag** written in the application's notes or circumstances, +20.
- **Place**: where the person disappeared shares a place name with the round's place, +5.
- **Sex**: the case's apparent sex and the entry's differ, -30.
- An entry whose person disappeared after the round's date cannot be in it: excluded.

Everything here is pure (no database): the same facts always give the same score and reasons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rapidfuzz.distance import Indel

from app.domain import normalize_tag
from app.names import name_fold
from app.services.forensics.identity import normalize_birth_date
from app.services.register.candidates_reasons import Reason, ReasonCode

NAME_POINTS = 60
ONE_WORD_POINTS = 40
PART_WEIGHTS = (5, 3, 2)  # surname, first name, patronymic
SIMILAR_PART = 80  # a part at least this similar (percent) is "similar", below it "differs"
BIRTH_DATE_EQUAL = 25
BIRTH_YEAR_EQUAL = 15
BIRTH_YEAR_NEAR = 8
BIRTH_YEAR_FAR = -15
UNIT_POINTS = 10
MARK_POINTS = 10
MARKS_AT_MOST = 20
TAG_POINTS = 20
PLACE_POINTS = 5
SEX_PENALTY = -30

_PARTS = (
    (ReasonCode.SURNAME_EQUAL, ReasonCode.SURNAME_TRANSLITERATED, ReasonCode.SURNAME_SIMILAR,
     ReasonCode.SURNAME_DIFFERS),
    (ReasonCode.FIRST_NAME_EQUAL, ReasonCode.FIRST_NAME_TRANSLITERATED, ReasonCode.FIRST_NAME_SIMILAR,
     ReasonCode.FIRST_NAME_DIFFERS),
    (ReasonCode.PATRONYMIC_EQUAL, ReasonCode.PATRONYMIC_TRANSLITERATED, ReasonCode.PATRONYMIC_SIMILAR,
     ReasonCode.PATRONYMIC_DIFFERS),
)
_ratio = Indel.normalized_similarity

# --- the facts compared ----------------------------------------------------------------------------

Words = tuple[tuple[str, str], ...]  # (the word as written, case-folded; its name fold)
_WORD_SPLIT = re.compile(r"[\s\-‐‑–—_.,;:/()]+")
_APOSTROPHES = dict.fromkeys(map(ord, "'’ʼʹ`´‘"), None)


@lru_cache(maxsize=65536)
def _word(word: str) -> tuple[str, str]:
    return word.casefold().translate(_APOSTROPHES).replace("ё", "е"), name_fold(word)


@lru_cache(maxsize=65536)
def name_words(name: str | None) -> Words:
    """The words of a name, each as written (case-folded) and as folded for comparing."""
    return tuple(w for w in map(_word, _WORD_SPLIT.split(name or "")) if w[1])


@dataclass(frozen=True, slots=True)
class Moment:
    """A date of birth or of disappearance as far as it is known: a year, maybe the day."""

    year: int | None = None
    day: date | None = None


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@lru_cache(maxsize=65536)
def moment(value: str | None) -> Moment:
    text = normalize_birth_date(value)
    if len(text) == 10 and text[4] == "-":
        try:
            day = date.fromisoformat(text)
        except ValueError:
            day = None
        if day is not None:
            return Moment(day.year, day)
    found = _YEAR.search(text)
    return Moment(int(found.group(1)), None) if found else Moment()


_TEXT_WORD = re.compile(r"[^\W_]+")
_STOP = frozenset({
    "або", "біля", "без", "для", "при", "про", "під", "над", "від", "між", "через", "після", "вигляді",
    "вигляд", "має", "було", "був", "була", "the", "and", "with", "from", "near",
})
_PLACE_STOP = frozenset({
    "обла", "обл", "райо", "місто", "міст", "село", "смт", "грома", "окол", "побл", "напр", "oblast", "obla",
    "regi", "dist", "rayo", "city", "vill",
})
_CODE_SPLIT = re.compile(r"[\s/\\,;:()«»\"“”№#]+")


def _words(text: str) -> list[str]:
    return _TEXT_WORD.findall(text.casefold().translate(_APOSTROPHES).replace("ё", "е"))


def stems(text: str, length: int = 5) -> frozenset[str]:
    """The words of a free text (at least three letters, not a common small word), cut to
    ``length`` letters so that the endings of Ukrainian words do not count."""
    return frozenset(w[:length] for w in _words(text) if len(w) >= 3 and w not in _STOP)


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=65536)
def code_of(token: str) -> str:
    """A number-like word ("А0123", "MT-0042") as codes are compared: look-alike letters read as
    Latin ones (as tags are), without dashes; empty for any other word."""
    token = token.strip(".-")
    if len(token) < 3 or not _DIGIT.search(token):
        return ""
    return normalize_tag(token).replace("-", "")


def codes(text: str) -> frozenset[str]:
    """The number-like words of a text (a unit's "А0123", a tag "MT-0042")."""
    if not _DIGIT.search(text):
        return frozenset()
    return frozenset(c for c in map(code_of, _CODE_SPLIT.split(text)) if c)


@dataclass(frozen=True, slots=True)
class CaseText:
    """A case's effects and notes, as the unit and marks are looked for in them."""

    stems: frozenset[str]
    codes: frozenset[str]
    joined: str  # its words, case-folded, between single spaces (with one before and after)

    @classmethod
    def of(cls, text: str) -> CaseText:
        return cls(stems(text), codes(text), " " + " ".join(_words(text)) + " ")


@dataclass(slots=True)
class CaseFacts:
    case_id: str
    case_number: str
    sender_tag: str
    tag_code: str  # the sender's tag as ``codes`` reads it
    claimed_name: str
    claimed_birth_date: str
    words: Words
    birth: Moment
    sex: str  # male | female | "" (unknown or undetermined)
    text: CaseText
    round_date: date | None
    round_places: frozenset[str]


@dataclass(slots=True)
class EntryFacts:
    person_id: str
    register_number: str
    full_name: str
    birth_date: str
    sex: str
    military_unit: str
    disappeared_on: str
    disappeared_place: str
    words: Words
    birth: Moment
    disappeared: Moment
    unit_codes: frozenset[str]
    unit_phrase: str  # a unit without a number-like word ("72 омбр"), looked for as words in a row
    marks: tuple[tuple[str, frozenset[str]], ...]  # each mark and its stems
    places: frozenset[str]
    tags: frozenset[str]


@lru_cache(maxsize=4096)
def unit_parts(unit: str) -> tuple[frozenset[str], str]:
    found = codes(unit)
    return found, ("" if found or not unit.strip() else " ".join(_words(unit)))


@lru_cache(maxsize=4096)
def place_stems(text: str) -> frozenset[str]:
    return frozenset(s for s in stems(text, 4) if len(s) >= 4 and s not in _PLACE_STOP)


@lru_cache(maxsize=4096)
def mark_list(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    marks = []
    for part in re.split(r"[;\n]+", text or ""):
        phrase = " ".join(part.split()).strip(" .,")
        found = stems(phrase)
        if len(found) >= 2:
            marks.append((phrase, found))
    return tuple(marks)


def sex_of(value: str | None) -> str:
    return value if value in ("male", "female") else ""


# --- the score --------------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _names(case: Words, entry: Words) -> tuple[int, tuple[Reason, ...]]:
    """The name's points and reasons (kept: the namesakes of a register are many)."""
    if not case or not entry:
        return 0, ()
    remaining = list(case)
    weighted = 0.0
    weights = 0
    parts: list[Reason] = []
    for role, (written, fold) in enumerate(entry[:3]):
        if not remaining:
            break
        best_i, best = 0, -1.0
        for i, (_w, other) in enumerate(remaining):
            r = _ratio(fold, other) * 100
            if r > best:
                best_i, best = i, r
        other_written = remaining.pop(best_i)[0]
        weighted += PART_WEIGHTS[role] * best
        weights += PART_WEIGHTS[role]
        equal, transliterated, similar, differs = _PARTS[role]
        if best >= 100:
            parts.append(Reason(equal if other_written == written else transliterated))
        elif best >= SIMILAR_PART:
            parts.append(Reason(similar, str(min(99, round(best)))))
        else:
            parts.append(Reason(differs))
    similarity = weighted / weights
    one_word = weights == PART_WEIGHTS[0]
    points = round((ONE_WORD_POINTS if one_word else NAME_POINTS) * similarity / 100)
    head = [Reason(ReasonCode.NAME_SIMILAR, str(min(99, round(similarity))))] if similarity < 100 else []
    if one_word:
        parts.append(Reason(ReasonCode.ONLY_SURNAME))
    return points, tuple(head + parts)


def _birth(case: Moment, entry: Moment) -> tuple[int, Reason | None]:
    if case.year is None or entry.year is None:
        return 0, None
    if case.day is not None and case.day == entry.day:
        return BIRTH_DATE_EQUAL, Reason(ReasonCode.BIRTH_DATE_EQUAL)
    apart = abs(case.year - entry.year)
    if apart == 0:
        return BIRTH_YEAR_EQUAL, Reason(ReasonCode.BIRTH_YEAR_EQUAL)
    if apart <= 2:
        return (BIRTH_YEAR_NEAR if apart == 1 else 0), Reason(ReasonCode.BIRTH_YEAR_NEAR, str(apart))
    return BIRTH_YEAR_FAR, Reason(ReasonCode.BIRTH_YEAR_DIFFERS, str(apart))


def disappeared_after(entry: EntryFacts, round_date: date | None) -> bool:
    """The person disappeared after the round's date: their remains cannot be in it."""
    d = entry.disappeared
    if round_date is None or d.year is None:
        return False
    return d.day > round_date if d.day is not None else d.year > round_date.year


def unit_mentioned(entry: EntryFacts, text: CaseText) -> bool:
    if entry.unit_codes:
        return entry.unit_codes <= text.codes
    return bool(entry.unit_phrase) and f" {entry.unit_phrase} " in text.joined


def marks_mentioned(entry: EntryFacts, text: CaseText) -> list[str]:
    """The entry's marks most of whose words (two at least, two in three) the case's text has."""
    found = []
    for phrase, words in entry.marks:
        if words.isdisjoint(text.stems):
            continue
        hits = len(words & text.stems)
        if hits >= 2 and 3 * hits >= 2 * len(words):
            found.append(phrase)
    return found


def score(case: CaseFacts, entry: EntryFacts) -> tuple[int, tuple[Reason, ...], bool]:
    """(score 0-100, the reasons, excluded). An excluded entry scores 0."""
    if disappeared_after(entry, case.round_date):
        return 0, (Reason(ReasonCode.DISAPPEARED_AFTER_ROUND, entry.disappeared_on),), True
    total, named = _names(case.words, entry.words)
    reasons = list(named)
    points, reason = _birth(case.birth, entry.birth)
    total += points
    if reason is not None:
        reasons.append(reason)
    if (entry.unit_codes or entry.unit_phrase) and unit_mentioned(entry, case.text):
        total += UNIT_POINTS
        reasons.append(Reason(ReasonCode.UNIT_MATCHES, entry.military_unit))
    if entry.marks:
        marks = marks_mentioned(entry, case.text)
        total += min(MARKS_AT_MOST, MARK_POINTS * len(marks))
        reasons += [Reason(ReasonCode.MARK_MENTIONED, m[:80]) for m in marks]
    if case.tag_code and case.tag_code in entry.tags:
        total += TAG_POINTS
        reasons.append(Reason(ReasonCode.TAG_MENTIONED, case.sender_tag))
    if entry.places and entry.places & case.round_places:
        total += PLACE_POINTS
        reasons.append(Reason(ReasonCode.PLACE_MATCHES, entry.disappeared_place))
    if case.sex and entry.sex and case.sex != entry.sex:
        total += SEX_PENALTY
        reasons.append(Reason(ReasonCode.SEX_DIFFERS))
    return max(0, min(100, total)), tuple(reasons), False
