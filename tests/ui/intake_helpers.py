"""Shared helpers for the intake and case-list widget tests."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.domain import normalize_tag, normalize_text
from app.persistence.models import ManifestLine
from app.services.context import AppContext


def add_manifest_line(
    ctx: AppContext,
    round_id: str,
    tag: str,
    name: str = "",
    *,
    birth: str = "",
    citizenship: str = "",
    category: str | None = None,
    line_no: int = 1,
) -> str:
    """One line of the sending side's list, written with the ORM (versioned like any change)."""
    with ctx.unit_of_work() as session:
        line = ManifestLine(
            round_id=round_id, line_no=line_no, sender_tag=tag, sender_tag_norm=normalize_tag(tag),
            claimed_name=name, claimed_name_norm=normalize_text(name), claimed_birth_date=birth,
            claimed_citizenship=citizenship, category=category,
        )
        session.add(line)
        session.flush()
        return line.id


def active_box(object_name: str) -> QMessageBox | None:
    """The open message box with this object name, if any."""
    widget = QApplication.activeModalWidget()
    if isinstance(widget, QMessageBox) and widget.objectName() == object_name:
        return widget
    for top in QApplication.topLevelWidgets():
        if isinstance(top, QMessageBox) and top.objectName() == object_name and top.isVisible():
            return top
    return None


def answer_box(qtbot, object_name: str, button: QMessageBox.StandardButton) -> None:  # type: ignore[no-untyped-def]
    """Wait for the message box to open, then click one of its buttons like a user."""
    box: list[QMessageBox] = []

    def is_open() -> bool:
        found = active_box(object_name)
        if found is not None:
            box[:] = [found]
        return found is not None

    qtbot.waitUntil(is_open, timeout=3000)
    target = box[0].button(button)
    assert target is not None, f"{object_name} has no {button} button"
    target.click()
    qtbot.waitUntil(lambda: active_box(object_name) is None, timeout=3000)


def wait_for(qtbot, condition: Callable[[], bool], timeout: int = 3000) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(condition, timeout=timeout)


def visible(widget: QWidget) -> bool:
    return not widget.isHidden()


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a keyboard with a Ukrainian layout: QTest only knows ASCII keys, so other
    characters are sent as key events carrying their text."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


NAMES = [
    "Шевченко Тарас", "шевчук Олег", "Коваленко Олександр", "Бондаренко Сергій", "Ткаченко Андрій",
    "Мельник Ігор", "Кравченко Дмитро", "Олійник Юрій", "Петренко Іван", "Savchenko Mykola",
]


def bulk_cases(ctx: AppContext, round_id: str, n: int, *, start: int = 1) -> list[dict[str, object]]:
    """``n`` cases inserted with Core in one transaction (versioned like the import paths do).

    Names cycle through ``NAMES``; every fifth case is off the manifest; received times step by
    one minute backwards so that the received order differs from the case-number order.
    """
    from datetime import datetime, timedelta

    from sqlalchemy import insert

    from app.persistence.models import Case
    from app.persistence.search import with_search_values
    from app.persistence.versioning import insert_versions, stamp_rows

    base = datetime(2026, 6, 1, 12, 0, 0)
    rows: list[dict[str, object]] = []
    for i in range(start, start + n):
        name = NAMES[i % len(NAMES)]
        tag = f"UA-{i:05d}"
        rows.append(
            {
                "case_number": f"HQ01-2026-{i:05d}", "round_id": round_id, "sender_tag": tag,
                "sender_tag_norm": normalize_tag(tag), "off_manifest": i % 5 == 0, "bag_number": f"B-{i}",
                "category": "complete", "condition_flags": "", "apparent_sex": "unknown", "age_group": "unknown",
                "storage_location": f"Fridge {i % 4 + 1}", "status": "received", "claimed_name": name,
                "claimed_name_norm": normalize_text(name), "claimed_birth_date": "", "claimed_citizenship": "",
                "claimed_source": "manifest", "established_name": "", "established_name_norm": "",
                "established_birth_date": "", "identification_method": "", "identified_by": "", "notes": "",
                "received_at": base - timedelta(minutes=i), "received_by": ctx.user.id if ctx.user else None,
            }
        )
    with ctx.unit_of_work() as session:
        versions = stamp_rows("cases", rows, ctx.actor)
        session.execute(insert(Case), with_search_values("cases", rows))
        insert_versions(session, versions)
    return rows
