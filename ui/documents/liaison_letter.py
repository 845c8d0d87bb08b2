"""The letter for the family liaison officers about one round: ``save_letter(ctx, round_id,
round_code, parent)`` asks where to save it, writes it on a worker thread behind a cancellable
progress dialog, then shows it in the document preview (to print it). A file that cannot be
written is said in one sentence, and nothing is left half-written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.progress import Cancelled
from app.services.context import AppContext
from app.services.documents import liaison_letter

from ui.documents.preview import documents_folder, show_document
from ui.documents.texts import error_text
from ui.widgets import tasks

_CTX = "LiaisonLetter"
_TITLE = QT_TRANSLATE_NOOP("LiaisonLetter", "Letter for the family liaison officers")
_SAVE_TITLE = QT_TRANSLATE_NOOP("LiaisonLetter", "Save the letter for the family liaison officers")
_PDF_FILTER = QT_TRANSLATE_NOOP("LiaisonLetter", "PDF document (*.pdf)")
_WRITING = QT_TRANSLATE_NOOP("LiaisonLetter", "Writing the letter for the family liaison officers")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def title() -> str:
    return _tr(_TITLE)


def save_letter(
    ctx: AppContext,
    round_id: str,
    round_code: str,
    parent: QWidget,
    on_saved: Callable[[str], None] | None = None,
) -> None:
    """Ask where to save the letter about the round, write it, then preview it."""
    suggested = str(Path(documents_folder()) / liaison_letter.file_name(round_code))
    path, _filter = QFileDialog.getSaveFileName(parent, _tr(_SAVE_TITLE), suggested, _tr(_PDF_FILTER))
    if not path:
        return
    if not path.lower().endswith(".pdf"):
        path += ".pdf"

    def done(result: object) -> None:
        if not isinstance(result, liaison_letter.WrittenLetter) or not shiboken6.isValid(parent):
            return  # the window that asked is gone (the file is written all the same)
        if on_saved is not None:
            on_saved(result.path)
        show_document(parent, result.document)

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, Cancelled) and shiboken6.isValid(parent):
            QMessageBox.warning(parent, title(), error_text(exc))

    tasks.run_task(
        parent,
        _tr(_WRITING),
        lambda progress, token: liaison_letter.write_letter(ctx, round_id, path, progress=progress, token=token),
        done,
        failed,
    )
