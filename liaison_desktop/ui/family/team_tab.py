"""Team around the family: the agencies and people linked to the case, with their contacts."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...domain import vocabulary as v
from ...errors import LiaisonError
from ...i18n import _
from ...services.directory_service import DirectoryService, TeamMember
from .common import (
    Column,
    RowsModel,
    RowsTable,
    error_label,
    show_message,
    submit_on_return,
    text_of,
)
from .referrals_tab import chosen_contact, contact_combo


class TeamTab(QWidget):
    """Case links with contact details; link and unlink directory contacts."""

    changed = Signal()

    def __init__(
        self, directory: DirectoryService, family_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._directory = directory
        self._family_id = family_id
        self.model: RowsModel[TeamMember] = RowsModel(
            [
                Column(_("Organisation"), lambda m: text_of(m.contact.get("organisation"))),
                Column(_("Name"), lambda m: text_of(m.contact.get("name"))),
                Column(_("Role for this family"), lambda m: text_of(m.role)),
                Column(_("Kind"), lambda m: v.label(str(m.contact.get("kind") or ""))),
                Column(_("Phone"), lambda m: text_of(m.contact.get("phone"))),
                Column(
                    _("Email"),
                    lambda m: text_of(m.contact.get("secure_email") or m.contact.get("email")),
                ),
            ],
            self,
        )
        self.table: RowsTable[TeamMember] = RowsTable(self.model, _("Team around the family"))
        self.table.stretch(0)
        self.contact_combo = contact_combo(directory.all())
        contact_label = QLabel(_("&Contact"))
        contact_label.setBuddy(self.contact_combo)
        self.contact_combo.setAccessibleName(_("Contact"))
        self.role_edit = QLineEdit()
        self.role_edit.setPlaceholderText(_("For example: lead professional"))
        role_label = QLabel(_("R&ole"))
        role_label.setBuddy(self.role_edit)
        self.role_edit.setAccessibleName(_("Role for this family"))
        self.link_button = QPushButton(_("&Link"))
        self.unlink_button = QPushButton(_("&Unlink selected"))
        self.message = error_label(self)
        row = QHBoxLayout()
        row.addWidget(contact_label)
        row.addWidget(self.contact_combo, 2)
        row.addWidget(role_label)
        row.addWidget(self.role_edit, 1)
        row.addWidget(self.link_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.unlink_button)
        self.link_button.clicked.connect(self._on_link)
        submit_on_return(self.link_button, self.role_edit)
        self.unlink_button.clicked.connect(self._on_unlink)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the team."""
        self.model.set_rows(self._directory.team(self._family_id))

    @Slot()
    def _on_link(self) -> None:
        contact_id = chosen_contact(self.contact_combo)
        if contact_id is None:
            show_message(self.message, _("Choose a contact from the directory list first."))
            return
        try:
            self._directory.link(self._family_id, contact_id, self.role_edit.text().strip() or None)
        except LiaisonError as exc:
            show_message(self.message, str(exc))
            return
        show_message(self.message, "")
        self.role_edit.clear()
        self.refresh()
        self.changed.emit()

    @Slot()
    def _on_unlink(self) -> None:
        member = self.table.current()
        if member is None:
            show_message(self.message, _("Select who to unlink first."))
            return
        try:
            self._directory.unlink(self._family_id, member.contact.id, member.role)
        except LiaisonError as exc:
            show_message(self.message, str(exc))
            return
        show_message(self.message, "")
        self.refresh()
        self.changed.emit()
