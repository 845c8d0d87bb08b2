"""Reading the sending side's list from a file.

The list arrives as a CSV file saved from a spreadsheet: UTF-8 (with or without a byte-order
mark) or Windows-1251 (Ukrainian spreadsheets), separated by commas or semicolons.
``read_csv`` / ``read_csv_file`` refuse what is not CSV text, detect the encoding and delimiter
and return a ``ManifestTable`` (headers, and rows with the file line they start on).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from app import csvsafe
from app.errors import ValidationError

ENCODINGS: dict[str, str] = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "cp1251": "Windows-1251"}
_ENCODING_ALIASES = {
    "utf-8": "utf-8", "utf8": "utf-8", "utf-8-sig": "utf-8", "utf_8": "utf-8",
    "cp1251": "cp1251", "windows-1251": "cp1251", "win1251": "cp1251", "1251": "cp1251", "cp-1251": "cp1251",
}
DELIMITERS: dict[str, str] = {",": "comma", ";": "semicolon"}

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_CELL_CHARS = 100_000

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
    sheet: str = ""  # the workbook's sheet the rows come from; empty for a CSV file

    @property
    def is_workbook(self) -> bool:
        return bool(self.sheet)

    @property
    def how_read(self) -> str:
        """How the file was read, for a note: its encoding and delimiter, or its sheet."""
        if self.is_workbook:
            return f"XLSX workbook, sheet \u201c{self.sheet}\u201d"
        return f"{self.encoding_name}, {self.delimiter_name}-separated"

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


def _steadiness(lines: list[str], char: str) -> tuple[int, int]:
    """How many of ``lines`` split into as many fields by ``char`` as the header does, and how many."""
    counts = [_count_outside_quotes(line, char) for line in lines]
    return sum(1 for n in counts if n == counts[0]), counts[0]


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
        # both in the header ("Родичі, які здали ДНК;…"): the one every line splits alike by
        by_comma, by_semicolon = _steadiness(lines[:50], ","), _steadiness(lines[:50], ";")
        if by_comma != by_semicolon:
            return "," if by_comma > by_semicolon else ";"
        try:
            return csv.Sniffer().sniff("\n".join(lines[:50]), delimiters=",;").delimiter
        except csv.Error:
            return ";" if semis > commas else ","
    return ","


MANIFEST_KIND = "a manifest list"


def _too_large(max_bytes: int, kind: str, name: str = "The file") -> ValidationError:
    return ValidationError(
        f"{name} is larger than {max_bytes // (1024 * 1024)} MB; {kind} is far smaller. "
        "Check that this is the right file.",
        {"file": "size"},
    )


def read_csv(
    data: bytes,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    filename: str = "",
    max_bytes: int = MAX_FILE_BYTES,
    kind: str = MANIFEST_KIND,
) -> ManifestTable:
    """Parse CSV bytes into a table: the first non-empty row is the header.

    ``encoding`` (``utf-8`` or ``cp1251``) and ``delimiter`` (``,`` or ``;``) override the
    detection. Rows that are empty (or hold only delimiters) are left out. ``max_bytes`` and
    ``kind`` (what the file should be, for the sentences that refuse it) suit another list
    than the manifest.
    """
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ValidationError("The file is empty.", {"file": "empty"})
    if len(data) > max_bytes:
        raise _too_large(max_bytes, kind)
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
                    f"the file is probably not {kind} (or a quote is not closed).",
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


def read_file_bytes(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES, kind: str = MANIFEST_KIND) -> bytes:
    """The bytes of a list's file, refusing a missing file, a folder or an oversized file."""
    p = Path(path)
    try:
        if p.is_dir():
            raise ValidationError(f"{p} is a folder, not a CSV file.", {"file": "folder"})
        size = p.stat().st_size
        if size > max_bytes:
            raise _too_large(max_bytes, kind, p.name)
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
