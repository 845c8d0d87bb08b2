"""Screenshots of the reconciliation dashboard, its lists and the forensics dialog, for a look
by eye:

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python -m tests.ui.reconciliation_screenshots

writes ``screenshots/<lang>_reconciliation_*.png`` (the folder is git-ignored) from a throw-away
database: twelve weekly rounds of 1,200 cases at various stages, and the test scenario's three
rounds with every kind of discrepancy.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "screenshots"


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="repat-recon-shots-"))
    os.environ["REPAT_DATA_DIR"] = str(tmp / "data")

    from PySide6.QtCore import QCoreApplication, QThreadPool
    from PySide6.QtWidgets import QApplication, QWidget

    from app.domain import Role
    from app.persistence.db import open_database
    from app.services.admin import accounts
    from bench.reconciliation import PASSWORD, build
    from tests.reconciliation.scenario import build as build_scenario

    from ui import i18n
    from ui.forensics.window import ForensicsDialog
    from ui.reconciliation.dashboard import DashboardView
    from ui.reconciliation.discrepancies import DiscrepanciesDialog

    app = QApplication(sys.argv)
    QCoreApplication.setOrganizationName("Repat")
    QCoreApplication.setApplicationName("Repat")
    OUT.mkdir(exist_ok=True)
    path = tmp / "repat.sqlite3"
    today = date.today()
    build(str(path), 12, 1200, lambda _m: None, first_day=today - timedelta(days=7 * 14), today=today)
    db = open_database(path)
    sup = accounts.login(db, "olena", PASSWORD)
    accounts.create_user(sup, username="ivan", full_name="Іван Бондар", role=Role.FIELD_OFFICER, password=PASSWORD)
    accounts.create_user(sup, username="clerk", full_name="Марія Коваль", role=Role.CLERK, password=PASSWORD)
    officer, clerk = accounts.login(db, "ivan", PASSWORD), accounts.login(db, "clerk", PASSWORD)
    scenario = build_scenario(officer, clerk, sup)

    def settle(until: object = None, rounds: int = 400) -> None:
        for _ in range(rounds):
            app.processEvents()
            QThreadPool.globalInstance().waitForDone(10)
            if callable(until) and until():
                break
        for _ in range(20):
            app.processEvents()

    def shot(widget: QWidget, name: str, lang: str) -> None:
        widget.show()
        settle()
        target = OUT / f"{lang}_reconciliation_{name}.png"
        widget.grab().save(str(target))
        print(f"{target.relative_to(ROOT)}  {widget.width()}×{widget.height()}")

    for lang in (i18n.ENGLISH, i18n.UKRAINIAN):
        i18n.install(lang)
        view = DashboardView(sup)
        view.resize(1380, 860)
        view.show()
        settle(lambda: not view.busy and view.model.rowCount() > 0)  # noqa: B023
        shot(view, "dashboard", lang)
        row = view.model.row_of(scenario.round_ids["R-A"])
        dialog = view.show_figure(view.model.round_ids(row), "received_not_declared")
        settle(lambda: dialog.loaded)  # noqa: B023
        shot(dialog, "figure_list", lang)
        dialog.close()
        discrepancies = DiscrepanciesDialog(sup, [scenario.round_ids["R-A"]], view)
        settle(lambda: discrepancies.loaded)  # noqa: B023
        shot(discrepancies, "discrepancies", lang)
        discrepancies.close()
        forensic = ForensicsDialog(sup, scenario.case_ids["c2"], view)
        for tab, name in ((0, "examination"), (1, "samples"), (2, "identification"), (3, "release")):
            forensic.tabs.setCurrentIndex(tab)
            shot(forensic, f"forensics_{name}", lang)
        forensic.close()
        view.close()
    QThreadPool.globalInstance().waitForDone()
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
