"""Regression guard for the PySide6 build the application ships with.

PySide6 6.12.0 on Python 3.11 loses a reference to ``None`` each time a Python ``data()`` override
returns it to C++; after a few thousand repaints of a table the interpreter aborts with
"Fatal Python error: none_dealloc: deallocating None". The case table returns ``None`` for
every role it does not handle, exactly as Qt expects, so a bad PySide6 upgrade would crash the
application in the field. This test paints a real ``QTableView`` over ``CaseTableModel`` thousands
of times in a child process (a crash there fails this test instead of killing the test run).

Run by hand: ``python tests/ui/test_repaint_regression.py DB_PATH [REPAINTS]``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
REPAINTS = 3000
MARKER = "REPAINTED"


def test_case_table_survives_thousands_of_repaints(tmp_path: Path) -> None:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QT_LOGGING_RULES="qt.qpa.*=false",
        REPAT_DATA_DIR=str(tmp_path / "userdata"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
        PYTHONFAULTHANDLER="1",
    )
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), str(tmp_path / "repaint.sqlite3"), str(REPAINTS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    detail = f"exit code {proc.returncode}\nstdout:\n{proc.stdout[-2000:]}\nstderr:\n{proc.stderr[-3000:]}"
    assert proc.returncode == 0, "the case table crashed while repainting:\n" + detail
    assert f"{MARKER} {REPAINTS}" in proc.stdout, detail
    # The crash comes when None's reference count reaches zero, which can be at exit; the
    # references lost on the way show the fault at once (Python 3.12+ makes None immortal).
    refs = next(line.split()[1:] for line in proc.stdout.splitlines() if line.startswith("NONE_REFS"))
    before, after = int(refs[0]), int(refs[1])
    assert before - after < REPAINTS // 10, (
        f"{before - after} references to None were lost over {REPAINTS} repaints: this PySide6 build "
        "would crash the application (\"deallocating None\").\n" + detail
    )


def _child(db_path: str, repaints: int) -> None:
    """Fill a database, show the case table and repaint it ``repaints`` times."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from app.domain import ConditionFlag
    from app.persistence.db import open_database
    from app.services.admin import accounts
    from app.services.cases import intake
    from app.services.cases.listing import CaseQuery
    from app.services.rounds import rounds

    from ui.cases.model import CaseTableModel

    app = QApplication([sys.argv[0]])
    db = open_database(db_path)
    ctx = accounts.initialize(
        db, device_code="KH01", device_name="Repaint check", username="olena", full_name="Олена Петренко",
        password="correct horse",
    )
    from datetime import date

    rnd = rounds.create_round(ctx, rounds.RoundData(code="R-REPAINT", round_date=date(2026, 6, 1)))
    names = ["Шевченко Тарас", "Коваленко Олександр", "", "Savchenko Mykola"]
    for i in range(40):
        intake.record_intake(
            ctx,
            intake.IntakeData(
                round_id=rnd.id, sender_tag="" if i % 9 == 0 else f"UA-{i:04d}", claimed_name=names[i % 4],
                condition_flags=[ConditionFlag.NO_TAG.value] if i % 9 == 0 else [],
                storage_location="" if i % 3 else f"Fridge {i}",
            ),
        )

    model = CaseTableModel(ctx)
    model.set_query(CaseQuery(round_id=rnd.id))
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.resize(700, 200)  # the fault is per paint, not per cell: a small table keeps this quick
    view.show()
    QCoreApplication.processEvents()
    viewport = view.viewport()
    header = view.horizontalHeader().viewport()
    none_before = sys.getrefcount(None)
    for i in range(repaints):
        viewport.repaint()
        if i % 10 == 0:
            header.repaint()
        if i % 200 == 0:
            QCoreApplication.processEvents()
    view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    viewport.repaint()
    QCoreApplication.processEvents()
    print(f"NONE_REFS {none_before} {sys.getrefcount(None)}", flush=True)
    print(f"{MARKER} {repaints}", flush=True)
    view.close()
    db.close()
    del app


if __name__ == "__main__":
    _child(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else REPAINTS)
