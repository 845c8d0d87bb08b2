"""Comparing the claimed and the established identity of a case: names as sets of words, birth
dates after normalising their format, citizenship through the names and codes of a country."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from app.domain import normalize_text
from app.names import name_fold

# --- comparing the claimed and the established identity -------------------------------------

_COUNTRY_ALIASES: dict[str, str] = {}
for _code, _names in {
    "UA": ("ua", "ukr", "ukraine", "україна", "украина", "ukrainian", "громадянин україни", "громадянка україни"),
    "RU": ("ru", "rus", "russia", "russian federation", "росія", "россия", "російська федерація",
           "российская федерация", "рф"),
    "BY": ("by", "blr", "belarus", "білорусь", "беларусь"),
    "MD": ("md", "mda", "moldova", "молдова"),
    "GE": ("ge", "geo", "georgia", "грузія", "грузия"),
    "PL": ("pl", "pol", "poland", "польща", "польша"),
}.items():
    for _name in _names:
        _COUNTRY_ALIASES[_name] = _code

_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), (1, 2, 3)),
    (re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$"), (3, 2, 1)),
)


def normalize_citizenship(value: str | None) -> str:
    text = normalize_text(value).strip(" .")
    return _COUNTRY_ALIASES.get(text, text)


def normalize_birth_date(value: str | None) -> str:
    """ISO ``YYYY-MM-DD`` for a full date (ISO or DD.MM.YYYY), the year alone for ``YYYY``,
    otherwise the trimmed text."""
    text = (value or "").strip()
    for pattern, (y, m, d) in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return date(int(match.group(y)), int(match.group(m)), int(match.group(d))).isoformat()
            except ValueError:
                return text
    return text


def _name_tokens(value: str | None) -> Counter[str]:
    """The words of a name as the search folds them: the same in either script and in the common
    transliterations (``app.names``), in any order."""
    return Counter(name_fold(value).split())


def identity_differences(
    claimed_name: str | None,
    claimed_birth_date: str | None,
    claimed_citizenship: str | None,
    established_name: str | None,
    established_birth_date: str | None,
    established_citizenship: str | None,
) -> list[str]:
    """The parts of the identity (``name``, ``birth_date``, ``citizenship``) on which the claim
    and the forensic result disagree. A part missing on either side is not a disagreement.

    Names are compared as sets of words, case- and order-insensitively and across scripts
    ("Петренко Іван" = "іван петренко" = "PETRENKO Ivan"); dates after normalising the format, a year alone matching any date in
    that year; citizenship through common names and codes of the same country ("UA" =
    "Україна" = "Ukraine").
    """
    differences: list[str] = []
    if claimed_name and established_name and _name_tokens(claimed_name) != _name_tokens(established_name):
        differences.append("name")
    a, b = normalize_birth_date(claimed_birth_date), normalize_birth_date(established_birth_date)
    if a and b and a != b:
        short, full = sorted((a, b), key=len)
        if not (len(short) == 4 and full.startswith(short)):
            differences.append("birth_date")
    c, d = normalize_citizenship(claimed_citizenship), normalize_citizenship(established_citizenship)
    if c and d and c != d:
        differences.append("citizenship")
    return differences
