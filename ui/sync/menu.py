"""The Exchange menu: export, import and merge, conflicts, probable duplicates, devices and keys.

``build_sync_menu(ctx, parent_window, on_changed)`` returns the menu for the main window's menu
bar. Each command opens its window (one of each at a time; asking again brings it forward).
``on_changed()`` is called after an import, a resolution or a decision changed records, so the
main window can refresh what it shows.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from app.services.context import AppContext
from app.services.sync.report import ImportResult

from ui.sync.common import is_supervisor
from ui.widgets.retranslate import Retranslating


class SyncMenu(Retranslating, QMenu):
    """The Exchange menu and the windows it opens."""

    def __init__(self, ctx: AppContext, parent_window: QWidget, on_changed: Callable[[], None]) -> None:
        super().__init__(parent_window)
        self.setObjectName("exchangeMenu")
        self.ctx = ctx
        self.window_parent = parent_window
        self.on_changed = on_changed
        self.windows: dict[str, QDialog] = {}
        self.export_action = self._action(self.open_export, "Ctrl+Shift+E")
        self.import_action = self._action(self.open_import, "Ctrl+Shift+I")
        self.conflicts_action = self._action(self.open_conflicts)
        self.duplicates_action = self._action(self.open_duplicates)
        self.devices_action = self._action(self.open_devices)
        self.addActions([self.export_action, self.import_action])
        self.addSeparator()
        self.addActions([self.conflicts_action, self.duplicates_action])
        self.addSeparator()
        self.addAction(self.devices_action)
        # Every logged-in role may export, import from trusted devices and look at the lists;
        # resolving, deciding and trusting are for supervisors (the windows show the rest read-only).
        logged_in = ctx.user is not None
        for action in self.actions():
            action.setEnabled(logged_in)
        self.retranslate()

    def _action(self, slot: Callable[[], object], shortcut: str | None = None) -> QAction:
        action = QAction(self)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.window_parent.addAction(action)  # the shortcut works while the menu is closed
        return action

    def retranslate(self) -> None:
        self.setTitle(self.tr("E&xchange"))
        self.export_action.setText(self.tr("&Export for headquarters…"))
        self.export_action.setStatusTip(self.tr("Write this database's new changes into a signed bundle file"))
        self.import_action.setText(self.tr("&Import and merge…"))
        self.import_action.setStatusTip(self.tr("Import bundle files from laptops or the headquarters"))
        self.conflicts_action.setText(self.tr("&Conflicts…"))
        self.conflicts_action.setStatusTip(
            self.tr("Resolve fields changed differently on two devices") if is_supervisor(self.ctx)
            else self.tr("See fields changed differently on two devices"))
        self.duplicates_action.setText(self.tr("Probable &duplicates…"))
        self.duplicates_action.setStatusTip(self.tr("Cases that look like the same remains"))
        self.devices_action.setText(self.tr("De&vices and keys…"))
        self.devices_action.setStatusTip(self.tr("This device's key fingerprint, trusted devices, quarantine"))

    # -- windows --

    def _existing(self, key: str) -> QDialog | None:
        window = self.windows.get(key)
        if window is not None and shiboken6.isValid(window) and window.isVisible():
            window.raise_()
            window.activateWindow()
            return window
        self.windows.pop(key, None)
        return None

    def _show(self, key: str, window: QDialog) -> QDialog:
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.windows[key] = window
        window.show()
        return window

    def _changed(self) -> None:
        self.on_changed()
        for key in ("conflicts", "duplicates", "devices"):
            window = self.windows.get(key)
            if window is not None and shiboken6.isValid(window) and window.isVisible():
                reload = getattr(window, "reload", None)
                if reload is not None:
                    reload()

    def open_export(self) -> QDialog:
        from ui.sync.export import ExportDialog

        return self._existing("export") or self._show("export", ExportDialog(self.ctx, self.window_parent))

    def open_import(self) -> QDialog:
        from ui.sync.merge_wizard.wizard import MergeWizard

        existing = self._existing("import")
        if existing is not None:
            return existing
        wizard = MergeWizard(self.ctx, self.window_parent)
        wizard.imported.connect(lambda _result: self._changed())
        wizard.openConflicts.connect(self.open_conflicts)
        wizard.openDuplicates.connect(self.open_duplicates)
        wizard.openDevices.connect(self.open_devices)
        return self._show("import", wizard)

    def open_conflicts(self) -> QDialog:
        from ui.sync.conflicts import ConflictsDialog

        existing = self._existing("conflicts")
        if existing is not None:
            existing.reload()  # type: ignore[attr-defined]
            return existing
        dialog = ConflictsDialog(self.ctx, self.window_parent)
        dialog.changed.connect(self.on_changed)
        return self._show("conflicts", dialog)

    def open_duplicates(self) -> QDialog:
        from ui.sync.duplicates import DuplicatesDialog

        existing = self._existing("duplicates")
        if existing is not None:
            existing.reload()  # type: ignore[attr-defined]
            return existing
        dialog = DuplicatesDialog(self.ctx, self.window_parent)
        dialog.changed.connect(self.on_changed)
        return self._show("duplicates", dialog)

    def open_devices(self) -> QDialog:
        from ui.sync.devices.dialog import DevicesDialog

        existing = self._existing("devices")
        if existing is not None:
            existing.reload()  # type: ignore[attr-defined]
            return existing
        dialog = DevicesDialog(self.ctx, self.window_parent)
        dialog.changed.connect(self._changed)
        dialog.heldImported.connect(self._held_imported)
        return self._show("devices", dialog)

    def _held_imported(self, result: object) -> None:
        """Bundles the import wizard left in quarantine went in from Devices: the wizard, if still
        open, shows what became of them instead of "quarantined"."""
        wizard = self.windows.get("import")  # not brought forward: the supervisor is in Devices
        if wizard is not None and shiboken6.isValid(wizard) and isinstance(result, ImportResult):
            wizard.result_page.update_held(result)  # type: ignore[attr-defined]


def build_sync_menu(ctx: AppContext, parent_window: QWidget, on_changed: Callable[[], None]) -> QMenu:
    """The translated Exchange menu for ``parent_window``'s menu bar."""
    return SyncMenu(ctx, parent_window, on_changed)
