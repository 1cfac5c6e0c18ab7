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


def keyboard_shortcuts() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every shortcut of the app, grouped as Help → Keyboard shortcuts lists them."""
    return [
        (
            _("Anywhere"),
            [
                (LOCK, _("Lock the vault now")),
                (QUICK_HIDE, _("Hide every window at once and lock")),
                ("Ctrl+1 … Ctrl+9", _("Go to a section (the order of the list on the left)")),
                ("Ctrl+K", _("Search everything")),
                ("F1", _("This list of keyboard shortcuts")),
                ("Ctrl+Q", _("Quit")),
                ("Alt + underlined letter", _("The button or field with that letter")),
            ],
        ),
        (
            _("Caseload"),
            [
                ("Ctrl+Shift+N", _("New family")),
                ("Enter", _("Open the selected family")),
                ("Shift+↑ / Shift+↓", _("Select several families (lead: allocate, take back)")),
            ],
        ),
        (
            _("A family's page"),
            [
                ("Ctrl+Tab / Ctrl+Shift+Tab", _("Next or previous tab")),
                ("Alt+1 … Alt+9", _("Go to one of the first nine tabs")),
                ("Ctrl+Shift+C", _("Raise a concern (from the selected visit or note)")),
                ("Ctrl+Shift+L", _("Write a letter or form for the family")),
                ("Ctrl+N", _("New note (on Visits and notes)")),
                ("Alt+Left, Escape", _("Back to the caseload")),
            ],
        ),
        (
            _("Forms and dialogs"),
            [
                ("Tab / Shift+Tab", _("Next or previous field (never trapped in a field)")),
                ("Enter", _("Save or do what the highlighted button says")),
                ("Escape", _("Cancel (you are asked first if you typed anything)")),
                ("Ctrl+Return", _("Save the outcomes wheel")),
            ],
        ),
    ]
