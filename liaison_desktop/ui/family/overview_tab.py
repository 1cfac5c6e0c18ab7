"""Overview: strengths first, then key facts, alerts, needs and warnings; edit the family."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain import vocabulary as v
from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _
from ...services.caseload import Caseload
from ..widgets.choice_combo import refill_combo
from ..widgets.scroll_area import quiet
from ..widgets.styles import apply_error_style, heading, muted
from .common import FieldForm, submit_on_return, text_of


def _plain() -> QPlainTextEdit:
    widget = QPlainTextEdit()
    widget.setTabChangesFocus(True)  # Tab moves on; these are short fields
    return widget


class OverviewTab(QWidget):
    """The household at a glance, strengths first, and the form to change its details."""

    changed = Signal()

    def __init__(self, caseload: Caseload, family: Record, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self.family = family
        self.members: list[Record] = []  # the household as last read

        self.strengths_label = QLabel()
        self.strengths_label.setWordWrap(True)
        self.household_label = QLabel()
        self.household_label.setWordWrap(True)
        self.key_facts_label = QLabel()
        self.key_facts_label.setWordWrap(True)
        self.alerts_label = QLabel()
        self.alerts_label.setWordWrap(True)
        self.needs_label = QLabel()
        self.needs_label.setWordWrap(True)
        self.warnings_label = QLabel()
        apply_error_style(self.warnings_label)
        self.absence_label = QLabel()
        apply_error_style(self.absence_label)

        summary = QVBoxLayout()
        strengths_box = QGroupBox(_("Strengths"))
        strengths_box.setAccessibleName(_("Strengths"))
        inner = QVBoxLayout(strengths_box)
        inner.addWidget(self.strengths_label)
        summary.addWidget(strengths_box)
        for title, shown in (
            (_("Household"), self.household_label),
            (_("Key facts"), self.key_facts_label),
            (_("Alerts"), self.alerts_label),
            (_("Needs"), self.needs_label),
        ):
            summary.addWidget(heading(title, scale=1.1))
            summary.addWidget(shown)
        summary.addWidget(self.warnings_label)
        summary.addWidget(self.absence_label)
        summary.addStretch(1)

        self.form = FieldForm()
        self.name_edit = QLineEdit()
        self.address_edit = _plain()
        self.postcode_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.strengths_edit = _plain()
        self.key_facts_edit = _plain()
        self.alerts_edit = _plain()
        self.access_edit = QLineEdit()
        self.access_edit.setPlaceholderText(
            _("For example: knock at the side door; dog in the garden")
        )
        self.needs_edit = QLineEdit()
        self.needs_edit.setPlaceholderText(_("Separate needs with commas"))
        # A federation or trust (issue 23): the family's school, offered once there are schools.
        self.school_combo = QComboBox()
        self._schools = caseload.schools.choices()
        refill_combo(self.school_combo, _("Not set"), self._schools)
        # Mnemonics unique on the family page (the tabs have none: Ctrl+Tab moves between them).
        for name, label, widget in (
            ("name", _("&Name"), self.name_edit),
            ("strengths", _("S&trengths"), self.strengths_edit),
            ("address", _("&Address"), self.address_edit),
            ("postcode", _("Post&code"), self.postcode_edit),
            ("phone", _("&Phone"), self.phone_edit),
            ("email", _("&Email"), self.email_edit),
            ("key_facts", _("&Key facts"), self.key_facts_edit),
            ("alerts", _("A&lerts"), self.alerts_edit),
            ("access_notes", _("Getting &in"), self.access_edit),
            ("needs", _("Nee&ds"), self.needs_edit),
        ):
            self.form.add(name, label, widget)
        if self._schools:
            self.form.add("school_id", _("Sc&hool"), self.school_combo)
        for edit in (self.address_edit, self.strengths_edit, self.key_facts_edit, self.alerts_edit):
            lines = edit.fontMetrics().lineSpacing()
            edit.setMinimumHeight(lines * 3)
            edit.setMaximumHeight(lines * 6)
        self.save_button = QPushButton(_("&Save changes"))
        self.undo_button = QPushButton(_("&Undo changes"))
        self.saved_label = muted(QLabel())
        self.saved_label.setWordWrap(True)
        # Save sits at the top of the form, beside its heading, so it is never below the fold
        # (at 200 % the form is taller than the window); its message is right under it.
        buttons = QHBoxLayout()
        buttons.addWidget(heading(_("Change details"), scale=1.1), 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.save_button)
        form_column = QVBoxLayout()
        form_column.addLayout(buttons)
        form_column.addWidget(self.saved_label)
        form_column.addWidget(self.form)
        form_column.addStretch(1)

        content = QWidget()
        row = QHBoxLayout(content)
        row.addLayout(summary, 1)
        row.addLayout(form_column, 1)
        scroll = quiet(QScrollArea())
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.save_button.clicked.connect(self._on_save)
        submit_on_return(
            self.save_button,
            self.name_edit,
            self.postcode_edit,
            self.phone_edit,
            self.email_edit,
            self.access_edit,
            self.needs_edit,
        )
        self.undo_button.clicked.connect(self.undo_changes)
        self._shown: dict[str, Any] = {}
        self.show_family(family)
        for line in (
            self.name_edit,
            self.postcode_edit,
            self.phone_edit,
            self.email_edit,
            self.access_edit,
        ):
            line.textChanged.connect(self._update_buttons)
        self.needs_edit.textChanged.connect(self._update_buttons)
        self.school_combo.currentIndexChanged.connect(self._update_buttons)
        for box in (self.address_edit, self.strengths_edit, self.key_facts_edit, self.alerts_edit):
            box.textChanged.connect(self._update_buttons)

    # -- showing ---------------------------------------------------------------------------------
    def show_family(self, family: Record) -> None:
        """Show `family`'s details in the summary and the form."""
        self.family = family
        self.strengths_label.setText(
            text_of(family.get("strengths"))
            or _("No strengths written yet — add what is going well.")
        )
        self.key_facts_label.setText(text_of(family.get("key_facts")) or _("None recorded."))
        self.alerts_label.setText(text_of(family.get("alerts")) or _("None recorded."))
        self.needs_label.setText(text_of(family.get("needs")) or _("None recorded."))
        self.name_edit.setText(text_of(family.get("name")))
        self.address_edit.setPlainText(text_of(family.get("address")))
        self.postcode_edit.setText(text_of(family.get("postcode")))
        self.phone_edit.setText(text_of(family.get("phone")))
        self.email_edit.setText(text_of(family.get("email")))
        self.strengths_edit.setPlainText(text_of(family.get("strengths")))
        self.key_facts_edit.setPlainText(text_of(family.get("key_facts")))
        self.alerts_edit.setPlainText(text_of(family.get("alerts")))
        self.access_edit.setText(text_of(family.get("access_notes")))
        self.needs_edit.setText(text_of(family.get("needs")))
        self.school_combo.setCurrentIndex(
            max(0, self.school_combo.findData(family.get("school_id") or ""))
        )
        self._shown = self.values()
        self._update_buttons()
        self.refresh()

    def has_unsaved_changes(self) -> bool:
        """Whether the form holds edits not yet saved."""
        return self.values() != self._shown

    @Slot()
    def undo_changes(self) -> None:
        """Put the form back to the family as saved."""
        self.form.clear_errors()
        self.show_family(self.family)
        self.saved_label.setText(_("Changes undone."))

    @Slot()
    def _update_buttons(self) -> None:
        dirty = self.has_unsaved_changes()
        self.undo_button.setEnabled(dirty)
        if dirty:
            self.saved_label.setText(_("Changes not saved yet."))

    def refresh(self) -> None:
        """Re-read the household, voucher warnings and attendance flags."""
        c = self._caseload
        self.members = members = c.people.members(self.family.id)
        people = [
            "{name} ({role})".format(
                name=c.people.display_name(p), role=v.label(str(p.get("role") or ""))
            )
            for p in members
        ]
        address = " ".join(
            part
            for part in (text_of(self.family.get("address")), text_of(self.family.get("postcode")))
            if part
        )
        lines = [", ".join(people) or _("No people added yet.")]
        if address:
            lines.append(address)
        self.household_label.setText("\n".join(lines))
        warnings = [w.message for w in c.referrals.warnings_for(self.family.id)]
        self.warnings_label.setText("\n".join(warnings))
        self.warnings_label.setVisible(bool(warnings))
        names = {p.id: c.people.display_name(p) for p in members}
        flags = [
            _("{name}: {pct:.1f}% attendance in {period} (below 90%)").format(
                name=names.get(f.person_id, ""), pct=f.percentage or 0.0, period=f.period
            )
            for f in c.attendance.figures_for_family(self.family.id)
            if f.persistent_absence
        ]
        # What every visitor must know before the door: a child protection plan, looked after.
        flags += [
            _("{name}: {status}").format(name=names[p.id], status=v.label(str(p["care_status"])))
            for p in members
            if p.get("care_status") in ("cp", "lac")
        ]
        self.absence_label.setText("\n".join(flags))
        self.absence_label.setVisible(bool(flags))

    def values(self) -> dict[str, Any]:
        """What the form holds, as the service takes it."""
        return {
            "name": self.name_edit.text(),
            "address": self.address_edit.toPlainText(),
            "postcode": self.postcode_edit.text(),
            "phone": self.phone_edit.text(),
            "email": self.email_edit.text(),
            "strengths": self.strengths_edit.toPlainText(),
            "key_facts": self.key_facts_edit.toPlainText(),
            "alerts": self.alerts_edit.toPlainText(),
            "access_notes": self.access_edit.text(),
            "needs": self.needs_edit.text(),
            **({"school_id": self.school_combo.currentData() or None} if self._schools else {}),
        }

    def save(self) -> bool:
        """Save the form; True when saved, False (errors shown) when refused."""
        self._on_save()
        return not self.has_unsaved_changes()

    @Slot()
    def _on_save(self) -> None:
        try:
            family = self._caseload.families.set_fields(self.family.id, self.values())
        except LiaisonError as exc:
            self.form.show_error(exc)
            self.saved_label.setText(_("Nothing was saved; correct the marked fields."))
            return
        self.form.clear_errors()
        self.show_family(family)
        self.saved_label.setText(_("Saved."))
        self.changed.emit()
