"""The main window: round selector, the Intake / Cases / Rounds tabs, menus and status bar.

It only lays out and wires the parts; each tab talks to the services itself. The window
receives the logged-in ``AppContext`` and the settings, nothing else.
"""

from __future__ import annotations

import re
from typing import Any

import shiboken6

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.domain import Role
from app.services.context import CAN_MANAGE_ACCOUNTS, CAN_RECORD_INTAKE, AppContext
from app.services.database import Database
from app.services.reconciliation import cache as reconciliation
from app.services.rounds import rounds
from app.services.rounds.rounds import RoundSummary

from ui.admin.audit import verify_records
from ui.admin.backup import BackupActions
from ui.cases.view import CasesView
from ui.intake.form import IntakeForm
from ui.reconciliation.dashboard import DashboardView
from ui.reconciliation.discrepancies import DiscrepanciesDialog
from ui.register.menu import RegisterMenu
from ui.rounds.common import can_manage_rounds
from ui.rounds.manifest_import import ManifestImportDialog
from ui.rounds.round_dialog import open_round_dialog
from ui.rounds.view import RoundsView, round_caption
from ui.shell.settings import SettingsDialog
from ui.sync.menu import build_sync_menu
from ui.widgets import labels, tasks
from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import user_message

KEY_GEOMETRY = "main_window/geometry"
KEY_STATE = "main_window/state"
KEY_ROUND = "main_window/round"
KEY_TAB = "main_window/tab"
TAB_INTAKE, TAB_CASES, TAB_ROUNDS, TAB_DASHBOARD = range(4)
ROLE_START_TAB = {Role.FIELD_OFFICER: TAB_INTAKE, Role.CLERK: TAB_CASES, Role.SUPERVISOR: TAB_DASHBOARD}


def database_label(db: Database) -> str:
    """The database as a user should see it: the file path, or the URL without its password."""
    if db.path is not None:
        return str(db.path)
    return hide_password(db.url)


def hide_password(url: str) -> str:
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url).replace("postgresql+psycopg://", "postgresql://")


class MainWindow(Retranslating, QMainWindow):
    logoutRequested = Signal()
    restoreRequested = Signal(str)  # a backup file to restore over this database (see ui.admin.backup)
    closed = Signal()
    roundsLoaded = Signal()  # the round list was read (or could not be: see the status bar)

    def __init__(self, ctx: AppContext, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self._rounds: list[RoundSummary] = []
        self._load_generation = 0
        self._unexplained: dict[str, int] = {}
        self._build_actions()
        self._build_menus()
        self._build_central()
        self._build_status_bar()
        self.retranslate()
        self._restore()
        self.reload_rounds(select=str(settings.value(KEY_ROUND, "") or "") or None)

    # -- construction --

    def _action(self, slot: Any, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
        action = QAction(self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _build_actions(self) -> None:
        self.settings_action = self._action(self.open_settings, QKeySequence.StandardKey.Preferences)
        self.logout_action = self._action(self.logoutRequested.emit)
        self.quit_action = self._action(self.close, "Ctrl+Q")
        self.new_round_action = self._action(self.new_round, "Ctrl+Shift+N")
        self.edit_round_action = self._action(self.edit_round)
        self.import_action = self._action(self.import_manifest)
        self.users_action = self._action(self.open_users)
        self.about_action = self._action(self.about)
        self.guide_action = self._action(self.open_guide, QKeySequence.StandardKey.HelpContents)
        self.discrepancies_action = self._action(self.open_discrepancies)
        self.certificates_action = self._action(self.open_certificates, "Ctrl+Shift+C")
        self.new_certificate_action = self._action(self.new_certificate)
        self.labels_action = self._action(self.print_labels, "Ctrl+Shift+L")
        self.verify_action = self._action(self.verify_document, "Ctrl+Shift+V")
        self.audit_action = self._action(self.verify_records)
        self.backups = BackupActions(self.ctx, self, self.settings)
        self.backups.restoreRequested.connect(self.restoreRequested)
        self.backups.autoBackupDone.connect(lambda text: self.statusBar().showMessage(text, 30000))
        self.tab_actions = [self._action(lambda _=False, i=i: self.tabs.setCurrentIndex(i), f"Ctrl+{i + 1}")
                            for i in range(4)]
        self.addActions(self.tab_actions)
        manage = can_manage_rounds(self.ctx)
        self.new_round_action.setEnabled(manage)
        self.is_supervisor = self.ctx.user is not None and self.ctx.user.role in CAN_MANAGE_ACCOUNTS
        self.users_action.setEnabled(self.is_supervisor)
        self.users_action.setVisible(self.is_supervisor)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = QMenu(self)
        self.file_menu.addActions([self.backups.backup_action, self.backups.restore_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.settings_action, self.logout_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.round_menu = QMenu(self)
        self.round_menu.addActions([self.new_round_action, self.edit_round_action])
        self.round_menu.addSeparator()
        self.round_menu.addAction(self.import_action)
        self.round_menu.addAction(self.discrepancies_action)
        self.documents_menu = QMenu(self)
        self.documents_menu.addActions([self.certificates_action, self.new_certificate_action, self.labels_action])
        self.documents_menu.addSeparator()
        self.documents_menu.addAction(self.verify_action)
        self.exchange_menu = build_sync_menu(self.ctx, self, self._data_changed)
        self.accounts_menu = QMenu(self)
        self.accounts_menu.addAction(self.users_action)
        self.register_menu = RegisterMenu(self.ctx, self)  # supervisors only (hidden for the others)
        self.tools_menu = QMenu(self)
        self.tools_menu.addAction(self.audit_action)
        self.help_menu = QMenu(self)
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)
        for menu in (self.file_menu, self.round_menu, self.documents_menu, self.exchange_menu,
                     self.accounts_menu, self.register_menu, self.tools_menu, self.help_menu):
            bar.addMenu(menu)
        self.accounts_menu.menuAction().setVisible(self.is_supervisor)

    def _build_central(self) -> None:
        self.round_label = QLabel()
        self.round_combo = QComboBox()
        self.round_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.round_combo.setMinimumContentsLength(36)
        self.round_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.round_label.setBuddy(self.round_combo)
        self.round_combo.currentIndexChanged.connect(self._round_changed)
        self.new_round_button = QPushButton()
        self.new_round_button.setEnabled(self.new_round_action.isEnabled())
        self.new_round_button.clicked.connect(self.new_round)
        top = QHBoxLayout()
        top.addWidget(self.round_label)
        top.addWidget(self.round_combo)  # as wide as its caption (a stretch factor would share the row)
        top.addWidget(self.new_round_button)
        top.addStretch(1)

        self.rounds_view = RoundsView(self.ctx, self)
        self.rounds_view.roundSaved.connect(lambda rid: self.reload_rounds(select=rid))
        # the Intake and Cases tabs come from their own modules; wired by duck typing
        self.intake = IntakeForm(self.ctx, self)
        self.cases = CasesView(self.ctx, self)
        self.intake.caseSaved.connect(lambda _case_id: self.cases.refresh())
        self.intake.caseSaved.connect(lambda _case_id: self.reload_rounds())
        self.dashboard = DashboardView(self.ctx, self)
        # the charts need width; on a small screen the dashboard scrolls instead of widening the window
        dashboard_scroll = QScrollArea()
        dashboard_scroll.setWidgetResizable(True)
        dashboard_scroll.setFrameShape(QFrame.Shape.NoFrame)
        dashboard_scroll.setWidget(self.dashboard)
        self.tabs = QTabWidget()
        self.tabs.currentChanged.connect(self._tab_changed)
        for widget in (self.intake, self.cases, self.rounds_view, dashboard_scroll):
            self.tabs.addTab(widget, "")

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

    def _build_status_bar(self) -> None:
        self.user_status = QLabel()
        self.device_status = QLabel()
        self.db_status = QLabel(database_label(self.ctx.db))
        self.db_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = self.statusBar()
        for widget in (self.user_status, self.device_status):
            widget.setContentsMargins(12, 0, 12, 0)
            widget.setFrameShape(QFrame.Shape.StyledPanel)
            bar.addPermanentWidget(widget)
        bar.addWidget(self.db_status, 1)

    # -- language --

    def retranslate(self) -> None:
        # the window system adds the application's name ("KH01 — Repat")
        self.setWindowTitle(self.ctx.device_code)
        self.file_menu.setTitle(self.tr("&File"))
        self.round_menu.setTitle(self.tr("&Round"))
        self.accounts_menu.setTitle(self.tr("&Accounts"))
        self.tools_menu.setTitle(self.tr("&Tools"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.backups.retranslate()
        self.logout_action.setText(self.tr("Log &out"))
        self.quit_action.setText(self.tr("&Quit"))
        self.new_round_action.setText(self.tr("&New round…"))
        if can_manage_rounds(self.ctx):
            self.edit_round_action.setText(self.tr("&Edit round…"))
        else:
            self.edit_round_action.setText(self.tr("&View round…"))
        self.import_action.setText(self.tr("&Import manifest…"))
        self.discrepancies_action.setText(self.tr("&Discrepancies…"))
        self.documents_menu.setTitle(self.tr("&Documents"))
        self.certificates_action.setText(self.tr("&Certificates of this round…"))
        self.new_certificate_action.setText(self.tr("&New handover certificate…"))
        self.labels_action.setText(self.tr("Bag &labels…"))
        self.verify_action.setText(self.tr("&Verify a printed document…"))
        self.audit_action.setText(self.tr("Verify &records…"))
        self.users_action.setText(self.tr("&Users…"))
        self.about_action.setText(self.tr("&About Repat"))
        self.guide_action.setText(self.tr("&Guide"))
        # Both avoid the letters of the Intake form's mnemonics; the action has Ctrl+Shift+N.
        self.round_label.setText(self.tr("Curr&ent round:"))
        self.round_combo.setPlaceholderText(self.tr("No rounds yet: create one with New round…"))
        self.new_round_button.setText(self.tr("New round…"))
        self.new_round_button.setToolTip(
            self.tr("Create a round (%1)").replace("%1", self.new_round_action.shortcut().toString(
                QKeySequence.SequenceFormat.NativeText))
        )
        self.tabs.setTabText(TAB_INTAKE, self.tr("Intake"))
        self.tabs.setTabText(TAB_CASES, self.tr("Cases"))
        self.tabs.setTabText(TAB_ROUNDS, self.tr("Rounds"))
        self.tabs.setTabText(TAB_DASHBOARD, self.tr("Dashboard"))
        tab_names = (self.tr("Intake"), self.tr("Cases"), self.tr("Rounds"), self.tr("Dashboard"))
        for i, tab_name in enumerate(tab_names):
            self.tab_actions[i].setText(self.tr("Go to %1").replace("%1", tab_name))
        user = self.ctx.user
        if user is not None:
            self.user_status.setText(
                self.tr("%1 (%2), %3").replace("%1", user.full_name or user.username)
                .replace("%2", user.username).replace("%3", labels.role(user.role))
            )
        self.device_status.setText(self.tr("Device %1").replace("%1", self.ctx.device_code))
        self.db_status.setToolTip(self.tr("Database in use"))
        self._fill_combo()

    # -- rounds --

    def current_round_id(self) -> str | None:
        value = self.round_combo.currentData()
        return str(value) if value else None

    def reload_rounds(self, select: str | None = None) -> None:
        """Read the rounds off the GUI thread, then refresh the selector and the Rounds tab."""
        self._load_generation += 1
        generation = self._load_generation
        ctx = self.ctx

        def done(rows: object) -> None:
            if shiboken6.isValid(self) and generation == self._load_generation and isinstance(rows, list):
                self._rounds_loaded(rows, select)

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                self.statusBar().showMessage(user_message(exc), 10000)
                self.roundsLoaded.emit()

        def load(_progress: object, _token: object) -> list[RoundSummary]:
            rows = rounds.list_rounds(ctx)
            self._unexplained = reconciliation.unexplained_counts(ctx)
            return rows

        tasks.start(load, done, failed)

    def _rounds_loaded(self, rows: list[RoundSummary], select: str | None) -> None:
        self._rounds = rows
        self._fill_combo(select)
        self.rounds_view.set_rounds(rows)
        self.roundsLoaded.emit()

    def _fill_combo(self, select: str | None = None) -> None:
        keep = select or self.current_round_id()
        ids = [r.id for r in self._rounds]
        same = ids == [self.round_combo.itemData(i) for i in range(self.round_combo.count())]
        self.round_combo.blockSignals(True)
        if not same:
            self.round_combo.clear()
            for r in self._rounds:
                self.round_combo.addItem(self._caption(r), r.id)
        else:
            for i, r in enumerate(self._rounds):
                self.round_combo.setItemText(i, self._caption(r))
            self.round_combo.updateGeometry()  # a longer caption (its unexplained count) gets its room
        before = self.round_combo.currentIndex()
        index = ids.index(keep) if keep in ids else (0 if ids else -1)
        self.round_combo.setCurrentIndex(index)
        self.round_combo.setToolTip(self.round_combo.currentText())
        self.round_combo.blockSignals(False)
        if not same or index != before:
            self._round_changed()

    def _caption(self, r: RoundSummary) -> str:
        """The round as the selector shows it, with its unexplained discrepancies."""
        unexplained = self._unexplained.get(r.id, 0)
        if not unexplained:
            return round_caption(r)
        return self.tr("%1 — %n unexplained discrepancies", "", unexplained).replace("%1", round_caption(r))

    def _round_changed(self, _index: int = -1) -> None:
        round_id = self.current_round_id()
        self.round_combo.setToolTip(self.round_combo.currentText())
        self.intake.set_round(round_id)
        self.cases.set_round(round_id)
        manage = can_manage_rounds(self.ctx)
        self.edit_round_action.setEnabled(round_id is not None)
        for action in (self.discrepancies_action, self.certificates_action, self.new_certificate_action,
                       self.labels_action):
            action.setEnabled(round_id is not None)
        self.import_action.setEnabled(round_id is not None and manage)
        if round_id:
            self.settings.setValue(KEY_ROUND, round_id)

    def new_round(self) -> None:
        saved = open_round_dialog(self.ctx, self)
        if saved is not None:
            self.reload_rounds(select=saved.id)

    def edit_round(self) -> None:
        round_id = self.current_round_id()
        if round_id is not None and open_round_dialog(self.ctx, self, round_id) is not None:
            self.reload_rounds(select=round_id)

    def import_manifest(self) -> None:
        round_id = self.current_round_id()
        if round_id is None:
            return
        dialog = ManifestImportDialog(self.ctx, round_id, self)
        dialog.exec()
        dialog.deleteLater()
        self.reload_rounds(select=round_id)
        self.cases.refresh()

    # -- documents, discrepancies, dashboard --
    # The document windows (and ReportLab behind them) are imported when first opened: about a
    # tenth of a second less before the main window shows.

    def open_certificates(self) -> None:
        from ui.documents.certificate_list import open_certificates

        round_id = self.current_round_id()
        if round_id is not None:
            open_certificates(self.ctx, round_id, self)

    def new_certificate(self) -> None:
        from ui.documents.certificate import CertificateDialog

        round_id = self.current_round_id()
        if round_id is None:
            return
        # several cases chosen in the Cases tab make a certificate for just those cases
        selected = self.cases.selected_case_ids() if self.tabs.currentIndex() == TAB_CASES else []
        dialog = CertificateDialog(self.ctx, round_id, self, case_ids=selected if len(selected) > 1 else None)
        dialog.certificateChanged.connect(lambda _number: self._data_changed())
        dialog.exec()
        dialog.deleteLater()

    def print_labels(self) -> None:
        from ui.documents.case_documents import open_labels

        round_id = self.current_round_id()
        if round_id is not None:
            selected = self.cases.selected_case_ids() if self.tabs.currentIndex() == TAB_CASES else []
            open_labels(self.ctx, round_id, self, selected=selected)

    def verify_document(self) -> None:
        from ui.documents.verify import open_verify

        open_verify(self.ctx, self)

    def verify_records(self) -> None:
        verify_records(self.ctx, self)

    def open_discrepancies(self) -> None:
        round_id = self.current_round_id()
        if round_id is None:
            return
        dialog = DiscrepanciesDialog(self.ctx, [round_id], self)
        dialog.exec()
        dialog.deleteLater()
        self._data_changed()

    def _tab_changed(self, index: int) -> None:
        if index == TAB_DASHBOARD:
            self.dashboard.refresh()

    def _data_changed(self) -> None:
        """Something arrived or was decided elsewhere (an import, a certificate): reload views."""
        self.reload_rounds()
        self.cases.refresh()
        if self.tabs.currentIndex() == TAB_DASHBOARD:
            self.dashboard.refresh()

    # -- other commands --

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, database_label(self.ctx.db), self)
        dialog.exec()
        dialog.deleteLater()

    def open_users(self) -> None:
        from ui.admin.users import UsersDialog

        dialog = UsersDialog(self.ctx, self)
        dialog.exec()
        dialog.deleteLater()

    def open_guide(self) -> None:
        from ui.shell.guide import GuideDialog

        existing = getattr(self, "_guide", None)
        if existing is not None and shiboken6.isValid(existing) and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return
        self._guide = GuideDialog(self.ctx.user.role if self.ctx.user else None, self)
        self._guide.show()

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Repat"),
            self.tr(
                "<p><b>Repat</b> %1</p><p>Registry for the repatriation of human remains: intake at the "
                "handover point, handover certificates and the reconciliation of each round.</p>"
                "<p>Licence: GNU GPL version 3 or later.</p>"
            ).replace("%1", __version__),
        )

    # -- window state --

    def _restore(self) -> None:
        geometry = self.settings.value(KEY_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            available = self.screen().availableGeometry()
            self.resize(min(1200, available.width() * 9 // 10), min(800, available.height() * 9 // 10))
        state = self.settings.value(KEY_STATE)
        if state is not None:
            self.restoreState(state)
        # each role opens on its own work, and on the tab it left last time (one laptop, several roles)
        default = ROLE_START_TAB.get(self.ctx.user.role if self.ctx.user else None, TAB_CASES)
        tab = str(self.settings.value(self._tab_key(), default))
        index = int(tab) if tab.isdigit() and 0 <= int(tab) < self.tabs.count() else default
        if index == TAB_INTAKE and not (self.ctx.user and self.ctx.user.role in CAN_RECORD_INTAKE):
            index = default
        self.tabs.setCurrentIndex(index)

    def _tab_key(self) -> str:
        return f"{KEY_TAB}/{self.ctx.user.role.value if self.ctx.user else 'none'}"

    def save_state(self) -> None:
        self.settings.setValue(KEY_GEOMETRY, self.saveGeometry())
        self.settings.setValue(KEY_STATE, self.saveState())
        self.settings.setValue(self._tab_key(), self.tabs.currentIndex())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
        self.closed.emit()
