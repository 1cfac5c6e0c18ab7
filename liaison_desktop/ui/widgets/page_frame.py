"""A scrollable, centred column for full-window forms (set-up and unlock).

The column has a comfortable maximum width on a large screen, and scrolls rather than
clipping when the window is small, as on a 1366×768 laptop at 200% scaling.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

# In average character widths, so it follows the font and the scaling.
COLUMN_WIDTH_CHARS = 64


class PageFrame(QScrollArea):
    """Holds `content` in a centred column; put the frame in a window's layout."""

    def __init__(self, content: QWidget, parent: QWidget | None = None, *, name: str = "") -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        # A scroll area is a Tab stop: it carries the page's name for a screen reader. (Not
        # setFocusPolicy: its enum loads the `Qt` namespace before the first window shows.)
        self.setAccessibleName(name or content.accessibleName())
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Scroll bars appear as needed (QScrollArea's default, so the `Qt` namespace is not
        # loaded before the first window: docs/decisions.md).

        content.setMaximumWidth(content.fontMetrics().averageCharWidth() * COLUMN_WIDTH_CHARS)
        inner = QWidget()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(content, 100)
        row.addStretch(1)
        column = QVBoxLayout(inner)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(2)
        self.setWidget(inner)

    def sizeHint(self) -> QSize:
        """The whole column without scrolling (a scroll area's own hint is a small default,
        which opened the set-up window at 342×336 with "Create vault" out of sight); the
        window is then bounded by the screen, and the column scrolls only where it must."""
        inner = self.widget()
        if inner is None:
            return super().sizeHint()
        hint = inner.sizeHint()
        frame = 2 * self.frameWidth()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(hint.width() + frame + bar, hint.height() + frame)
