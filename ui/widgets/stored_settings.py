"""Where the user's settings are kept (QSettings): the platform's usual place, or a file in the
data folder; and the database chosen in Settings. Every window reads them from here."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

from app.paths import data_dir

SETTINGS_FILE = "settings.ini"
SETTING_DATABASE = "database/url"


def saved_database(settings: QSettings) -> str | None:
    """The database chosen in Settings (a file path or a postgresql:// URL), if any."""
    value = str(settings.value(SETTING_DATABASE, "") or "").strip()
    return value or None


def app_settings() -> QSettings:
    """The user's settings: the platform's usual place, or a file beside the data when
    ``REPAT_DATA_DIR`` points Repat at another data folder (portable use, tests)."""
    if os.environ.get("REPAT_DATA_DIR"):
        return QSettings(str(data_dir() / SETTINGS_FILE), QSettings.Format.IniFormat)
    return QSettings()
