"""The manifest import's texts in the user's language (context ``ManifestImport``).

The services' sentences about a manifest file (``message_text``), the problems of a row
(``problem_text``), and the names of the fields, encodings and delimiters the dialog shows.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.services.rounds import manifest_check, manifest_columns
from app.services.rounds.manifest_check import Problem

from ui.widgets.service_messages import user_message

_CTX = "ManifestImport"

# The services' sentences about a manifest file, with %1, %2 for the parts they fill in.
_FILE_MESSAGES: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("ManifestImport", "The file is empty."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file is larger than %1 MB; a manifest list is far smaller. Check that this is the right file."),
    QT_TRANSLATE_NOOP("ManifestImport", "%1 is larger than %2 MB; a manifest list is far smaller. Check that this is the right file."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file is saved as UTF-16; save it from the spreadsheet as \u201cCSV UTF-8\u201d and try again."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file is a spreadsheet workbook, not CSV; save it from the spreadsheet as \u201cCSV UTF-8\u201d first."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file is a PDF document, not a CSV list."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file is a damaged workbook or not an XLSX workbook (an OpenDocument or Word file?); save a manifest list from the spreadsheet as .xlsx or as \u201cCSV UTF-8\u201d."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file is an old Excel workbook (.xls) or one protected by a password; save it as .xlsx (Excel Workbook) or as \u201cCSV UTF-8\u201d first."),
    QT_TRANSLATE_NOOP("ManifestImport", "The workbook has no sheet."),
    QT_TRANSLATE_NOOP("ManifestImport", "Row %1 holds a value longer than %2 characters; the file is probably not a manifest list."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file is not a text (CSV) file: it holds binary data, or it is saved as UTF-16. Save the list as \u201cCSV UTF-8\u201d."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file is not a text (CSV) file."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file cannot be read as %1: line %2 holds a byte that is not valid in it."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file says it is UTF-8 but line %1 is not valid UTF-8; save it again as \u201cCSV UTF-8\u201d."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file's encoding is neither UTF-8 nor Windows-1251; save the list as \u201cCSV UTF-8\u201d."),
    QT_TRANSLATE_NOOP("ManifestImport", "Line %1 holds a value longer than %2 characters; the file is probably not a manifest list (or a quote is not closed)."),
    QT_TRANSLATE_NOOP("ManifestImport", "Line %1 cannot be read as CSV: %2."),
    QT_TRANSLATE_NOOP("ManifestImport", "There is no file %1."),
    QT_TRANSLATE_NOOP("ManifestImport", "%1 is a folder, not a CSV file."),
    QT_TRANSLATE_NOOP("ManifestImport", "You may not read %1; check the file's permissions."),
    QT_TRANSLATE_NOOP("ManifestImport", "Cannot read %1: %2."),
    QT_TRANSLATE_NOOP("ManifestImport", "Choose the column that holds the sender's tag."),
    QT_TRANSLATE_NOOP("ManifestImport", "The list has problems on %1 lines, so nothing was imported: correct the file, or import only the good rows."),
    QT_TRANSLATE_NOOP("ManifestImport", "The list has problems on %1 line, so nothing was imported: correct the file, or import only the good rows."),
    QT_TRANSLATE_NOOP("ManifestImport", "The file has a header but no rows; nothing was imported."),
    QT_TRANSLATE_NOOP("ManifestImport", "No row of the list can be imported; nothing was imported."),
)

FIELD_LABELS: dict[str, str] = {
    manifest_columns.SENDER_TAG: QT_TRANSLATE_NOOP("ManifestImport", "Sender's &tag (required):"),
    manifest_columns.CLAIMED_NAME: QT_TRANSLATE_NOOP("ManifestImport", "Claimed &name:"),
    manifest_columns.CLAIMED_BIRTH_DATE: QT_TRANSLATE_NOOP("ManifestImport", "Claimed &birth date:"),
    manifest_columns.CLAIMED_CITIZENSHIP: QT_TRANSLATE_NOOP("ManifestImport", "Claimed citi&zenship:"),
    manifest_columns.CATEGORY: QT_TRANSLATE_NOOP("ManifestImport", "C&ategory:"),
    manifest_columns.NOTES: QT_TRANSLATE_NOOP("ManifestImport", "N&otes:"),
}
_FIELD_NAMES: dict[str, str] = {
    manifest_columns.SENDER_TAG: QT_TRANSLATE_NOOP("ManifestImport", "tag"),
    manifest_columns.CLAIMED_NAME: QT_TRANSLATE_NOOP("ManifestImport", "name"),
    manifest_columns.CLAIMED_BIRTH_DATE: QT_TRANSLATE_NOOP("ManifestImport", "birth date"),
    manifest_columns.CLAIMED_CITIZENSHIP: QT_TRANSLATE_NOOP("ManifestImport", "citizenship"),
}
ENCODING_NAMES: dict[str, str] = {
    "utf-8": QT_TRANSLATE_NOOP("ManifestImport", "UTF-8"),
    "utf-8-sig": QT_TRANSLATE_NOOP("ManifestImport", "UTF-8 with BOM"),
    "cp1251": QT_TRANSLATE_NOOP("ManifestImport", "Windows-1251 (Cyrillic)"),
}
DELIMITER_NAMES: dict[str, str] = {
    ",": QT_TRANSLATE_NOOP("ManifestImport", "commas"),
    ";": QT_TRANSLATE_NOOP("ManifestImport", "semicolons"),
}


def translated_text(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(%\d)", template)
    return re.compile("".join("(.+?)" if re.fullmatch(r"%\d", p) else re.escape(p) for p in parts), re.DOTALL)


_FILE_PATTERNS = sorted(((t, _pattern(t)) for t in _FILE_MESSAGES), key=lambda i: ("%" in i[0], -len(i[0])))


def message_text(exc: BaseException) -> str:
    """A service error about a manifest file, in the user's language."""
    text = str(exc)
    for template, pattern in _FILE_PATTERNS:
        match = pattern.fullmatch(text)
        if match is not None:
            translated = translated_text(template)
            for i, value in enumerate(match.groups(), start=1):
                translated = translated.replace(f"%{i}", value)
            return translated
    return user_message(exc)


def _lines(params: tuple[str, ...]) -> str:
    shown = list(params[:5])
    if len(params) > 6:
        return ", ".join(shown) + " " + translated_text(QT_TRANSLATE_NOOP("ManifestImport", "\u2026 (%1 more)")).replace("%1", str(len(params) - 5))
    return ", ".join(params)


def problem_text(problem: Problem) -> str:
    """One problem of a row, in the user's language."""
    p = problem.params
    kind = problem.kind
    if kind == manifest_check.PROBLEM_MISSING_TAG:
        return translated_text(QT_TRANSLATE_NOOP("ManifestImport", "The tag is missing."))
    if kind == manifest_check.PROBLEM_TOO_MANY_COLUMNS and len(p) == 2:
        return translated_text(QT_TRANSLATE_NOOP(
            "ManifestImport",
            "The row has %1 columns but the header has %2; check for a delimiter inside a value without quotes.",
        )).replace("%1", p[0]).replace("%2", p[1])
    if kind == manifest_check.PROBLEM_TOO_LONG and len(p) == 3:
        field = translated_text(_FIELD_NAMES.get(p[0], p[0]))
        return (
            translated_text(QT_TRANSLATE_NOOP("ManifestImport", "The %1 is %2 characters long; at most %3 are allowed."))
            .replace("%1", field).replace("%2", p[1]).replace("%3", p[2])
        )
    if kind == manifest_check.PROBLEM_UNKNOWN_CATEGORY and len(p) == 1:
        return translated_text(QT_TRANSLATE_NOOP(
            "ManifestImport",
            "Unknown category \u201c%1\u201d; use complete, partial, fragments or commingled "
            "(повне тіло, частина, фрагменти, змішані).",
        )).replace("%1", p[0])
    if kind == manifest_check.PROBLEM_DUPLICATE_IN_FILE:
        return translated_text(QT_TRANSLATE_NOOP("ManifestImport", "The tag is listed more than once in the file (lines %1).")).replace("%1", _lines(p))
    if kind == manifest_check.PROBLEM_ALREADY_IN_MANIFEST and len(p) == 1:
        return translated_text(QT_TRANSLATE_NOOP("ManifestImport", "The tag is already on this round's manifest (manifest line %1).")).replace("%1", p[0])
    return problem.message
