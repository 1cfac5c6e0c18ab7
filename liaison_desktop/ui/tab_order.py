"""Tab always moves to the next field: date and time fields do not keep it.

Qt's date and time fields use Tab to step through their own parts (year, month, day), so a
keyboard user tabbing through a form is held in each date field for two or three presses. An
application-wide event filter gives Tab and Shift+Tab back to the window's focus chain; the
parts of a date are still reached with the arrow keys and by typing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QWidget


class TabLeavesDateFields(QObject):
    """Moves the focus on from a date or time field on Tab or Shift+Tab."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return False
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        field = watched if isinstance(watched, QDateTimeEdit) else None
        if field is None and isinstance(watched, QWidget):
            parent = watched.parentWidget()
            field = parent if isinstance(parent, QDateTimeEdit) else None
        if field is None:
            return False
        forward = event.key() == Qt.Key.Key_Tab and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        field.window().focusNextPrevChild(forward)
        return True


_filter: TabLeavesDateFields | None = None


def install_tab_order(app: QApplication) -> None:
    """Install the filter once per application."""
    global _filter
    if _filter is None:
        _filter = TabLeavesDateFields(app)
        app.installEventFilter(_filter)
