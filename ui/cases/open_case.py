"""Opening a case in its case file from elsewhere (the reconciliation's lists, the merge views):
window-modal, as from the case list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.services.context import AppContext


def open_case(ctx: AppContext, case_id: str, parent: QWidget | None) -> None:
    """Open a case in its case file (the case-file window is imported only when needed), window-modal
    as from the case list: the dashboard behind it waits, and so does a language switch."""
    from ui.cases.detail import CaseDetailDialog

    dialog = CaseDetailDialog(ctx, case_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


__all__ = ["open_case"]
