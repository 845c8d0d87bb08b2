"""Where Repat keeps its files: the user's data folder, from platformdirs."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path, user_log_path

APP_NAME = "Repat"
APP_AUTHOR = "Repat"


def data_dir() -> Path:
    override = os.environ.get("REPAT_DATA_DIR")
    path = Path(override) if override else user_data_path(APP_NAME, APP_AUTHOR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    override = os.environ.get("REPAT_DATA_DIR")
    path = Path(override) / "logs" if override else user_log_path(APP_NAME, APP_AUTHOR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / "repat.sqlite3"


def default_database_url() -> str:
    return f"sqlite:///{default_database_path()}"


def _shipped(name: str) -> Path:
    """A folder shipped with the program: inside the package when installed from a wheel
    (``app/_bundled/``, see setup.py), else at the root of the source tree or of the
    PyInstaller bundle."""
    here = Path(__file__).resolve().parent
    installed = here / "_bundled" / name
    return installed if installed.is_dir() else here.parent / name


def resources_dir() -> Path:
    return _shipped("resources")


def migrations_dir() -> Path:
    return _shipped("migrations")
