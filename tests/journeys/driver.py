"""Driving the real app as a person does: keys and clicks through Qt's event system, waiting
for what appears, and (for `make screenshots`) a picture of the window after each step.

QTest rather than pytest-qt's qtbot, so the same journeys run under pytest and under the
screenshot tool (tools/screenshots), which has no pytest.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

TIMEOUT_S = 20.0


class Driver:
    """Keys, clicks, waits and the record of the steps taken."""

    def __init__(self, journey: str, shots: Path | None = None, suffix: str = "") -> None:
        self.journey = journey
        self.shots = shots
        self.suffix = suffix
        self.steps: list[str] = []
        self.pictures: list[Path] = []

    # -- waiting ---------------------------------------------------------------------------------
    def settle(self) -> None:
        for _ in range(3):
            QCoreApplication.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def wait_until(self, condition: Callable[[], object], what: str) -> None:
        """Let the app run until `condition()` is true (fails with `what` after 20 s)."""
        deadline = time.monotonic() + TIMEOUT_S
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.journey}: waited 20 s for {what}")
            QCoreApplication.processEvents()
            time.sleep(0.01)

    def activate(self, window: QWidget) -> None:
        window.show()
        window.raise_()
        window.activateWindow()
        self.wait_until(window.isActiveWindow, "the window to take the keyboard")

    # -- a person's hands --------------------------------------------------------------------------
    def key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            to: QWidget | None = None) -> None:  # fmt: skip
        """Press `key` where the keyboard focus is (or on `to`)."""
        target = to or QApplication.focusWidget()
        assert target is not None, "no widget has the keyboard focus"
        QTest.keyClick(target, key, modifiers)
        self.settle()

    def type(self, text: str, to: QWidget | None = None) -> None:
        """Type `text` (ASCII: QTest aborts on other characters) where the focus is."""
        target = to or QApplication.focusWidget()
        assert target is not None, "no widget has the keyboard focus"
        QTest.keyClicks(target, text)
        self.settle()

    def click(self, widget: QWidget) -> None:
        """A left click in the middle of `widget`."""
        assert widget.isVisible() and widget.isEnabled(), f"cannot click {widget!r}"
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         widget.rect().center())  # fmt: skip
        self.settle()

    def click_row(self, view: QAbstractItemView, row: int) -> None:
        """A click on the first cell of `row` of a table or list."""
        model = view.model()
        rect = view.visualRect(model.index(row, 0))
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         rect.center() if rect.isValid() else QPoint(5, 5))  # fmt: skip
        self.settle()

    # -- the record --------------------------------------------------------------------------
    def step(self, name: str, window: QWidget) -> None:
        """Mark a step done; with a folder, keep a picture of `window` as it is now."""
        self.steps.append(name)
        if self.shots is None:
            return
        self.settle()
        path = self.shots / f"journey-{self.journey}-{len(self.steps):02d}-{name}{self.suffix}.png"
        window.grab().save(str(path))
        self.pictures.append(path)
