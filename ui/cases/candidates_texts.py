"""The candidates' words in the user's language: each reason code of
``app.services.register.candidates_reasons``, the decisions, and the dates and places shown."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.services.forensics.identity import normalize_birth_date
from app.services.register.candidates import PRIORITISED, REJECTED, Candidate
from app.services.register.candidates_reasons import Reason, ReasonCode

from ui import i18n

_CTX = "CandidateReasons"

# %1 is the reason's value (a percentage, a number of years, a unit, a mark, a tag, a place).
_REASONS: dict[str, str] = {
    ReasonCode.NAME_SIMILAR: QT_TRANSLATE_NOOP("CandidateReasons", "name similar (%1%)"),
    ReasonCode.ONLY_SURNAME: QT_TRANSLATE_NOOP("CandidateReasons", "only the surname could be compared"),
    ReasonCode.SURNAME_EQUAL: QT_TRANSLATE_NOOP("CandidateReasons", "surname equal"),
    ReasonCode.SURNAME_TRANSLITERATED: QT_TRANSLATE_NOOP("CandidateReasons", "surname equal after transliteration"),
    ReasonCode.SURNAME_SIMILAR: QT_TRANSLATE_NOOP("CandidateReasons", "surname similar (%1%)"),
    ReasonCode.SURNAME_DIFFERS: QT_TRANSLATE_NOOP("CandidateReasons", "surname differs"),
    ReasonCode.FIRST_NAME_EQUAL: QT_TRANSLATE_NOOP("CandidateReasons", "first name equal"),
    ReasonCode.FIRST_NAME_TRANSLITERATED: QT_TRANSLATE_NOOP("CandidateReasons",
                                                            "first name equal after transliteration"),
    ReasonCode.FIRST_NAME_SIMILAR: QT_TRANSLATE_NOOP("CandidateReasons", "first name similar (%1%)"),
    ReasonCode.FIRST_NAME_DIFFERS: QT_TRANSLATE_NOOP("CandidateReasons", "first name differs"),
    ReasonCode.PATRONYMIC_EQUAL: QT_TRANSLATE_NOOP("CandidateReasons", "patronymic equal"),
    ReasonCode.PATRONYMIC_TRANSLITERATED: QT_TRANSLATE_NOOP("CandidateReasons",
                                                            "patronymic equal after transliteration"),
    ReasonCode.PATRONYMIC_SIMILAR: QT_TRANSLATE_NOOP("CandidateReasons", "patronymic similar (%1%)"),
    ReasonCode.PATRONYMIC_DIFFERS: QT_TRANSLATE_NOOP("CandidateReasons", "patronymic differs"),
    ReasonCode.BIRTH_DATE_EQUAL: QT_TRANSLATE_NOOP("CandidateReasons", "date of birth equal"),
    ReasonCode.BIRTH_YEAR_EQUAL: QT_TRANSLATE_NOOP("CandidateReasons", "year of birth equal"),
    ReasonCode.BIRTH_YEAR_NEAR: QT_TRANSLATE_NOOP("CandidateReasons", "year of birth ±%1"),
    ReasonCode.BIRTH_YEAR_DIFFERS: QT_TRANSLATE_NOOP("CandidateReasons", "year of birth differs by %1 years"),
    ReasonCode.UNIT_MATCHES: QT_TRANSLATE_NOOP("CandidateReasons", "unit matches (%1)"),
    ReasonCode.MARK_MENTIONED: QT_TRANSLATE_NOOP("CandidateReasons",
                                                 "distinguishing mark mentioned in the effects (%1)"),
    ReasonCode.TAG_MENTIONED: QT_TRANSLATE_NOOP("CandidateReasons",
                                                "the sender's tag %1 is mentioned in the application"),
    ReasonCode.PLACE_MATCHES: QT_TRANSLATE_NOOP("CandidateReasons", "disappeared near the round's place (%1)"),
    ReasonCode.SEX_DIFFERS: QT_TRANSLATE_NOOP("CandidateReasons", "sex differs"),
    ReasonCode.DISAPPEARED_AFTER_ROUND: QT_TRANSLATE_NOOP("CandidateReasons", "disappeared after the round (%1)"),
}
_DECISIONS = {
    PRIORITISED: QT_TRANSLATE_NOOP("CandidateReasons", "Prioritised for DNA comparison"),
    REJECTED: QT_TRANSLATE_NOOP("CandidateReasons", "Rejected"),
}
_SHORT_DECISIONS = {  # in a table column
    PRIORITISED: QT_TRANSLATE_NOOP("CandidateReasons", "Prioritised"),
    REJECTED: QT_TRANSLATE_NOOP("CandidateReasons", "Rejected"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def reason_text(reason: Reason) -> str:
    template = _REASONS.get(reason.code)
    if template is None:  # a code from a newer Repat: shown rather than hidden
        return reason.code.replace("_", " ") + (f" ({reason.value})" if reason.value else "")
    return _tr(template).replace("%1", date_text(reason.value) if reason.code == ReasonCode.DISAPPEARED_AFTER_ROUND
                                 else reason.value)


def reasons_text(candidate: Candidate, separator: str = "; ") -> str:
    return separator.join(reason_text(r) for r in candidate.reasons)


def decision_text(decision: str, *, short: bool = False) -> str:
    table = _SHORT_DECISIONS if short else _DECISIONS
    return _tr(table[decision]) if decision in table else ""


def count_text(value: int) -> str:
    """A count with thin spaces between thousands (read the same in both languages)."""
    return f"{value:,}".replace(",", "\u202f")


def date_text(value: str) -> str:
    """A date (ISO or DD.MM.YYYY) in the language's order; a year, or any other text, as it is."""
    iso = normalize_birth_date(value)
    try:
        return i18n.format_date(dt.date.fromisoformat(iso)) if len(iso) == 10 else value
    except ValueError:
        return value


def disappeared_text(candidate: Candidate) -> str:
    return ", ".join(x for x in (date_text(candidate.disappeared_on), candidate.disappeared_place) if x)


__all__ = ["count_text", "date_text", "decision_text", "disappeared_text", "reason_text", "reasons_text"]
