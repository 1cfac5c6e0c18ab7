"""Choosing a new passphrase: the field, a strength meter and a confirmation field.

Not a widget of its own but rows added to the caller's form, so its labels line up with the
form's other rows (name and role, or the recovery key).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel

from ...domain.passphrase import problem_with
from ...i18n import _
from .secret_field import SecretField
from .strength_meter import StrengthMeter
from .styles import apply_error_style


class NewPassphraseForm(QObject):
    """Rows of a form for a new passphrase; `problem()` says why it cannot be used yet."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.passphrase_edit = SecretField()
        self.passphrase_edit.setAccessibleName(_("New passphrase"))
        self.meter = StrengthMeter()
        self.confirm_edit = SecretField()
        self.confirm_edit.setAccessibleName(_("Type the passphrase again"))
        self.show_check = QCheckBox(_("Show passphrase"))
        self._mismatch = QLabel()
        self._mismatch.setWordWrap(True)
        apply_error_style(self._mismatch)
        self._mismatch.hide()

        self._connect()

    def add_rows(self, form: QFormLayout) -> None:
        """Put the fields into `form` (which then owns the widgets)."""
        form.addRow(_("Passphrase"), self.passphrase_edit)
        form.addRow("", self.meter)
        form.addRow(_("Type it again"), self.confirm_edit)
        form.addRow("", self._mismatch)
        form.addRow("", self.show_check)

    def _connect(self) -> None:
        self.passphrase_edit.textChanged.connect(self._on_passphrase_changed)
        self.confirm_edit.textChanged.connect(self._on_confirmation_changed)
        self.show_check.toggled.connect(self._on_show_toggled)

    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    def problem(self) -> str | None:
        """Why the passphrase cannot be used yet, or None when it can."""
        return problem_with(self.passphrase_edit.text(), self.confirm_edit.text())

    def clear(self) -> None:
        """Forget what was typed."""
        self.passphrase_edit.clear()
        self.confirm_edit.clear()

    def set_enabled_for_input(self, enabled: bool) -> None:
        for widget in (self.passphrase_edit, self.confirm_edit, self.show_check):
            widget.setEnabled(enabled)

    def _update_mismatch(self) -> None:
        confirmation = self.confirm_edit.text()
        mismatched = bool(confirmation) and confirmation != self.passphrase_edit.text()
        self._mismatch.setText(_("The two passphrases do not match.") if mismatched else "")
        self._mismatch.setVisible(mismatched)

    @Slot(str)
    def _on_passphrase_changed(self, _masked: str) -> None:
        self.meter.set_passphrase(self.passphrase_edit.text())
        self._update_mismatch()
        self.changed.emit()

    @Slot(str)
    def _on_confirmation_changed(self, _text: str) -> None:
        self._update_mismatch()
        self.changed.emit()

    @Slot(bool)
    def _on_show_toggled(self, shown: bool) -> None:
        self.passphrase_edit.set_revealed(shown)
        self.confirm_edit.set_revealed(shown)
