"""A section of the main window whose screen is not built yet: its name and what it will hold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .widgets.styles import heading, muted


class PlaceholderView(QWidget):
    """A heading and one honest line; no sample data."""

    def __init__(self, title: str, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = heading(title)
        self.summary_label = muted(QLabel(summary))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.summary_label)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
