"""The family's actions: who does what by when, open ones first; agree, complete, reopen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ...domain import vocabulary as v
from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _
from ...services.actions_service import ActionsService
from .action_dialogs import ActionDialog, CompleteActionDialog
from .common import Column, RowsModel, RowsTable, error_label, show_message, text_of


def action_state(action: Record, today: str) -> str:
    """An action's state in words: done (when), overdue, or open."""
    if action.get("done"):
        return _("Done {day}").format(day=action.get("done_at") or "")
    if action.get("due") and str(action["due"]) < today:
        return _("Overdue")
    return _("Open")


class ActionsTab(QWidget):
    """Every action of one family, with the buttons that agree, complete and reopen them."""

    changed = Signal()

    def __init__(
        self, actions: ActionsService, family_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._actions = actions
        self._family_id = family_id
        self.dialog: QDialog | None = None
        today = actions.ctx.today().isoformat()
        self.model: RowsModel[Record] = RowsModel(
            [
                Column(_("Action"), lambda r: text_of(r.get("title"))),
                Column(_("Who"), lambda r: text_of(r.get("owner"))),
                Column(_("Due"), lambda r: text_of(r.get("due")), lambda r: r.get("due") or ""),
                Column(_("State"), lambda r: action_state(r, today)),
                Column(_("From"), lambda r: v.label(str(r.get("source_kind") or "family"))),
                Column(_("What came of it"), lambda r: text_of(r.get("outcome"))),
            ],
            self,
        )
        self.model.emphasis = lambda r: action_state(r, today) == _("Overdue")
        self.table: RowsTable[Record] = RowsTable(self.model, _("Actions"))
        self.table.stretch(0)
        self.new_button = QPushButton(_("&New action…"))
        self.done_button = QPushButton(_("Mark &done…"))
        self.reopen_button = QPushButton(_("&Reopen"))
        self.message = error_label(self)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.done_button, self.reopen_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.new_button.clicked.connect(self._on_new)
        self.done_button.clicked.connect(self._on_done)
        self.reopen_button.clicked.connect(self._on_reopen)
        self.table.doubleClicked.connect(self._on_done)
        self.table.selectionModel().currentChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the family's actions, keeping the selected one selected."""
        current = self.table.current()
        self.model.set_rows(self._actions.for_family(self._family_id))
        if current is not None:
            self.table.select_first(lambda r: r.id == current.id)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        action = self.table.current()
        self.done_button.setEnabled(action is not None and not action.get("done"))
        self.reopen_button.setEnabled(action is not None and bool(action.get("done")))

    def _open(self, dialog: ActionDialog | CompleteActionDialog) -> None:
        dialog.saved.connect(self._on_saved)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _on_new(self) -> None:
        self._open(ActionDialog(self._actions, self._family_id, self))

    @Slot()
    def _on_done(self) -> None:
        action = self.table.current()
        if action is None or action.get("done"):
            return
        self._open(CompleteActionDialog(self._actions, action, self))

    @Slot()
    def _on_reopen(self) -> None:
        action = self.table.current()
        if action is None:
            return
        try:
            self._on_saved(self._actions.reopen(action.id))
        except LiaisonError as exc:
            show_message(self.message, str(exc))

    @Slot(object)
    def _on_saved(self, action: object) -> None:
        show_message(self.message, "")
        self.refresh()
        if isinstance(action, Record):
            self.table.select_first(lambda r: r.id == action.id)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()
