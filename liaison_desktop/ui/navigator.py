"""Where a view asks to go: a family, a section, a passing notice.

Views get the session's navigator instead of the main window, so a view knows only the few
moves it may ask for (Today opens a family, search shows the Directory), and the window alone
decides how to show them. The session connects these signals to the window once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget


class SessionNavigator(QObject):
    """The moves a view may ask of the unlocked app."""

    section_requested = Signal(str)  # a section key
    family_requested = Signal(str)  # a family id, to open in the Caseload section
    notice_requested = Signal(str)  # a passing line in the status bar
    identity_changed = Signal(str)  # the officer's name, after Settings changed it
    # Just before the session locks, while the vault is still open: views save drafts on it.
    about_to_lock = Signal()

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self._host = host

    def show_section(self, key: str) -> None:
        self.section_requested.emit(key)

    def open_family(self, family_id: str) -> None:
        """Show the family's page in the Caseload section."""
        self.section_requested.emit("caseload")
        self.family_requested.emit(family_id)

    def notice(self, text: str) -> None:
        self.notice_requested.emit(text)

    def add_window_action(self, action: QAction) -> None:
        """Make `action`'s shortcut work anywhere in the app's window (Ctrl+K search)."""
        self._host.addAction(action)

    @property
    def dialog_parent(self) -> QWidget:
        """The window a window-wide popup belongs to."""
        return self._host
