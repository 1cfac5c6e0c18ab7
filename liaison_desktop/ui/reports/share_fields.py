"""Who a report is for: the fields of the information-sharing record the dialog asks for."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from ...domain import sharing as sh
from ...domain import vocabulary as v
from ...domain.sharing import ShareDetails
from ...i18n import _


class ShareFields:
    """The recipient, their organisation, the lawful basis, the condition, and consent."""

    def __init__(self) -> None:
        self.recipient_edit = QLineEdit()
        self.recipient_edit.setAccessibleName(_("Recipient outside the school"))
        self.recipient_edit.setPlaceholderText(_("Leave empty if it is for our own records"))
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setAccessibleName(_("Recipient's organisation"))
        self.basis_combo = QComboBox()
        self.basis_combo.setAccessibleName(_("Lawful basis for sharing"))
        self.basis_combo.addItem(_("(choose when sharing)"), None)
        for basis in v.LAWFUL_BASES:
            self.basis_combo.addItem(sh.basis_label(basis), basis)
        self.condition_combo = QComboBox()
        self.condition_combo.setAccessibleName(_("Special-category condition"))
        self.condition_combo.addItem(_("(none chosen)"), None)
        for condition in sh.SHARING_CONDITIONS:
            self.condition_combo.addItem(sh.condition_label(condition), condition)
        self.not_sought_check = QCheckBox(
            _("Consent not sought: as&king would put a child at risk")
        )

    def details(self) -> ShareDetails:
        """Who the file is for, as typed (the service fills defaults and refuses gaps)."""
        return ShareDetails(
            recipient=self.recipient_edit.text().strip(),
            organisation=self.organisation_edit.text().strip(),
            lawful_basis=self.basis_combo.currentData(),
            condition=self.condition_combo.currentData(),
            consent_not_sought=self.not_sought_check.isChecked(),
        )
