"""Accounts on this database (supervisors only): list with where each was made and what it may do
here, add with a role, grant or take away a role, deactivate/reactivate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
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
from app.services.admin import accounts
from app.services.context import AppContext, UserInfo

from ui.widgets import labels
from ui.widgets.inline_error import InlineError
from ui.widgets.list_model import AnyIndex, ListTableModel
from ui.widgets.retranslate import Retranslating
from ui.widgets.service_messages import user_message


class UsersModel(ListTableModel):
    """Rows: ``accounts.AccountInfo``."""

    COL_USERNAME, COL_FULL_NAME, COL_ROLE, COL_MADE_ON, COL_ACTIVE = range(5)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("User name"), self.tr("Full name"), self.tr("Role here"), self.tr("Made on"),
                self.tr("Account"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record: accounts.AccountInfo | None = self.row_at(index.row()) if index.isValid() else None
        if record is None:
            return None
        user, access = record.user, record.access
        if role == Qt.ItemDataRole.ForegroundRole and not access.active:
            return QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COL_ROLE:
            if access.role is None:
                return self.tr("Made on another installation: it signs what it recorded, and acts here only "
                               "once a supervisor here grants it a role.")
            if access.granted_by:
                return self.tr("Granted by %1.").replace("%1", access.granted_by)
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if access.role is None:
            active = self.tr("No role here")
        else:
            active = self.tr("Active") if access.active else self.tr("Deactivated")
        return {
            self.COL_USERNAME: user.username,
            self.COL_FULL_NAME: user.full_name,
            self.COL_ROLE: labels.role(access.role) if access.role else "\u2014",
            self.COL_MADE_ON: access.made_on,
            self.COL_ACTIVE: active,
        }.get(index.column())


class RoleDialog(Retranslating, QDialog):
    """Grant an account a role on this installation, or take its role away."""

    NO_ROLE = ""

    def __init__(self, ctx: AppContext, account: accounts.AccountInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account = account
        self.granted: accounts.Access | None = None
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.role = QComboBox()
        for code, _text in labels.choices(Role):
            self.role.addItem("", code)
        self.role.addItem("", self.NO_ROLE)
        current = account.access.role.value if account.access.role else self.NO_ROLE
        self.role.setCurrentIndex(max(0, self.role.findData(current)))
        self.role_label = QLabel()
        self.role_label.setBuddy(self.role)
        form = QFormLayout()
        form.addRow(self.role_label, self.role)
        self.error = InlineError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.retranslate()

    def retranslate(self) -> None:
        user, access = self.account.user, self.account.access
        self.setWindowTitle(self.tr("Role of %1").replace("%1", user.username))
        self.explain.setText(
            self.tr("%1 (%2) was made on %3. The role chosen here decides what the account may do on this "
                    "installation; at the headquarters it also reaches the laptops that name it. The records "
                    "the account signed stay theirs whatever the role.")
            .replace("%1", user.username).replace("%2", user.full_name).replace("%3", access.made_on or "?")
        )
        self.role_label.setText(self.tr("&Role here:"))
        for i in range(self.role.count()):
            code = str(self.role.itemData(i))
            self.role.setItemText(i, labels.role(code) if code else self.tr("No role on this installation"))

    def accept(self) -> None:
        self.error.clear_message()
        code = str(self.role.currentData())
        try:
            self.granted = accounts.grant_role(
                self.ctx, self.account.user.username, code or None, made_on=self.account.access.made_on or None
            )
        except RepatError as exc:
            self.error.show_message(user_message(exc))
            return
        super().accept()


class NewUserDialog(Retranslating, QDialog):
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


class PasswordDialog(Retranslating, QDialog):
    """A supervisor sets a new password for an account (a forgotten one, a laptop handed over)."""

    def __init__(self, ctx: AppContext, account: accounts.AccountInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account = account
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMinimumWidth(260)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.labels = [QLabel(), QLabel()]
        form = QFormLayout()
        for label, field in zip(self.labels, (self.password, self.repeat), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.error = InlineError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        user = self.account.user
        self.setWindowTitle(self.tr("New password for %1").replace("%1", user.username))
        self.explain.setText(
            self.tr("Give %1 (%2) a new password; tell it to them in person. It reaches the other installations "
                    "with the next exchange.").replace("%1", user.username).replace("%2", user.full_name)
        )
        self.labels[0].setText(self.tr("&New password:"))
        self.labels[1].setText(self.tr("R&epeat password:"))
        self.password.setPlaceholderText(self.tr("at least %1 characters").replace("%1", str(accounts.MIN_PASSWORD)))

    def accept(self) -> None:
        self.error.clear_message()
        if self.password.text() != self.repeat.text():
            self.error.show_message(self.tr("The two passwords differ; type the same password twice."))
            self.repeat.setFocus()
            self.repeat.selectAll()
            return
        try:
            accounts.change_password(self.ctx, self.account.user.username, self.password.text(),
                                     made_on=self.account.access.made_on or None)
        except RepatError as exc:
            self.error.show_message(user_message(exc))
            self.password.setFocus()
            return
        super().accept()


class UsersDialog(Retranslating, QDialog):
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
        self.role_button = QPushButton()
        self.role_button.clicked.connect(self.change_role)
        self.password_button = QPushButton()
        self.password_button.clicked.connect(self.set_password)
        self.toggle_button = QPushButton()
        self.toggle_button.clicked.connect(self.toggle_active)
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.reject)
        self.error = InlineError()
        side = QVBoxLayout()
        side.addWidget(self.add_button)
        side.addWidget(self.role_button)
        side.addWidget(self.password_button)
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
        self.resize(860, 400)
        self.reload()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Users"))
        self.add_button.setText(self.tr("&Add user…"))
        self.role_button.setText(self.tr("&Role here…"))
        self.password_button.setText(self.tr("Set &password…"))
        self._update_buttons()

    def reload(self, select: str | None = None) -> None:
        try:
            self.model.set_rows(accounts.list_accounts(self.ctx))
        except RepatError as exc:
            self.error.show_error(exc)
            return
        ids = [a.user.id for a in self.model.rows()]
        self.table.selectRow(ids.index(select) if select in ids else 0)
        self._update_buttons()

    def selected(self) -> accounts.AccountInfo | None:
        index = self.table.currentIndex()
        found: accounts.AccountInfo | None = self.model.row_at(index.row()) if index.isValid() else None
        return found

    def _update_buttons(self) -> None:
        current = self.selected()
        active = current is None or current.access.active
        self.toggle_button.setText(self.tr("&Deactivate") if active else self.tr("Re&activate"))
        self.toggle_button.setEnabled(current is not None and current.access.role is not None)
        self.role_button.setEnabled(current is not None)
        self.password_button.setEnabled(current is not None)

    def set_password(self) -> None:
        current = self.selected()
        if current is None:
            return
        dialog = PasswordDialog(self.ctx, current, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            QMessageBox.information(
                self, self.tr("Users"), self.tr("The password of %1 was changed.").replace("%1", current.user.username)
            )
        dialog.deleteLater()

    def change_role(self) -> None:
        current = self.selected()
        if current is None:
            return
        dialog = RoleDialog(self.ctx, current, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload(current.user.id)
        dialog.deleteLater()

    def add_user(self) -> None:
        dialog = NewUserDialog(self.ctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created is not None:
            self.reload(dialog.created.id)
        dialog.deleteLater()

    def toggle_active(self) -> None:
        current = self.selected()
        if current is None:
            return
        user, active = current.user, current.access.active
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
            accounts.set_active(self.ctx, user.username, not active, made_on=current.access.made_on or None)
        except RepatError as exc:
            self.error.show_message(user_message(exc))
            return
        self.reload(user.id)
