"""A widget that sets its texts in ``retranslate()`` gets them again at a language switch: Qt sends
every widget a ``LanguageChange`` event when the translator changes (``ui.i18n.install``)."""

from __future__ import annotations

from PySide6.QtCore import QEvent


class Retranslating:
    """Mixin, first among the bases (``class Form(Retranslating, QWidget)``): the widget's
    ``retranslate()`` runs at each language switch; what the user typed is the widget's to keep."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]
