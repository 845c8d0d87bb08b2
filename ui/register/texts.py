"""The register's texts in the user's language (context ``RegisterImport``).

The services' sentences about a register file (``message_text``, falling back to the manifest's,
which the two imports share), the problems of a row (``problem_text``), the fields' labels and
names, and the import's outcome (``result_text``).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.services.register import check
from app.services.register import columns as c
from app.services.register.importing import RegisterImportResult
from app.services.rounds.manifest_check import Problem

from ui import i18n
from ui.rounds import manifest_texts

_CTX = "RegisterImport"
RegisterImport = i18n.context(_CTX)  # named like its context, for lupdate (see ui.i18n.Context)

_FILE_MESSAGES: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("RegisterImport", "The file is larger than %1 MB; a register of missing persons is far smaller. Check that this is the right file."),
    QT_TRANSLATE_NOOP("RegisterImport", "%1 is larger than %2 MB; a register of missing persons is far smaller. Check that this is the right file."),
    QT_TRANSLATE_NOOP("RegisterImport", "Line %1 holds a value longer than %2 characters; the file is probably not a register of missing persons (or a quote is not closed)."),
    QT_TRANSLATE_NOOP("RegisterImport", "Row %1 holds a value longer than %2 characters; the file is probably not a register of missing persons."),
    QT_TRANSLATE_NOOP("RegisterImport", "The file is a damaged workbook or not an XLSX workbook (an OpenDocument or Word file?); save a register of missing persons from the spreadsheet as .xlsx or as \u201cCSV UTF-8\u201d."),
    QT_TRANSLATE_NOOP("RegisterImport", "Choose the column that holds the register number."),
    QT_TRANSLATE_NOOP("RegisterImport", "Choose the column that holds the full name, or the columns of the surname and the given name."),
    QT_TRANSLATE_NOOP("RegisterImport", "Someone changed the register while it was being imported; nothing was written. Import the file again."),
)

FIELD_LABELS: dict[str, str] = {
    c.REGISTER_NUMBER: QT_TRANSLATE_NOOP("RegisterImport", "Register &number (required):"),
    c.FULL_NAME: QT_TRANSLATE_NOOP("RegisterImport", "Full na&me:"),
    c.SURNAME: QT_TRANSLATE_NOOP("RegisterImport", "&Surname:"),
    c.GIVEN_NAME: QT_TRANSLATE_NOOP("RegisterImport", "&Given name:"),
    c.PATRONYMIC: QT_TRANSLATE_NOOP("RegisterImport", "Pa&tronymic:"),
    c.BIRTH_DATE: QT_TRANSLATE_NOOP("RegisterImport", "Date of &birth:"),
    c.SEX: QT_TRANSLATE_NOOP("RegisterImport", "Se&x:"),
    c.CITIZENSHIP: QT_TRANSLATE_NOOP("RegisterImport", "Citi&zenship:"),
    c.MILITARY_UNIT: QT_TRANSLATE_NOOP("RegisterImport", "Military &unit:"),
    c.DISAPPEARED_ON: QT_TRANSLATE_NOOP("RegisterImport", "Date of disappe&arance:"),
    c.DISAPPEARED_PLACE: QT_TRANSLATE_NOOP("RegisterImport", "P&lace of disappearance:"),
    c.CIRCUMSTANCES: QT_TRANSLATE_NOOP("RegisterImport", "&Circumstances:"),
    c.DISTINGUISHING_MARKS: QT_TRANSLATE_NOOP("RegisterImport", "Distinguishing mar&ks:"),
    c.RELATIVES_SAMPLED: QT_TRANSLATE_NOOP("RegisterImport", "Relati&ves who gave DNA:"),
    c.NOTES: QT_TRANSLATE_NOOP("RegisterImport", "N&otes:"),
}
_FIELD_NAMES: dict[str, str] = {
    c.REGISTER_NUMBER: QT_TRANSLATE_NOOP("RegisterImport", "register number"),
    c.FULL_NAME: QT_TRANSLATE_NOOP("RegisterImport", "full name"),
    c.CITIZENSHIP: QT_TRANSLATE_NOOP("RegisterImport", "citizenship"),
    c.MILITARY_UNIT: QT_TRANSLATE_NOOP("RegisterImport", "military unit"),
    c.DISAPPEARED_PLACE: QT_TRANSLATE_NOOP("RegisterImport", "place of disappearance"),
}
# The date problems, one sentence per date field (the field begins the sentence).
_DATE_PROBLEMS: dict[tuple[str, str], str] = {
    (check.PROBLEM_IMPOSSIBLE_DATE, c.BIRTH_DATE): QT_TRANSLATE_NOOP("RegisterImport", "The date of birth %1 does not exist."),
    (check.PROBLEM_IMPOSSIBLE_DATE, c.DISAPPEARED_ON): QT_TRANSLATE_NOOP("RegisterImport", "The date of disappearance %1 does not exist."),
    (check.PROBLEM_UNREADABLE_DATE, c.BIRTH_DATE): QT_TRANSLATE_NOOP("RegisterImport", "The date of birth \u201c%1\u201d is not a date; write it as DD.MM.YYYY, YYYY-MM-DD or the year."),
    (check.PROBLEM_UNREADABLE_DATE, c.DISAPPEARED_ON): QT_TRANSLATE_NOOP("RegisterImport", "The date of disappearance \u201c%1\u201d is not a date; write it as DD.MM.YYYY, YYYY-MM-DD or the year."),
    (check.PROBLEM_FUTURE_DATE, c.BIRTH_DATE): QT_TRANSLATE_NOOP("RegisterImport", "The date of birth %1 is in the future."),
    (check.PROBLEM_FUTURE_DATE, c.DISAPPEARED_ON): QT_TRANSLATE_NOOP("RegisterImport", "The date of disappearance %1 is in the future."),
    (check.PROBLEM_TOO_EARLY, c.BIRTH_DATE): QT_TRANSLATE_NOOP("RegisterImport", "The date of birth %1 is before %2."),
    (check.PROBLEM_TOO_EARLY, c.DISAPPEARED_ON): QT_TRANSLATE_NOOP("RegisterImport", "The date of disappearance %1 is before %2."),
}


def translated_text(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(%\d)", template)
    return re.compile("".join("(.+?)" if re.fullmatch(r"%\d", p) else re.escape(p) for p in parts), re.DOTALL)


_FILE_PATTERNS = sorted(((t, _pattern(t)) for t in _FILE_MESSAGES), key=lambda i: ("%" in i[0], -len(i[0])))


def message_text(exc: BaseException) -> str:
    """A service error about a register file, in the user's language."""
    text = str(exc)
    for template, pattern in _FILE_PATTERNS:
        match = pattern.fullmatch(text)
        if match is not None:
            translated = translated_text(template)
            for i, value in enumerate(match.groups(), start=1):
                translated = translated.replace(f"%{i}", value)
            return translated
    return manifest_texts.message_text(exc)


def problem_text(problem: Problem) -> str:
    """One problem of a row, in the user's language."""
    p, kind = problem.params, problem.kind
    if kind == check.PROBLEM_MISSING_NUMBER:
        return translated_text(QT_TRANSLATE_NOOP("RegisterImport", "The register number is missing."))
    if kind == check.PROBLEM_MISSING_NAME:
        return translated_text(QT_TRANSLATE_NOOP("RegisterImport", "The name is missing."))
    if kind == check.PROBLEM_TOO_MANY_COLUMNS and len(p) == 2:
        return translated_text(QT_TRANSLATE_NOOP(
            "RegisterImport",
            "The row has %1 columns but the header has %2; check for a delimiter inside a value without quotes.",
        )).replace("%1", p[0]).replace("%2", p[1])
    if kind == check.PROBLEM_TOO_LONG and len(p) == 3:
        return (
            translated_text(QT_TRANSLATE_NOOP("RegisterImport", "The %1 is %2 characters long; at most %3 are allowed."))
            .replace("%1", translated_text(_FIELD_NAMES.get(p[0], p[0]))).replace("%2", p[1]).replace("%3", p[2])
        )
    if kind == check.PROBLEM_DUPLICATE_IN_FILE:
        return translated_text(QT_TRANSLATE_NOOP(
            "RegisterImport",
            "The register number is listed more than once in the file (lines %1); none of these rows is imported.",
        )).replace("%1", ", ".join(p))
    if kind == check.PROBLEM_UNKNOWN_SEX and len(p) == 1:
        return translated_text(QT_TRANSLATE_NOOP(
            "RegisterImport", "The sex \u201c%1\u201d is not understood; write male or female (чоловіча, жіноча)."
        )).replace("%1", p[0])
    if kind == check.PROBLEM_BORN_AFTER_DISAPPEARANCE and len(p) == 2:
        return translated_text(QT_TRANSLATE_NOOP(
            "RegisterImport", "The date of birth (%1) is after the date of disappearance (%2)."
        )).replace("%1", p[0]).replace("%2", p[1])
    template = _DATE_PROBLEMS.get((kind, p[0])) if p else None
    if template is not None and len(p) >= 2:
        text = translated_text(template).replace("%1", p[1])
        return text.replace("%2", p[2]) if len(p) > 2 else text
    return problem.message


def result_text(result: RegisterImportResult) -> str:
    """What an import did, in one or two sentences."""
    text = (
        translated_text(QT_TRANSLATE_NOOP("RegisterImport", "Imported: %1 new, %2 updated, %3 unchanged."))
        .replace("%1", str(result.new)).replace("%2", str(result.updated)).replace("%3", str(result.unchanged))
    )
    if result.refused:
        text += " " + RegisterImport.tr(
            "%n row(s) were refused; each is listed above with its line and reason.", "", result.refused
        )
    return text
