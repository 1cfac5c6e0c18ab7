"""First run: create the encrypted vault for this officer and device."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ...services.vault_service import VaultService
from .. import vault_ops
from ..ops import BackgroundOp
from ..roles import role_choices
from ..vault_handle import OpenVault
from ..widgets.busy_indicator import BusyIndicator
from ..widgets.new_passphrase_form import NewPassphraseForm
from ..widgets.page_frame import PageFrame
from ..widgets.styles import apply_error_style, heading, muted


class CreateVaultView(QMainWindow):
    """Name, role and passphrase; creating runs off the GUI thread. A main window, so
    assistive technology is told it is the app's window (a frame), not a nameless filler.

    Emits `created(vault, recovery_key)` once the vault exists and is open.
    """

    created = Signal(object, str)

    def __init__(self, vaults: VaultService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vaults = vaults
        self._op: BackgroundOp[tuple[OpenVault, str]] | None = None
        self.setWindowTitle(_("Liaison Desktop — set up"))

        title = heading(_("Set up Liaison Desktop"))
        intro = muted(
            QLabel(
                _(
                    "Your records are kept on this computer only, encrypted with a passphrase "
                    "that only you know. Nobody — not even IT support — can open them without "
                    "it or the recovery key you will be shown next."
                )
            )
        )
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(_("Your name"))
        self.role_combo = QComboBox()
        for value, label in role_choices():
            self.role_combo.addItem(label, value)
        self.role_combo.setAccessibleName(_("Your role"))

        passphrase_title = heading(_("Choose a passphrase"), scale=1.15)
        passphrase_intro = muted(
            QLabel(
                _(
                    "You will type it each time you unlock. A short sentence of four or more "
                    "ordinary words is strong and easy to remember."
                )
            )
        )
        self.passphrase_form = NewPassphraseForm(self)
        self.error_label = QLabel()
        apply_error_style(self.error_label)
        self.error_label.hide()
        self.busy = BusyIndicator()
        self.create_button = QPushButton(_("Create vault"))
        self.create_button.setDefault(True)
        self.create_button.setAutoDefault(True)

        # One form for all the fields, so their labels line up.
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Your name"), self.name_edit)
        form.addRow(_("Your role"), self.role_combo)
        form.addItem(QSpacerItem(0, self.fontMetrics().height() // 2))
        form.addRow(passphrase_title)
        form.addRow(passphrase_intro)
        self.passphrase_form.add_rows(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(title)
        column.addWidget(intro)
        column.addSpacing(self.fontMetrics().height() // 2)
        column.addLayout(form)
        column.addWidget(self.error_label)
        column.addWidget(self.busy)
        column.addLayout(buttons)

        self.setCentralWidget(PageFrame(content, name=_("Set up Liaison Desktop")))
        self._connect()
        self._update_button()

    def _connect(self) -> None:
        self.name_edit.textChanged.connect(self._on_input_changed)
        self.passphrase_form.changed.connect(self._update_button)
        self.passphrase_form.confirm_edit.returnPressed.connect(self._on_create)
        self.create_button.clicked.connect(self._on_create)

    def problem(self) -> str | None:
        """Why the vault cannot be created yet, or None when it can."""
        if not self.name_edit.text().strip():
            return _("Enter your name.")
        return self.passphrase_form.problem()

    @property
    def busy_creating(self) -> bool:
        return self._op is not None and self._op.running

    def _set_inputs_enabled(self, enabled: bool) -> None:
        self.name_edit.setEnabled(enabled)
        self.role_combo.setEnabled(enabled)
        self.passphrase_form.set_enabled_for_input(enabled)

    @Slot()
    def _update_button(self) -> None:
        problem = self.problem()
        self.create_button.setEnabled(problem is None and not self.busy_creating)
        self.create_button.setToolTip(problem or "")

    @Slot(str)
    def _on_input_changed(self, _text: str) -> None:
        self._update_button()

    @Slot()
    def _on_create(self) -> None:
        if self.problem() is not None or self.busy_creating:
            return
        self.error_label.hide()
        self._set_inputs_enabled(False)
        self.busy.start(_("Creating your encrypted vault… this takes a few seconds."))
        self._op = vault_ops.create_vault(
            owner=self,
            vaults=self._vaults,
            passphrase=self.passphrase_form.passphrase(),
            owner_name=self.name_edit.text().strip(),
            role=str(self.role_combo.currentData()),
            success=self._on_created,
            failure=self._on_failed,
        )
        self._op.run_in_background()
        self._update_button()

    def _on_created(self, created: tuple[OpenVault, str]) -> None:
        self.busy.stop()
        self.passphrase_form.clear()
        vault, recovery_key = created
        self.created.emit(vault, recovery_key)

    def _on_failed(self, message: str) -> None:
        self.busy.stop()
        self._set_inputs_enabled(True)
        self.error_label.setText(message)
        self.error_label.show()
        self._update_button()
