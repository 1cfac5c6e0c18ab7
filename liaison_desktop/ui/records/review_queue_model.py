"""The review queue as a two-level model: each closed case, and under it its records past date.

Top-level rows are cases (`FamilyReview`), child rows their records (`DueRecord`). The model is
replaced whole when the queue is read again; named column constants and roles, as elsewhere.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from ...domain import retention_rules as rr
from ...domain.records import case_file_label_of
from ...i18n import _, ngettext
from ...services.retention_service import DueRecord, FamilyReview

AnyIndex = QModelIndex | QPersistentModelIndex
RECORD, RECORDED, DUE, WHY, STATUS = range(5)
FAMILY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HELD_ROLE = Qt.ItemDataRole.UserRole + 2
# internalId of a case row; a record row's is its case's row number plus one.
_CASE = 0


def record_kind_label(kind: str) -> str:
    """A kind of record in words, as the queue and the schedule name it (from its spec)."""
    return case_file_label_of(kind)


def rule_text(basis: str, years: int) -> str:
    """A retention rule in words ("6 years after the case closed")."""
    if basis == rr.AFTER_BIRTH:
        return ngettext(
            "{n} year after the pupil's date of birth",
            "{n} years after the pupil's date of birth",
            years,
        ).format(n=years)
    return ngettext(
        "{n} year after the case closed", "{n} years after the case closed", years
    ).format(n=years)


def _status(item: DueRecord) -> str:
    parts = []
    if item.held:
        parts.append(_("On legal hold — cannot be destroyed"))
    if item.deleted:
        parts.append(_("Deleted, not yet destroyed"))
    return "; ".join(parts)


class ReviewQueueModel(QAbstractItemModel):
    """Closed cases with records past their retention date, each with its records below."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cases: list[FamilyReview] = []

    def set_queue(self, cases: list[FamilyReview]) -> None:
        """Show `cases` instead of what was shown."""
        self.beginResetModel()
        self._cases = list(cases)
        self.endResetModel()

    def cases(self) -> list[FamilyReview]:
        """Every case shown, in order."""
        return list(self._cases)

    def record_count(self) -> int:
        """How many records are listed over all cases."""
        return sum(len(c.items) for c in self._cases)

    def case_at(self, index: AnyIndex) -> FamilyReview | None:
        """The case of a row (a case row, or the case a record row belongs to)."""
        if not index.isValid():
            return None
        if index.internalId() == _CASE:
            return self._cases[index.row()]
        return self._cases[index.internalId() - 1]

    def item_at(self, index: AnyIndex) -> DueRecord | None:
        """The record of a record row (None for a case row)."""
        if not index.isValid() or index.internalId() == _CASE:
            return None
        return self._cases[index.internalId() - 1].items[index.row()]

    def case_index(self, family_id: str) -> QModelIndex:
        """The row of a case, or an invalid index."""
        for row, case in enumerate(self._cases):
            if case.family_id == family_id:
                return self.index(row, 0)
        return QModelIndex()

    # -- QAbstractItemModel --------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _CASE)
        if parent.internalId() == _CASE:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _CASE:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _CASE)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._cases)
        if parent.internalId() == _CASE and parent.column() == 0:
            return len(self._cases[parent.row()].items)
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 5

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        case = self.case_at(index)
        item = self.item_at(index)
        assert case is not None
        if role == FAMILY_ID_ROLE:
            return case.family_id
        if role == HELD_ROLE:
            return item.held if item is not None else case.held
        if role == Qt.ItemDataRole.FontRole and item is None:
            font = QFont()
            font.setBold(True)
            return font
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if item is None:
            return self._case_text(case, index.column())
        return self._item_text(item, index.column())

    def _case_text(self, case: FamilyReview, column: int) -> str:
        if column == RECORD:
            return case.name or _("(family without a name)")
        if column == RECORDED:
            return _("closed {day}").format(day=case.closed_on.isoformat())
        if column == DUE:
            return min(i.due_on for i in case.items).isoformat() if case.items else ""
        if column == WHY:
            return ngettext(
                "{n} record past its date", "{n} records past their date", len(case.items)
            ).format(n=len(case.items))
        if column == STATUS:
            if case.held:
                return _("Whole case on legal hold — cannot be destroyed")
            held = sum(1 for i in case.items if i.held)
            if held:
                return ngettext(
                    "{n} record on legal hold", "{n} records on legal hold", held
                ).format(n=held)
        return ""

    def _item_text(self, item: DueRecord, column: int) -> str:
        if column == RECORD:
            return record_kind_label(item.kind)
        if column == RECORDED:
            return item.recorded_on
        if column == DUE:
            return item.due_on.isoformat()
        if column == WHY:
            return rule_text(item.basis, item.years)
        if column == STATUS:
            return _status(item)
        return ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (
            _("Case / record"),
            _("Recorded"),
            _("Due since"),
            _("Why it is due"),
            _("Status"),
        )[section]
