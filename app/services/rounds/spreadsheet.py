"""A list saved as an XLSX workbook, read into the same table a CSV file gives.

``read_table`` / ``read_table_file`` accept either kind of file: an XLSX workbook (detected by its
content, whatever its name) is read from its first sheet with openpyxl, each row numbered as the
spreadsheet numbers it; anything else goes to ``manifest_file.read_csv``. Cells are read as the
spreadsheet shows them: a date as YYYY-MM-DD, a whole number without ".0", text trimmed. The
first non-empty row is the header, empty rows are left out, as in a CSV file.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from app.errors import ValidationError
from app.services.rounds.manifest_file import (
    MANIFEST_KIND,
    MAX_CELL_CHARS,
    MAX_FILE_BYTES,
    ManifestTable,
    SourceRow,
    read_csv,
    read_file_bytes,
)

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # the old binary .xls, and workbooks protected by a password
WORKBOOK_ENCODING = "xlsx"


def is_workbook(data: bytes) -> bool:
    return data.startswith(_ZIP)


def cell_text(value: Any) -> str:
    """A cell's value as the spreadsheet shows it (dates in ISO form)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


def _unreadable(kind: str) -> ValidationError:
    return ValidationError(
        "The file is a damaged workbook or not an XLSX workbook (an OpenDocument or Word file?); "
        f"save {kind} from the spreadsheet as .xlsx or as \u201cCSV UTF-8\u201d.",
        {"file": "format"},
    )


def read_xlsx(data: bytes, *, filename: str = "", kind: str = MANIFEST_KIND) -> ManifestTable:
    """The first sheet of an XLSX workbook as a table."""
    import openpyxl  # a second's import; only when a workbook is read
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError) as exc:
        raise _unreadable(kind) from exc
    try:
        if not book.worksheets:
            raise ValidationError("The workbook has no sheet.", {"file": "empty"})
        sheet = book.worksheets[0]
        try:
            headers, rows, header_line = _rows_of(sheet.iter_rows(values_only=True), kind)
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
            raise _unreadable(kind) from exc
        title = str(sheet.title)
    finally:
        book.close()
    return ManifestTable(headers, rows, WORKBOOK_ENCODING, "", header_line, filename, sheet=title)


def _rows_of(
    source: Iterable[tuple[Any, ...]], kind: str
) -> tuple[tuple[str, ...], tuple[SourceRow, ...], int]:
    headers: tuple[str, ...] | None = None
    header_line = 1
    rows: list[SourceRow] = []
    for line_no, raw in enumerate(source, start=1):
        values = [cell_text(v) for v in raw]
        while values and not values[-1]:
            values.pop()
        if not values:
            continue
        if any(len(v) > MAX_CELL_CHARS for v in values):
            raise ValidationError(
                f"Row {line_no} holds a value longer than {MAX_CELL_CHARS} characters; "
                f"the file is probably not {kind}.",
                {"file": "format"},
            )
        if headers is None:
            headers = tuple(values)
            header_line = line_no
            continue
        rows.append(SourceRow(line_no, tuple(values)))
    if headers is None:
        raise ValidationError("The file is empty.", {"file": "empty"})
    headers = tuple(h or f"Column {i}" for i, h in enumerate(headers, start=1))
    return headers, tuple(rows), header_line


def read_table(
    data: bytes,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    filename: str = "",
    max_bytes: int = MAX_FILE_BYTES,
    kind: str = MANIFEST_KIND,
) -> ManifestTable:
    """An XLSX workbook or CSV text as a table (``encoding`` and ``delimiter`` apply to CSV)."""
    if len(data) > max_bytes:
        return read_csv(data, max_bytes=max_bytes, kind=kind)  # refuses it in the usual words
    if is_workbook(data):
        return read_xlsx(data, filename=filename, kind=kind)
    if data.startswith(_OLE):
        raise ValidationError(
            "The file is an old Excel workbook (.xls) or one protected by a password; "
            "save it as .xlsx (Excel Workbook) or as \u201cCSV UTF-8\u201d first.",
            {"file": "format"},
        )
    return read_csv(data, encoding=encoding, delimiter=delimiter, filename=filename, max_bytes=max_bytes, kind=kind)


def read_table_file(
    path: str | Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    kind: str = MANIFEST_KIND,
) -> ManifestTable:
    data = read_file_bytes(path, max_bytes=max_bytes, kind=kind)
    return read_table(
        data, encoding=encoding, delimiter=delimiter, filename=Path(path).name, max_bytes=max_bytes, kind=kind
    )
