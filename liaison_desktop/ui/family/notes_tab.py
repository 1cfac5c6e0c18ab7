"""Visits and notes in one list: plan and check in/out of visits, write, finalise, amend.

Lone working: a checked-in visit past its expected end with no check-out shows a visible
alert at the top of the tab (checked every half-minute while the page is open).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, Signal, SignalInstance, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain import vocabulary as v
from ...domain.chronology import summarise
from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _
from ...services.caseload import Caseload
from ..widgets.styles import apply_error_style
from .common import (
    Column,
    FieldForm,
    RowsModel,
    RowsTable,
    error_label,
    local_moment,
    py_date,
    py_time,
    show_message,
)
from .concern_dialog import ConcernDialog
from .note_editor import AUTOSAVE_MS, NoteEditor

OVERDUE_CHECK_MS = 30_000


@dataclass(frozen=True)
class Entry:
    """One row of the list: a visit or a note (an amendment sits right after its note)."""

    record: Record
    depth: int = 0

    @property
    def is_visit(self) -> bool:
        return self.record.kind == "visit"

    @property
    def is_draft_note(self) -> bool:
        """A note still being written: it can be opened again."""
        return self.record.kind == "note" and self.record.get("status") == "draft"

    @property
    def is_final_note(self) -> bool:
        """A finalised note: it can only be amended."""
        return self.record.kind == "note" and self.record.get("status") == "final"


def _visit_key(r: Record) -> str:
    return "{d}T{t}".format(d=r.get("date") or "", t=r.get("time") or "00:00")


def _note_key(r: Record) -> str:
    # Notes store UTC date-times; comparing as local text is close enough for ordering a day.
    return local_moment(r.get("written_at")).replace(" ", "T")


def arrange_entries(visits: list[Record], notes: list[Record]) -> list[Entry]:
    """Newest first; each note's amendments directly after it, oldest amendment first."""
    ids = {n.id for n in notes}
    children: dict[str, list[Record]] = {}
    roots: list[tuple[str, Record]] = [(_visit_key(r), r) for r in visits]
    for note in notes:
        parent = note.get("amends")
        if parent and parent in ids:
            children.setdefault(str(parent), []).append(note)
        else:
            roots.append((_note_key(note), note))
    roots.sort(key=lambda item: item[0], reverse=True)
    out: list[Entry] = []

    def add(record: Record, depth: int) -> None:
        out.append(Entry(record, depth))
        for child in sorted(children.get(record.id, []), key=lambda n: str(n.get("written_at"))):
            add(child, depth + 1)

    for _key, record in roots:
        add(record, 0)
    return out


def visit_state(visit: Record, now_iso: str) -> str:
    """A visit's status in words, including lone-working check-in and out."""
    if visit.get("checked_in_at") and not visit.get("checked_out_at"):
        end = visit.get("expected_end")
        if end and str(end) < now_iso:
            return _("Overdue — expected back {when}").format(when=local_moment(end)[11:])
        return _("Checked in — expected back {when}").format(when=local_moment(end)[11:])
    return v.label(str(visit.get("status") or ""))


class NotesModel(RowsModel[Entry]):
    """Visits and notes as rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.now_iso = ""
        super().__init__(
            [
                Column(_("When"), self._when),
                Column(_("What"), self._what),
                Column(_("Summary"), self._summary),
                Column(_("Status"), self._status),
                Column(_("By"), self._by),
            ],
            parent,
        )

    @staticmethod
    def _when(e: Entry) -> str:
        r = e.record
        if e.is_visit:
            return " ".join(x for x in (str(r.get("date") or ""), str(r.get("time") or "")) if x)
        return local_moment(r.get("written_at"))

    @staticmethod
    def _what(e: Entry) -> str:
        if e.is_visit:
            return _("Visit")
        if e.record.get("amends"):
            return "↳ " + _("Amendment")
        return _("Note: {template}").format(
            template=v.label(str(e.record.get("template") or "general"))
        )

    @staticmethod
    def _summary(e: Entry) -> str:
        r = e.record
        return summarise(str(r.get("purpose") if e.is_visit else r.get("text") or ""))

    def _status(self, e: Entry) -> str:
        if e.is_visit:
            return visit_state(e.record, self.now_iso)
        return _("Final") if e.record.get("status") == "final" else _("Draft")

    @staticmethod
    def _by(e: Entry) -> str:
        return str(e.record.get("officer" if e.is_visit else "author") or "")


class VisitDialog(QDialog):
    """Plan a visit: date, time, purpose and the expected end (for lone working)."""

    planned = Signal(object)

    def __init__(self, caseload: Caseload, family_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._family_id = family_id
        self.setWindowTitle(_("Plan a visit"))
        self.form = FieldForm()
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.time_edit = QTimeEdit(QTime(10, 0))
        self.time_edit.setDisplayFormat("HH:mm")
        self.purpose_edit = QLineEdit()
        self.end_check = QCheckBox(_("Set an expected &end"))
        self.end_check.setChecked(True)
        self.end_edit = QTimeEdit(QTime(11, 0))
        self.end_edit.setDisplayFormat("HH:mm")
        self.end_edit.setAccessibleName(_("Expected end"))
        end_row = QWidget()
        end_layout = QHBoxLayout(end_row)
        end_layout.setContentsMargins(0, 0, 0, 0)
        end_layout.addWidget(self.end_check)
        end_layout.addWidget(self.end_edit, 1)
        self.form.add("date", _("&Date"), self.date_edit)
        self.form.add("time", _("&Time"), self.time_edit)
        self.form.add("purpose", _("&Purpose"), self.purpose_edit)
        self.form.add("expected_end", _("Expected end"), end_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.end_check.toggled.connect(self.end_edit.setEnabled)

    @Slot()
    def _on_save(self) -> None:
        day = py_date(self.date_edit.date())
        end = None
        if self.end_check.isChecked():
            end = datetime.combine(day, py_time(self.end_edit.time())).astimezone(UTC)
        try:
            visit = self._caseload.visits.plan(
                self._family_id,
                day,
                purpose=self.purpose_edit.text(),
                time=self.time_edit.time().toString("HH:mm"),
                expected_end=end,
            )
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.planned.emit(visit)
        self.accept()


class CheckInDialog(QDialog):
    """Lone working: record arrival and when the officer expects to leave."""

    checked_in = Signal(object)

    def __init__(self, caseload: Caseload, visit: Record, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._visit = visit
        self.setWindowTitle(_("Check in to a visit"))
        self.form = FieldForm()
        self.end_edit = QDateTimeEdit(QDateTime.currentDateTime().addSecs(3600))
        self.end_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.form.add("expected_end", _("Expected &end"), self.end_edit)
        explain = QLabel(
            _(
                "If you have not checked out by then, this device shows an alert so a colleague "
                "can make sure you are safe."
            )
        )
        explain.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.check_in_button = self.buttons.addButton(
            _("&Check in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_check_in)
        self.buttons.rejected.connect(self.reject)

    def expected_end(self) -> datetime:
        """The chosen end as an aware UTC time."""
        return datetime.fromisoformat(
            self.end_edit.dateTime().toString("yyyy-MM-ddTHH:mm:ss")
        ).astimezone(UTC)

    @Slot()
    def _on_check_in(self) -> None:
        try:
            visit = self._caseload.visits.check_in(self._visit.id, self.expected_end())
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.checked_in.emit(visit)
        self.accept()


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

        self.plan_action = action(_("Plan a &visit…"))
        self.check_in_action = action(_("Check &in…"))
        self.check_out_action = action(_("Check &out"))
        self.new_note_action = action(_("&New note…"), "Ctrl+N")
        self.open_action = action(_("&Open draft…"))
        self.amend_action = action(_("&Amend…"))
        self.concern_action = action(_("Raise a &concern…"), "Ctrl+Shift+C")
        self._buttons: dict[QAction, QPushButton] = {}
        row = QHBoxLayout()
        for act in (
            self.plan_action,
            self.check_in_action,
            self.check_out_action,
            self.new_note_action,
            self.open_action,
            self.amend_action,
            self.concern_action,
        ):
            button = QPushButton(act.text())
            button.clicked.connect(act.trigger)
            self._buttons[act] = button
            row.addWidget(button)
        row.addStretch(1)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for act in (
            self.concern_action,
            self.open_action,
            self.amend_action,
            self.check_in_action,
            self.check_out_action,
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
        self.check_in_action.triggered.connect(self._on_check_in)
        self.check_out_action.triggered.connect(self._on_check_out)
        self.new_note_action.triggered.connect(self._on_new_note)
        self.open_action.triggered.connect(self._on_open)
        self.amend_action.triggered.connect(self._on_amend)
        self.concern_action.triggered.connect(self._on_concern)
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
        self.check_in_action.setEnabled(is_visit and not checked_in)
        self.check_out_action.setEnabled(is_visit and checked_in and not checked_out)
        self.open_action.setEnabled(entry is not None and entry.is_draft_note)
        self.amend_action.setEnabled(entry is not None and entry.is_final_note)
        self.concern_action.setEnabled(rec is not None)
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
                        visit_state(r, self.model.now_iso),
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
        dialog = VisitDialog(self._caseload, self._family_id, self)
        dialog.planned.connect(self._on_record_saved)
        self._open_dialog(dialog)

    @Slot()
    def _on_check_in(self) -> None:
        entry = self.table.current()
        if entry is None or not entry.is_visit:
            return
        dialog = CheckInDialog(self._caseload, entry.record, self)
        dialog.checked_in.connect(self._on_record_saved)
        self._open_dialog(dialog)

    @Slot()
    def _on_check_out(self) -> None:
        entry = self.table.current()
        if entry is None or not entry.is_visit:
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
            self._caseload,
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
        dialog = ConcernDialog(self._caseload, entry.record, self)
        dialog.raised.connect(self._on_concern_raised)
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
