"""Checking a register file before it is imported, without touching the database.

``validate_rows`` reports every problem by file line, in words (``Problem``, as the manifest's
check does), and returns the rows an import writes: those without any problem. Unlike the
manifest, a register with bad rows is imported all the same; the bad rows are reported and left
out. A register number listed on two lines leaves out both: which of them is right is for the
register's keeper to say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from app.domain import normalize_tag
from app.services.register import columns as c
from app.services.register.values import (
    EARLIEST_YEAR,
    DateProblem,
    DateValue,
    one_line,
    parse_date,
    parse_sex,
    several_lines,
)
from app.services.rounds.manifest_check import Problem
from app.services.rounds.manifest_file import ManifestTable

PROBLEM_MISSING_NUMBER = "missing_number"
PROBLEM_MISSING_NAME = "missing_name"
PROBLEM_TOO_LONG = "too_long"
PROBLEM_TOO_MANY_COLUMNS = "too_many_columns"
PROBLEM_DUPLICATE_IN_FILE = "duplicate_in_file"
PROBLEM_UNREADABLE_DATE = "unreadable_date"
PROBLEM_IMPOSSIBLE_DATE = "impossible_date"
PROBLEM_FUTURE_DATE = "future_date"
PROBLEM_TOO_EARLY = "too_early"
PROBLEM_BORN_AFTER_DISAPPEARANCE = "born_after_disappearance"
PROBLEM_UNKNOWN_SEX = "unknown_sex"

_DATE_FIELDS = (c.BIRTH_DATE, c.DISAPPEARED_ON)


@dataclass(frozen=True)
class EntryData:
    """A row ready to write: the register number, the name and the other fields the file has
    (``values``: stored field -> value; a field not in the file is not there, so a re-import
    leaves it as it was)."""

    line_no: int
    register_number: str
    full_name: str
    values: dict[str, str] = field(hash=False)


@dataclass(frozen=True)
class RegisterCheck:
    """The rows an import writes and every problem found."""

    total_rows: int
    good_rows: tuple[EntryData, ...]
    problems: tuple[Problem, ...]  # sorted by line
    fields_in_file: frozenset[str]  # the stored fields the file has a column for
    refused_lines: tuple[int, ...] = ()

    @property
    def refused(self) -> int:
        return len(self.refused_lines)


def _lines_text(lines: list[int]) -> str:
    items = [str(n) for n in lines]
    if len(items) > 6:
        items = items[:5] + [f"\u2026 ({len(items) - 5} more)"]
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]


class _Rows:
    """The checks of one row, for a file of ``width`` columns read with ``mapping``."""

    def __init__(self, mapping: c.ColumnMapping, width: int, today: date) -> None:
        self.mapping = mapping
        self.width = width
        self.today = today
        self.stored_in_file = frozenset(
            f for f in c.STORED_FIELDS if mapping.get(f) is not None
        ) | {c.REGISTER_NUMBER, c.FULL_NAME}
        self.parts = [mapping.get(p) for p in c.NAME_PARTS]
        self.full_col = mapping.get(c.FULL_NAME)
        # the other fields of the file, in the order of STORED_FIELDS: (field, column, read as several lines)
        self.others = tuple(
            (f, mapping.get(f), f in c.MULTILINE_FIELDS)
            for f in c.STORED_FIELDS if f in self.stored_in_file and f not in (c.REGISTER_NUMBER, c.FULL_NAME)
        )
        self.limits = tuple((f, n) for f, n in c.MAX_LENGTHS.items() if f in self.stored_in_file)

    def check(self, line: int, cells: tuple[str, ...]) -> tuple[list[Problem], EntryData, str]:
        """The row's problems, the entry it makes and its register number."""
        found: list[Problem] = []
        number = ""

        def cell(col: int | None) -> str:
            return cells[col] if col is not None and col < len(cells) else ""

        def problem(kind: str, message: str, *params: str) -> None:
            found.append(Problem(line, kind, message, number[:100], tuple(params)))

        if any(cells[self.width:]):
            problem(
                PROBLEM_TOO_MANY_COLUMNS,
                f"The row has {len(cells)} columns but the header has {self.width}; "
                "check for a delimiter inside a value without quotes.",
                str(len(cells)), str(self.width),
            )
        number = one_line(cell(self.mapping.get(c.REGISTER_NUMBER)))
        if not number:
            problem(PROBLEM_MISSING_NUMBER, "The register number is missing.")
        name = " ".join(p for p in (one_line(cell(col)) for col in self.parts) if p) or one_line(cell(self.full_col))
        if not name:
            problem(PROBLEM_MISSING_NAME, "The name is missing.")
        values: dict[str, str] = {c.REGISTER_NUMBER: number, c.FULL_NAME: name}
        for target, col, multiline in self.others:
            raw = cells[col] if col is not None and col < len(cells) else ""
            values[target] = (several_lines(raw) if multiline else one_line(raw)) if raw else ""
        for target, limit in self.limits:
            value = values[target]
            if len(value) > limit:
                problem(
                    PROBLEM_TOO_LONG,
                    f"The {c.FIELD_NAMES[target]} is {len(value)} characters long; at most {limit} are allowed.",
                    target, str(len(value)), str(limit),
                )
        if c.SEX in values:
            sex = parse_sex(values[c.SEX])
            if sex is None:
                problem(
                    PROBLEM_UNKNOWN_SEX,
                    f"The sex \u201c{values[c.SEX]}\u201d is not understood; write male or female (чоловіча, жіноча).",
                    values[c.SEX],
                )
            else:
                values[c.SEX] = sex
        dates: dict[str, DateValue] = {}
        for target in _DATE_FIELDS:
            if target in values:
                parsed = self._date(target, values, problem)
                if parsed is not None:
                    dates[target] = parsed
        born, gone = dates.get(c.BIRTH_DATE), dates.get(c.DISAPPEARED_ON)
        if born is not None and gone is not None and born.after(gone):
            problem(
                PROBLEM_BORN_AFTER_DISAPPEARANCE,
                f"The date of birth ({born.text}) is after the date of disappearance ({gone.text}).",
                born.text, gone.text,
            )
        return found, EntryData(line, number, name, values), number

    def _date(self, target: str, values: dict[str, str], problem: Callable[..., None]) -> DateValue | None:
        """The date of ``target`` (stored normalised in ``values``), if it is a date that may be."""
        what = c.FIELD_NAMES[target]
        raw = values[target]
        try:
            parsed = parse_date(raw)
        except DateProblem as exc:
            if exc.kind == "impossible":
                problem(PROBLEM_IMPOSSIBLE_DATE, f"The {what} {raw} does not exist.", target, raw)
            else:
                problem(
                    PROBLEM_UNREADABLE_DATE,
                    f"The {what} \u201c{raw}\u201d is not a date; write it as DD.MM.YYYY, YYYY-MM-DD or the year.",
                    target, raw,
                )
            return None
        if parsed is None:
            values[target] = ""
            return None
        values[target] = parsed.text
        if parsed.in_future(self.today):
            problem(PROBLEM_FUTURE_DATE, f"The {what} {raw} is in the future.", target, raw)
        elif parsed.year < EARLIEST_YEAR:
            problem(PROBLEM_TOO_EARLY, f"The {what} {raw} is before {EARLIEST_YEAR}.", target, raw, str(EARLIEST_YEAR))
        else:
            return parsed
        return None


def validate_rows(table: ManifestTable, mapping: c.ColumnMapping, *, today: date | None = None) -> RegisterCheck:
    """Check every row without touching the database (dates after ``today`` are refused)."""
    width = len(table.headers)
    c.require_mapping(mapping, width)
    rows = _Rows(mapping, width, today or date.today())
    problems: list[Problem] = []
    candidates: list[EntryData] = []
    by_number: dict[str, tuple[str, list[int]]] = {}
    for row in table.rows:
        found, entry, number = rows.check(row.line_no, row.cells)
        problems.extend(found)
        if number:
            by_number.setdefault(normalize_tag(number), (number, []))[1].append(row.line_no)
        if not found:
            candidates.append(entry)

    repeated: set[int] = set()
    for shown, lines in by_number.values():
        if len(lines) > 1:
            repeated.update(lines)
            for line_no in lines:
                problems.append(Problem(
                    line_no, PROBLEM_DUPLICATE_IN_FILE,
                    f"The register number is listed more than once in the file (lines {_lines_text(lines)}); "
                    "none of these rows is imported.",
                    shown[:100], tuple(str(n) for n in lines),
                ))
    good = tuple(r for r in candidates if r.line_no not in repeated)
    problems.sort(key=lambda p: p.line_no)  # stable: a line's problems in the order of its columns
    good_lines = {r.line_no for r in good}
    return RegisterCheck(
        total_rows=len(table.rows),
        good_rows=good,
        problems=tuple(problems),
        fields_in_file=rows.stored_in_file,
        refused_lines=tuple(r.line_no for r in table.rows if r.line_no not in good_lines),
    )
