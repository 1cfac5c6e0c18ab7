"""Add or edit one directory contact; a refused value is explained beside its field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain import vocabulary as v
from ...domain.fields import display_phone
from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _
from ...services.directory_service import DirectoryService
from ...services.validation import ValidationFailed
from ..widgets.discard_guard import DiscardGuard
from ..widgets.scroll_area import quiet
from ..widgets.styles import apply_error_style

# Field name → its label, in the order the form shows them.
LINE_FIELDS = ("organisation", "name", "role", "opening_times", "phone", "email",
               "secure_email", "website")  # fmt: skip
TEXT_FIELDS = ("service_offered", "address")


def field_labels() -> dict[str, str]:
    """The form's label for each contact field (with a mnemonic)."""
    return {
        "organisation": _("&Organisation"),
        "name": _("Contact &name"),
        "role": _("&Role"),
        "kind": _("&Kind"),
        "layer": _("&Layer"),
        "service_offered": _("&Service offered"),
        "opening_times": _("Opening &times"),
        "phone": _("&Phone"),
        "email": _("&Email"),
        "secure_email": _("Sec&ure email"),
        "address": _("&Address"),
        "website": _("&Website"),
    }


class ContactDialog(DiscardGuard, QDialog):
    """Creates a contact (contact None) or edits one; emits `saved` with the contact's id."""

    saved = Signal(str)

    def __init__(
        self, directory: DirectoryService, contact: Record | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._directory = directory
        self._contact = contact
        self.setWindowTitle(_("Edit contact") if contact else _("Add a contact"))
        labels = field_labels()
        self.edits: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {}
        self.errors: dict[str, QLabel] = {}

        for name in LINE_FIELDS:
            edit = QLineEdit()
            value = contact.get(name) if contact else None
            edit.setText(display_phone(value) if name == "phone" else str(value or ""))
            self.edits[name] = edit
        for name in TEXT_FIELDS:
            text_edit = QPlainTextEdit(str((contact.get(name) if contact else None) or ""))
            text_edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
            text_edit.setMinimumHeight(3 * text_edit.fontMetrics().lineSpacing())
            self.edits[name] = text_edit
        kind = QComboBox()
        for value in v.CONTACT_KINDS:
            kind.addItem(v.label(value), value)
        kind.setCurrentIndex(max(0, kind.findData(contact.get("kind") if contact else "other")))
        self.edits["kind"] = kind
        layer = QComboBox()
        for number in v.LAYERS:
            layer.addItem(f"{number} · {v.layer_label(number)}", number)
        layer.setCurrentIndex(
            max(0, layer.findData(int(contact.get("layer") or 2) if contact else 2))
        )
        self.edits["layer"] = layer

        form_widget = QWidget()
        form = QFormLayout(form_widget)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in labels:
            label = QLabel(labels[name])
            label.setBuddy(self.edits[name])
            error = QLabel()
            apply_error_style(error)
            error.hide()
            self.errors[name] = error
            column = QVBoxLayout()
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(self.edits[name])
            column.addWidget(error)
            form.addRow(label, column)
        self.general_error = QLabel()
        apply_error_style(self.general_error)
        self.general_error.hide()

        scroll = quiet(QScrollArea())
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
        self._form_widget = form_widget
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.edits["organisation"].setFocus()

    def sizeHint(self) -> QSize:
        """Wide enough for every label and a field beside it, and tall enough for the whole
        form where the screen allows (Qt bounds a dialog's first size to the screen): no
        label is clipped and no field needs a sideways scroll."""
        form = self._form_widget.sizeHint()
        buttons = self.buttons.sizeHint()
        chars = self.fontMetrics().averageCharWidth()
        width = max(form.width() + 40, chars * 70)
        return QSize(width, form.height() + buttons.height() + 60)

    def values(self) -> dict[str, Any]:
        """What the form holds, as the directory service takes it."""
        values: dict[str, Any] = {}
        for name, edit in self.edits.items():
            if isinstance(edit, QLineEdit):
                values[name] = edit.text().strip() or None
            elif isinstance(edit, QPlainTextEdit):
                values[name] = edit.toPlainText().strip() or None
            else:
                values[name] = edit.currentData()
        return values

    def _show_problems(self, problems: list[tuple[str, str]]) -> None:
        for error in self.errors.values():
            error.hide()
        first: QWidget | None = None
        leftover = []
        for path, reason in problems:
            name = path.split(".")[-1]
            if name in self.errors:
                self.errors[name].setText(reason[:1].upper() + reason[1:])
                self.errors[name].show()
                first = first or self.edits[name]
            else:
                leftover.append(reason)
        self.general_error.setText("\n".join(leftover))
        self.general_error.setVisible(bool(leftover))
        if first is not None:
            first.setFocus()

    @Slot()
    def _on_save(self) -> None:
        values = self.values()
        try:
            if self._contact is None:
                record = self._directory.create(values)
            else:
                record = self._directory.update(self._contact.id, values)
        except ValidationFailed as exc:
            self._show_problems(exc.problems)
            return
        except LiaisonError as exc:
            self._show_problems([("", str(exc))])
            return
        self.saved.emit(record.id)
        self.accept()
