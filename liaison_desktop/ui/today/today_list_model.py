"""The lines of one Today group, each knowing the family it opens."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ...services.today_service import TodayItem

SHOWN_PER_GROUP = 100  # a group lists this many lines; its heading gives the full count
FAMILY_ID_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


class TodayListModel(QAbstractListModel):
    """The lines of one Today group."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[TodayItem] = []

    def set_items(self, items: list[TodayItem]) -> None:
        """Show `items` in place of the previous lines."""
        self.beginResetModel()
        self._items = list(items[:SHOWN_PER_GROUP])
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return item.text
        if role == FAMILY_ID_ROLE:
            return item.family_id
        return None
