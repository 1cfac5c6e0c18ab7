"""(id, label) rows for the report dialog's lists: subjects, sections, what to redact."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ChoiceListModel(QAbstractListModel):
    """(id, label) rows, optionally with a tick box each: subjects, sections, what to redact."""

    def __init__(self, checkable: bool = False, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str]] = []
        self._checked: set[str] = set()
        self._checkable = checkable

    def set_rows(self, rows: list[tuple[str, str]], checked: set[str] | None = None) -> None:
        """Replace every row; `checked` ids start ticked."""
        self.beginResetModel()
        self._rows = list(rows)
        self._checked = set(checked or ())
        self.endResetModel()

    def checked_ids(self) -> list[str]:
        """Ticked ids, in row order."""
        return [i for i, _label in self._rows if i in self._checked]

    def set_checked(self, record_id: str, checked: bool) -> None:
        """Tick or untick one row by id."""
        for row, (i, _label) in enumerate(self._rows):
            if i == record_id:
                self.setData(
                    self.index(row),
                    Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked,
                    Qt.ItemDataRole.CheckStateRole,
                )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record_id, label = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return label
        if role == ID_ROLE:
            return record_id
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable:
            return Qt.CheckState.Checked if record_id in self._checked else Qt.CheckState.Unchecked
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or not self._checkable:
            return False
        record_id = self._rows[index.row()][0]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(record_id)
        else:
            self._checked.discard(record_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if self._checkable else base
