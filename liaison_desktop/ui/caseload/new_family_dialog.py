"""Start a new family's record: the household's name, contact details and strengths.

Before a family is created twice, Save names the families already held with that name (and
the same postcode, or none): the officer opens the existing one or, sure it is another
household, creates it anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
from ...services.family_merge_service import PossibleDuplicate
from ..family.common import FieldForm, error_label, show_message
from ..widgets.discard_guard import DiscardGuard

FindDuplicates = Callable[[str, str], Sequence[PossibleDuplicate]]

TEXT_BOX_LINES = 3
DIALOG_WIDTH_CHARS = 64


class NewFamilyDialog(DiscardGuard, QDialog):
    """Create a family; emits `created(family_id)` once it is saved."""

    created = Signal(str)
    open_existing = Signal(str)  # the family id the officer chose instead of a duplicate

    def __init__(
        self,
        families: FamiliesService,
        parent: QWidget | None = None,
        *,
        duplicates: FindDuplicates | None = None,
    ) -> None:
        super().__init__(parent)
        self._families = families
        self._duplicates = duplicates
        self._warned_for: tuple[str, str] | None = None
        self._found: Sequence[PossibleDuplicate] = ()
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
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.open_existing_button = self.buttons.addButton(
            _("&Open the existing family"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_existing_button.hide()
        # Beside the buttons, where the eye is when Save was pressed.
        self.duplicate_label = error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.duplicate_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_save)
        self.open_existing_button.clicked.connect(self._on_open_existing)
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

    def _warn_of_duplicates(self) -> bool:
        """True when families like this one are held and the officer has not yet seen them."""
        if self._duplicates is None:
            return False
        key = (self.name_edit.text().strip(), self.postcode_edit.text().strip())
        if self._warned_for == key:
            return False  # seen, and Save pressed again: create anyway
        found = list(self._duplicates(*key))
        if not found:
            return False
        self._warned_for = key
        self._found = found
        show_message(
            self.duplicate_label,
            _("Already held — is it one of these?")
            + "\n"
            + "\n".join(f"• {d.label}" for d in found)
            + "\n"
            + _("Open it, or press Create anyway if this is another household."),
        )
        self.save_button.setText(_("C&reate anyway"))
        self.open_existing_button.setVisible(len(found) == 1)
        return True

    @Slot()
    def _on_open_existing(self) -> None:
        if self._found:
            self.open_existing.emit(self._found[0].family_id)
            self.accept()

    @Slot()
    def _on_save(self) -> None:
        if self._warn_of_duplicates():
            return
        try:
            family = self._families.create(self.values())
        except LiaisonError as exc:
            self.form.show_error(exc)  # each refused value beside its field; nothing saved
            return
        self.created.emit(family.id)
        self.accept()
