"""Directory contacts as a table model, and a proxy filtering them by layer, kind and text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ...domain import vocabulary as v
from ...domain.fields import display_phone
from ...domain.record import Record
from ...i18n import _

COL_ORGANISATION = 0
COL_NAME = 1
COL_KIND = 2
COL_LAYER = 3
COL_PHONE = 4
COLUMN_COUNT = 5

ContactIdRole = Qt.ItemDataRole.UserRole + 1
LayerRole = Qt.ItemDataRole.UserRole + 2
KindRole = Qt.ItemDataRole.UserRole + 3
SearchTextRole = Qt.ItemDataRole.UserRole + 4

AnyIndex = QModelIndex | QPersistentModelIndex


def _headers() -> tuple[str, ...]:
    return (_("Organisation"), _("Name"), _("Kind"), _("Layer"), _("Phone"))


def _text(value: object) -> str:
    return "" if value is None else str(value)


class ContactTableModel(QAbstractTableModel):
    """One row per contact; the record itself stays available through `contact(row)`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._contacts: list[Record] = []

    def set_contacts(self, contacts: list[Record]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._contacts = list(contacts)
        self.endResetModel()

    def contact(self, row: int) -> Record:
        """The contact shown on `row`."""
        return self._contacts[row]

    def row_of(self, contact_id: str) -> int:
        """The row of a contact, or -1."""
        return next((i for i, c in enumerate(self._contacts) if c.id == contact_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._contacts)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        contact = self._contacts[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_ORGANISATION:
                return _text(contact.get("organisation"))
            if column == COL_NAME:
                return _text(contact.get("name"))
            if column == COL_KIND:
                return v.label(_text(contact.get("kind")))
            if column == COL_LAYER:
                # The number keeps the column narrow; the name is in the tooltip and the filter.
                return str(int(contact.get("layer") or 0))
            if column == COL_PHONE:
                return display_phone(contact.get("phone"))
        elif role == Qt.ItemDataRole.ToolTipRole and column == COL_LAYER:
            return v.layer_label(int(contact.get("layer") or 0))
        elif role == ContactIdRole:
            return contact.id
        elif role == LayerRole:
            return int(contact.get("layer") or 0)
        elif role == KindRole:
            return _text(contact.get("kind"))
        elif role == SearchTextRole:
            fields = ("organisation", "name", "role", "service_offered", "address")
            return " ".join(_text(contact.get(f)) for f in fields).casefold()
        return None


class ContactFilterProxy(QSortFilterProxyModel):
    """Keeps the rows of one layer (0: all), one kind ("": all) and containing a text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._layer = 0
        self._kind = ""
        self._text = ""
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_layer(self, layer: int) -> None:
        """Show only contacts of `layer` (0 shows every layer)."""
        self.beginFilterChange()
        self._layer = layer
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_kind(self, kind: str) -> None:
        """Show only contacts of `kind` ("" shows every kind)."""
        self.beginFilterChange()
        self._kind = kind
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        """Show only contacts whose organisation, name, role, service or address contain `text`."""
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, COL_ORGANISATION, source_parent)
        if self._layer and model.data(index, LayerRole) != self._layer:
            return False
        if self._kind and model.data(index, KindRole) != self._kind:
            return False
        return not self._text or self._text in str(model.data(index, SearchTextRole))
