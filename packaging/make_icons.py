"""Draw Repat's icon in every size the desktops want, from resources/icons/repat.svg:
PNGs in the freedesktop hicolor sizes (the .deb, the window icon) and a multi-size .ico (the
Windows build). Qt's own SVG renderer (PySide6.QtSvg, already a dependency) draws each size;
Pillow (a dependency of ReportLab) writes the .ico.

    .venv/bin/python packaging/make_icons.py      # or: make icons
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    QGuiApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QGuiApplication.instance() or QGuiApplication(["make_icons", "-platform", "offscreen"])
    renderer = QSvgRenderer(str(ICONS / "repat.svg"))
    if not renderer.isValid():
        print(f"{ICONS / 'repat.svg'} is not a valid SVG file.", file=sys.stderr)
        return 1
    pngs = {}
    for size in SIZES:
        pngs[size] = render(renderer, size)
        target = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "repat.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
    images = [Image.open(io.BytesIO(pngs[size])) for size in ICO_SIZES]
    images[-1].save(ICONS / "repat.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                    append_images=images[:-1])
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
