"""Consents: what the family agreed to, their state today, adding and withdrawing."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import vocabulary as v
from ...domain.consent_rules import ConsentState
from ...errors import LiaisonError
from ...i18n import _
from ...services.consents_service import ConsentsService, ConsentStatus
from .common import (
    Column,
    FieldForm,
    RowsModel,
    RowsTable,
    error_label,
    py_date,
    show_message,
    submit_on_return,
    text_of,
)


class ConsentsTab(QWidget):
    """The family's consents with their state (active, expiring, expired, withdrawn)."""

    changed = Signal()

    def __init__(
        self, consents: ConsentsService, family_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._consents = consents
        self._family_id = family_id
        self.model: RowsModel[ConsentStatus] = RowsModel(
            [
                Column(_("Scope"), lambda s: text_of(s.record.get("scope"))),
                Column(_("Given by"), lambda s: text_of(s.record.get("given_by"))),
                Column(_("Date"), lambda s: text_of(s.record.get("date"))),
                Column(_("Expires"), lambda s: text_of(s.record.get("expires"))),
                Column(_("State"), lambda s: s.state.label),
            ],
            self,
        )
        self.model.emphasis = lambda s: s.state in (ConsentState.EXPIRING, ConsentState.EXPIRED)
        self.table: RowsTable[ConsentStatus] = RowsTable(self.model, _("Consents"))
        self.table.stretch(0)
        self.form = FieldForm()
        self.scope_edit = QLineEdit()
        self.given_by_edit = QLineEdit()
        self.basis_combo = QComboBox()
        for basis in v.LAWFUL_BASES:
            self.basis_combo.addItem(v.label(basis), basis)
        self.expires_check = QCheckBox(_("E&xpires"))
        self.expires_edit = QDateEdit(QDate.currentDate().addYears(1))
        self.expires_edit.setDisplayFormat("yyyy-MM-dd")
        self.expires_edit.setCalendarPopup(True)
        self.expires_edit.setAccessibleName(_("Expiry date"))
        self.expires_edit.setEnabled(False)
        expires_row = QWidget()
        expires_layout = QHBoxLayout(expires_row)
        expires_layout.setContentsMargins(0, 0, 0, 0)
        expires_layout.addWidget(self.expires_check)
        expires_layout.addWidget(self.expires_edit, 1)
        self.form.add("scope", _("&Scope"), self.scope_edit)
        self.form.add("given_by", _("&Given by"), self.given_by_edit)
        self.form.add("lawful_basis", _("&Lawful basis"), self.basis_combo)
        self.form.add("expires", _("Expiry"), expires_row)
        self.add_button = QPushButton(_("&Add consent"))
        self.withdraw_button = QPushButton(_("&Withdraw selected"))
        self.message = error_label(self)
        box = QGroupBox(_("New consent"))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.form)
        box_layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        box_layout.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.withdraw_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(box, 2)
        self.expires_check.toggled.connect(self.expires_edit.setEnabled)
        self.add_button.clicked.connect(self._on_add)
        submit_on_return(self.add_button, self.scope_edit, self.given_by_edit)
        self.withdraw_button.clicked.connect(self._on_withdraw)
        self.refresh()

    def has_unsaved_changes(self) -> bool:
        """A consent started (its scope or who gave it typed) and not yet added."""
        return bool(self.scope_edit.text().strip() or self.given_by_edit.text().strip())

    def refresh(self) -> None:
        """Re-read the consents and their states."""
        self.model.set_rows(self._consents.for_family_with_state(self._family_id))

    @Slot()
    def _on_add(self) -> None:
        try:
            self._consents.give(
                self._family_id,
                self.scope_edit.text(),
                self.given_by_edit.text(),
                lawful_basis=str(self.basis_combo.currentData()),
                expires=py_date(self.expires_edit.date())
                if self.expires_check.isChecked()
                else None,
            )
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.form.clear_errors()
        self.scope_edit.clear()
        self.refresh()
        self.changed.emit()

    @Slot()
    def _on_withdraw(self) -> None:
        status = self.table.current()
        if status is None:
            show_message(self.message, _("Select the consent to withdraw first."))
            return
        try:
            self._consents.withdraw(status.record.id)
        except LiaisonError as exc:
            show_message(self.message, str(exc))
            return
        show_message(self.message, "")
        self.refresh()
        self.changed.emit()
