"""Moves the app between its states: set up, locked and unlocked.

It owns the open vault and decides which window shows; it builds each window with the
services that window needs and connects their signals here, in one place. It holds no data
of its own beyond the vault handle, and drops that on lock.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ..services.settings_service import Settings, SettingsService
from ..services.vault_service import VaultService
from .start.unlock_view import UnlockView
from .theme import repair_palette
from .vault_handle import OpenVault

# The first window is usually the unlock window: the set-up screens, the recovery-key dialog
# (and its printing support) and the main window are imported when first shown, which keeps
# the time to the first window near a bare Qt window's (tests/test_startup_imports.py).
if TYPE_CHECKING:
    from ..services.context import ServiceContext
    from .clipboard_guard import ClipboardGuard
    from .idle_watcher import IdleWatcher
    from .main_window import MainWindow
    from .navigator import SessionNavigator
    from .session_keys import SessionKeys
    from .start.create_vault_view import CreateVaultView
    from .start.recovery_key_dialog import RecoveryKeyDialog

log = logging.getLogger(__name__)

MINUTE_MS = 60_000


def _place(window: QWidget) -> None:
    """Size a new window to its preference, but never beyond the screen it opens on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    size = window.sizeHint()
    if screen is not None:
        size = size.boundedTo(screen.availableSize())
    window.resize(size)


class SessionController(QObject):
    """The one place that opens, shows and locks the vault.

    `idle_interval_ms` overrides the automatic-lock time from the settings (tests use a few
    milliseconds); `unlock_hint` is an extra line for the unlock window (the demo uses it).
    """

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        vaults: VaultService,
        settings: SettingsService,
        *,
        idle_interval_ms: int | None = None,
        unlock_hint: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._vaults = vaults
        self._settings = settings
        self._idle_override = idle_interval_ms
        self._unlock_hint = unlock_hint
        self._vault: OpenVault | None = None
        self.create_view: CreateVaultView | None = None
        self.recovery_dialog: RecoveryKeyDialog | None = None
        self.unlock_view: UnlockView | None = None
        self.main_window: MainWindow | None = None
        self.backup_op: object | None = None  # the daily backup, while it waits to start
        self.reminders: QObject | None = None  # the session's reminder notifier
        # Made when first needed (the first unlock or set-up screen), not before the first
        # window: see `idle_watcher` and `clipboard_guard`.
        self._idle_watcher: IdleWatcher | None = None
        self._clipboard_guard: ClipboardGuard | None = None
        self._session_keys: SessionKeys | None = None
        # Where the person was when the vault locked (a section, an open family's id), so
        # unlocking returns there; in memory only, and forgotten when the app quits.
        self._resume: tuple[str, str | None] | None = None
        # A new automatic-lock time applies at once, not at the next unlock.
        settings.subscribe(self._on_settings_saved)

    @property
    def idle_watcher(self) -> IdleWatcher:
        """Locks after the automatic-lock time without input (made on first use)."""
        if self._idle_watcher is None:
            from .idle_watcher import IdleWatcher

            self._idle_watcher = IdleWatcher(self._idle_interval_ms(), self)
            self._idle_watcher.idle.connect(self._on_idle)
        return self._idle_watcher

    @property
    def clipboard_guard(self) -> ClipboardGuard:
        """Takes back copied case text on lock (made before any window that can copy)."""
        if self._clipboard_guard is None:
            from .clipboard_guard import ClipboardGuard

            self._clipboard_guard = ClipboardGuard(self)
        return self._clipboard_guard

    def _keys(self) -> SessionKeys:
        if self._session_keys is None:
            from .session_keys import SessionKeys

            self._session_keys = SessionKeys(self)
            self._session_keys.lock.connect(self.lock)
            self._session_keys.quick_hide.connect(self.quick_hide)
        return self._session_keys

    @property
    def vault(self) -> OpenVault | None:
        """The open vault, or None while locked."""
        return self._vault

    # -- entering states -----------------------------------------------------------------------
    def start(self) -> None:
        """Show the set-up screen on first run, else the unlock window."""
        if self._vaults.exists():
            self._show_unlock()
        else:
            self._show_create()

    def open_vault(self, vault: OpenVault, notice: str = "") -> None:
        """Show the main window for an already unlocked vault."""
        self._vault = vault
        self.clipboard_guard  # noqa: B018 - watching the clipboard before case data shows
        repair_palette(QApplication.instance())  # type: ignore[arg-type]
        meta = vault.meta()
        from .main_window import MainWindow
        from .section_views import SessionServices, install_section_views

        window = MainWindow(meta.get("owner_name", ""), meta.get("role", ""))
        window.lock_requested.connect(self.lock)
        window.quick_hide_requested.connect(self.quick_hide)
        window.quit_requested.connect(self._on_quit_requested)
        self.main_window = window
        from ..services.caseload import Caseload  # loaded once there is a vault to serve

        services = SessionServices.for_window(
            Caseload(vault),  # type: ignore[arg-type]  # the real vault
            self._settings,
            self._vaults.data_dir,
            window,
        )
        services.navigator.identity_changed.connect(
            lambda name: window.show_identity(name, meta.get("role", ""))
        )
        install_section_views(services, window)
        from .reminders import ReminderNotifier

        self.reminders = ReminderNotifier(services, window)  # lives and dies with the window
        self._daily_backup(services.caseload.ctx, window)
        _place(window)
        window.show()
        window.show_notice(notice)
        self._return_to_where_they_were(window, services.navigator)
        self._discard_window(self.unlock_view)
        self.unlock_view = None
        self._discard_window(self.create_view)
        self.create_view = None
        self.idle_watcher.set_interval_ms(self._idle_interval_ms())
        self.idle_watcher.start()
        self._keys().install()  # Ctrl+L and Ctrl+Shift+H also from inside modal dialogs
        self.unlocked.emit()

    def _daily_backup(self, ctx: ServiceContext, window: MainWindow) -> None:
        """Once the window is up: back up if a folder is set, reachable, and a day has passed."""
        from ..i18n import _
        from ..services.backups_service import BackupsService
        from ..services.vault_service import BackupResult
        from .ops import BackgroundOp

        backups = BackupsService(ctx)
        if not backups.due():
            return

        def done(result: BackupResult) -> None:
            window.show_notice(_("Backed up by itself to {path}.").format(path=result.path))

        def failed(message: str) -> None:
            window.show_notice(_("The daily backup failed: {why}").format(why=message))

        op: BackgroundOp[BackupResult] = BackgroundOp(
            owner=window, work=lambda _ctx: backups.back_up(), success=done, failure=failed
        )
        self.backup_op = op  # kept until it has run: the timer holds only a bound method
        QTimer.singleShot(2000, op.run_in_background)

    def _show_create(self) -> None:
        from .start.create_vault_view import CreateVaultView

        self.clipboard_guard  # noqa: B018 - the recovery key can be copied from set-up
        repair_palette(QApplication.instance())  # type: ignore[arg-type]
        view = CreateVaultView(self._vaults)
        view.created.connect(self._on_created)
        self.create_view = view
        _place(view)
        view.show()

    def _show_unlock(self, *, minimised: bool = False) -> None:
        view = UnlockView(self._vaults, hint=self._unlock_hint)
        view.unlocked.connect(self._on_unlocked)
        view.quick_hide_requested.connect(self.quick_hide)
        old = self.unlock_view
        self.unlock_view = view
        _place(view)
        if minimised:
            view.showMinimized()
        else:
            view.show()
            view.raise_()
            view.activateWindow()
            view.focus_passphrase()
        self._discard_window(old)

    # -- leaving the unlocked state ------------------------------------------------------------
    @Slot()
    def lock(self) -> None:
        """Close the vault, destroy the windows that showed its data, show the unlock window."""
        self._lock(show_unlock=True, minimised=False)

    @Slot()
    def quick_hide(self) -> None:
        """Hide every window at once and lock; the unlock window waits minimised.

        See docs/decisions.md ("Quick hide"): hiding everything with no taskbar entry left
        would leave no way back but starting the app again.
        """
        self._forget_session_traces()
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                widget.hide()
        if self._vault is not None:
            self._lock(show_unlock=True, minimised=True)
        elif self.unlock_view is not None:
            self.unlock_view.showMinimized()
        else:
            # The set-up screen: nothing is stored yet; wait minimised in the taskbar.
            for window in (self.create_view, self.recovery_dialog):
                if window is not None:
                    window.showMinimized()

    def shutdown(self) -> None:
        """Lock without showing anything (the app is quitting)."""
        self._lock(show_unlock=False, minimised=False)
        self._resume = None
        self._discard_window(self.unlock_view)
        self.unlock_view = None
        self._discard_window(self.create_view)
        self.create_view = None

    def _lock(self, *, show_unlock: bool, minimised: bool) -> None:
        vault = self._vault
        if self._idle_watcher is not None:
            self._idle_watcher.stop()
        if self._session_keys is not None:
            self._session_keys.remove()
        # Also with no vault open: the set-up screens show the recovery key, which can be
        # copied, and quitting must not hand a copied text to a clipboard manager.
        self._forget_session_traces()
        if vault is None:
            return
        if self.main_window is not None:
            self._resume = self._where_they_are(self.main_window)
            self.main_window.about_to_lock.emit()  # views save drafts while the vault is open
        self._vault = None
        try:
            # Show the unlock window before the others go, so Qt never sees "last window
            # closed" mid-lock and quits.
            if show_unlock:
                self._show_unlock(minimised=minimised)
            self._dismiss_session_windows()
        finally:
            if vault is not None:
                vault.close()
            self.locked.emit()

    @staticmethod
    def _where_they_are(window: MainWindow) -> tuple[str, str | None]:
        """The section in use and the family open in the Caseload, if any."""
        family = getattr(window.view("caseload"), "open_family_id", None)
        return window.current_section(), str(family) if family else None

    def _return_to_where_they_were(self, window: MainWindow, navigator: SessionNavigator) -> None:
        """Show the section (and family) in use at the lock, with the focus on no text field.

        The passphrase was just typed; nothing typed next may land in a note or a form, so the
        focus goes to the section list, or to the family page's Back button.
        """
        resume, self._resume = self._resume, None
        if resume is None:
            return
        section, family_id = resume
        if section in window.section_keys():
            window.show_section(section)
        if family_id is not None:
            navigator.open_family(family_id)  # a family gone meanwhile is explained, not opened
        if family_id is None or window.current_section() != "caseload":
            window.navigation.setFocus()

    def _forget_session_traces(self) -> None:
        """Take back copied case text and forget the session's last folder."""
        if self._clipboard_guard is not None:  # nothing can have been copied before it exists
            self._clipboard_guard.forget_copied_text()
        if "liaison_desktop.ui.file_dialogs" in sys.modules:  # no folder chosen without it
            from .file_dialogs import forget_session_folder

            forget_session_folder()

    def _dismiss_session_windows(self) -> None:
        """Destroy every window that may show decrypted data (all but the unlock window)."""
        for widget in QApplication.topLevelWidgets():
            if widget is self.unlock_view:
                continue
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.hide()  # ends any exec() loop; the dialog is destroyed with its parent
                widget.setResult(QDialog.DialogCode.Rejected)
        self.recovery_dialog = None
        self._discard_window(self.main_window)
        self.main_window = None
        self._discard_window(self.create_view)
        self.create_view = None

    @staticmethod
    def _discard_window(window: QWidget | None) -> None:
        if window is not None:
            window.hide()
            window.deleteLater()

    # -- slots ---------------------------------------------------------------------------------
    def _on_created(self, vault: OpenVault, recovery_key: str) -> None:
        self._vault = vault
        from .start.recovery_key_dialog import RecoveryKeyDialog

        dialog = RecoveryKeyDialog(recovery_key, self.create_view)
        dialog.accepted.connect(self._on_recovery_key_kept)
        self.recovery_dialog = dialog
        dialog.open()

    @Slot()
    def _on_recovery_key_kept(self) -> None:
        dialog = self.recovery_dialog
        self.recovery_dialog = None
        if dialog is not None:
            dialog.deleteLater()
        if self._vault is not None:
            self.open_vault(self._vault)

    def _on_unlocked(self, vault: OpenVault, notice: str) -> None:
        self.open_vault(vault, notice)

    @Slot()
    def _on_idle(self) -> None:
        if self._vault is not None and self.main_window is not None:
            log.info("locking after %d ms without input", self.idle_watcher.interval_ms)
            self.lock()

    @Slot()
    def _on_quit_requested(self) -> None:
        self.lock_and_quit()

    @Slot()
    def lock_and_quit(self) -> None:
        """Lock (closing the vault and wiping its key), then quit the app."""
        # Lock first, then quit once control is back in the event loop (not mid-signal).
        self.shutdown()
        QTimer.singleShot(0, QApplication.quit)

    def current_window(self) -> QWidget | None:
        """The window the officer is using now (for a dialog about the whole app)."""
        for window in (self.main_window, self.recovery_dialog, self.unlock_view, self.create_view):
            if window is not None and window.isVisible():
                return window
        return None

    def _on_settings_saved(self, _settings: Settings) -> None:
        if self._idle_watcher is not None:
            self._idle_watcher.set_interval_ms(self._idle_interval_ms())

    def _idle_interval_ms(self) -> int:
        if self._idle_override is not None:
            return self._idle_override
        return self._settings.load().auto_lock_minutes * MINUTE_MS
