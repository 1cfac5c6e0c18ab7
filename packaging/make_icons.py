"""Render the app icon's SVG source into the runtime icon files the package ships.

    .venv/bin/python packaging/make_icons.py

Reads `resources/icons/liaison-desktop.svg` and writes, into `liaison_desktop/resources/icons/`:
PNGs at every size the desktops ask for (16 … 1024), `liaison-desktop.ico` (Windows) and
`liaison-desktop.icns` (macOS). The outputs are committed, so running the app needs neither
QtSvg at start-up nor Pillow; run this again only when the SVG changes.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "liaison-desktop.svg"
TARGET = ROOT / "liaison_desktop" / "resources" / "icons"
NAME = "liaison-desktop"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico holds
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn into a transparent square of `size` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main() -> int:
    """Write every icon file; prints what it wrote."""
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    # QImage needs no display, but Qt wants an application object before painting text-free
    # images on some platforms; the offscreen platform needs no display server.
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0], "-platform", "offscreen"])
    TARGET.mkdir(parents=True, exist_ok=True)
    images: dict[int, Image.Image] = {}
    for size in PNG_SIZES:
        png = render_png(SOURCE, size)
        (TARGET / f"{NAME}-{size}.png").write_bytes(png)
        images[size] = Image.open(io.BytesIO(png)).convert("RGBA")
        print(f"wrote {NAME}-{size}.png")

    # Each size drawn from the vector source (not scaled down from the largest), so the
    # small ones stay crisp.
    largest = images[max(ICO_SIZES)]
    largest.save(
        TARGET / f"{NAME}.ico",
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    print(f"wrote {NAME}.ico")
    images[max(ICNS_SIZES)].save(
        TARGET / f"{NAME}.icns",
        format="ICNS",
        append_images=[images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)],
    )
    print(f"wrote {NAME}.icns")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
