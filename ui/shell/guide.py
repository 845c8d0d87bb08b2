"""Help → Guide: a short built-in guide for each role's work (the handover day, printing the act,
merging at headquarters), in the language the application speaks.

The texts are Markdown files in ``resources/guide/<language>/`` (one per part), translated as
whole texts rather than sentence by sentence. The window opens on the part of the user's role.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QTextBrowser, QVBoxLayout, QWidget

from app.domain import Role
from app.paths import resources_dir

from ui import i18n
from ui.widgets.retranslate import Retranslating

PARTS = ("intake", "certificates", "headquarters")
ROLE_PART = {Role.FIELD_OFFICER: "intake", Role.CLERK: "certificates", Role.SUPERVISOR: "headquarters"}


def guide_text(part: str, language: str) -> str:
    folder = resources_dir() / "guide"
    path = folder / language / f"{part}.md"
    if not path.is_file():
        path = folder / "en" / f"{part}.md"
    return path.read_text(encoding="utf-8")


class GuideDialog(Retranslating, QDialog):
    def __init__(self, role: Role | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.tabs = QTabWidget(self)
        self.pages: dict[str, QTextBrowser] = {}
        for part in PARTS:
            page = QTextBrowser(self.tabs)
            page.setObjectName(f"guide_{part}")
            page.setOpenExternalLinks(False)
            self.pages[part] = page
            self.tabs.addTab(page, "")
        self.tabs.setCurrentIndex(PARTS.index(ROLE_PART.get(role, "intake")) if role else 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(760, 560)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Guide"))
        titles = (self.tr("The handover day"), self.tr("Printing the act"), self.tr("Merging at headquarters"))
        language = i18n.current_language()
        for index, (part, title) in enumerate(zip(PARTS, titles, strict=True)):
            self.tabs.setTabText(index, title)
            self.pages[part].setMarkdown(guide_text(part, language))
