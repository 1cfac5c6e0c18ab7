"""Lock (Ctrl+L) and quick hide (Ctrl+Shift+H) from any window of the unlocked app.

The main window's actions carry these shortcuts, but Qt blocks a window's shortcuts while a
modal dialog is open (the note editor, Plan a visit): the keys then reach the dialog's focused
field, and a passphrase typed "to unlock" went into the note. While a vault is open the session
installs this filter on the application: it sees every key press that no shortcut took, in
any window or dialog, and turns these two into the session's lock and quick hide.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication

from .shortcuts import LOCK, QUICK_HIDE


class SessionKeys(QObject):
    """Emits `lock` or `quick_hide` for their keys pressed anywhere (while installed)."""

    lock = Signal()
    quick_hide = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = QKeySequence(LOCK)
        self._hide = QKeySequence(QUICK_HIDE)
        self._installed = False

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.isAutoRepeat():
            return False
        pressed = QKeySequence(event.keyCombination())
        if pressed.matches(self._lock) == QKeySequence.SequenceMatch.ExactMatch:
            self.lock.emit()
            return True
        if pressed.matches(self._hide) == QKeySequence.SequenceMatch.ExactMatch:
            self.quick_hide.emit()
            return True
        return False
