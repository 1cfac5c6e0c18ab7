"""Referrals: refer the family to an organisation from the directory, move statuses, vouchers."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain import referral_rules
from ...domain import vocabulary as v
from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _
from ...services.caseload import Caseload
from ..widgets.styles import apply_error_style, muted
from .common import (
    Column,
    FieldForm,
    RowsModel,
    RowsTable,
    error_label,
    show_message,
    submit_on_return,
    text_of,
)

NO_VOUCHERS = -1


def contact_label(contact: Record) -> str:
    """How a directory contact reads in a list: organisation, then the person."""
    name = contact.get("name")
    org = str(contact.get("organisation") or "")
    return f"{org} — {name}" if name else org


def contact_combo(contacts: list[Record]) -> QComboBox:
    """An editable, searchable combo of directory contacts (type any part of the name)."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("", None)
    # The empty first entry still has a name for a screen reader.
    combo.setItemData(0, _("No contact chosen"), Qt.ItemDataRole.AccessibleTextRole)
    for contact in sorted(contacts, key=lambda c: contact_label(c).casefold()):
        combo.addItem(contact_label(contact), contact.id)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    line = combo.lineEdit()
    if line is not None:  # the typing field inside the combo, named like the combo's label
        line.setAccessibleName(_("Type part of the contact's name"))
    return combo


def chosen_contact(combo: QComboBox) -> str | None:
    """The id of the contact whose label is typed or chosen, or None."""
    index = combo.findText(combo.currentText(), Qt.MatchFlag.MatchFixedString)
    if index < 0:
        return None
    data = combo.itemData(index)
    return str(data) if data else None


class ReferralsTab(QWidget):
    """The family's referrals, a form for a new one, status moves and voucher history."""

    changed = Signal()

    def __init__(self, caseload: Caseload, family_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._family_id = family_id
        self._orgs = {c.id: c for c in caseload.directory.all()}
        self.model: RowsModel[Record] = RowsModel(
            [
                Column(_("Date"), lambda r: text_of(r.get("date"))),
                Column(_("Kind"), lambda r: v.label(str(r.get("kind") or ""))),
                Column(_("Organisation"), self._org_name),
                Column(_("Status"), lambda r: v.label(str(r.get("status") or ""))),
                Column(_("Vouchers"), lambda r: text_of(r.get("vouchers"))),
                Column(_("Reason"), lambda r: text_of(r.get("reason")).split("\n")[0]),
            ],
            self,
        )
        self.table: RowsTable[Record] = RowsTable(self.model, _("Referrals"))
        self.table.stretch(5)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.warning_label = QLabel()
        apply_error_style(self.warning_label)
        self.warning_label.setAccessibleName(_("Voucher limit warning"))
        self.warning_label.hide()
        self.vouchers_label = muted(QLabel())

        self.form = FieldForm()
        self.org_combo = contact_combo(list(self._orgs.values()))
        self.kind_combo = QComboBox()
        for kind in v.REFERRAL_KINDS:
            self.kind_combo.addItem(v.label(kind), kind)
        self.reason_edit = QLineEdit()
        self.vouchers_spin = QSpinBox()
        self.vouchers_spin.setRange(NO_VOUCHERS, 100)
        self.vouchers_spin.setSpecialValueText(_("Not stated"))
        self.vouchers_spin.setValue(NO_VOUCHERS)
        self.form.add("organisation_id", _("&Organisation"), self.org_combo)
        self.form.add("kind", _("&Kind"), self.kind_combo)
        self.form.add("reason", _("&Reason"), self.reason_edit)
        self.form.add("vouchers", _("Vo&uchers"), self.vouchers_spin)
        self.refer_button = QPushButton(_("Re&fer"))
        new_box = QGroupBox(_("New referral"))
        new_layout = QVBoxLayout(new_box)
        new_layout.addWidget(self.form)
        new_layout.addWidget(self.refer_button, 0, Qt.AlignmentFlag.AlignLeft)
        new_layout.addStretch(1)

        self.move_combo = QComboBox()
        self.move_combo.setAccessibleName(_("Move the selected referral to"))
        self.move_label = QLabel(_("&Move selected to"))
        self.move_label.setBuddy(self.move_combo)
        self.move_button = QPushButton(_("Mov&e"))
        self.message = error_label(self)
        move_row = QHBoxLayout()
        move_row.addWidget(self.move_label)
        move_row.addWidget(self.move_combo, 1)
        move_row.addWidget(self.move_button)

        left = QVBoxLayout()
        left.addWidget(self.warning_label)
        left.addWidget(self.vouchers_label)
        left.addWidget(self.table, 1)
        left.addLayout(move_row)
        left.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(new_box, 2)

        self.refer_button.clicked.connect(self._on_refer)
        submit_on_return(self.refer_button, self.reason_edit, self.vouchers_spin)
        self.move_button.clicked.connect(self._on_move)
        self.table.selectionModel().currentChanged.connect(self._on_current_changed)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.refresh()

    def _org_name(self, r: Record) -> str:
        org = self._orgs.get(str(r.get("organisation_id") or ""))
        return contact_label(org) if org else ""

    def has_unsaved_changes(self) -> bool:
        """A referral started (its reason typed) and not yet made."""
        return bool(self.reason_edit.text().strip())

    def refresh(self) -> None:
        """Re-read referrals, the voucher count and the warning."""
        c = self._caseload
        self.model.set_rows(c.referrals.newest_first(self._family_id))
        warnings = [w.message for w in c.referrals.warnings_for(self._family_id)]
        show_message(self.warning_label, "\n".join(warnings))
        history = c.referrals.vouchers_history(self._family_id)
        self.vouchers_label.setText(
            _(
                "Food-bank vouchers: {n} in the last {months} months (limit {limit}); "
                "{total} food-bank referrals in all."
            ).format(
                n=c.referrals.vouchers_in_window(self._family_id),
                months=c.referrals.voucher_window_months,
                limit=c.referrals.voucher_limit,
                total=len(history),
            )
        )
        self._on_current_changed()

    @Slot()
    def _on_kind_changed(self) -> None:
        food = self.kind_combo.currentData() == referral_rules.VOUCHER_KIND
        self.vouchers_spin.setEnabled(food or self.vouchers_spin.value() != NO_VOUCHERS)

    @Slot()
    def _on_current_changed(self) -> None:
        self.move_combo.clear()
        referral = self.table.current()
        moves = referral_rules.allowed_moves(str(referral.get("status"))) if referral else ()
        for status in moves:  # only the moves the rules allow are offered
            self.move_combo.addItem(v.label(status), status)
        self.move_combo.setEnabled(bool(moves))
        self.move_button.setEnabled(bool(moves))

    @Slot()
    def _on_refer(self) -> None:
        org_id = chosen_contact(self.org_combo)
        if self.org_combo.currentText().strip() and org_id is None:
            self.form.clear_errors()
            show_message(
                self.form.errors["organisation_id"],
                _("Choose an organisation from the directory list (or leave it empty)."),
            )
            return
        vouchers = self.vouchers_spin.value()
        try:
            result = self._caseload.referrals.add(
                self._family_id,
                str(self.kind_combo.currentData()),
                organisation_id=org_id,
                reason=self.reason_edit.text().strip() or None,
                vouchers=None if vouchers == NO_VOUCHERS else vouchers,
            )
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.form.clear_errors()
        self.reason_edit.clear()
        self.refresh()
        self.table.select_first(lambda referral: referral.id == result.record.id)
        show_message(self.message, "")
        self.changed.emit()

    @Slot()
    def _on_move(self) -> None:
        referral = self.table.current()
        status = self.move_combo.currentData()
        if referral is None or status is None:
            return
        try:
            moved = self._caseload.referrals.move(referral.id, str(status))
        except LiaisonError as exc:
            show_message(self.message, str(exc))
            return
        show_message(self.message, "")
        self.refresh()
        self.table.select_first(lambda referral: referral.id == moved.id)
        self.changed.emit()
