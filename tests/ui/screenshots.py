"""Screenshots of the shell's windows in English and Ukrainian, for a look by eye.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python -m tests.ui.screenshots

writes ``screenshots/<lang>_<window>.png`` (the folder is git-ignored) from a throw-away database.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "screenshots"


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="repat-shots-"))
    os.environ["REPAT_DATA_DIR"] = str(tmp / "data")

    from PySide6.QtCore import QCoreApplication, QThreadPool
    from PySide6.QtWidgets import QApplication, QWidget

    from app.domain import Role
    from app.services.admin import accounts
    from app.services.database import open_database
    from app.services.rounds import rounds

    from ui import i18n
    from ui.admin.users import NewUserDialog, UsersDialog
    from ui.rounds.round_dialog import RoundDialog
    from ui.rounds.transport_units import TransportUnitDialog
    from ui.shell.first_run import FirstRunDialog
    from ui.shell.login import LoginDialog
    from ui.shell.main_window import MainWindow
    from ui.shell.settings import SettingsDialog
    from ui.widgets.stored_settings import app_settings

    app = QApplication(sys.argv)
    QCoreApplication.setOrganizationName("Repat")
    QCoreApplication.setApplicationName("Repat")
    OUT.mkdir(exist_ok=True)
    fresh = open_database(tmp / "fresh.sqlite3")
    db = open_database(tmp / "repat.sqlite3")
    sup = accounts.initialize(db, device_code="KH01", device_name="Field laptop 1", username="olena",
                              full_name="Олена Петренко", password="correct horse")
    accounts.create_user(sup, username="ivan", full_name="Іван Бондар", role=Role.FIELD_OFFICER,
                         password="correct horse")
    accounts.create_user(sup, username="mary", full_name="Марія Коваль", role=Role.CLERK, password="correct horse")
    r1 = rounds.create_round(sup, rounds.RoundData(
        "R-2026-06-01", date(2026, 6, 1), "Київська обл.", "Сторона А", "Міністерство з питань реінтеграції",
        "МКЧХ", "AG-17", 1200))
    rounds.create_round(sup, rounds.RoundData(
        "R-2026-05-14", date(2026, 5, 14), "Запорізька обл.", "Сторона А", "Міністерство", "ICRC", "AG-16", None))
    rounds.add_transport_unit(sup, r1.id, rounds.TransportUnitData("AA1234BB", "Рефрижератор", "S-991, S-992", True, 64))
    rounds.add_transport_unit(sup, r1.id, rounds.TransportUnitData("KA7777XX", "", "S-1001", False, 58, "пломбу зірвано"))

    def settle() -> None:
        for _ in range(30):
            app.processEvents()

    def shot(widget: QWidget, name: str, lang: str) -> None:
        widget.show()
        settle()
        path = OUT / f"{lang}_{name}.png"
        widget.grab().save(str(path))
        print(f"{path.relative_to(ROOT)}  {widget.width()}×{widget.height()}")

    for lang in (i18n.ENGLISH, i18n.UKRAINIAN):
        i18n.install(lang)
        first = FirstRunDialog(fresh, app_settings())
        shot(first, "first_run", lang)
        first.device_code.setText("7")
        first.accept()
        shot(first, "first_run_error", lang)
        first.done(0)
        login = LoginDialog(db, "KH01", "ivan", app_settings())
        shot(login, "login", lang)
        login.password.setText("wrong")
        login.accept()
        shot(login, "login_error", lang)
        login.done(0)
        window = MainWindow(sup, app_settings())
        window.resize(1280, 800)
        window.show()
        for _ in range(200):
            settle()
            if window.round_combo.count() == 2:
                break
        shot(window, "main_window", lang)
        window.tabs.setCurrentIndex(2)
        shot(window, "main_window_rounds", lang)
        window.tabs.setCurrentIndex(0)
        for name, dialog in (
            ("round_dialog", RoundDialog(sup, r1.id, window)),
            ("round_new", RoundDialog(sup, None, window)),
            ("transport_unit", TransportUnitDialog(None, set(), window)),
            ("users", UsersDialog(sup, window)),
            ("new_user", NewUserDialog(sup, window)),
            ("settings", SettingsDialog(app_settings(), str(db.path), window)),
        ):
            shot(dialog, name, lang)
            dialog.done(0)
        window.close()
    QThreadPool.globalInstance().waitForDone()
    db.close()
    fresh.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
