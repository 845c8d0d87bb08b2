"""Screenshots of the missing-persons register in English and Ukrainian, for a look by eye:

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python -m tests.ui.register_screenshots

writes ``screenshots/<lang>_register_*.png`` (the folder is git-ignored) from a throw-away
database: the register's window with an entry selected, the import dialog checking a file with
bad rows, and its result.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "screenshots"
DATA = ROOT / "tests" / "data"


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="repat-register-shots-"))
    os.environ["REPAT_DATA_DIR"] = str(tmp / "data")

    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication, QWidget

    from app.services.admin import accounts
    from app.services.database import open_database
    from app.services.register import importing

    from ui import i18n
    from ui.register.window import RegisterWindow
    from ui.shell.main_window import MainWindow
    from ui.widgets.stored_settings import app_settings

    app = QApplication(sys.argv)
    OUT.mkdir(exist_ok=True)
    db = open_database(tmp / "repat.sqlite3")
    sup = accounts.initialize(db, device_code="HQ01", device_name="Headquarters", username="olena",
                              full_name="Олена Петренко", password="correct horse")
    importing.import_register(sup, importing.read_register_file(DATA / "register_good.csv"))

    def settle(rounds: int = 30) -> None:
        for _ in range(rounds):
            app.processEvents()
            QThreadPool.globalInstance().waitForDone(20)
        app.processEvents()

    def until(condition: object, rounds: int = 500) -> None:
        for _ in range(rounds):
            settle(1)
            if callable(condition) and condition():
                return

    def shot(widget: QWidget, name: str, lang: str) -> None:
        widget.show()
        settle()
        path = OUT / f"{lang}_{name}.png"
        widget.grab().save(str(path))
        print(f"{path.relative_to(ROOT)}  {widget.width()}×{widget.height()}")

    for lang in (i18n.ENGLISH, i18n.UKRAINIAN):
        i18n.install(lang)
        main_window = MainWindow(sup, app_settings())
        main_window.resize(1280, 800)
        shot(main_window, "register_main_window", lang)
        main_window.register_menu.popup(main_window.mapToGlobal(main_window.rect().center()))
        shot(main_window.register_menu, "register_menu", lang)
        main_window.register_menu.hide()
        window = RegisterWindow(sup)
        until(lambda: window.count is not None)  # noqa: B023
        window.table.selectRow(3)
        shot(window, "register_window", lang)
        window.import_register()
        dialog = window.import_dialog
        assert dialog is not None
        dialog.open_file(DATA / "register_bad.csv")
        until(lambda: not dialog.busy and dialog.preview_result is not None)  # noqa: B023
        shot(dialog, "register_import_check", lang)
        dialog.start_import()
        until(lambda: dialog.import_result is not None)  # noqa: B023
        shot(dialog, "register_import_result", lang)
        dialog.accept()
        window.close()
        main_window.close()
    QThreadPool.globalInstance().waitForDone()
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
