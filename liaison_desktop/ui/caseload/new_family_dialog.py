"""Start a new family's record: the household's name, contact details and strengths."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...errors import LiaisonError
from ...i18n import _
from ...services.families_service import FamiliesService
from ..family.common import FieldForm

TEXT_BOX_LINES = 3
DIALOG_WIDTH_CHARS = 64


class NewFamilyDialog(QDialog):
    """Create a family; emits `created(family_id)` once it is saved."""

    created = Signal(str)

    def __init__(self, families: FamiliesService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._families = families
        self.setWindowTitle(_("New family"))
        intro = QLabel(
            _(
                "Start with what you know; everything can be added to later. Begin with the "
                "family's strengths: what is going well and who they can count on."
            )
        )
        intro.setWordWrap(True)
        self.form = FieldForm()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("e.g. Nowak family"))
        self.address_edit = QPlainTextEdit()
        self.postcode_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.strengths_edit = QPlainTextEdit()
        for box in (self.address_edit, self.strengths_edit):
            box.setTabChangesFocus(True)  # Tab moves on, so the form stays keyboard-friendly
            lines = box.fontMetrics().lineSpacing() * TEXT_BOX_LINES
            box.setMaximumHeight(lines + 2 * box.frameWidth() + 8)
        for name, label, widget in (
            ("name", _("Family &name"), self.name_edit),
            ("strengths", _("&Strengths"), self.strengths_edit),
            ("address", _("&Address"), self.address_edit),
            ("postcode", _("&Postcode"), self.postcode_edit),
            ("phone", _("P&hone"), self.phone_edit),
            ("email", _("&Email"), self.email_edit),
        ):
            self.form.add(name, label, widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.setFocus()
        # Wide enough for an address line and a whole error sentence, in the font in use.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * DIALOG_WIDTH_CHARS)

    def values(self) -> dict[str, Any]:
        """The family as the service takes it."""
        return {
            "name": self.name_edit.text(),
            "strengths": self.strengths_edit.toPlainText(),
            "address": self.address_edit.toPlainText(),
            "postcode": self.postcode_edit.text(),
            "phone": self.phone_edit.text(),
            "email": self.email_edit.text(),
        }

    @Slot()
    def _on_save(self) -> None:
        try:
            family = self._families.create(self.values())
        except LiaisonError as exc:
            self.form.show_error(exc)  # each refused value beside its field; nothing saved
            return
        self.created.emit(family.id)
        self.accept()
