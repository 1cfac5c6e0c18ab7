"""The families expected at one session, each with a tick for "came": the door checklist.

A tick is saved the moment it changes (no Save button) through the `mark` callback the view
gives; unticking clears the mark, so a slip is undone the same way it was made. The model
holds only what the list shows; the view filters it with a `QSortFilterProxyModel`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QWidget

from ...i18n import _

AnyIndex = QModelIndex | QPersistentModelIndex
FamilyIdRole = Qt.ItemDataRole.UserRole + 1
NameRole = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class ChecklistRow:
    """One family on the door list."""

    family_id: str
    family_name: str
    walk_in: bool
    attended: bool


# Saves one change: (family id, came?) → True when saved. The view shows why when it is not.
MarkFn = Callable[[str, bool], bool]


class AttendanceChecklistModel(QAbstractListModel):
    """Checkable rows, one per family; checking one calls `mark` straight away."""

    def __init__(self, mark: MarkFn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mark = mark
        self._rows: list[ChecklistRow] = []

    def set_rows(self, rows: Sequence[ChecklistRow]) -> None:
        """Show `rows` instead of what was shown."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[ChecklistRow]:
        """Every row, in list order."""
        return list(self._rows)

    def attended(self) -> int:
        """How many families are ticked as here."""
        return sum(1 for r in self._rows if r.attended)

    def row_of(self, family_id: str) -> int:
        """The row showing a family, or -1."""
        for number, row in enumerate(self._rows):
            if row.family_id == family_id:
                return number
        return -1

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if row.walk_in:
                return _("{name} (walk-in)").format(name=row.family_name)
            return row.family_name
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if row.attended else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return _("Here") if row.attended else _("Not here yet")
        if role == FamilyIdRole:
            return row.family_id
        if role == NameRole:
            return row.family_name
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        came = Qt.CheckState(value) == Qt.CheckState.Checked
        row = self._rows[index.row()]
        if came == row.attended:
            return True
        if not self._mark(row.family_id, came):
            return False
        self._rows[index.row()] = replace(row, attended=came)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


class ChecklistFilterProxy(QSortFilterProxyModel):
    """Keeps the families whose name contains every word typed (any case, any order)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        """Filter on `text` (empty shows everyone)."""
        self.beginFilterChange()
        self._words = [w for w in text.casefold().split() if w]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        name = str(model.index(source_row, 0, source_parent).data(NameRole) or "").casefold()
        return all(word in name for word in self._words)
