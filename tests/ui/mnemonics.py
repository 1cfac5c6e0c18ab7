"""Finding Alt+letter mnemonics that clash among the widgets a window shows at one time."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMainWindow,
    QTabBar,
    QWidget,
)


def mnemonic_of(text: str) -> str | None:
    """The letter after a single '&' ("&&" is a literal ampersand), lower-cased."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].casefold()
        i += 1
    return None


def shown_mnemonics(window: QWidget) -> dict[str, list[str]]:
    """letter → the texts that use it, among what `window` shows now (menus included)."""
    found: dict[str, list[str]] = {}

    def add(text: str) -> None:
        letter = mnemonic_of(text)
        if letter is not None:
            found.setdefault(letter, []).append(text)

    if isinstance(window, QMainWindow) and window.menuBar().isVisibleTo(window):
        for action in window.menuBar().actions():
            add(action.text())
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window):
            continue
        # Disabled ones count too: they are enabled by a selection, and would clash then.
        if isinstance(widget, QAbstractButton):
            add(widget.text())
        elif isinstance(widget, QLabel):
            if widget.buddy() is not None:
                add(widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget.title())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index) and widget.isTabEnabled(index):
                    add(widget.tabText(index))
    return found


def clashes(window: QWidget) -> dict[str, list[str]]:
    """The letters `window` now uses more than once."""
    return {k: v for k, v in shown_mnemonics(window).items() if len(v) > 1}
