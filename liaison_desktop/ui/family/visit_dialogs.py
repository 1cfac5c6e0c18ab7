"""Planning a visit, and checking in to one (lone working: when you expect to be back)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _
from ...services.diary_service import DiaryService
from ...services.validation import ValidationFailed
from ...services.visits_service import VisitsService
from ..widgets.discard_guard import DiscardGuard
from .common import (
    FieldForm,
    py_date,
    py_time,
)


class VisitDialog(DiscardGuard, QDialog):
    """Plan a visit, or reschedule a planned one (`visit`): date, time, purpose and the
    expected end (for lone working)."""

    planned = Signal(object)

    def __init__(
        self,
        visits: VisitsService,
        family_id: str,
        parent: QWidget | None = None,
        *,
        visit: Record | None = None,
        diary: DiaryService | None = None,
    ) -> None:
        super().__init__(parent)
        self._visits = visits
        self._family_id = family_id
        self._visit = visit
        self._diary = diary
        self._clash_said: tuple[object, ...] | None = None
        self.setWindowTitle(_("Reschedule a visit") if visit is not None else _("Plan a visit"))
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
        if visit is not None:
            self._fill(visit)

    def _fill(self, visit: Record) -> None:
        self.date_edit.setDate(QDate.fromString(str(visit.get("date") or ""), "yyyy-MM-dd"))
        if visit.get("time"):
            self.time_edit.setTime(QTime.fromString(str(visit["time"]), "HH:mm"))
        self.purpose_edit.setText(str(visit.get("purpose") or ""))
        end = visit.get("expected_end")
        self.end_check.setChecked(bool(end))
        if end:
            moment = datetime.fromisoformat(str(end)).astimezone()
            self.end_edit.setTime(QTime(moment.hour, moment.minute))

    @Slot()
    def _on_save(self) -> None:
        day = py_date(self.date_edit.date())
        if day < date.today():
            # Said, not silently accepted: a visit that already happened is written as a note.
            self.form.show_error(
                ValidationFailed(
                    [
                        (
                            "date",
                            _(
                                "is in the past: plan a visit for today or later; to record "
                                "a visit that happened, write a note"
                            ),
                        )
                    ]
                )
            )
            return
        end = None
        if self.end_check.isChecked():
            end = datetime.combine(day, py_time(self.end_edit.time())).astimezone(UTC)
        if self._warn_of_clash(day, self.time_edit.time().toString("HH:mm"), end):
            return
        try:
            if self._visit is not None:
                visit = self._visits.reschedule(
                    self._visit.id,
                    day,
                    purpose=self.purpose_edit.text(),
                    time=self.time_edit.time().toString("HH:mm"),
                    expected_end=end,
                )
            else:
                visit = self._visits.plan(
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

    def _warn_of_clash(self, day: date, at: str, end: datetime | None) -> bool:
        """Say once that the visit clashes with another of the officer's; True if said now
        (Save again keeps both: two visits can be meant to overlap, a joint visit say)."""
        if self._diary is None:
            return False
        asked = (day, at, end)
        clashes = self._diary.clashes(
            day, at, end, exclude=self._visit.id if self._visit is not None else None
        )
        if not clashes or self._clash_said == asked:
            return False
        self._clash_said = asked
        self.form.show_error(
            ValidationFailed(
                [
                    (
                        "time",
                        _(
                            "clashes with your visit at {time} that day; change the time, or "
                            "save again to keep both"
                        ).format(time=clashes[0].get("time")),
                    )
                ]
            )
        )
        return True


class CheckInDialog(QDialog):
    """Lone working: record arrival and when the officer expects to leave."""

    checked_in = Signal(object)

    def __init__(self, visits: VisitsService, visit: Record, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._visits = visits
        self._visit = visit
        self.setWindowTitle(_("Check in to a visit"))
        self.form = FieldForm()
        self.end_edit = QDateTimeEdit(QDateTime.currentDateTime().addSecs(3600))
        self.end_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.form.add("expected_end", _("Expected &end"), self.end_edit)
        explain = QLabel(
            _(
                "If you have not checked out by then, this laptop shows an alert on Today. Your "
                "safeguarding lead sees this visit, and the alert, only once your check-in "
                "reaches them: at your next sync. If you cannot sync before you go in, tell "
                "someone at school by phone or message now, as your lone-working procedure says."
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
            visit = self._visits.check_in(self._visit.id, self.expected_end())
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.checked_in.emit(visit)
        self.accept()
