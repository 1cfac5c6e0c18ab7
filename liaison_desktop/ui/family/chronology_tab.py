"""Chronology: every event of the family in time order, filtered by kind and dates."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...domain.chronology import ChronologyEntry, kind_label
from ...i18n import _
from ...services.chronology_service import KINDS, ChronologyService
from .common import Column, RowsModel, RowsTable, py_date


def _date_edit(day: QDate) -> QDateEdit:
    edit = QDateEdit(day)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setEnabled(False)
    return edit


class ChronologyTab(QWidget):
    """The family's chronology in a table, with a kind filter and a date range."""

    def __init__(
        self,
        chronology: ChronologyService,
        family_id: str,
        parent: QWidget | None = None,
        *,
        children: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(parent)
        self._chronology = chronology
        self._family_id = family_id
        self.model: RowsModel[ChronologyEntry] = RowsModel(
            [
                Column(_("Date"), lambda e: e.when.strftime("%Y-%m-%d %H:%M")),
                Column(_("Type"), lambda e: ("↳ " if e.is_amendment else "") + kind_label(e.kind)),
                Column(_("Summary"), lambda e: e.summary),
                Column(_("Author"), lambda e: e.author or ""),
            ],
            self,
        )
        self.table: RowsTable[ChronologyEntry] = RowsTable(self.model, _("Chronology"))
        self.table.stretch(2)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(_("All kinds"), None)
        for kind in KINDS:
            self.kind_combo.addItem(kind_label(kind), kind)
        # One child's chronology (what names them, or mentions them by name), or everyone's.
        self.child_combo = QComboBox()
        self.child_combo.addItem(_("Whole family"), None)
        for person_id, name in children:
            self.child_combo.addItem(name, person_id)
        self.child_combo.setAccessibleName(_("Whose chronology"))
        child_caption = QLabel(_("&Whose"))
        child_caption.setBuddy(self.child_combo)
        kind_caption = QLabel(_("&Kind"))
        kind_caption.setBuddy(self.kind_combo)
        self.kind_combo.setAccessibleName(_("Kind of entry"))
        today = QDate.currentDate()
        self.from_check = QCheckBox(_("&From"))
        self.from_edit = _date_edit(today.addMonths(-3))
        self.from_edit.setAccessibleName(_("From date"))
        self.to_check = QCheckBox(_("&To"))
        self.to_edit = _date_edit(today)
        self.to_edit.setAccessibleName(_("To date"))
        row = QHBoxLayout()
        row.addWidget(child_caption)
        row.addWidget(self.child_combo, 1)
        row.addWidget(kind_caption)
        row.addWidget(self.kind_combo, 1)
        row.addWidget(self.from_check)
        row.addWidget(self.from_edit)
        row.addWidget(self.to_check)
        row.addWidget(self.to_edit)
        row.addStretch(1)
        self.count_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        self.kind_combo.currentIndexChanged.connect(self.refresh)
        self.child_combo.currentIndexChanged.connect(self.refresh)
        self.from_check.toggled.connect(self.from_edit.setEnabled)
        self.to_check.toggled.connect(self.to_edit.setEnabled)
        for signal in (
            self.from_check.toggled,
            self.to_check.toggled,
            self.from_edit.dateChanged,
            self.to_edit.dateChanged,
        ):
            signal.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Re-read the chronology with the filter as set."""
        kind = self.kind_combo.currentData()
        child = self.child_combo.currentData()
        kinds = [str(kind)] if kind else None
        start = py_date(self.from_edit.date()) if self.from_check.isChecked() else None
        end = py_date(self.to_edit.date()) if self.to_check.isChecked() else None
        entries = (
            self._chronology.for_child(
                self._family_id, str(child), kinds=kinds, start=start, end=end
            )
            if child
            else self._chronology.for_family(self._family_id, kinds=kinds, start=start, end=end)
        )
        self.model.set_rows(entries)
        self.count_label.setText(_("{n} entries").format(n=len(entries)))
