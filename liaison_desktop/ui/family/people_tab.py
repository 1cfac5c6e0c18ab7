"""People: the household's members in a table; add or change a person in a dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain import vocabulary as v
from ...domain.pupil_facts import facts_words
from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _
from ...services.people_service import PeopleService
from ...services.schools_service import SchoolsService
from ..widgets.choice_combo import refill_combo
from ..widgets.discard_guard import DiscardGuard
from .common import Column, FieldForm, RowsModel, RowsTable, date_edit, day_of, text_of

NO_YEAR = -2  # the spin box's "not set" value, shown as its special text


def _columns() -> list[Column[Record]]:
    return [
        Column(_("Name"), PeopleService.display_name),
        Column(_("Role"), lambda p: v.label(str(p.get("role") or ""))),
        Column(_("Relationship"), lambda p: text_of(p.get("relationship"))),
        Column(_("Date of birth"), lambda p: day_of(p.get("date_of_birth"))),
        Column(_("Year"), lambda p: text_of(p.get("year_group"))),
        Column(_("Facts"), facts_words),
        Column(_("Languages"), lambda p: text_of(p.get("languages"))),
        Column(_("Interpreter"), lambda p: _("Yes") if p.get("interpreter_needed") else ""),
        Column(_("Phone"), lambda p: text_of(p.get("phone"))),
    ]


class PupilFactsBox(QGroupBox):
    """Free school meals, pupil premium, SEND, social care status, young carer and EAL, each
    with the day it began where schools record one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Pupil facts"), parent)
        self.fsm_check = QCheckBox(_("Free sc&hool meals"))
        self.fsm_since = _since_edit(_("Free school meals since"))
        self.pp_check = QCheckBox(_("Pupil prem&ium"))
        self.send_combo = QComboBox()
        self.send_combo.addItem(_("No SEND"), None)
        for value in v.SEND_STATUSES:
            self.send_combo.addItem(v.label(value), value)
        self.send_since = _since_edit(_("SEND since"))
        self.care_combo = QComboBox()
        self.care_combo.addItem(_("Not known to social care"), None)
        for value in v.CARE_STATUSES:
            self.care_combo.addItem(v.label(value), value)
        self.care_since = _since_edit(_("Social care status since"))
        self.young_carer_check = QCheckBox(_("Y&oung carer"))
        self.eal_check = QCheckBox(_("English as an addi&tional language"))
        form = QFormLayout(self)
        form.addRow(self.fsm_check, self.fsm_since)
        form.addRow(self.pp_check)
        send_label = QLabel(_("SEND pro&vision"))
        send_label.setBuddy(self.send_combo)
        self.send_combo.setAccessibleName(_("SEND"))
        form.addRow(send_label, self.send_combo)
        form.addRow(QLabel(_("since")), self.send_since)
        care_label = QLabel(_("Kno&wn to social care"))
        care_label.setBuddy(self.care_combo)
        self.care_combo.setAccessibleName(_("Social care"))
        form.addRow(care_label, self.care_combo)
        form.addRow(QLabel(_("since")), self.care_since)
        form.addRow(self.young_carer_check)
        form.addRow(self.eal_check)
        self.fsm_check.toggled.connect(self._update)
        self.send_combo.currentIndexChanged.connect(self._update)
        self.care_combo.currentIndexChanged.connect(self._update)
        self._update()

    @Slot()
    def _update(self) -> None:
        self.fsm_since.setEnabled(self.fsm_check.isChecked())
        self.send_since.setEnabled(self.send_combo.currentData() is not None)
        self.care_since.setEnabled(self.care_combo.currentData() is not None)

    def fill(self, person: Record) -> None:
        """Show a person's facts."""
        self.fsm_check.setChecked(bool(person.get("fsm")))
        self.pp_check.setChecked(bool(person.get("pupil_premium")))
        self.young_carer_check.setChecked(bool(person.get("young_carer")))
        self.eal_check.setChecked(bool(person.get("eal")))
        self.send_combo.setCurrentIndex(max(0, self.send_combo.findData(person.get("send"))))
        self.care_combo.setCurrentIndex(max(0, self.care_combo.findData(person.get("care_status"))))
        for edit, key in (
            (self.fsm_since, "fsm_since"),
            (self.send_since, "send_since"),
            (self.care_since, "care_since"),
        ):
            day = person.get(key)
            edit.setDate(QDate.fromString(str(day), "yyyy-MM-dd") if day else edit.minimumDate())
        self._update()

    def values(self) -> dict[str, Any]:
        """The facts as the service takes them (a day only where the fact holds and is set)."""

        def since(edit: QDateEdit) -> str | None:
            if not edit.isEnabled() or edit.date() == edit.minimumDate():
                return None
            return edit.date().toString("yyyy-MM-dd")

        return {
            "fsm": self.fsm_check.isChecked(),
            "fsm_since": since(self.fsm_since),
            "pupil_premium": self.pp_check.isChecked(),
            "send": self.send_combo.currentData(),
            "send_since": since(self.send_since),
            "care_status": self.care_combo.currentData(),
            "care_since": since(self.care_since),
            "young_carer": self.young_carer_check.isChecked(),
            "eal": self.eal_check.isChecked(),
        }


def _since_edit(name: str) -> QDateEdit:
    """A "since" day, shown as "not known" until one is chosen."""
    edit = date_edit()
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setSpecialValueText(_("day not known"))
    edit.setDate(edit.minimumDate())
    edit.setAccessibleName(name)
    return edit


class PersonDialog(DiscardGuard, QDialog):
    """Add a person to the family, or change one (`person` given)."""

    saved = Signal(object)

    def __init__(
        self,
        people: PeopleService,
        family_id: str,
        person: Record | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._people = people
        self._family_id = family_id
        self.person = person
        self.setWindowTitle(_("Change a person") if person else _("Add a person"))
        self.form = FieldForm()
        self.given_edit = QLineEdit()
        self.family_name_edit = QLineEdit()
        self.preferred_edit = QLineEdit()
        self.preferred_edit.setPlaceholderText(_("Only if not the given name"))
        self.role_combo = QComboBox()
        for role in v.PERSON_ROLES:
            self.role_combo.addItem(v.label(role), role)
        self.relationship_edit = QLineEdit()
        self.dob_check = QCheckBox(_("Date of birth &known"))
        self.dob_edit = QDateEdit()
        self.dob_edit.setCalendarPopup(True)
        self.dob_edit.setDisplayFormat("yyyy-MM-dd")
        self.dob_edit.setDate(QDate.currentDate().addYears(-8))
        self.year_spin = QSpinBox()
        self.year_spin.setRange(NO_YEAR, 14)
        self.year_spin.setSpecialValueText(_("Not set"))
        self.year_spin.setValue(NO_YEAR)
        self.upn_edit = QLineEdit()
        self.languages_edit = QLineEdit()
        self.languages_edit.setPlaceholderText(_("Separate languages with commas"))
        self.interpreter_check = QCheckBox(_("Interpreter &needed"))
        self.phone_edit = QLineEdit()
        self.email_edit = QLineEdit()
        # A federation or trust (issue 23): a pupil at another of its schools names it.
        self.school_combo = QComboBox()
        schools = SchoolsService(people.ctx).choices()
        refill_combo(self.school_combo, _("The family's school"), schools)
        dob_row = QWidget()
        dob_layout = QHBoxLayout(dob_row)
        dob_layout.setContentsMargins(0, 0, 0, 0)
        dob_layout.addWidget(self.dob_check)
        dob_layout.addWidget(self.dob_edit, 1)
        for name, label, widget in (
            ("given_name", _("&Given name"), self.given_edit),
            ("family_name", _("&Family name"), self.family_name_edit),
            ("preferred_name", _("Preferred na&me"), self.preferred_edit),
            ("role", _("&Role"), self.role_combo),
            ("relationship", _("Re&lationship"), self.relationship_edit),
            ("date_of_birth", _("&Date of birth"), dob_row),
            ("year_group", _("&Year group"), self.year_spin),
            ("upn", _("&UPN"), self.upn_edit),
            ("languages", _("L&anguages"), self.languages_edit),
            ("interpreter_needed", _("Interpreter"), self.interpreter_check),
            ("phone", _("&Phone"), self.phone_edit),
            ("email", _("&Email"), self.email_edit),
        ):
            self.form.add(name, label, widget)
        if schools:
            self.form.add("school_id", _("S&chool"), self.school_combo)
        self._with_schools = bool(schools)
        self.dob_edit.setAccessibleName(_("Date of birth"))
        self.facts = PupilFactsBox()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        columns = QHBoxLayout()
        columns.addWidget(self.form, 3)
        columns.addWidget(self.facts, 2, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        if person is not None:
            self._fill(person)

    def _fill(self, p: Record) -> None:
        self.given_edit.setText(text_of(p.get("given_name")))
        self.family_name_edit.setText(text_of(p.get("family_name")))
        self.preferred_edit.setText(text_of(p.get("preferred_name")))
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(p.get("role"))))
        self.relationship_edit.setText(text_of(p.get("relationship")))
        if p.get("date_of_birth"):
            self.dob_check.setChecked(True)
            self.dob_edit.setDate(QDate.fromString(str(p["date_of_birth"]), "yyyy-MM-dd"))
        year = p.get("year_group")
        self.year_spin.setValue(int(year) if year is not None else NO_YEAR)
        self.upn_edit.setText(text_of(p.get("upn")))
        self.languages_edit.setText(text_of(p.get("languages")))
        self.interpreter_check.setChecked(bool(p.get("interpreter_needed")))
        self.phone_edit.setText(text_of(p.get("phone")))
        self.email_edit.setText(text_of(p.get("email")))
        self.school_combo.setCurrentIndex(max(0, self.school_combo.findData(p.get("school_id"))))
        self.facts.fill(p)

    def values(self) -> dict[str, Any]:
        """The person as the service takes it."""
        year = self.year_spin.value()
        return {
            "given_name": self.given_edit.text(),
            "family_name": self.family_name_edit.text(),
            "preferred_name": self.preferred_edit.text(),
            "role": self.role_combo.currentData(),
            "relationship": self.relationship_edit.text(),
            "date_of_birth": self.dob_edit.date().toString("yyyy-MM-dd")
            if self.dob_check.isChecked()
            else None,
            "year_group": None if year == NO_YEAR else year,
            "upn": self.upn_edit.text(),
            "languages": self.languages_edit.text(),
            "interpreter_needed": self.interpreter_check.isChecked(),
            "phone": self.phone_edit.text(),
            "email": self.email_edit.text(),
            **self.facts.values(),
            **(
                {"school_id": self.school_combo.currentData() or None} if self._with_schools else {}
            ),
        }

    @Slot()
    def _on_save(self) -> None:
        try:
            if self.person is None:
                saved = self._people.create({"family_id": self._family_id, **self.values()})
            else:
                saved = self._people.update(self.person.id, self.values())
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.saved.emit(saved)
        self.accept()


class PeopleTab(QWidget):
    """The household's members; add and change people."""

    changed = Signal()

    def __init__(
        self, people: PeopleService, family_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._people = people
        self._family_id = family_id
        self.dialog: PersonDialog | None = None
        self.model: RowsModel[Record] = RowsModel(_columns(), self)
        self.table: RowsTable[Record] = RowsTable(self.model, _("People in the household"))
        self.table.stretch(0)
        self.add_button = QPushButton(_("&Add a person…"))
        self.edit_button = QPushButton(_("&Change…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.add_button.clicked.connect(self._on_add)
        self.edit_button.clicked.connect(self._on_edit)
        self.table.doubleClicked.connect(self._on_edit)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the members."""
        self.model.set_rows(self._people.members(self._family_id))

    def _open(self, person: Record | None) -> None:
        self.dialog = PersonDialog(self._people, self._family_id, person, self)
        self.dialog.saved.connect(self._on_saved)
        self.dialog.open()

    @Slot()
    def _on_add(self) -> None:
        self._open(None)

    @Slot()
    def _on_edit(self) -> None:
        person = self.table.current()
        if person is not None:
            self._open(person)

    @Slot(object)
    def _on_saved(self, _person: object) -> None:
        self.refresh()
        self.changed.emit()
