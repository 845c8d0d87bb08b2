"""The application's language: English (the source strings) or Ukrainian.

``install(lang)`` loads ``resources/translations/repat_<lang>.qm`` and Qt's own translations
(standard buttons, context menus) into the running application; installing a translator makes
Qt send a ``LanguageChange`` event to every widget, and our widgets retranslate themselves in
``changeEvent``. Dates are shown in the order the language expects.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from app.paths import resources_dir

log = logging.getLogger(__name__)

ENGLISH = "en"
UKRAINIAN = "uk"
SUPPORTED = (ENGLISH, UKRAINIAN)
# Each language is named in itself, so a user who cannot read the current one still finds theirs.
LANGUAGE_NAMES = {ENGLISH: "English", UKRAINIAN: "Українська"}
SETTING_LANGUAGE = "ui/language"

_CTX = "Formats"
# The date format is itself a translatable string: Ukrainian uses day.month.year.
#: A Qt date format (yyyy year, MM month, dd day), not words: Ukrainian uses dd.MM.yyyy.
_DATE_FORMAT = str(QT_TRANSLATE_NOOP("Formats", "yyyy-MM-dd"))

_installed: list[QTranslator] = []
_current = ENGLISH
_start_locale = QLocale()  # the system's, used with English (dates are formatted explicitly anyway)


def translations_dir() -> str:
    return str(resources_dir() / "translations")


def normalize(lang: str | None) -> str | None:
    """``"uk"``, ``"uk_UA"``, ``"uk-UA"`` → ``"uk"``; any other language → ``"en"``; None stays None."""
    if not lang:
        return None
    return UKRAINIAN if lang.lower().replace("-", "_").split("_")[0] == UKRAINIAN else ENGLISH


def resolve_language(requested: str | None, settings: QSettings | None = None, system: str | None = None) -> str:
    """The language to start in: the command line, else the saved choice, else the system's."""
    chosen = normalize(requested)
    if chosen:
        return chosen
    if settings is not None:
        saved = normalize(str(settings.value(SETTING_LANGUAGE, "") or ""))
        if saved:
            return saved
    return normalize(system or QLocale.system().name()) or ENGLISH


def current_language() -> str:
    return _current


def install(lang: str) -> bool:
    """Switch the running application to ``lang``. False when its translation file is missing."""
    global _current
    lang = normalize(lang) or ENGLISH
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            QCoreApplication.removeTranslator(translator)
    _installed.clear()
    ok = True
    if lang != ENGLISH:
        ours = QTranslator()
        if ours.load(f"repat_{lang}", translations_dir()):
            _installed.append(ours)
        else:
            log.warning("no translation file repat_%s.qm in %s", lang, translations_dir())
            ok = False
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt_own = QTranslator()
        if qt_own.load(f"qtbase_{lang}", qt_dir):
            _installed.append(qt_own)
        for translator in _installed:
            QCoreApplication.installTranslator(translator)
    if lang == UKRAINIAN:
        QLocale.setDefault(QLocale(QLocale.Language.Ukrainian, QLocale.Country.Ukraine))
    else:
        QLocale.setDefault(_start_locale)
    _current = lang if ok else ENGLISH
    return ok


def date_format() -> str:
    """The Qt date format of the current language (for QDateEdit and tables)."""
    return QCoreApplication.translate(_CTX, _DATE_FORMAT)


def format_date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return QDate(value.year, value.month, value.day).toString(date_format())
