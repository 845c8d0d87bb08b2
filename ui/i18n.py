"""The application's language: English (the source strings) or Ukrainian.

``install(lang)`` loads ``resources/translations/repat_<lang>.qm`` and Qt's own translations
(standard buttons, context menus) into the running application; installing a translator makes
Qt send a ``LanguageChange`` event to every widget, and our widgets retranslate themselves in
``changeEvent``. Dates are shown in the order the language expects. English has a .qm too: it
holds only the singular and plural forms of the strings with a count ("%n record(s)" → "1 record",
"2 records").
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
    ours = QTranslator()
    if ours.load(f"repat_{lang}", translations_dir()):
        _installed.append(ours)
    elif lang == ENGLISH:
        # the source texts are English: only the plural forms ("1 record", "2 records") are missing
        log.warning("no translation file repat_en.qm in %s; plurals show as \"record(s)\"", translations_dir())
    else:
        log.warning("no translation file repat_%s.qm in %s", lang, translations_dir())
        ok = False
    if lang != ENGLISH:
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



class Context:
    """The translations of one context, for plurals in code outside a widget.

    ``pyside6-lupdate`` collects ``Name.tr("%n photo(s).", "", n)`` as a plural string of the
    context ``Name``, but ``QCoreApplication.translate("Name", "%n photo(s).", "", n)`` only as a
    plain string (it takes the count for an old "encoding" argument), so its plural forms would
    never be used. Module-level code therefore writes::

        Exchange = i18n.context("Exchange")
        ...
        Exchange.tr("%n photo(s) or scan(s).", "", count)

    with the variable named like the context, so that lupdate and the running application agree.
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def tr(self, text: str, disambiguation: str = "", n: int = -1) -> str:
        return QCoreApplication.translate(self.name, text, disambiguation, n)


def context(name: str) -> Context:
    """The translations of the context ``name`` (see ``Context``)."""
    return Context(name)
