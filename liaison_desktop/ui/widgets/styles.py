"""The few visual touches shared by views: headings and error text.

Sizes are relative to the platform font, so they follow the officer's font and scaling
settings instead of fixing pixels.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from ..contrast import contrast, readable

ERROR_COLOUR = "#b3261e"  # on a light background; a lighter red on a dark one
ERROR_ON_DARK = "#ff8a80"


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
    background = palette.color(QPalette.ColorRole.Window)
    red = QColor(ERROR_COLOUR)
    if contrast(red, background) < contrast(QColor(ERROR_ON_DARK), background):
        red = QColor(ERROR_ON_DARK)
    text = palette.color(QPalette.ColorRole.WindowText)
    palette.setColor(QPalette.ColorRole.WindowText, readable(red, background, text))
    label.setPalette(palette)
    label.setWordWrap(True)


def show_status(label: QLabel, text: str, *, problem: bool = False) -> None:
    """Say `text` in a label that carries both news and refusals: a refusal in the error
    colour, anything else in the window's own colours again."""
    if problem:
        apply_error_style(label)
    else:
        label.setPalette(QPalette())  # nothing of its own: the window's colours
    label.setText(text)


def muted(label: QLabel) -> QLabel:
    """Secondary text: word-wrapped, in the palette's placeholder colour made dark (or light)
    enough to read: at least 4.5:1 against the window (the styles' grey was 3.9:1)."""
    palette = label.palette()
    grey = readable(
        palette.color(QPalette.ColorRole.PlaceholderText),
        palette.color(QPalette.ColorRole.Window),
        palette.color(QPalette.ColorRole.WindowText),
    )
    palette.setColor(QPalette.ColorRole.WindowText, grey)
    label.setPalette(palette)
    label.setWordWrap(True)
    return label
