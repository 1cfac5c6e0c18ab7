"""Notices when nobody has touched the keyboard or mouse for a while (for automatic lock)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

# Input that shows a person is at the computer. Paint, timer and focus events are not:
# a window repainting itself must not keep the vault open.
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """An application-wide event filter that emits `idle` after `interval_ms` without input."""

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, interval_ms))
        self._timer.timeout.connect(self._on_timeout)
        self._installed = False

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_interval_ms(self, interval_ms: int) -> None:
        """Change the idle time; a running countdown restarts with the new time."""
        self._timer.setInterval(max(1, interval_ms))
        if self._timer.isActive():
            self._timer.start()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Watch all input to the application and start counting down."""
        app = QApplication.instance()
        if app is not None and not self._installed:
            # Set here, not when built before the first window (the `Qt` namespace costs
            # ~20 ms to load): coarse timers may fire 5% early.
            from PySide6.QtCore import Qt

            self._timer.setTimerType(Qt.TimerType.PreciseTimer)
            app.installEventFilter(self)
            self._installed = True
        self._timer.start()

    def stop(self) -> None:
        """Stop counting and stop watching input."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()  # restart the countdown
        return False  # never swallow the event

    @Slot()
    def _on_timeout(self) -> None:
        self.idle.emit()
