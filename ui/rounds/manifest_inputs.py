"""What the user chooses in the manifest import: the file and its encoding (``FileChoice``), and
the column of the file that holds each field (``ColumnChoice``). The import dialog sets their
texts and reacts to their changes. The register's import uses them too, with a delimiter choice
and its own fields.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.services.rounds import manifest_columns
from app.services.rounds.manifest_file import ManifestTable


class FileChoice(QWidget):
    """The file (chosen with a button or dropped), the encoding to read it with (detected unless
    chosen), with ``delimiter`` the delimiter too, and what was detected."""

    def __init__(self, parent: QWidget | None = None, *, delimiter: bool = False) -> None:
        super().__init__(parent)
        self.file_label = QLabel()
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_label.setBuddy(self.file_edit)
        self.choose_button = QPushButton()
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)

        self.encoding_label = QLabel()
        self.encoding_combo = QComboBox()
        for key in (None, "utf-8", "cp1251"):
            self.encoding_combo.addItem("", key)
        self.encoding_label.setBuddy(self.encoding_combo)
        self.detected_label = QLabel()
        self.detected_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        encoding_row = QHBoxLayout()
        encoding_row.addWidget(self.encoding_combo)
        self.delimiter_label: QLabel | None = None
        self.delimiter_combo: QComboBox | None = None
        if delimiter:
            self.delimiter_label = QLabel()
            self.delimiter_combo = QComboBox()
            for key in (None, ",", ";"):
                self.delimiter_combo.addItem("", key)
            self.delimiter_label.setBuddy(self.delimiter_combo)
            encoding_row.addSpacing(12)
            encoding_row.addWidget(self.delimiter_label)
            encoding_row.addWidget(self.delimiter_combo)
            encoding_row.addSpacing(12)
        encoding_row.addWidget(self.detected_label, 1)

        top = QFormLayout()
        top.addRow(self.file_label, file_row)
        top.addRow(self.encoding_label, encoding_row)
        top.setContentsMargins(0, 0, 0, 0)
        self.setLayout(top)


class ColumnChoice(QGroupBox):
    """A column of the file for each field (of a manifest line unless ``fields`` are given),
    proposed from the headers by ``auto_mapping``."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        fields: Sequence[str] = manifest_columns.TARGET_FIELDS,
        auto_mapping: Callable[[Sequence[str]], dict[str, int | None]] = manifest_columns.auto_mapping,
    ) -> None:
        super().__init__(parent)
        self._auto_mapping = auto_mapping
        mapping_form = QFormLayout(self)
        self.field_labels: dict[str, QLabel] = {}
        self.field_combos: dict[str, QComboBox] = {}
        for target in fields:
            label = QLabel()
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(18)
            label.setBuddy(combo)
            mapping_form.addRow(label, combo)
            self.field_labels[target] = label
            self.field_combos[target] = combo
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setMaximumWidth(340)
        mapping_form.addRow(self.hint)

    def set_table(self, table: ManifestTable | None, none_text: str) -> None:
        """Offer the columns of ``table`` (and ``none_text``, for a field not in the file), each
        field set to the column its header names."""
        mapping = self._auto_mapping(table.headers) if table else {}
        for target, combo in self.field_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(none_text, None)
            if table is not None:
                for index, header in enumerate(table.headers):
                    combo.addItem(header, index)
                chosen = mapping.get(target)
                combo.setCurrentIndex(0 if chosen is None else chosen + 1)
            combo.blockSignals(False)

    def mapping(self) -> dict[str, int | None]:
        return {target: combo.currentData() for target, combo in self.field_combos.items()}
