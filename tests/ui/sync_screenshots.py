"""Screenshots of the exchange windows in English and Ukrainian, for a look by eye:

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python -m tests.ui.sync_screenshots

writes ``screenshots/<lang>_sync_*.png`` (the folder is git-ignored) from throw-away databases: a
headquarters and two laptops exchanging real bundles, with a conflict, a probable duplicate, a
bundle held in quarantine and a refused file.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "screenshots"


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="repat-sync-shots-"))
    os.environ["REPAT_DATA_DIR"] = str(tmp / "data")

    from PySide6.QtCore import QCoreApplication, QThreadPool
    from PySide6.QtWidgets import QApplication, QWidget

    from app.domain import Role
    from app.persistence.db import open_database
    from app.services.admin import accounts
    from app.services.cases import case_file
    from app.services.rounds import rounds
    from app.services.sync import imports
    from app.services.sync.export import export_bundle
    from app.sync.importer import writing
    from tests.ui.sync_replicas import context_for, introduce, record

    from ui import i18n
    from ui.sync.conflicts import ConflictsDialog
    from ui.sync.devices.dialog import DevicesDialog
    from ui.sync.devices.trust import TrustDialog
    from ui.sync.duplicates import DuplicatesDialog
    from ui.sync.export import ExportDialog
    from ui.sync.merge_wizard.wizard import MergeWizard

    app = QApplication(sys.argv)
    QCoreApplication.setOrganizationName("Repat")
    QCoreApplication.setApplicationName("Repat")
    OUT.mkdir(exist_ok=True)

    class Side:
        def __init__(self, code: str, name: str) -> None:
            self.code = code
            self.db = open_database(tmp / f"{code}.sqlite3")
            self.sup = accounts.initialize(self.db, device_code=code, device_name=name, username=f"sup{code.lower()}",
                                           full_name=f"Керівник {code}", password="correct horse")
            accounts.create_user(self.sup, username=f"off{code.lower()}", full_name=f"Працівник {code}",
                                 role=Role.FIELD_OFFICER, password="correct horse")
            self.officer = context_for(self.db, code, f"off{code.lower()}")

    hq = Side("HQ01", "Штаб, Київ")
    kh = Side("KH01", "Ноутбук 1, Харків")
    zp = Side("ZP02", "Ноутбук 2, Запоріжжя")
    from datetime import date

    rnd = rounds.create_round(hq.sup, rounds.RoundData(
        "R-2026-06-01", date(2026, 6, 1), "Київська обл.", "Сторона А", "Міністерство", "МКЧХ", "AG-17", 1200))
    base = [record(hq.sup, rnd.id, f"UA-{i:04d}", claimed_name=name) for i, name in
            enumerate(["Шевченко Тарас", "Коваленко Олександр", "Бондаренко Сергій"], start=1)]
    introduce(hq, kh, tmp)  # type: ignore[arg-type]
    introduce(kh, hq, tmp)  # type: ignore[arg-type]
    for i in range(40):
        record(kh.officer, rnd.id, f"UA-{100 + i:04d}", bag_number=f"B-{100 + i}")
    # the same tag received at HQ and on the laptop after they last exchanged: a probable duplicate
    record(hq.sup, rnd.id, "UA-0500", bag_number="B-76", claimed_name="Мельник Ігор")
    record(kh.officer, rnd.id, "UA-0500", bag_number="B-77")
    c = case_file.get_case(hq.sup, base[0].case_id)
    case_file.update_case(hq.sup, base[0].case_id, c.rev, {"storage_location": "Холодильник 3, полиця 2"})
    c = case_file.get_case(kh.officer, base[0].case_id)
    case_file.update_case(kh.officer, base[0].case_id, c.rev, {"storage_location": "Рефрижератор AA1234BB"})
    c = case_file.get_case(hq.sup, base[1].case_id)
    case_file.update_case(hq.sup, base[1].case_id, c.rev, {"category": "partial"})
    c = case_file.get_case(kh.officer, base[1].case_id)
    case_file.update_case(kh.officer, base[1].case_id, c.rev, {"category": "fragments"})
    kh_bundle = export_bundle(kh.officer, tmp / "KH01-2026-06-01.repat").path
    zrnd = rounds.create_round(zp.officer, rounds.RoundData("R-2026-06-02", date(2026, 6, 2), "Запорізька обл.",
                                                            "Сторона А", "", "", "", 64))
    record(zp.officer, zrnd.id, "Z-1")
    zp_bundle = export_bundle(zp.officer, tmp / "ZP02-2026-06-02.repat").path
    broken = tmp / "KH01-старий.repat"
    broken.write_bytes(kh_bundle.read_bytes()[:-300])

    def settle(until: object = None, rounds_: int = 400) -> None:
        for _ in range(rounds_):
            app.processEvents()
            QThreadPool.globalInstance().waitForDone(10)
            if callable(until) and until():
                break
        for _ in range(20):
            app.processEvents()

    def shot(widget: QWidget, name: str, lang: str) -> None:
        widget.show()
        settle()
        path = OUT / f"{lang}_sync_{name}.png"
        widget.grab().save(str(path))
        print(f"{path.relative_to(ROOT)}  {widget.width()}×{widget.height()}")

    def import_held_halfway(wizard: MergeWizard, lang: str) -> None:
        """Start the import, a record at a time, and hold it half-way through its records for a
        look at the progress bar."""
        writing.WRITE_CHUNK = 1
        halfway, go_on = threading.Event(), threading.Event()
        apply_import = imports.apply_import
        written = [0]

        def held(ctx: object, paths_: object, progress: Any, token: object = None, **kw: object) -> object:
            def report(done: int, total: int, message: str = "") -> None:
                progress(done, total, message)
                written[0] += "Updating records" in message
                if written[0] == 60:
                    halfway.set()
                    go_on.wait(10)
            return apply_import(ctx, paths_, report, token, **kw)  # type: ignore[arg-type]

        imports.apply_import = held  # type: ignore[assignment]
        try:
            wizard.next()
            settle(halfway.is_set)
            shot(wizard, "wizard_importing", lang)
        finally:
            go_on.set()
            imports.apply_import = apply_import  # type: ignore[assignment]

    # the import is shown in each language, each time into the headquarters as it was before it
    import shutil
    import sqlite3

    with sqlite3.connect(hq.db.path) as raw:  # type: ignore[arg-type]
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(hq.db.path, tmp / "HQ01-before.sqlite3")  # type: ignore[arg-type]
    before_db = open_database(tmp / "HQ01-before.sqlite3")
    merging = {i18n.ENGLISH: hq.sup, i18n.UKRAINIAN: accounts.login(before_db, "suphq01", "correct horse")}
    for lang in (i18n.ENGLISH, i18n.UKRAINIAN):
        i18n.install(lang)
        export = ExportDialog(kh.officer)
        export.with_passphrase.setChecked(True)
        shot(export, "export", lang)
        export.close()

        wizard = MergeWizard(merging[lang], paths=[kh_bundle, zp_bundle, broken])
        shot(wizard, "wizard_files", lang)
        wizard.next()
        settle(lambda w=wizard: w.preview_page.loaded)
        shot(wizard, "wizard_preview", lang)
        import_held_halfway(wizard, lang)
        settle(lambda w=wizard: w.currentId() == MergeWizard.PAGE_RESULT)
        shot(wizard, "wizard_result", lang)
        wizard.close()

        conflicts = ConflictsDialog(hq.sup)
        settle(lambda v=conflicts: v.loaded)
        shot(conflicts, "conflicts", lang)
        conflicts.close()
        read_only = ConflictsDialog(hq.officer)
        settle(lambda v=read_only: v.loaded)
        shot(read_only, "conflicts_read_only", lang)
        read_only.close()

        duplicates = DuplicatesDialog(hq.sup)
        settle(lambda v=duplicates: v.loaded)
        shot(duplicates, "duplicates", lang)
        duplicates.close()

        devices = DevicesDialog(hq.sup)
        settle(lambda v=devices: v.loaded)
        devices.select_device("ZP02")
        shot(devices, "devices", lang)
        selected = devices.selected_device()
        if selected is not None:
            trust = TrustDialog(selected, devices)
            trust.typed.setText(selected.fingerprint[:20])
            shot(trust, "trust", lang)
            trust.close()
        devices.close()
        laptop = DevicesDialog(kh.officer)
        settle(lambda v=laptop: v.loaded)
        shot(laptop, "devices_laptop", lang)
        laptop.close()
    QThreadPool.globalInstance().waitForDone(10000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
