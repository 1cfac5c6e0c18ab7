"""The unlocked app: navigation on the left, the chosen section's view on the right.

The main window only assembles views. Sections not built yet show a `PlaceholderView`;
later screens replace theirs with `set_view`. Everything a view holds is destroyed with the
window when the vault locks.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from ..i18n import _
from .about_dialog import AboutDialog
from .focus_ring import install_focus_ring
from .placeholder_view import PlaceholderView
from .roles import role_label
from .shortcuts import LOCK, quick_hide_action
from .tab_order import install_tab_order

NOTICE_MS = 15_000
MAX_SECTION_SHORTCUTS = 9  # Ctrl+1 to Ctrl+9


@dataclass(frozen=True)
class Section:
    """One entry of the navigation list."""

    key: str
    title: str
    summary: str
    lead_only: bool = False  # left out of an officer's window altogether


def sections() -> tuple[Section, ...]:
    """The sections in navigation order, each with the line its placeholder shows."""
    return (
        Section("today", _("Today"), _("Today — your visits, actions and alerts.")),
        Section(
            "caseload",
            _("Caseload"),
            _("Caseload — the families you work with, their people, notes and referrals."),
        ),
        Section(
            "directory",
            _("Directory"),
            _("Directory — multi-agency contacts and community organisations."),
        ),
        Section(
            "sync",
            _("Sync"),
            _("Sync — exchanging encrypted bundles with your colleagues' laptops."),
        ),
        Section(
            "reports",
            _("Reports"),
            _("Reports — case summaries and chronologies as PDF for meetings."),
        ),
        Section(
            "settings",
            _("Settings"),
            _("Settings — automatic lock, theme, language and sync folder."),
        ),
        Section(
            "activities",
            _("Activities"),
            _("Activities — school activities families are invited to, and who came."),
        ),
        Section(
            "records",
            _("Records"),
            _("Records — the review queue and the retention schedule (safeguarding lead)."),
            lead_only=True,
        ),
        Section(
            "concerns",
            _("Concerns"),
            _("Concerns — every concern raised, to acknowledge, act on and close (lead)."),
            lead_only=True,
        ),
        # Last, so the sections before it keep their Ctrl+number (a lead's has none: Ctrl+1 to
        # Ctrl+9 are taken; the navigation list and the Today screen lead to it).
        Section("diary", _("Diary"), _("Diary — your week and month: visits and what falls due.")),
    )


def sections_for(role: str) -> tuple[Section, ...]:
    """The sections a person in `role` sees (the lead-only ones for a lead alone)."""
    return tuple(s for s in sections() if role == "lead" or not s.lead_only)


class MainWindow(QMainWindow):
    """The frame of the unlocked app; asks the session to lock, hide or quit."""

    lock_requested = Signal()
    quick_hide_requested = Signal()
    quit_requested = Signal()
    # Emitted by the session just before it locks and destroys this window, while the vault is
    # still open: views save what must not be lost (e.g. a note draft) on it.
    about_to_lock = Signal()

    def __init__(
        self,
        owner_name: str,
        role: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Liaison Desktop"))
        self._keys: list[str] = []

        self.navigation = QListWidget()
        self.navigation.setAccessibleName(_("Sections"))
        # Room around each entry so it is an easy target (logical pixels: they scale).
        self.navigation.setStyleSheet("QListWidget::item { padding: 6px 10px; }")
        self.stack = QStackedWidget()
        for index, section in enumerate(sections_for(role)):
            item = QListWidgetItem(section.title)
            item.setToolTip(
                _("{section} (Ctrl+{number})").format(section=section.title, number=index + 1)
                if index < MAX_SECTION_SHORTCUTS
                else section.title
            )
            self.navigation.addItem(item)
            self.stack.addWidget(PlaceholderView(section.title, section.summary))
            self._keys.append(section.key)
        # Wide enough for the longest title, in the font in use (so it scales with it).
        metrics = self.navigation.fontMetrics()
        longest = max(metrics.horizontalAdvance(s.title) for s in sections_for(role))
        # Plus the item padding of the style sheet (2 × 10) and the frame, and some air.
        padding = 20 + 2 * self.navigation.frameWidth()
        air = 4 * self.navigation.fontMetrics().averageCharWidth()
        self.navigation.setMinimumWidth(longest + padding + air)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([self.navigation.minimumWidth(), 10 * self.navigation.minimumWidth()])
        self.setCentralWidget(splitter)

        self.identity_label = QLabel(
            _("{name} · {role}").format(name=owner_name, role=role_label(role))
        )
        self.statusBar().addPermanentWidget(self.identity_label)

        self.lock_action = QAction(_("&Lock"), self)
        self.lock_action.setShortcut(QKeySequence(LOCK))
        self.lock_action.setStatusTip(_("Lock the vault now; your passphrase opens it again."))
        self.quick_hide_action = quick_hide_action(self)
        self.quit_action = QAction(_("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        menu = self.menuBar().addMenu(_("&Vault"))
        menu.addAction(self.lock_action)
        menu.addAction(self.quick_hide_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        self.about_action = QAction(_("&About Liaison Desktop"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)  # the app menu on macOS
        self.about_dialog: AboutDialog | None = None
        self.shortcuts_action = QAction(_("&Keyboard shortcuts"), self)
        self.shortcuts_action.setShortcut(QKeySequence("F1"))
        self.shortcuts_dialog: QDialog | None = None
        help_menu = self.menuBar().addMenu(_("&Help"))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)
        # Actions must also belong to the window so their shortcuts work with the menu closed.
        self.addActions(
            [self.lock_action, self.quick_hide_action, self.quit_action, self.shortcuts_action]
        )
        self._section_actions: list[QAction] = []
        for index in range(min(len(self._keys), MAX_SECTION_SHORTCUTS)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.setData(index)
            action.triggered.connect(self._on_section_shortcut)
            self.addAction(action)
            self._section_actions.append(action)

        self._connect()
        self.navigation.setCurrentRow(0)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_focus_ring(app)  # from the first unlocked window on: every window has it
            install_tab_order(app)

    def _connect(self) -> None:
        self.navigation.currentRowChanged.connect(self._on_section_changed)
        self.lock_action.triggered.connect(self.lock_requested)
        self.quit_action.triggered.connect(self.quit_requested)
        self.quick_hide_action.triggered.connect(self.quick_hide_requested)
        self.about_action.triggered.connect(self.show_about)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)

    @Slot()
    def show_shortcuts(self) -> None:
        """Help → Keyboard shortcuts (F1)."""
        from .keyboard_help import KeyboardShortcutsDialog

        dialog = KeyboardShortcutsDialog(self)
        self.shortcuts_dialog = dialog
        dialog.open()

    def sizeHint(self) -> QSize:
        return QSize(1100, 700)

    # -- sections ------------------------------------------------------------------------------
    def section_keys(self) -> list[str]:
        return list(self._keys)

    def current_section(self) -> str:
        return self._keys[self.stack.currentIndex()]

    def show_section(self, key: str) -> None:
        """Switch to the section named `key`."""
        self.navigation.setCurrentRow(self._keys.index(key))

    def view(self, key: str) -> QWidget:
        """The view shown for section `key`."""
        widget = self.stack.widget(self._keys.index(key))
        assert widget is not None
        return widget

    def set_view(self, key: str, view: QWidget) -> None:
        """Replace section `key`'s view (the old one is destroyed)."""
        index = self._keys.index(key)
        old = self.stack.widget(index)
        self.stack.insertWidget(index, view)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.stack.setCurrentIndex(self.navigation.currentRow())

    def show_identity(self, owner_name: str, role: str) -> None:
        """Show who is signed in (after the officer changes their name in Settings)."""
        self.identity_label.setText(
            _("{name} · {role}").format(name=owner_name, role=role_label(role))
        )

    def show_notice(self, text: str) -> None:
        """A passing line in the status bar."""
        if text:
            self.statusBar().showMessage(text, NOTICE_MS)

    @Slot()
    def show_about(self) -> None:
        """Help → About: name, version, icon and licence note (one dialog, reused)."""
        if self.about_dialog is None:
            self.about_dialog = AboutDialog(self)
        self.about_dialog.open()

    # -- slots ---------------------------------------------------------------------------------
    @Slot(int)
    def _on_section_changed(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentIndex(row)

    @Slot()
    def _on_section_shortcut(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.navigation.setCurrentRow(int(action.data()))

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the window ends the session; the session locks the vault before quitting.
        self.quit_requested.emit()
        event.accept()
