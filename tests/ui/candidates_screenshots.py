"""Screenshots of the case file's Candidates tab and a round's candidates window, for a look by eye:

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python -m tests.ui.candidates_screenshots

writes ``screenshots/<lang>_candidates_*.png`` (the folder is git-ignored) from a throw-away
database: a made-up register of 20,000 applications and a round of 120 cases, a third of them
written from an application as a sending side would (``bench.candidates_data``), and one case
with a candidate prioritised for DNA comparison and one rejected.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "screenshots"


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="repat-candidates-shots-"))
    os.environ["REPAT_DATA_DIR"] = str(tmp / "data")

    from sqlalchemy import select

    from PySide6.QtCore import QCoreApplication, QThreadPool
    from PySide6.QtWidgets import QApplication, QWidget

    from app.domain import Role
    from app.persistence.db import open_database
    from app.persistence.models import Case
    from app.services.admin import accounts
    from app.services.cases import intake
    from app.services.register import candidates, decisions
    from bench import candidates_data

    from ui import i18n
    from ui.cases.candidates_round import RoundCandidatesDialog
    from ui.cases.detail import CaseDetailDialog

    app = QApplication(sys.argv)
    QCoreApplication.setOrganizationName("Repat")
    QCoreApplication.setApplicationName("Repat")
    OUT.mkdir(exist_ok=True)
    db = open_database(tmp / "repat.sqlite3")
    sup = accounts.initialize(db, device_code="HQ01", device_name="Headquarters", username="olena",
                              full_name="Олена Петренко", password="correct horse")
    accounts.create_user(sup, username="ivan", full_name="Іван Бондар", role=Role.FIELD_OFFICER,
                         password="correct horse")
    officer = accounts.login(db, "ivan", "correct horse")
    data = candidates_data.build(sup, 20_000, 120, seed=7)
    # two bodies whose documents name the same person as another case: "matched by several cases"
    with db.session() as session:
        named = {c.id: (c.claimed_name, c.claimed_birth_date) for c in session.scalars(
            select(Case).where(Case.id.in_([p.case_id for p in data.planted[:2]])))}
    for n, (name, birth) in enumerate(named.values()):
        intake.record_intake(officer, intake.IntakeData(round_id=data.round_id, sender_tag=f"UA-{900 + n}",
                                                        claimed_name=name.upper(), claimed_birth_date=birth))
    found = candidates.round_candidates(officer, data.round_id)
    # the case to show: a planted one whose first candidate has the most reasons, with two others
    planted = {p.case_id for p in data.planted}
    shown = max((c for c in found.cases if c.case_id in planted and len(c.candidates) >= 3),
                key=lambda c: (len(c.candidates[0].reasons), c.case_number))
    full = candidates.case_candidates(officer, shown.case_id)
    decisions.decide(officer, shown.case_id, full.candidates[0].person_id, candidates.PRIORITISED,
                     "мати дала зразок ДНК")
    decisions.decide(officer, shown.case_id, full.candidates[1].person_id, candidates.REJECTED,
                     "інший зріст за медичною карткою")

    def settle(until: object = None, rounds: int = 400) -> None:
        for _ in range(rounds):
            app.processEvents()
            QThreadPool.globalInstance().waitForDone(10)
            if callable(until) and until():
                break
        for _ in range(20):
            app.processEvents()

    def shot(widget: QWidget, name: str, lang: str) -> None:
        settle()
        path = OUT / f"{lang}_candidates_{name}.png"
        widget.grab().save(str(path))
        widget.grab().save(f"/tmp/candidates-{lang}-{name}.png")
        print(f"{path.relative_to(ROOT)}  {widget.width()}×{widget.height()}")

    for lang in (i18n.ENGLISH, i18n.UKRAINIAN):
        i18n.install(lang)
        dialog = CaseDetailDialog(officer, shown.case_id)
        dialog.show()
        tab = dialog.candidates_tab
        dialog.tabs.setCurrentWidget(tab)
        settle(lambda tab=tab: tab.found is not None and not tab.busy)
        tab.table.selectRow(0)
        shot(dialog, "tab", lang)
        dialog.done(0)
        window = RoundCandidatesDialog(officer, data.round_id, found.round_code)
        window.show()
        window.compute()
        settle(lambda window=window: window.found is not None and not window.running)
        shot(window, "round_without", lang)
        window.lists.setCurrentIndex(1)
        shot(window, "round_shared", lang)
        window.lists.setCurrentIndex(2)
        shot(window, "round_every", lang)
        window.done(0)
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
