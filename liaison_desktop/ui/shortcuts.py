"""Keyboard shortcuts that must be the same in every window."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ..i18n import _

QUICK_HIDE = "Ctrl+Shift+H"
LOCK = "Ctrl+L"


def quick_hide_action(window: QWidget, *, application_wide: bool = True) -> QAction:
    """The "Quick hide" action for `window`.

    Application-wide so it also works while one of the window's dialogs has the focus. Only
    one window that carries it is visible at a time (the main window or the unlock window),
    so the shortcut is never ambiguous. The unlock window opens no dialogs, so its action
    needs only the window's own context (the default), which spares the first window the
    `Qt` namespace (about 20 ms to load: docs/decisions.md).
    """
    action = QAction(_("Quick &hide"), window)
    # setShortcuts, not setShortcut: its overloads load the `Qt` namespace to choose one.
    action.setShortcuts([QKeySequence(QUICK_HIDE)])
    if application_wide:
        from PySide6.QtCore import Qt

        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    action.setStatusTip(_("Hide every Liaison Desktop window at once and lock the vault."))
    return action
