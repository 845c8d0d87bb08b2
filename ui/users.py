"""Accounts on this database (supervisors only): list, add with a role, deactivate/reactivate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import Role
from app.errors import RepatError
from app.services import accounts
from app.services.context import AppContext, UserInfo

from ui import labels
from ui.errors import InlineError, user_message
from ui.list_model import AnyIndex, ListTableModel


class UsersModel(ListTableModel):
    COL_USERNAME, COL_FULL_NAME, COL_ROLE, COL_ACTIVE = range(4)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("User name"), self.tr("Full name"), self.tr("Role"), self.tr("Account"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.row_at(index.row()) if index.isValid() else None
        if record is None:
            return None
        user, active = record
        if role == Qt.ItemDataRole.ForegroundRole and not active:
            return QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            self.COL_USERNAME: user.username,
            self.COL_FULL_NAME: user.full_name,
            self.COL_ROLE: labels.role(user.role),
            self.COL_ACTIVE: self.tr("Active") if active else self.tr("Deactivated"),
        }.get(index.column())


class NewUserDialog(QDialog):
    """Create one account."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created: UserInfo | None = None
        self.username = QLineEdit()
        self.username.setMaxLength(64)
        self.username.setMinimumWidth(260)
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(300)
        self.role = QComboBox()
        for code, _text in labels.choices(Role):
            self.role.addItem("", code)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        fields = [self.username, self.full_name, self.role, self.password, self.repeat]
        self.labels = [QLabel() for _ in fields]
        form = QFormLayout()
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.error = InlineError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.fields: dict[str, QWidget] = {
            "username": self.username, "full_name": self.full_name, "role": self.role, "password": self.password,
        }
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New user"))
        for label, text in zip(self.labels, (
            self.tr("&User name:"), self.tr("&Full name:"), self.tr("&Role:"), self.tr("&Password:"),
            self.tr("R&epeat password:"),
        ), strict=True):
            label.setText(text)
        for i in range(self.role.count()):
            self.role.setItemText(i, labels.role(str(self.role.itemData(i))))
        self.password.setPlaceholderText(self.tr("at least %1 characters").replace("%1", str(accounts.MIN_PASSWORD)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def accept(self) -> None:
        self.error.clear_message()
        if self.password.text() != self.repeat.text():
            self.error.show_message(self.tr("The two passwords differ; type the same password twice."))
            self.repeat.setFocus()
            self.repeat.selectAll()
            return
        try:
            self.created = accounts.create_user(
                self.ctx,
                username=self.username.text(),
                full_name=self.full_name.text(),
                role=str(self.role.currentData()),
                password=self.password.text(),
            )
        except RepatError as exc:
            self.error.show_error(exc, self.fields)
            return
        super().accept()


class UsersDialog(QDialog):
    """Every account on this database."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = UsersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # tens of accounts at most
        header.setSectionResizeMode(UsersModel.COL_FULL_NAME, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_user)
        self.toggle_button = QPushButton()
        self.toggle_button.clicked.connect(self.toggle_active)
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.reject)
        self.error = InlineError()
        side = QVBoxLayout()
        side.addWidget(self.add_button)
        side.addWidget(self.toggle_button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.close_buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.resize(760, 380)
        self.reload()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Users"))
        self.add_button.setText(self.tr("&Add user…"))
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reload(self, select: str | None = None) -> None:
        try:
            self.model.set_rows(accounts.list_users(self.ctx))
        except RepatError as exc:
            self.error.show_error(exc)
            return
        names = [u.username for u, _ in self.model.rows()]
        self.table.selectRow(names.index(select) if select in names else 0)
        self._update_buttons()

    def selected(self) -> tuple[UserInfo, bool] | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        current = self.selected()
        active = current is None or current[1]
        self.toggle_button.setText(self.tr("&Deactivate") if active else self.tr("Re&activate"))
        self.toggle_button.setEnabled(current is not None)

    def add_user(self) -> None:
        dialog = NewUserDialog(self.ctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created is not None:
            self.reload(dialog.created.username)
        dialog.deleteLater()

    def toggle_active(self) -> None:
        current = self.selected()
        if current is None:
            return
        user, active = current
        if active:
            answer = QMessageBox.question(
                self,
                self.tr("Deactivate account"),
                self.tr("Deactivate %1 (%2)? They will no longer be able to log in; their records stay.")
                .replace("%1", user.username).replace("%2", user.full_name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.error.clear_message()
        try:
            accounts.set_active(self.ctx, user.username, not active)
        except RepatError as exc:
            self.error.show_message(user_message(exc))
            return
        self.reload(user.username)
