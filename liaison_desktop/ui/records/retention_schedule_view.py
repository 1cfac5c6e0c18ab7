"""The retention schedule: how long each kind of record is kept, the default beside the rule.

The lead picks a kind, changes its rule (after the case closed, or after the pupil's birth)
and period in years, and saves it through `RetentionService.set_rule` — one record, synced to
every device, so it is written on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain import retention_rules as rr
from ...errors import LiaisonError
from ...i18n import _
from ...services.retention_service import RetentionService, ScheduleEntry
from ..family.common import Column, FieldForm, RowsModel, RowsTable, local_moment
from ..widgets.styles import muted
from .review_queue_model import record_kind_label, rule_text

MAX_YEARS = 100


def _set_by(entry: ScheduleEntry) -> str:
    if entry.is_default:
        return _("Default")
    return _("Set by {who} on {when}").format(
        who=entry.set_by or "", when=local_moment(entry.set_at)[:10]
    )


def _default(entry: ScheduleEntry) -> str:
    rule = rr.default_rule(entry.kind)
    return rule_text(rule.basis, rule.years)


class RetentionScheduleView(QWidget):
    """Every kind of a case file with its rule; the lead edits one at a time."""

    changed = Signal()

    def __init__(self, retention: RetentionService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._retention = retention
        self.model: RowsModel[ScheduleEntry] = RowsModel(
            [
                Column(_("Kind of record"), lambda e: record_kind_label(e.kind)),
                Column(_("Kept for"), lambda e: rule_text(e.basis, e.years)),
                Column(_("Default"), _default),
                Column(_("Rule"), _set_by),
            ],
            self,
        )
        self.model.emphasis = lambda e: not e.is_default
        self.table: RowsTable[ScheduleEntry] = RowsTable(self.model, _("Retention schedule"))
        self.table.stretch(0)
        intro = muted(
            QLabel(
                _(
                    "Records of a closed case come up for review when their period ends. The "
                    "defaults follow the records-management toolkit schools in England use: "
                    "child-protection information until the pupil is 25, everything else 6 years "
                    "after the case closed (attendance 3). Changes here reach every device at "
                    "the next sync."
                )
            )
        )

        self.kind_label = QLabel()
        self.kind_label.setWordWrap(True)
        self.basis_combo = QComboBox()
        self.basis_combo.addItem(_("after the case closed"), rr.AFTER_CLOSURE)
        self.basis_combo.addItem(_("after the pupil's date of birth"), rr.AFTER_BIRTH)
        self.years_spin = QSpinBox()
        self.years_spin.setRange(0, MAX_YEARS)
        self.years_spin.setSuffix(_(" years"))
        self.form = FieldForm()
        self.form.add("years", _("&Keep for:"), self.years_spin)
        self.form.add("basis", _("Co&unted from:"), self.basis_combo)
        self.save_button = QPushButton(_("Sa&ve rule"))
        self.saved_label = muted(QLabel())
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved_label, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.kind_label)
        layout.addWidget(self.form)
        layout.addLayout(buttons)

        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.save_button.clicked.connect(self.save)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the schedule (a few dozen rows: quick)."""
        chosen = self.table.current()
        self.model.set_rows(self._retention.schedule())
        kinds = [e.kind for e in self.model.rows()]
        keep = chosen is not None and chosen.kind in kinds
        self.table.select_source_row(kinds.index(chosen.kind) if keep and chosen else 0)
        self._show_current()

    def select_kind(self, kind: str) -> None:
        """Choose the row of `kind` for editing."""
        kinds = [e.kind for e in self.model.rows()]
        self.table.select_source_row(kinds.index(kind))
        self._show_current()

    def _show_current(self) -> None:
        entry = self.table.current()
        enabled = entry is not None
        for widget in (self.basis_combo, self.years_spin, self.save_button):
            widget.setEnabled(enabled)
        if entry is None:
            self.kind_label.setText("")
            return
        self.kind_label.setText(
            _("{kind}: kept {rule} (default: {default})").format(
                kind=record_kind_label(entry.kind),
                rule=rule_text(entry.basis, entry.years),
                default=_default(entry),
            )
        )
        self.years_spin.setValue(entry.years)
        self.basis_combo.setCurrentIndex(max(self.basis_combo.findData(entry.basis), 0))
        self.form.clear_errors()

    @Slot()
    def _on_current_changed(self) -> None:
        self._show_current()
        self.saved_label.setText("")

    @Slot()
    def save(self) -> None:
        """Save the rule shown for the chosen kind."""
        entry = self.table.current()
        if entry is None:
            return
        try:
            saved = self._retention.set_rule(
                entry.kind,
                years=self.years_spin.value(),
                basis=str(self.basis_combo.currentData()),
            )
        except LiaisonError as exc:
            self.form.show_error(exc)
            self.saved_label.setText(_("Nothing was saved."))
            return
        self.refresh()
        self.select_kind(saved.kind)
        self.saved_label.setText(
            _("Saved: {kind} kept {rule}.").format(
                kind=record_kind_label(saved.kind), rule=rule_text(saved.basis, saved.years)
            )
        )
        self.changed.emit()
