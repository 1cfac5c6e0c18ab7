"""Agreeing an action (from the family or one of its records) and marking one done."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain import vocabulary as v
from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _
from ...services.actions_service import ActionsService
from .common import FieldForm, date_edit, py_date


class ActionDialog(QDialog):
    """A new action: what, who (an officer or the lead, by name) and by when."""

    saved = Signal(object)

    def __init__(
        self,
        actions: ActionsService,
        family_id: str,
        parent: QWidget | None = None,
        *,
        source: Record | None = None,
        source_text: str = "",
    ) -> None:
        super().__init__(parent)
        self._actions = actions
        self._family_id = family_id
        self._source = source
        self.setWindowTitle(_("Agree an action"))
        self.form = FieldForm()
        self.title_edit = QLineEdit()
        self.owner_combo = QComboBox()
        self.owner_combo.setEditable(True)  # someone not paired: a social worker, say
        self.owner_combo.addItems(actions.owner_names())
        line = self.owner_combo.lineEdit()
        if line is not None:
            line.setAccessibleName(_("Who does it"))
        self.due_check = QCheckBox(_("D&ue"))
        self.due_check.setChecked(True)
        self.due_edit = date_edit(QDate.currentDate().addDays(7))
        self.due_edit.setAccessibleName(_("Due date"))
        due_row = QWidget()
        due_layout = QHBoxLayout(due_row)
        due_layout.setContentsMargins(0, 0, 0, 0)
        due_layout.addWidget(self.due_check)
        due_layout.addWidget(self.due_edit, 1)
        self.due_check.toggled.connect(self.due_edit.setEnabled)
        self.form.add("title", _("&Action"), self.title_edit)
        self.form.add("owner", _("&Who"), self.owner_combo)
        self.form.add("due", _("By when"), due_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        if source is not None:
            origin = QLabel(
                _("From the {kind}: {what}").format(
                    kind=v.label(source.kind).lower(), what=source_text
                )
            )
            origin.setWordWrap(True)
            layout.addWidget(origin)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

    @Slot()
    def _on_save(self) -> None:
        try:
            action = self._actions.add(
                self._family_id,
                self.title_edit.text(),
                owner=self.owner_combo.currentText().strip() or None,
                due=py_date(self.due_edit.date()) if self.due_check.isChecked() else None,
                source=self._source,
            )
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.saved.emit(action)
        self.accept()


class CompleteActionDialog(QDialog):
    """Mark an action done, saying what came of it."""

    saved = Signal(object)

    def __init__(
        self, actions: ActionsService, action: Record, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._actions = actions
        self._action = action
        self.setWindowTitle(_("Mark an action done"))
        title = QLabel(str(action.get("title") or ""))
        title.setWordWrap(True)
        self.form = FieldForm()
        self.outcome_edit = QLineEdit()
        self.form.add("outcome", _("&What came of it"), self.outcome_edit)
        # The standard Ok button (given its own words): the box makes it the default, so
        # Return in the field marks the action done.
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.done_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.done_button.setText(_("Mark &done"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_done)
        self.buttons.rejected.connect(self.reject)

    @Slot()
    def _on_done(self) -> None:
        try:
            action = self._actions.complete(self._action.id, self.outcome_edit.text())
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.saved.emit(action)
        self.accept()
