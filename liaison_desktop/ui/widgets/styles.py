"""The few visual touches shared by views: headings and error text.

Sizes are relative to the platform font, so they follow the officer's font and scaling
settings instead of fixing pixels.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

ERROR_COLOUR = "#b3261e"


def heading(text: str, *, scale: float = 1.5, parent: QWidget | None = None) -> QLabel:
    """A bold label `scale` times the normal font size."""
    label = QLabel(text, parent)
    font = QFont(label.font())
    size = font.pointSizeF()
    if size > 0:  # pixel-sized fonts report -1
        font.setPointSizeF(size * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def apply_error_style(label: QLabel) -> None:
    """Show `label`'s text as an error (colour plus the text itself; never colour alone)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
    label.setPalette(palette)
    label.setWordWrap(True)


def muted(label: QLabel) -> QLabel:
    """Secondary text: word-wrapped, in the palette's placeholder colour."""
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    label.setWordWrap(True)
    return label
