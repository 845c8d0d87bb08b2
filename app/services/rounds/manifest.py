"""Import of the sending side's list (the manifest) from CSV, and the manifest of a round.

The list arrives as a CSV file saved from a spreadsheet: UTF-8 (with or without a byte-order
mark) or Windows-1251 (Ukrainian spreadsheets), separated by commas or semicolons. Importing
is three steps, each usable on its own by the CLI and the GUI:

1. ``read_csv`` / ``read_csv_file`` detect the encoding and delimiter and return a
   ``ManifestTable`` (headers, and rows with the file line they start on);
2. ``auto_mapping`` proposes which column holds which field; ``check_manifest`` reports every
   problem by line number without changing anything;
3. ``import_manifest`` inserts the lines in one transaction, or nothing at all.

Recognised headers (case-insensitive, Latin or Ukrainian) are listed in ``HEADER_ALIASES``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app import csvsafe
from app.domain import Category, normalize_tag, normalize_text
from app.errors import NotFound, ValidationError
from app.ids import uuid7
from app.persistence.models import Case, ManifestLine, Round
from app.persistence.versioning import insert_versions, stamp_rows
from app.progress import CancelToken, ProgressCallback, no_progress
from app.services.context import CAN_MANAGE_ROUNDS, AppContext

# --- target fields and the headers that name them ----------------------------------------------

SENDER_TAG = "sender_tag"
CLAIMED_NAME = "claimed_name"
CLAIMED_BIRTH_DATE = "claimed_birth_date"
CLAIMED_CITIZENSHIP = "claimed_citizenship"
CATEGORY = "category"
NOTES = "notes"

TARGET_FIELDS: tuple[str, ...] = (
    SENDER_TAG,
    CLAIMED_NAME,
    CLAIMED_BIRTH_DATE,
    CLAIMED_CITIZENSHIP,
    CATEGORY,
    NOTES,
)
REQUIRED_FIELDS = frozenset({SENDER_TAG})

# Longest value each field may hold (the columns of manifest_lines); notes are unlimited.
MAX_LENGTHS: dict[str, int] = {
    SENDER_TAG: 100,
    CLAIMED_NAME: 400,
    CLAIMED_BIRTH_DATE: 32,
    CLAIMED_CITIZENSHIP: 100,
}

FIELD_NAMES: dict[str, str] = {
    SENDER_TAG: "tag",
    CLAIMED_NAME: "name",
    CLAIMED_BIRTH_DATE: "birth date",
    CLAIMED_CITIZENSHIP: "citizenship",
    CATEGORY: "category",
    NOTES: "notes",
}

# Header spellings recognised by the automatic mapping, compared after ``header_key``. The
# sending side's lists often come with Russian headers, so their usual spellings are here too.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    SENDER_TAG: (
        "tag", "sender tag", "sender_tag", "tag number", "tag no", "tag #", "tag id",
        "бирка", "номер бирки", "бірка", "номер бірки", "тег", "номер тегу", "номер тега",
    ),
    CLAIMED_NAME: (
        "name", "full name", "claimed name", "claimed_name",
        "піб", "прізвище ім'я по батькові", "прізвище ім'я та по батькові", "прізвище та ім'я",
        "фио", "фамилия имя отчество",
    ),
    CLAIMED_BIRTH_DATE: (
        "birth date", "birth_date", "date of birth", "dob", "born", "claimed birth date",
        "дата народження", "дата нар", "д н", "рік народження", "дата рождения",
    ),
    CLAIMED_CITIZENSHIP: (
        "citizenship", "nationality", "claimed citizenship", "claimed_citizenship", "громадянство", "гражданство",
    ),
    CATEGORY: ("category", "remains category", "категорія", "тип останків", "категория"),
    NOTES: ("notes", "note", "remarks", "comment", "comments", "примітки", "примітка", "коментар", "коментарі",
            "примечание", "примечания"),
}

# Values accepted in the category column, compared after ``normalize_text``.
CATEGORY_WORDS: dict[str, Category] = {
    "complete": Category.COMPLETE,
    "complete body": Category.COMPLETE,
    "full body": Category.COMPLETE,
    "body": Category.COMPLETE,
    "повне тіло": Category.COMPLETE,
    "тіло": Category.COMPLETE,
    "partial": Category.PARTIAL,
    "partial remains": Category.PARTIAL,
    "part": Category.PARTIAL,
    "частина": Category.PARTIAL,
    "частина тіла": Category.PARTIAL,
    "частини тіла": Category.PARTIAL,
    "fragments": Category.FRAGMENTS,
    "fragment": Category.FRAGMENTS,
    "фрагменти": Category.FRAGMENTS,
    "фрагмент": Category.FRAGMENTS,
    "commingled": Category.COMMINGLED,
    "commingled remains": Category.COMMINGLED,
    "mixed": Category.COMMINGLED,
    "змішані": Category.COMMINGLED,
    "змішані останки": Category.COMMINGLED,
}

ENCODINGS: dict[str, str] = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "cp1251": "Windows-1251"}
_ENCODING_ALIASES = {
    "utf-8": "utf-8", "utf8": "utf-8", "utf-8-sig": "utf-8", "utf_8": "utf-8",
    "cp1251": "cp1251", "windows-1251": "cp1251", "win1251": "cp1251", "1251": "cp1251", "cp-1251": "cp1251",
}
DELIMITERS: dict[str, str] = {",": "comma", ";": "semicolon"}

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_CELL_CHARS = 100_000
CHUNK = 500

# --- the parsed table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRow:
    """One data row of the file and the line it starts on (1 = the first line of the file)."""

    line_no: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class ManifestTable:
    headers: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    encoding: str  # a key of ENCODINGS
    delimiter: str  # a key of DELIMITERS
    header_line: int = 1
    filename: str = ""

    @property
    def encoding_name(self) -> str:
        return ENCODINGS.get(self.encoding, self.encoding)

    @property
    def delimiter_name(self) -> str:
        return DELIMITERS.get(self.delimiter, self.delimiter)


def canonical_encoding(name: str) -> str:
    """``utf-8`` or ``cp1251`` for the spellings users type; a ValidationError otherwise."""
    key = name.strip().lower().replace(" ", "")
    if key not in _ENCODING_ALIASES:
        raise ValidationError(
            f"Unknown encoding {name}: use UTF-8 or Windows-1251 (cp1251).", {"encoding": "unknown"}
        )
    return _ENCODING_ALIASES[key]


def _refuse_non_text(data: bytes) -> None:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError(
            "The file is saved as UTF-16; save it from the spreadsheet as \u201cCSV UTF-8\u201d and try again.",
            {"file": "encoding"},
        )
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(
            "The file is a spreadsheet workbook, not CSV; save it from the spreadsheet as \u201cCSV UTF-8\u201d first.",
            {"file": "format"},
        )
    if head.startswith(b"%PDF"):
        raise ValidationError("The file is a PDF document, not a CSV list.", {"file": "format"})
    if b"\x00" in head:
        raise ValidationError(
            "The file is not a text (CSV) file: it holds binary data, or it is saved as UTF-16. "
            "Save the list as \u201cCSV UTF-8\u201d.",
            {"file": "format"},
        )
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0D, 0x0C))
    if controls > max(2, len(head) // 100):
        raise ValidationError("The file is not a text (CSV) file.", {"file": "format"})


def _decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    """The text and the encoding key it was read with."""
    has_bom = data.startswith(b"\xef\xbb\xbf")
    if encoding is not None:
        enc = canonical_encoding(encoding)
        try:
            if enc == "utf-8":
                return data.decode("utf-8-sig"), "utf-8-sig" if has_bom else "utf-8"
            return data.decode("cp1251"), "cp1251"
        except UnicodeDecodeError as exc:
            line = bytes(exc.object[: exc.start]).count(b"\n") + 1
            raise ValidationError(
                f"The file cannot be read as {ENCODINGS[enc]}: line {line} holds a byte that is not valid in it.",
                {"encoding": "mismatch"},
            ) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if has_bom:
            line = bytes(exc.object[: exc.start]).count(b"\n") + 1
            raise ValidationError(
                f"The file says it is UTF-8 but line {line} is not valid UTF-8; save it again as \u201cCSV UTF-8\u201d.",
                {"encoding": "mismatch"},
            ) from exc
    else:
        return text, "utf-8-sig" if has_bom else "utf-8"
    try:
        return data.decode("cp1251"), "cp1251"
    except UnicodeDecodeError as exc:
        raise ValidationError(
            "The file's encoding is neither UTF-8 nor Windows-1251; save the list as \u201cCSV UTF-8\u201d.",
            {"encoding": "unknown"},
        ) from exc


def _count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count


def _detect_delimiter(text: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return ","
    header = lines[0]
    commas, semis = _count_outside_quotes(header, ","), _count_outside_quotes(header, ";")
    if commas and not semis:
        return ","
    if semis and not commas:
        return ";"
    if commas or semis:
        try:
            return csv.Sniffer().sniff("\n".join(lines[:50]), delimiters=",;").delimiter
        except csv.Error:
            return ";" if semis > commas else ","
    return ","


def read_csv(
    data: bytes, *, encoding: str | None = None, delimiter: str | None = None, filename: str = ""
) -> ManifestTable:
    """Parse CSV bytes into a table: the first non-empty row is the header.

    ``encoding`` (``utf-8`` or ``cp1251``) and ``delimiter`` (``,`` or ``;``) override the
    detection. Rows that are empty (or hold only delimiters) are left out.
    """
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ValidationError("The file is empty.", {"file": "empty"})
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(
            f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; a manifest list is far smaller. "
            "Check that this is the right file.",
            {"file": "size"},
        )
    _refuse_non_text(data)
    text, enc = _decode(data, encoding)
    if delimiter is not None and delimiter not in DELIMITERS:
        raise ValidationError("The delimiter must be a comma or a semicolon.", {"delimiter": "unknown"})
    delim = delimiter or _detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, quotechar='"')
    headers: tuple[str, ...] | None = None
    header_line = 1
    rows: list[SourceRow] = []
    start = 1
    try:
        for cells in reader:
            line_no, start = start, reader.line_num + 1
            # a value a spreadsheet would run was written with a quote before it (app.csvsafe)
            values = tuple(csvsafe.unescape(c.strip()) for c in cells)
            if not any(values):
                continue
            if any(len(c) > MAX_CELL_CHARS for c in values):
                raise ValidationError(
                    f"Line {line_no} holds a value longer than {MAX_CELL_CHARS} characters; "
                    "the file is probably not a manifest list (or a quote is not closed).",
                    {"file": "format"},
                )
            if headers is None:
                headers = tuple(h.lstrip("\ufeff").strip() for h in values)
                header_line = line_no
                continue
            rows.append(SourceRow(line_no, values))
    except csv.Error as exc:
        raise ValidationError(f"Line {start} cannot be read as CSV: {exc}.", {"file": "format"}) from exc
    if headers is None:
        raise ValidationError("The file is empty.", {"file": "empty"})
    headers = tuple(h or f"Column {i}" for i, h in enumerate(headers, start=1))
    return ManifestTable(headers, tuple(rows), enc, delim, header_line, filename)


def read_file_bytes(path: str | Path) -> bytes:
    """The bytes of a manifest file, refusing a missing file, a folder or an oversized file."""
    p = Path(path)
    try:
        if p.is_dir():
            raise ValidationError(f"{p} is a folder, not a CSV file.", {"file": "folder"})
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValidationError(
                f"{p.name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; a manifest list is far smaller. "
                "Check that this is the right file.",
                {"file": "size"},
            )
        return p.read_bytes()
    except FileNotFoundError as exc:
        raise ValidationError(f"There is no file {p}.", {"file": "missing"}) from exc
    except PermissionError as exc:
        raise ValidationError(f"You may not read {p}; check the file's permissions.", {"file": "denied"}) from exc
    except OSError as exc:
        raise ValidationError(f"Cannot read {p}: {exc.strerror}.", {"file": "io"}) from exc


def read_csv_file(
    path: str | Path, *, encoding: str | None = None, delimiter: str | None = None
) -> ManifestTable:
    data = read_file_bytes(path)
    return read_csv(data, encoding=encoding, delimiter=delimiter, filename=Path(path).name)


# --- column mapping -----------------------------------------------------------------------------

_APOSTROPHES = re.compile("[\u2019\u02bc\u2018`\u00b4]")


def header_key(header: str) -> str:
    """The form in which headers are compared: case-folded, apostrophes unified, dots dropped,
    ``_ - / ,`` read as spaces, spaces collapsed."""
    key = _APOSTROPHES.sub("'", header.casefold().replace("\ufeff", ""))
    key = key.replace(".", "")
    key = re.sub(r"[_\-/,]+", " ", key)
    return " ".join(key.split())


_ALIAS_INDEX: dict[str, str] = {
    header_key(alias): target for target, aliases in HEADER_ALIASES.items() for alias in aliases
}


ColumnMapping = Mapping[str, int | None]


def auto_mapping(headers: Sequence[str]) -> dict[str, int | None]:
    """Which column (by index) holds each target field, from the header names; None if absent."""
    mapping: dict[str, int | None] = dict.fromkeys(TARGET_FIELDS)
    for index, header in enumerate(headers):
        target = _ALIAS_INDEX.get(header_key(header))
        if target is not None and mapping[target] is None:
            mapping[target] = index
    return mapping


def mapping_from_headers(headers: Sequence[str], chosen: Mapping[str, str]) -> dict[str, int | None]:
    """Automatic mapping, with ``chosen`` (target field -> header name) taking precedence."""
    mapping = auto_mapping(headers)
    keys = [header_key(h) for h in headers]
    for target, header in chosen.items():
        if target not in TARGET_FIELDS:
            raise ValidationError(
                f"Unknown field {target}; the fields are {', '.join(TARGET_FIELDS)}.", {"mapping": "field"}
            )
        if header == "":
            mapping[target] = None
            continue
        try:
            mapping[target] = keys.index(header_key(header))
        except ValueError as exc:
            raise ValidationError(f"The file has no column {header}.", {"mapping": "column"}) from exc
    return mapping


def parse_category(value: str) -> Category | None:
    """A category code for a cell (English code or Ukrainian word); None for an empty cell."""
    key = normalize_text(value)
    if not key:
        return None
    try:
        return Category(key)
    except ValueError:
        return CATEGORY_WORDS.get(key)


# --- checking -----------------------------------------------------------------------------------

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


@dataclass(frozen=True)
class ImportResult:
    round_id: str
    batch_id: str
    imported: int
    skipped: int
    errors: int  # lines with at least one problem
    problems: tuple[Problem, ...]
    skipped_lines: tuple[int, ...] = ()

    def summary(self, round_code: str = "") -> str:
        text = f"Imported {self.imported} manifest line{'s' if self.imported != 1 else ''}"
        if round_code:
            text += f" into round {round_code}"
        if self.skipped:
            text += f"; skipped {self.skipped} row{'s' if self.skipped != 1 else ''} (problems or repeated tags)"
        return text + "."


class ManifestRejected(ValidationError):
    """The list has problems and only a clean import was asked for: nothing was imported."""

    def __init__(self, message: str, check: ManifestCheck) -> None:
        super().__init__(message, {"file": "problems"})
        self.check = check


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


def _round_or_fail(session: Session, round_id: str) -> Round:
    rnd = session.get(Round, round_id)
    if rnd is None or rnd.deleted:
        raise NotFound("The round does not exist.")
    return rnd


def _existing_tags(session: Session, round_id: str) -> dict[str, int]:
    rows = session.execute(
        select(ManifestLine.sender_tag_norm, func.min(ManifestLine.line_no))
        .where(ManifestLine.round_id == round_id, ManifestLine.deleted.is_(False))
        .group_by(ManifestLine.sender_tag_norm)
    ).all()
    return {tag: int(line) for tag, line in rows}


def check_manifest(
    ctx: AppContext, round_id: str, table: ManifestTable, mapping: ColumnMapping
) -> ManifestCheck:
    """Every problem an import of ``table`` into the round would meet; changes nothing."""
    ctx.require()
    with ctx.reading() as session:
        _round_or_fail(session, round_id)
        existing = _existing_tags(session, round_id)
    return validate_rows(table, mapping, existing)


def _rejection(check: ManifestCheck) -> str:
    lines = len(check.problem_lines)
    return (
        f"The list has problems on {lines} line{'s' if lines != 1 else ''}, so nothing was imported: "
        "correct the file, or import only the good rows."
    )


def import_manifest(
    ctx: AppContext,
    round_id: str,
    table: ManifestTable,
    mapping: ColumnMapping,
    only_good_rows: bool = False,
    *,
    progress: ProgressCallback = no_progress,
    token: CancelToken | None = None,
) -> ImportResult:
    """Insert the manifest lines of ``table`` into the round, in one transaction.

    With any problem the import changes nothing and raises ``ManifestRejected`` (which carries
    the check), unless ``only_good_rows``: then the rows without problems are imported, and of
    rows repeating a tag only the first is imported; the others are counted as skipped. A tag
    already on the round's manifest is never imported twice. Cancelling (``token``) leaves the
    database unchanged.

    The new lines are numbered after the round's existing manifest lines, in file order.
    """
    ctx.require(*CAN_MANAGE_ROUNDS)
    token = token or CancelToken()
    actor = ctx.actor
    with ctx.unit_of_work() as session:
        _round_or_fail(session, round_id)
        progress(0, 0, "Checking the list\u2026")
        check = validate_rows(table, mapping, _existing_tags(session, round_id))
        if check.has_errors and not only_good_rows:
            raise ManifestRejected(_rejection(check), check)
        if not check.good_rows:
            if check.total_rows == 0:
                raise ManifestRejected("The file has a header but no rows; nothing was imported.", check)
            raise ManifestRejected("No row of the list can be imported; nothing was imported.", check)
        token.check()
        start = int(
            session.scalar(
                select(func.coalesce(func.max(ManifestLine.line_no), 0)).where(ManifestLine.round_id == round_id)
            )
            or 0
        )
        batch = uuid7()
        total = len(check.good_rows)
        for offset in range(0, total, CHUNK):
            token.check()
            chunk = check.good_rows[offset : offset + CHUNK]
            rows: list[dict[str, Any]] = [
                {
                    "round_id": round_id,
                    "line_no": start + offset + i + 1,
                    "sender_tag": r.sender_tag,
                    "sender_tag_norm": normalize_tag(r.sender_tag),
                    "claimed_name": r.claimed_name,
                    "claimed_name_norm": normalize_text(r.claimed_name),
                    "claimed_birth_date": r.claimed_birth_date,
                    "claimed_citizenship": r.claimed_citizenship,
                    "category": r.category,
                    "notes": r.notes,
                    "import_batch": batch,
                }
                for i, r in enumerate(chunk)
            ]
            versions = stamp_rows(ManifestLine.__tablename__, rows, actor)
            session.execute(insert(ManifestLine), rows)
            insert_versions(session, versions)
            progress(offset + len(chunk), total, f"Imported {offset + len(chunk)} of {total} lines\u2026")
        token.check()  # a cancel during the last chunk still rolls everything back
    return ImportResult(
        round_id=round_id,
        batch_id=batch,
        imported=total,
        skipped=check.skipped,
        errors=len(check.problem_lines),
        problems=check.problems,
        skipped_lines=check.skipped_lines,
    )


# --- reading the manifest -------------------------------------------------------------------------


@dataclass(frozen=True)
class ManifestLineView:
    id: str
    line_no: int
    sender_tag: str
    claimed_name: str
    claimed_birth_date: str
    claimed_citizenship: str
    category: str | None
    notes: str
    import_batch: str | None
    received: int  # cases received with this line


def list_manifest(ctx: AppContext, round_id: str) -> list[ManifestLineView]:
    """The round's manifest lines in list order, with how many cases were received for each."""
    ctx.require()
    with ctx.reading() as session:
        _round_or_fail(session, round_id)
        received = (
            select(Case.manifest_line_id, func.count().label("n"))
            .where(Case.round_id == round_id, Case.deleted.is_(False), Case.manifest_line_id.is_not(None))
            .group_by(Case.manifest_line_id)
            .subquery()
        )
        rows = session.execute(
            select(ManifestLine, func.coalesce(received.c.n, 0))
            .outerjoin(received, received.c.manifest_line_id == ManifestLine.id)
            .where(ManifestLine.round_id == round_id, ManifestLine.deleted.is_(False))
            .order_by(ManifestLine.line_no, ManifestLine.id)
        ).all()
        return [
            ManifestLineView(
                m.id, m.line_no, m.sender_tag, m.claimed_name, m.claimed_birth_date, m.claimed_citizenship,
                m.category, m.notes, m.import_batch, int(n),
            )
            for m, n in rows
        ]
