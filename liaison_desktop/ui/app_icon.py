"""The app's icon, from the PNG sizes shipped in the package (made by packaging/make_icons.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap

from ..package_files import package_file

ICON_NAME = "liaison-desktop"
# The sizes desktops ask for; larger ones are left to the platform's own icon files.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_png(size: int) -> bytes:
    """The icon drawn at `size` pixels, as PNG bytes."""
    return package_file("resources", "icons", f"{ICON_NAME}-{size}.png").read_bytes()


def app_icon() -> QIcon:
    """Every size of the icon in one QIcon, so each place picks the sharpest."""
    icon = QIcon()
    folder = package_file("resources", "icons")
    for size in ICON_SIZES:
        if isinstance(folder, Path):
            # A file on disk: Qt reads and decodes a size only when something draws it, so
            # starting the app does not decode eight PNGs (up to 512 px) it may never show.
            icon.addFile(str(folder / f"{ICON_NAME}-{size}.png"), QSize(size, size))
            continue
        pixmap = QPixmap()  # inside an archive: decode from the bytes
        if pixmap.loadFromData(icon_png(size), "PNG"):
            icon.addPixmap(pixmap)
    return icon
