"""The window icon is Repat's own, drawn from resources/icons/repat.svg in every hicolor size."""

from __future__ import annotations

from PySide6.QtCore import QSize

from ui.main import app_icon


def test_the_icon_has_every_size(qapp):
    icon = app_icon()
    assert not icon.isNull()
    sizes = {s.width() for s in icon.availableSizes()}
    assert {16, 32, 48, 256} <= sizes
    image = icon.pixmap(QSize(48, 48)).toImage()
    assert image.pixelColor(24, 4).alpha() == 255  # drawn, not an empty square
