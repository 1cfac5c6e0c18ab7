"""Team around the family: the agencies and people linked to the case, with their contacts."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

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
                Column(_("Tie"), lambda m: v.label(m.tie) if m.tie else _("Not said")),
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
        # How the tie feels to the family: the ecomap's line (strong, tenuous, stressful).
        self.tie_combo = QComboBox()
        self.tie_combo.addItem(_("Not said"), "")
        for tie in v.TIE_KINDS:
            self.tie_combo.addItem(v.label(tie), tie)
        self.tie_combo.setAccessibleName(_("Tie with the selected team member"))
        tie_label = QLabel(_("T&ie with the selected"))
        tie_label.setBuddy(self.tie_combo)
        self.tie_combo.setEnabled(False)
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
        below = QHBoxLayout()
        below.addWidget(tie_label)
        below.addWidget(self.tie_combo)
        below.addStretch(1)
        below.addWidget(self.unlink_button)
        layout.addLayout(below)
        self.link_button.clicked.connect(self._on_link)
        submit_on_return(self.link_button, self.role_edit)
        self.unlink_button.clicked.connect(self._on_unlink)
        self.table.selectionModel().currentChanged.connect(self._on_current_changed)
        self.tie_combo.activated.connect(self._on_tie_chosen)
        self.refresh()

    @Slot()
    def _on_current_changed(self) -> None:
        member = self.table.current()
        self.tie_combo.setEnabled(member is not None)
        if member is not None:
            self.tie_combo.setCurrentIndex(max(0, self.tie_combo.findData(member.tie)))

    @Slot()
    def _on_tie_chosen(self) -> None:
        member = self.table.current()
        if member is None:
            return
        try:
            self._directory.set_tie(member.link_id, str(self.tie_combo.currentData() or ""))
        except LiaisonError as exc:
            show_message(self.message, str(exc))
            return
        show_message(self.message, "")
        self.refresh()
        self.table.select_first(lambda m: m.link_id == member.link_id)
        self.changed.emit()

    def has_unsaved_changes(self) -> bool:
        """A role typed for a contact not yet linked."""
        return bool(self.role_edit.text().strip())

    def refresh(self) -> None:
        """Re-read the team, keeping the selected member selected."""
        kept = self.table.current()
        self.model.set_rows(self._directory.team(self._family_id))
        if kept is not None:
            self.table.select_first(lambda m: m.link_id == kept.link_id)
        self._on_current_changed()

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
