"""Concerns raised for the family: read-only, with what was added to each.

Anyone adds information; a lead also acknowledges, records the action taken and closes a
concern here (the same steps as the lead's Concerns section). An officer sees where each of
their concerns stands once the lead's steps arrive by sync.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import vocabulary as v
from ...errors import LiaisonError
from ...i18n import _
from ...services.actions_service import ActionsService
from ...services.concerns_service import ConcernsService, ConcernView
from ..concerns.concern_steps import ConcernStepButtons, describe, stage_words
from .action_dialogs import ActionDialog
from .common import Column, RowsModel, RowsTable, error_label, local_moment, show_message, text_of
from .concern_dialog import ConcernDialog


class ConcernsTab(QWidget):
    """Concerns as raised (never edited) with their additions; add information to one."""

    changed = Signal()

    def __init__(
        self,
        concerns: ConcernsService,
        family_id: str,
        parent: QWidget | None = None,
        *,
        actions: ActionsService | None = None,
    ) -> None:
        super().__init__(parent)
        self._concerns = concerns
        self._actions = actions
        self._family_id = family_id
        self.model: RowsModel[ConcernView] = RowsModel(
            [
                Column(_("Raised"), lambda c: local_moment(c.concern.get("raised_at"))),
                Column(_("Urgency"), lambda c: v.label(str(c.concern.get("urgency") or ""))),
                Column(_("Stage"), lambda c: stage_words(c.stage)),
                Column(_("From"), lambda c: v.label(str(c.concern.get("source") or ""))),
                Column(
                    _("What was seen or said"),
                    lambda c: text_of(c.concern.get("observed")).split("\n")[0],
                ),
                Column(_("Raised by"), lambda c: text_of(c.concern.get("raised_by"))),
            ],
            self,
        )
        self.table: RowsTable[ConcernView] = RowsTable(self.model, _("Concerns"))
        self.table.stretch(4)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(_("The selected concern and what was added"))
        self.add_edit = QLineEdit()
        self.add_edit.setAccessibleName(_("Information to add"))
        self.add_edit.setPlaceholderText(_("Something learned since the concern was raised"))
        self.add_button = QPushButton(_("A&dd to concern"))
        # Raised here when it was seen or said outside a visit or a note (a phone call, the
        # playground); from a visit or note, Visits and notes raises it with its source.
        self.raise_button = QPushButton(_("Raise a &concern…"))
        self.agree_button = QPushButton(_("Agree an action…"))
        if actions is None:  # hide() only: showing a widget with no parent yet opens a window
            self.agree_button.hide()
        self.dialog: ConcernDialog | ActionDialog | None = None
        self.message = error_label(self)
        row = QHBoxLayout()
        row.addWidget(self.add_edit, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.agree_button)
        top.addWidget(self.raise_button)
        layout.addLayout(top)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.detail, 1)
        layout.addLayout(row)
        # The lead's steps; an officer's tab has none (the service would refuse them anyway).
        self.steps: ConcernStepButtons | None = None
        if concerns.ctx.role == "lead":
            self.steps = ConcernStepButtons(concerns, self.table.current, self)
            self.steps.stepped.connect(self._on_stepped)
            layout.addWidget(self.steps)
        layout.addWidget(self.message)
        self.table.selectionModel().currentChanged.connect(self._on_current_changed)
        self.add_button.clicked.connect(self._on_add)
        self.raise_button.clicked.connect(self.start_raise)
        self.agree_button.clicked.connect(self._on_agree)
        self.refresh()

    @Slot()
    def _on_agree(self) -> None:
        """An action that follows from the selected concern (who does what by when)."""
        view = self.table.current()
        if view is None or self._actions is None:
            show_message(self.message, _("Select the concern the action follows from."))
            return
        dialog = ActionDialog(
            self._actions,
            self._family_id,
            self,
            source=view.concern,
            source_text=text_of(view.concern.get("observed")).split("\n")[0],
        )
        dialog.saved.connect(lambda _action: self.changed.emit())
        self.dialog = dialog
        dialog.open()

    @Slot()
    def start_raise(self) -> None:
        """Raise a concern seen or said outside a visit or a note."""
        dialog = ConcernDialog(self._concerns, None, self, family_id=self._family_id)
        dialog.raised.connect(self._on_raised)
        self.dialog = dialog
        dialog.open()

    @Slot(object)
    def _on_raised(self, _concern: object) -> None:
        self.refresh()
        self.table.select_source_row(0)  # newest first: the one just raised
        self.changed.emit()

    def refresh(self) -> None:
        """Re-read the family's concerns, keeping the one selected (if it is still there)."""
        kept = self.table.current()
        self.model.set_rows(self._concerns.views_for_family(self._family_id))
        if kept is not None:
            self.table.select_first(lambda view: view.concern.id == kept.concern.id)
        self._on_current_changed()

    def _concerns_service(self) -> ConcernsService:
        return self._concerns

    @Slot()
    def _on_stepped(self) -> None:
        self.refresh()
        self.changed.emit()

    @Slot()
    def _on_current_changed(self) -> None:
        view = self.table.current()
        if view is not None:
            view = self._concerns.view(view.concern.id)  # with anything added since
        self.detail.setPlainText(
            describe(view, self._concerns_service().children_names(view.concern))
            if view is not None
            else ""
        )
        if self.steps is not None:
            self.steps.update_buttons()

    @Slot()
    def _on_add(self) -> None:
        current = self.table.current()
        if current is None or not self.add_edit.text().strip():
            show_message(self.message, _("Select a concern and write what to add."))
            return
        try:
            self._concerns.add_to(current.concern.id, self.add_edit.text().strip())
        except LiaisonError as exc:
            show_message(self.message, str(exc))
            return
        show_message(self.message, "")
        self.add_edit.clear()
        self._on_current_changed()
        self.changed.emit()
