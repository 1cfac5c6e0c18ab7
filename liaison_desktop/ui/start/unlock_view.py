"""The locked state: unlock with the passphrase, or with the recovery key and a new passphrase."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ...services.vault_service import VaultService
from ..shortcuts import quick_hide_action
from ..vault_handle import OpenVault
from ..widgets.busy_indicator import BusyIndicator
from ..widgets.page_frame import PageFrame
from ..widgets.secret_field import SecretField
from ..widgets.styles import apply_error_style, heading, muted

if TYPE_CHECKING:  # the background machinery loads on the first unlock, after the window shows
    from ..ops import BackgroundOp


class UnlockView(QMainWindow):
    """Asks for the passphrase; key derivation runs off the GUI thread.

    A main window, so assistive technology is told it is the app's window (a frame), not
    a nameless filler.

    Emits `unlocked(vault, notice)`; `notice` is a line for the status bar ("" for none).
    """

    unlocked = Signal(object, str)
    quick_hide_requested = Signal()

    def __init__(
        self,
        vaults: VaultService,
        parent: QWidget | None = None,
        *,
        hint: str = "",
    ) -> None:
        super().__init__(parent)
        self._vaults = vaults
        self._op: BackgroundOp[OpenVault] | None = None
        # A neutral title: this is what shows in the taskbar after a quick hide.
        self.setWindowTitle(_("Liaison Desktop"))
        self.quick_hide_action = quick_hide_action(self, application_wide=False)
        self.addAction(self.quick_hide_action)

        self.pages = QStackedWidget()
        self.unlock_page = self._build_unlock_page(hint)
        self.pages.addWidget(self.unlock_page)
        # Built when first asked for ("Forgot passphrase?"): most starts never need it, and the
        # first window shows sooner without it.
        self.recovery_page: QWidget | None = None

        self.setCentralWidget(self.pages)
        self._connect()

    # -- building ------------------------------------------------------------------------------
    def _build_unlock_page(self, hint: str) -> QWidget:
        title = heading(_("Liaison Desktop is locked"))
        intro = muted(QLabel(_("Enter your passphrase to open your vault.")))
        self.passphrase_edit = SecretField()
        self.passphrase_edit.setAccessibleName(_("Passphrase"))
        self.error_label = QLabel()
        apply_error_style(self.error_label)
        self.error_label.hide()
        self.busy = BusyIndicator()
        self.unlock_button = QPushButton(_("Unlock"))
        self.unlock_button.setDefault(True)
        self.forgot_button = QPushButton(_("Forgot passphrase? Use recovery key"))
        self.forgot_button.setFlat(True)
        # Looks like a link: it is a way out, not the main action.
        self.forgot_button.setStyleSheet("color: palette(link); text-decoration: underline;")

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Passphrase"), self.passphrase_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.forgot_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(title)
        column.addWidget(intro)
        if hint:
            column.addWidget(muted(QLabel(hint)))
        column.addLayout(form)
        column.addWidget(self.error_label)
        column.addWidget(self.busy)
        column.addLayout(buttons)
        return PageFrame(content, name=_("Unlock"))

    def _build_recovery_page(self) -> QWidget:
        title = heading(_("Use your recovery key"))
        intro = muted(
            QLabel(
                _(
                    "Type the recovery key you printed or saved when the vault was created "
                    "(capitals and dashes do not matter), then choose a new passphrase. The "
                    "recovery key keeps working afterwards."
                )
            )
        )
        self.recovery_edit = QLineEdit()
        self.recovery_edit.setAccessibleName(_("Recovery key"))
        self.recovery_edit.setPlaceholderText("XXXX-XXXX-…")
        from ..widgets.new_passphrase_form import NewPassphraseForm

        self.new_passphrase_form = NewPassphraseForm(self)
        self.recovery_error_label = QLabel()
        apply_error_style(self.recovery_error_label)
        self.recovery_error_label.hide()
        self.recovery_busy = BusyIndicator()
        self.back_button = QPushButton(_("Back"))
        self.recover_button = QPushButton(_("Unlock and set new passphrase"))
        self.recover_button.setDefault(True)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Recovery key"), self.recovery_edit)
        form.addRow(heading(_("New passphrase"), scale=1.15))
        self.new_passphrase_form.add_rows(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.recover_button)

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(title)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.recovery_error_label)
        column.addWidget(self.recovery_busy)
        column.addLayout(buttons)
        return PageFrame(content, name=_("Unlock with the recovery key"))

    def _connect(self) -> None:
        self.quick_hide_action.triggered.connect(self.quick_hide_requested)
        self.passphrase_edit.returnPressed.connect(self._on_unlock)
        self.unlock_button.clicked.connect(self._on_unlock)
        self.forgot_button.clicked.connect(self.show_recovery)

    def _ensure_recovery_page(self) -> QWidget:
        if self.recovery_page is None:
            self.recovery_page = self._build_recovery_page()
            self.pages.addWidget(self.recovery_page)
            self.back_button.clicked.connect(self.show_unlock)
            self.recovery_edit.textChanged.connect(self._on_recovery_key_changed)
            self.new_passphrase_form.changed.connect(self._update_recover_button)
            self.recover_button.clicked.connect(self._on_recover)
            self._update_recover_button()
        return self.recovery_page

    # -- state ---------------------------------------------------------------------------------
    @property
    def working(self) -> bool:
        """True while a key is being checked."""
        return self._op is not None and self._op.running

    def focus_passphrase(self) -> None:
        self.passphrase_edit.setFocus()

    def recovery_problem(self) -> str | None:
        """Why the recovery form cannot be sent yet, or None when it can."""
        if not self.recovery_edit.text().strip():
            return _("Type your recovery key.")
        return self.new_passphrase_form.problem()

    def _set_unlock_enabled(self, enabled: bool) -> None:
        for widget in (self.passphrase_edit, self.unlock_button, self.forgot_button):
            widget.setEnabled(enabled)

    def _set_recovery_enabled(self, enabled: bool) -> None:
        self.recovery_edit.setEnabled(enabled)
        self.back_button.setEnabled(enabled)
        self.new_passphrase_form.set_enabled_for_input(enabled)
        self._update_recover_button()

    @Slot()
    def _update_recover_button(self) -> None:
        problem = self.recovery_problem()
        self.recover_button.setEnabled(problem is None and not self.working)
        self.recover_button.setToolTip(problem or "")

    # -- slots ---------------------------------------------------------------------------------
    @Slot()
    def show_recovery(self) -> None:
        self.pages.setCurrentWidget(self._ensure_recovery_page())
        self.recovery_edit.setFocus()

    @Slot()
    def show_unlock(self) -> None:
        self.pages.setCurrentWidget(self.unlock_page)
        self.passphrase_edit.setFocus()

    @Slot(str)
    def _on_recovery_key_changed(self, _text: str) -> None:
        self._update_recover_button()

    @Slot()
    def _on_unlock(self) -> None:
        passphrase = self.passphrase_edit.text()
        if self.working:
            return
        if not passphrase:
            self._show_unlock_error(_("Enter your passphrase."))
            return
        self.error_label.hide()
        self._set_unlock_enabled(False)
        self.busy.start(_("Unlocking… checking your passphrase."))
        from .. import vault_ops

        self._op = vault_ops.unlock_vault(
            owner=self,
            vaults=self._vaults,
            passphrase=passphrase,
            success=self._on_unlocked,
            failure=self._on_unlock_failed,
        )
        self._op.run_in_background()

    def _on_unlocked(self, vault: OpenVault) -> None:
        self.busy.stop()
        self.passphrase_edit.clear()
        self.unlocked.emit(vault, "")

    def _on_unlock_failed(self, message: str) -> None:
        self.busy.stop()
        self._set_unlock_enabled(True)
        self._show_unlock_error(message)

    def _show_unlock_error(self, message: str) -> None:
        from ..announce import announce  # not before the first window shows

        self.error_label.setText(message)
        self.error_label.show()
        announce(self, message, assertive=True)
        self.passphrase_edit.clear()
        self.passphrase_edit.setFocus()

    @Slot()
    def _on_recover(self) -> None:
        if self.recovery_problem() is not None or self.working:
            return
        self.recovery_error_label.hide()
        self.recovery_busy.start(_("Checking the recovery key and setting your new passphrase…"))
        from .. import vault_ops

        self._op = vault_ops.recover_vault(
            owner=self,
            vaults=self._vaults,
            recovery_key=self.recovery_edit.text(),
            new_passphrase=self.new_passphrase_form.passphrase(),
            success=self._on_recovered,
            failure=self._on_recover_failed,
        )
        self._op.run_in_background()
        self._set_recovery_enabled(False)

    def _on_recovered(self, vault: OpenVault) -> None:
        self.recovery_busy.stop()
        self.recovery_edit.clear()
        self.new_passphrase_form.clear()
        self.unlocked.emit(
            vault,
            _("Your new passphrase is set. Your recovery key still works; keep it safe."),
        )

    def _on_recover_failed(self, message: str) -> None:
        self.recovery_busy.stop()
        self._set_recovery_enabled(True)
        self.recovery_error_label.setText(message)
        self.recovery_error_label.show()
        from ..announce import announce

        announce(self, message, assertive=True)
        self.recovery_edit.setFocus()
