"""Visits and notes in one list: plan and check in/out of visits, write, finalise, amend.

Lone working: a checked-in visit past its expected end with no check-out shows a visible
alert at the top of the tab (checked every half-minute while the page is open).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, SignalInstance, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.chronology import summarise
from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _
from ...services.caseload import Caseload
from ...services.visit_notes import Entry, arrange_entries, visit_outcome_words, visit_state
from ..widgets.styles import apply_error_style
from .action_dialogs import ActionDialog
from .common import (
    RowsTable,
    error_label,
    local_moment,
    show_message,
)
from .concern_dialog import ConcernDialog
from .note_editor import AUTOSAVE_MS, NoteEditor
from .notes_model import NotesModel
from .visit_dialogs import CheckInDialog, VisitDialog
from .visit_outcome_dialog import VisitOutcomeDialog

OVERDUE_CHECK_MS = 30_000


class NotesTab(QWidget):
    """The family's visits and notes, with everything an officer does to them."""

    changed = Signal()

    def __init__(
        self,
        caseload: Caseload,
        family_id: str,
        *,
        about_to_lock: SignalInstance | None = None,
        autosave_ms: int = AUTOSAVE_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._family_id = family_id
        self._about_to_lock = about_to_lock
        self.autosave_ms = autosave_ms
        self.editor: NoteEditor | None = None
        self.dialog: QDialog | None = None

        self.overdue_label = QLabel()
        apply_error_style(self.overdue_label)
        self.overdue_label.setAccessibleName(_("Lone-working alert"))
        self.overdue_label.hide()
        self.model = NotesModel(self)
        self.table: RowsTable[Entry] = RowsTable(self.model, _("Visits and notes"))
        self.table.stretch(2)
        self.table.setSortingEnabled(False)  # the order (amendments after notes) is the point
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(_("The selected note or visit"))
        self.message = error_label(self)

        def action(text: str, shortcut: str = "") -> QAction:
            act = QAction(text, self)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
            return act

        self.plan_action = action(_("&Plan a visit…"))
        self.reschedule_action = action(_("Reschedule…"))
        self.cancel_visit_action = action(_("Cancel visit…"))
        self.check_in_action = action(_("Check &in…"))
        self.check_out_action = action(_("Check o&ut…"))
        self.outcome_action = action(_("Ou&tcome…"))
        self.new_note_action = action(_("&New note…"), "Ctrl+N")
        self.open_action = action(_("&Open draft…"))
        self.amend_action = action(_("&Amend…"))
        # Ctrl+Shift+C is the family page's: it raises from the selected row here.
        self.concern_action = action(_("Raise a &concern…"))
        self.agree_action = action(_("Agree an action…"))
        self._buttons: dict[QAction, QPushButton] = {}
        # Two rows, visits then notes, so the buttons fit the window at 200 % too.
        row = QVBoxLayout()
        for title, acts in (
            (
                _("Visits:"),
                (
                    self.plan_action,
                    self.reschedule_action,
                    self.cancel_visit_action,
                    self.check_in_action,
                    self.check_out_action,
                    self.outcome_action,
                ),
            ),
            (
                _("Notes:"),
                (
                    self.new_note_action,
                    self.open_action,
                    self.amend_action,
                    self.concern_action,
                    self.agree_action,
                ),
            ),
        ):
            line = QHBoxLayout()
            line.addWidget(QLabel(title))
            for act in acts:
                button = QPushButton(act.text())
                button.clicked.connect(act.trigger)
                self._buttons[act] = button
                line.addWidget(button)
            line.addStretch(1)
            row.addLayout(line)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for act in (
            self.concern_action,
            self.agree_action,
            self.open_action,
            self.amend_action,
            self.reschedule_action,
            self.cancel_visit_action,
            self.check_in_action,
            self.check_out_action,
            self.outcome_action,
        ):
            self.table.addAction(act)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.overdue_label)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        self.overdue_timer = QTimer(self)
        self.overdue_timer.setInterval(OVERDUE_CHECK_MS)
        self._connect()
        self.refresh()
        self.overdue_timer.start()

    def _connect(self) -> None:
        self.plan_action.triggered.connect(self._on_plan)
        self.reschedule_action.triggered.connect(self._on_reschedule)
        self.cancel_visit_action.triggered.connect(self._on_cancel_visit)
        self.check_in_action.triggered.connect(self._on_check_in)
        self.check_out_action.triggered.connect(self._on_check_out)
        self.new_note_action.triggered.connect(self._on_new_note)
        self.open_action.triggered.connect(self._on_open)
        self.amend_action.triggered.connect(self._on_amend)
        self.concern_action.triggered.connect(self._on_concern)
        self.outcome_action.triggered.connect(self._on_outcome)
        self.agree_action.triggered.connect(self._on_agree_action)
        self.table.selectionModel().currentChanged.connect(self._on_current_changed)
        self.table.doubleClicked.connect(self._on_open)
        self.overdue_timer.timeout.connect(self.check_overdue)

    def button(self, act: QAction) -> QPushButton:
        """The push button that triggers `act`."""
        return self._buttons[act]

    # -- loading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the family's visits and notes, keeping the selected record selected."""
        current = self.table.current()
        c = self._caseload
        self.model.now_iso = c.ctx.now().isoformat(timespec="seconds")
        self.model.set_rows(
            arrange_entries(
                c.visits.for_family(self._family_id), c.notes.for_family(self._family_id)
            )
        )
        if current is not None:
            self.select_record(current.record.id)
        self._update_actions()
        self.check_overdue()

    def select_record(self, record_id: str) -> bool:
        """Select the row of record `record_id`; False if it is not shown."""
        return self.table.select_first(lambda entry: entry.record.id == record_id)

    @Slot()
    def check_overdue(self) -> None:
        """Show the lone-working alert if a checked-in visit of this family is past its end."""
        overdue = [
            r for r in self._caseload.visits.overdue() if r.get("family_id") == self._family_id
        ]
        if overdue:
            text = "⚠ " + _(
                "Lone working: a visit is overdue — expected back at {when} and not checked out. "
                "Make sure the officer is safe, then check out."
            ).format(when=local_moment(overdue[0].get("expected_end")))
            show_message(self.overdue_label, text)
        else:
            show_message(self.overdue_label, "")

    def _update_actions(self) -> None:
        entry = self.table.current()
        rec = entry.record if entry else None
        is_visit = rec is not None and rec.kind == "visit"
        checked_in = bool(rec and rec.get("checked_in_at"))
        checked_out = bool(rec and rec.get("checked_out_at"))
        planned = is_visit and rec is not None and rec.get("status") == "planned"
        self.reschedule_action.setEnabled(planned and not checked_in)
        self.cancel_visit_action.setEnabled(planned and not checked_in)
        self.check_in_action.setEnabled(is_visit and not checked_in)
        self.check_out_action.setEnabled(is_visit and checked_in and not checked_out)
        self.open_action.setEnabled(entry is not None and entry.is_draft_note)
        self.amend_action.setEnabled(entry is not None and entry.is_final_note)
        self.concern_action.setEnabled(rec is not None)
        self.agree_action.setEnabled(rec is not None)
        self.outcome_action.setEnabled(planned)
        for act, button in self._buttons.items():
            button.setEnabled(act.isEnabled())

    # -- slots -----------------------------------------------------------------------------------
    @Slot()
    def _on_current_changed(self) -> None:
        entry = self.table.current()
        if entry is None:
            self.preview.clear()
        elif entry.is_visit:
            r = entry.record
            self.preview.setPlainText(
                "\n".join(
                    x
                    for x in (
                        _("Visit on {day} {time}").format(
                            day=r.get("date"), time=r.get("time") or ""
                        ),
                        str(r.get("purpose") or ""),
                        visit_state(r, self.model.now_iso) + visit_outcome_words(r),
                    )
                    if x
                )
            )
        else:
            self.preview.setPlainText(str(entry.record.get("text") or ""))
        self._update_actions()

    def _open_dialog(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _on_plan(self) -> None:
        dialog = VisitDialog(
            self._caseload.visits, self._family_id, self, diary=self._caseload.diary
        )
        dialog.planned.connect(self._on_record_saved)
        self._open_dialog(dialog)

    @Slot()
    def _on_reschedule(self) -> None:
        entry = self.table.current()
        if entry is None or not entry.is_visit:
            return
        dialog = VisitDialog(
            self._caseload.visits,
            self._family_id,
            self,
            visit=entry.record,
            diary=self._caseload.diary,
        )
        dialog.planned.connect(self._on_record_saved)
        self._open_dialog(dialog)

    @Slot()
    def _on_cancel_visit(self) -> None:
        self.open_outcome("by_family")

    @Slot()
    def _on_outcome(self) -> None:
        self.open_outcome("completed")

    def open_outcome(self, outcome: str) -> None:
        """Ask how the selected planned visit ended (`outcome` chosen to begin with)."""
        entry = self.table.current()
        if entry is None or not entry.is_visit:
            return
        dialog = VisitOutcomeDialog(self._caseload.visits, entry.record, self, outcome=outcome)
        dialog.recorded.connect(self._on_record_saved)
        self._open_dialog(dialog)

    @Slot()
    def _on_check_in(self) -> None:
        entry = self.table.current()
        if entry is None or not entry.is_visit:
            return
        dialog = CheckInDialog(self._caseload.visits, entry.record, self)
        dialog.checked_in.connect(self._on_record_saved)
        self._open_dialog(dialog)

    @Slot()
    def _on_check_out(self) -> None:
        entry = self.table.current()
        if entry is None or not entry.is_visit:
            return
        if entry.record.get("status") == "planned":  # leaving: say how it went
            self.open_outcome("completed")
            return
        try:
            visit = self._caseload.visits.check_out(entry.record.id)
        except LiaisonError as exc:
            show_message(self.message, str(exc))
            return
        show_message(self.message, "")
        self._on_record_saved(visit)

    def open_editor(
        self,
        *,
        note: Record | None = None,
        amends: Record | None = None,
        visit_id: str | None = None,
    ) -> NoteEditor:
        """Open the note editor (new note, a draft, or an amendment)."""
        editor = NoteEditor(
            self._caseload.notes,
            self._family_id,
            note=note,
            amends=amends,
            visit_id=visit_id,
            autosave_ms=self.autosave_ms,
            about_to_lock=self._about_to_lock,
            parent=self,
        )
        editor.saved.connect(self._on_record_saved)
        editor.finalised.connect(self._on_record_saved)
        self.editor = editor
        editor.open()
        return editor

    @Slot()
    def _on_new_note(self) -> None:
        entry = self.table.current()
        visit_id = entry.record.id if entry is not None and entry.is_visit else None
        self.open_editor(visit_id=visit_id)

    @Slot()
    def _on_open(self) -> None:
        entry = self.table.current()
        if entry is not None and entry.is_draft_note:
            self.open_editor(note=entry.record)

    @Slot()
    def _on_amend(self) -> None:
        entry = self.table.current()
        if entry is not None and entry.is_final_note:
            self.open_editor(amends=entry.record)

    @Slot()
    def _on_concern(self) -> None:
        entry = self.table.current()
        if entry is None:
            return
        dialog = ConcernDialog(self._caseload.concerns, entry.record, self)
        dialog.raised.connect(self._on_concern_raised)
        self._open_dialog(dialog)

    @Slot()
    def _on_agree_action(self) -> None:
        entry = self.table.current()
        if entry is None:
            return
        record = entry.record
        what = (
            _("{day} {purpose}").format(day=record.get("date"), purpose=record.get("purpose") or "")
            if entry.is_visit
            else summarise(record.get("text"), 80)
        )
        dialog = ActionDialog(
            self._caseload.actions, self._family_id, self, source=record, source_text=what
        )
        dialog.saved.connect(self._on_concern_raised)
        self._open_dialog(dialog)

    @Slot(object)
    def _on_concern_raised(self, _concern: object) -> None:
        show_message(self.message, "")
        self.changed.emit()

    @Slot(object)
    def _on_record_saved(self, record: object) -> None:
        self.refresh()
        if isinstance(record, Record):
            self.select_record(record.id)
        self.changed.emit()
