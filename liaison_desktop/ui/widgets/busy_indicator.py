"""An indeterminate progress bar with a line saying what is happening."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget


class BusyIndicator(QWidget):
    """Hidden until `start()`; shows the activity and, when reported, how far it has got."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label = QLabel()
        self._label.setWordWrap(True)
        self._bar = QProgressBar()
        self._bar.setTextVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._label)
        layout.addWidget(self._bar)
        self._busy = False
        self.hide()

    def start(self, text: str) -> None:
        """Show `text` with a moving bar (the length of the work is not known)."""
        self._label.setText(text)
        self._bar.setRange(0, 0)
        self._busy = True
        self.show()

    def set_progress(self, done: int, total: int, text: str = "") -> None:
        """Show how far the work has got; total 0 keeps the bar moving."""
        if text:
            self._label.setText(text)
        self._bar.setRange(0, max(total, 0))
        if total > 0:
            self._bar.setValue(min(done, total))

    def stop(self) -> None:
        self._bar.setRange(0, 1)  # an indeterminate bar animates on a timer; stop it
        self._busy = False
        self.hide()

    @property
    def busy(self) -> bool:
        """True between `start()` and `stop()`."""
        return self._busy

    def text(self) -> str:
        return self._label.text()
