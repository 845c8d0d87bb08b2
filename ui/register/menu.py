"""The main window's *Missing persons* menu: the register's window (supervisors only).

``RegisterMenu(ctx, parent_window)`` is added to the menu bar; its action has Ctrl+Shift+R. The
window is made when first asked for (with the import behind it) and brought forward after that.
"""

from __future__ import annotations

from typing import Any

import shiboken6

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from app.services.context import CAN_READ_REGISTER, AppContext

from ui.widgets.retranslate import Retranslating

SHORTCUT = "Ctrl+Shift+R"


class RegisterMenu(Retranslating, QMenu):
    def __init__(self, ctx: AppContext, parent_window: QWidget) -> None:
        super().__init__(parent_window)
        self.setObjectName("registerMenu")
        self.ctx = ctx
        self.window_parent = parent_window
        self.window: Any = None
        self.register_action = QAction(self)
        self.register_action.setShortcut(QKeySequence(SHORTCUT))
        self.register_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.register_action.triggered.connect(lambda _checked=False: self.open_register())
        parent_window.addAction(self.register_action)  # the shortcut works while the menu is closed
        self.addAction(self.register_action)
        self.allowed = ctx.user is not None and ctx.user.role in CAN_READ_REGISTER
        self.register_action.setEnabled(self.allowed)
        self.menuAction().setVisible(self.allowed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("&Missing persons"))
        self.register_action.setText(self.tr("Missing-persons &register\u2026"))
        self.register_action.setStatusTip(self.tr("The relatives' applications: search them, import the register"))

    def open_register(self) -> Any:
        """The register's window, shown (one at a time)."""
        if not self.allowed:
            return None
        if self.window is not None and shiboken6.isValid(self.window):
            self.window.show()
            self.window.raise_()
            self.window.activateWindow()
            return self.window
        from ui.register.window import RegisterWindow  # with the import dialog: made when first opened

        self.window = RegisterWindow(self.ctx, self.window_parent)
        self.window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window.show()
        return self.window
