"""Reading one cell of the register: a date (or a year), the sex, a text.

Dates are normalised as the forensic record does (``forensics.identity.normalize_birth_date``):
ISO ``YYYY-MM-DD`` for a full date written ISO or DD.MM.YYYY (also with / or -), the year alone
for ``YYYY``. A date that does not exist (31.02.1990) or cannot be read is refused, not kept as
text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.services.forensics.identity import normalize_birth_date

EARLIEST_YEAR = 1900

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^(\d{4})\s*(?:р\.?|рік|г\.?|год|y\.?)?$", re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")  # perhaps with a time
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")


@dataclass(frozen=True)
class DateValue:
    """A date as stored (``text``: ISO date or year) and what it means for comparisons."""

    text: str
    year: int
    day: date | None  # None for a year alone

    def after(self, other: DateValue) -> bool:
        """Certainly later than ``other`` (a year alone is compared by its year)."""
        if self.day is not None and other.day is not None:
            return self.day > other.day
        return self.year > other.year

    def in_future(self, today: date) -> bool:
        return self.day > today if self.day is not None else self.year > today.year


class DateProblem(ValueError):
    """Why a cell is not a date: ``impossible`` (it has a date's form but does not exist) or
    ``unreadable``."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def parse_date(value: str) -> DateValue | None:
    """The date or year in a cell; None for an empty cell; ``DateProblem`` otherwise."""
    text = " ".join(value.split())
    if not text:
        return None
    year = _YEAR.match(text)
    if year:
        return DateValue(year.group(1), int(year.group(1)), None)
    iso, dmy = _ISO.match(text), _DMY.match(text)
    if iso:
        text = "-".join(iso.groups())
    elif dmy:
        text = ".".join(dmy.groups())
    else:
        raise DateProblem("unreadable")
    normalized = normalize_birth_date(text)
    if not _FULL_DATE.match(normalized):
        raise DateProblem("impossible")
    day = date.fromisoformat(normalized)
    return DateValue(normalized, day.year, day)


MALE = "male"
FEMALE = "female"
_SEX_WORDS: dict[str, str] = {
    **dict.fromkeys(("male", "m", "man", "ч", "чол", "чоловіча", "чоловік", "чоловіча стать", "м", "муж",
                     "мужской", "мужчина", "мужская"), MALE),
    **dict.fromkeys(("female", "f", "woman", "ж", "жін", "жіноча", "жінка", "жіноча стать", "жен", "женский",
                     "женщина", "женская"), FEMALE),
}


def parse_sex(value: str) -> str | None:
    """``male``, ``female``, or "" for an empty cell; None for a word that is neither."""
    key = " ".join(value.casefold().replace(".", " ").split())
    if not key:
        return ""
    return _SEX_WORDS.get(key)


def one_line(value: str) -> str:
    return " ".join(value.split())


def several_lines(value: str) -> str:
    """A long text: its lines kept, the spaces at their ends and empty lines around it dropped."""
    if "\n" not in value and "\r" not in value:
        return value.strip()
    lines = [line.rstrip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip()
