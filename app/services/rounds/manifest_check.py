"""Checking a parsed list before it is imported, without touching the database.

``validate_rows`` reports every problem by file line (a missing or repeated tag, a value too long,
an unknown category, extra columns) and returns the rows an import would insert.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from app.domain import normalize_tag
from app.errors import ValidationError
from app.services.rounds.manifest_columns import (
    CATEGORY,
    CLAIMED_BIRTH_DATE,
    CLAIMED_CITIZENSHIP,
    CLAIMED_NAME,
    FIELD_NAMES,
    MAX_LENGTHS,
    NOTES,
    SENDER_TAG,
    TARGET_FIELDS,
    ColumnMapping,
    parse_category,
)
from app.services.rounds.manifest_file import ManifestTable

PROBLEM_MISSING_TAG = "missing_tag"
PROBLEM_TOO_LONG = "too_long"
PROBLEM_UNKNOWN_CATEGORY = "unknown_category"
PROBLEM_TOO_MANY_COLUMNS = "too_many_columns"
PROBLEM_DUPLICATE_IN_FILE = "duplicate_in_file"
PROBLEM_ALREADY_IN_MANIFEST = "already_in_manifest"


@dataclass(frozen=True)
class Problem:
    """One problem in the file; ``line_no`` is the file line (0 for the file as a whole)."""

    line_no: int
    kind: str
    message: str
    tag: str = ""
    params: tuple[str, ...] = ()  # the values in the message, for a translated display

    def __str__(self) -> str:
        return f"line {self.line_no}: {self.message}" if self.line_no else self.message


@dataclass(frozen=True)
class ManifestRowData:
    """A row ready to insert."""

    line_no: int  # file line
    sender_tag: str
    claimed_name: str
    claimed_birth_date: str
    claimed_citizenship: str
    category: str | None
    notes: str


@dataclass(frozen=True)
class ManifestCheck:
    """What an import would do: the rows it would insert and every problem found."""

    total_rows: int
    good_rows: tuple[ManifestRowData, ...]  # inserted by an import of only the good rows
    problems: tuple[Problem, ...]  # sorted by line
    problem_lines: frozenset[int] = field(default_factory=frozenset)
    skipped_lines: tuple[int, ...] = ()  # file lines an import of only the good rows leaves out

    @property
    def has_errors(self) -> bool:
        return bool(self.problems)

    @property
    def skipped(self) -> int:
        """Rows an import of only the good rows leaves out."""
        return self.total_rows - len(self.good_rows)



def _lines_text(lines: Sequence[int]) -> str:
    items = [str(n) for n in lines]
    if len(items) > 6:
        items = items[:5] + [f"\u2026 ({len(items) - 5} more)"]
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]


def validate_rows(
    table: ManifestTable, mapping: ColumnMapping, existing: Mapping[str, int] | None = None
) -> ManifestCheck:
    """Check every row without touching the database.

    ``existing`` maps the normalised tags already on the round's manifest to their line numbers.
    Among the rows without problems of their own, the first row of each tag is good; later rows
    with the same tag are reported (every line involved) and left out of an import of only the
    good rows.
    """
    tag_col = mapping.get(SENDER_TAG)
    if tag_col is None:
        raise ValidationError("Choose the column that holds the sender's tag.", {"mapping": SENDER_TAG})
    width = len(table.headers)
    for target, col in mapping.items():
        if target not in TARGET_FIELDS:
            raise ValidationError(f"Unknown field {target}.", {"mapping": "field"})
        if col is not None and not 0 <= col < width:
            raise ValidationError(f"The file has no column {col + 1}.", {"mapping": target})
    existing = existing or {}
    problems: list[Problem] = []
    candidates: list[ManifestRowData] = []
    by_tag: dict[str, tuple[str, list[int]]] = {}  # normalised tag -> (as first written, lines)

    def cell(cells: tuple[str, ...], target: str) -> str:
        col = mapping.get(target)
        if col is None or col >= len(cells):
            return ""
        return cells[col]

    for row in table.rows:
        row_problems: list[Problem] = []
        cells = row.cells
        extra = [c for c in cells[width:] if c]
        if extra:
            row_problems.append(
                Problem(
                    row.line_no, PROBLEM_TOO_MANY_COLUMNS,
                    f"The row has {len(cells)} columns but the header has {width}; "
                    "check for a delimiter inside a value without quotes.",
                    params=(str(len(cells)), str(width)),
                )
            )
        tag = " ".join(cell(cells, SENDER_TAG).split())
        if not tag:
            row_problems.append(Problem(row.line_no, PROBLEM_MISSING_TAG, "The tag is missing."))
        for target, limit in MAX_LENGTHS.items():
            value = cell(cells, target)
            if len(value) > limit:
                row_problems.append(
                    Problem(
                        row.line_no, PROBLEM_TOO_LONG,
                        f"The {FIELD_NAMES[target]} is {len(value)} characters long; at most {limit} are allowed.",
                        tag[:100],
                        (target, str(len(value)), str(limit)),
                    )
                )
        raw_category = cell(cells, CATEGORY)
        category = parse_category(raw_category)
        if raw_category and category is None:
            row_problems.append(
                Problem(
                    row.line_no, PROBLEM_UNKNOWN_CATEGORY,
                    f"Unknown category \u201c{raw_category}\u201d; use complete, partial, fragments or commingled "
                    "(повне тіло, частина, фрагменти, змішані).",
                    tag[:100],
                    (raw_category,),
                )
            )
        problems.extend(row_problems)
        if tag:
            by_tag.setdefault(normalize_tag(tag), (tag, []))[1].append(row.line_no)
        if row_problems:
            continue
        candidates.append(
            ManifestRowData(
                row.line_no,
                tag,
                " ".join(cell(cells, CLAIMED_NAME).split()),
                cell(cells, CLAIMED_BIRTH_DATE),
                cell(cells, CLAIMED_CITIZENSHIP),
                category.value if category else None,
                cell(cells, NOTES),
            )
        )

    for tag_norm, (shown, lines) in by_tag.items():
        if len(lines) > 1:
            for line_no in lines:
                problems.append(
                    Problem(
                        line_no, PROBLEM_DUPLICATE_IN_FILE,
                        f"The tag is listed more than once in the file (lines {_lines_text(lines)}).",
                        shown[:100],
                        tuple(str(n) for n in lines),
                    )
                )
        if tag_norm in existing:
            for line_no in lines:
                problems.append(
                    Problem(
                        line_no, PROBLEM_ALREADY_IN_MANIFEST,
                        f"The tag is already on this round's manifest (manifest line {existing[tag_norm]}).",
                        shown[:100],
                        (str(existing[tag_norm]),),
                    )
                )

    good: list[ManifestRowData] = []
    seen: set[str] = set()
    for row_data in candidates:
        key = normalize_tag(row_data.sender_tag)
        if key in existing or key in seen:
            continue
        seen.add(key)
        good.append(row_data)
    problems.sort(key=lambda p: (p.line_no, p.kind))
    good_lines = {r.line_no for r in good}
    return ManifestCheck(
        total_rows=len(table.rows),
        good_rows=tuple(good),
        problems=tuple(problems),
        problem_lines=frozenset(p.line_no for p in problems),
        skipped_lines=tuple(r.line_no for r in table.rows if r.line_no not in good_lines),
    )
