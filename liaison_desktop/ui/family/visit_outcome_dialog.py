"""How a visit ended: completed, no access (and what was done about it), cancelled by the
family or the school, or rescheduled to another day; with time and mileage for the term."""

from __future__ import annotations

from PySide6.QtCore import QDate, QTime, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain import vocabulary as v
from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _
from ...services.visits_service import TimeSpent, VisitsService
from .common import FieldForm, date_edit, py_date

NOT_RECORDED = -1


def _amount(maximum: int, suffix: str) -> QSpinBox:
    """A spin box whose lowest value means "not recorded" (left empty, not 0)."""
    box = QSpinBox()
    box.setRange(NOT_RECORDED, maximum)
    box.setSpecialValueText(_("not recorded"))
    box.setSuffix(suffix)
    box.setValue(NOT_RECORDED)
    return box


class VisitOutcomeDialog(QDialog):
    """Record a planned visit's outcome; `check_out` too when the officer is still inside."""

    recorded = Signal(object)

    def __init__(
        self,
        visits: VisitsService,
        visit: Record,
        parent: QWidget | None = None,
        *,
        outcome: str = "completed",
    ) -> None:
        super().__init__(parent)
        self._visits = visits
        self._visit = visit
        self.setWindowTitle(_("How did the visit end?"))
        self.outcome_group = QButtonGroup(self)
        self.outcome_buttons: dict[str, QRadioButton] = {}
        outcomes_box = QGroupBox(_("Outcome"))
        outcomes_layout = QVBoxLayout(outcomes_box)
        for key, text in (
            ("completed", _("&Completed")),
            ("no_access", _("&No access: nobody answered or we could not go in")),
            ("by_family", _("Cancelled by the &family")),
            ("by_school", _("Cancelled by the sc&hool")),
            ("rescheduled", _("&Rescheduled to another day")),
        ):
            button = QRadioButton(text)
            self.outcome_group.addButton(button)
            self.outcome_buttons[key] = button
            outcomes_layout.addWidget(button)
        self.steps_box = QGroupBox(_("When nobody answered, what did you do?"))
        steps_layout = QVBoxLayout(self.steps_box)
        self.step_checks: dict[str, QCheckBox] = {}
        for step in v.NO_ACCESS_STEPS:
            check = QCheckBox(v.label(step))
            self.step_checks[step] = check
            steps_layout.addWidget(check)

        self.form = FieldForm()
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(_("For example: curtains drawn, car on the drive"))
        self.new_date_edit = date_edit(QDate.currentDate().addDays(7))
        self.new_time_edit = QTimeEdit(QTime.fromString(str(visit.get("time") or "10:00"), "HH:mm"))
        self.new_time_edit.setDisplayFormat("HH:mm")
        new_day = QWidget()
        new_day_layout = QHBoxLayout(new_day)
        new_day_layout.setContentsMargins(0, 0, 0, 0)
        new_day_layout.addWidget(self.new_date_edit, 1)
        new_day_layout.addWidget(self.new_time_edit)
        self.new_time_edit.setAccessibleName(_("New time"))
        self.new_date_edit.setAccessibleName(_("New day"))
        self.minutes_edit = _amount(1440, _(" min"))
        self.travel_edit = _amount(1440, _(" min"))
        self.miles_edit = _amount(1000, _(" miles"))
        self.form.add("outcome_note", _("&What happened"), self.note_edit)
        self.form.add("date", _("New &day"), new_day)
        self.form.add("minutes", _("&Minutes with the family"), self.minutes_edit)
        self.form.add("travel_minutes", _("&Travel minutes"), self.travel_edit)
        self.form.add("miles", _("Mi&les driven"), self.miles_edit)
        # What was done, and who cancelled, are said beside "What happened".
        for name in ("no_access_steps", "cancelled_by"):
            self.form.errors[name] = self.form.errors["outcome_note"]
            self.form.fields[name] = self.note_edit

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(outcomes_box)
        layout.addWidget(self.steps_box)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.outcome_group.buttonToggled.connect(self._update_enabled)
        self.choose(outcome)

    def choose(self, key: str) -> None:
        """Select an outcome: a status, or 'by_family' / 'by_school' for a cancellation."""
        self.outcome_buttons[key].setChecked(True)
        self._update_enabled()

    def chosen(self) -> str:
        """The selected outcome key."""
        return next(k for k, b in self.outcome_buttons.items() if b.isChecked())

    @Slot()
    def _update_enabled(self) -> None:
        key = self.chosen()
        self.steps_box.setEnabled(key == "no_access")
        rescheduling = key == "rescheduled"
        self.new_date_edit.setEnabled(rescheduling)
        self.new_time_edit.setEnabled(rescheduling)

    def time_spent(self) -> TimeSpent:
        """The time and mileage typed (None where left at "not recorded")."""

        def value(box: QSpinBox) -> int | None:
            return None if box.value() == NOT_RECORDED else box.value()

        return TimeSpent(value(self.minutes_edit), value(self.travel_edit), value(self.miles_edit))

    @Slot()
    def _on_save(self) -> None:
        key = self.chosen()
        status = "cancelled" if key in v.CANCELLED_BY else key
        try:
            visit = self._visits.record_outcome(
                self._visit.id,
                status,
                steps=[s for s, c in self.step_checks.items() if c.isChecked()]
                if key == "no_access"
                else [],
                note=self.note_edit.text(),
                cancelled_by=key if key in v.CANCELLED_BY else None,
                new_date=py_date(self.new_date_edit.date()) if key == "rescheduled" else None,
                new_time=self.new_time_edit.time().toString("HH:mm"),
                time=self.time_spent(),
            )
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.recorded.emit(visit)
        self.accept()
