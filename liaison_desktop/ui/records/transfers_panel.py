"""Records → Transfers: child-protection files sent to pupils' new schools and not yet
confirmed received, with the five-school-day clock (bank holidays and INSET days counted);
confirming a receipt, and the school calendar the clock uses."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.school_calendar import NATIONS
from ...errors import LiaisonError
from ...i18n import _
from ...services.caseload import Caseload
from ...services.people_service import PeopleService
from ...services.transfers_service import TransferStatus
from ..family.common import (
    Column,
    FieldForm,
    RowsModel,
    RowsTable,
    date_edit,
    error_label,
    py_date,
    show_message,
    text_of,
)
from ..widgets.styles import muted


class ReceiptDialog(QDialog):
    """The day the receiving school confirmed receipt, and who signed for it."""

    saved = Signal(object)

    def __init__(
        self, caseload: Caseload, status: TransferStatus, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._status = status
        self.setWindowTitle(_("Confirm receipt of a file"))
        self.form = FieldForm()
        self.day_edit = date_edit(QDate.currentDate())
        self.by_edit = QLineEdit()
        self.form.add("received_on", _("&Received on"), self.day_edit)
        self.form.add("received_by", _("Received &by"), self.by_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(_("Sent to {school}").format(school=status.record["receiving_school"]))
        )
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

    @Slot()
    def _on_save(self) -> None:
        try:
            status = self._caseload.transfers.confirm_transfer(
                self._status.record.id, py_date(self.day_edit.date()), self.by_edit.text().strip()
            )
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.saved.emit(status)
        self.accept()


class CalendarDialog(QDialog):
    """Whose bank holidays count, and the school's INSET days."""

    def __init__(self, caseload: Caseload, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._transfers = caseload.transfers
        self.setWindowTitle(_("School calendar"))
        self.form = FieldForm()
        self.nation_combo = QComboBox()
        for nation, words in zip(NATIONS, (_("England"), _("Wales")), strict=True):
            self.nation_combo.addItem(words, nation)
        self.nation_combo.setCurrentIndex(
            max(0, self.nation_combo.findData(self._transfers.nation()))
        )
        self.inset_edit = QLineEdit(", ".join(d.isoformat() for d in self._transfers.inset_days()))
        self.inset_edit.setPlaceholderText(_("For example: 2026-09-01, 2026-10-23"))
        self.form.add("nation", _("&Bank holidays of"), self.nation_combo)
        self.form.add("inset_days", _("&INSET days"), self.inset_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

    @Slot()
    def _on_save(self) -> None:
        try:
            self._transfers.set_school_days(
                str(self.nation_combo.currentData()), self.inset_edit.text()
            )
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.accept()


class TransfersPanel(QWidget):
    """Transfers awaiting receipt, the longest waiting first; overdue ones in bold."""

    changed = Signal()

    def __init__(self, caseload: Caseload, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self.dialog: QDialog | None = None
        self._names: dict[str, str] = {}
        self.model: RowsModel[TransferStatus] = RowsModel(
            [
                Column(_("Pupil"), lambda s: self._names.get(str(s.record["person_id"]), "")),
                Column(_("New school"), lambda s: text_of(s.record.get("receiving_school"))),
                Column(_("Left"), lambda s: text_of(s.record.get("left_on"))),
                Column(_("Sent"), lambda s: text_of(s.record.get("sent_on"))),
                Column(_("Due by"), lambda s: s.due_by.isoformat() if s.due_by else ""),
                Column(
                    _("School days"),
                    lambda s: text_of(s.school_days_waiting),
                    lambda s: s.school_days_waiting or 0,
                ),
                Column(
                    _("State"),
                    lambda s: _("Overdue: chase the new school") if s.overdue else _("Waiting"),
                ),
            ],
            self,
        )
        self.model.emphasis = lambda s: s.overdue
        self.table: RowsTable[TransferStatus] = RowsTable(
            self.model, _("Transfers awaiting receipt")
        )
        self.table.stretch(1)
        self.confirm_button = QPushButton(_("Confirm &receipt…"))
        self.calendar_button = QPushButton(_("School &calendar…"))
        self.explain = muted(
            QLabel(
                _(
                    "A pupil's child-protection file is due at the new school within five "
                    "school days of leaving (weekends, bank holidays and INSET days do not "
                    "count). Make the pack from Reports → Transfer pack."
                )
            )
        )
        self.explain.setWordWrap(True)
        self.message = error_label(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.calendar_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.confirm_button.clicked.connect(self._on_confirm)
        self.calendar_button.clicked.connect(self._on_calendar)
        self.refresh()

    def refresh(self) -> None:
        """Read the transfers awaiting receipt again."""
        waiting = self._caseload.transfers.awaiting_receipt()
        people = self._caseload.people
        for status in waiting:
            person = people.find(str(status.record["person_id"]))
            self._names[str(status.record["person_id"])] = (
                PeopleService.display_name(person) if person else ""
            )
        self.model.set_rows(waiting)
        self.confirm_button.setEnabled(bool(waiting))

    @Slot()
    def _on_confirm(self) -> None:
        status = self.table.current()
        if status is None:
            show_message(self.message, _("Select the transfer whose receipt was confirmed."))
            return
        show_message(self.message, "")
        dialog = ReceiptDialog(self._caseload, status, self)
        dialog.saved.connect(self._on_changed)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _on_calendar(self) -> None:
        dialog = CalendarDialog(self._caseload, self)
        dialog.accepted.connect(self._on_changed)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _on_changed(self, _status: object = None) -> None:
        self.refresh()
        self.changed.emit()
