"""The caseload list as a Qt table model, and the proxy that filters and sorts it.

Sorting is done on the model's own rows, not by the proxy comparing cells one `data()` call at
a time. Everything a sort or the filter needs is worked out once per load by `prepare_rows`,
which the view runs on its worker thread beside the read: the filter text of each row and,
for each column, the rows' ascending order. Sorting 20,000 families on the GUI thread is
then only putting the rows in an order already known (reversed for descending). The proxy
only filters, from the text kept ready per row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ...i18n import _
from ...services.caseload_rows_service import CaseloadRow

NAME, POSTCODE, PUPILS, OFFICER, NEEDS, OPEN_REFERRALS, LAST_CONTACT = range(7)
COLUMN_COUNT = 7
FAMILY_ID_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


def _headers() -> tuple[str, ...]:
    return (
        _("Family"),
        _("Postcode"),
        _("Pupils"),
        _("Officer"),
        _("Needs"),
        _("Open referrals"),
        _("Last contact"),
    )


def _need_label(need: str) -> str:
    return need.replace("_", " ")


def _haystack(row: CaseloadRow) -> str:
    needs = (_need_label(n) for n in row.needs)
    return " ".join((row.name, row.postcode, *row.pupils, *row.officers, *needs)).casefold()


@dataclass(frozen=True)
class PreparedRows:
    """Caseload rows with their filter text and every column's ascending order ready."""

    rows: list[CaseloadRow]
    haystacks: list[str]
    orders: dict[int, list[int]]  # column -> indexes into `rows`, ascending
    schools: tuple[tuple[str, str], ...] = ()  # (id, name) of a trust's schools, read with them


def prepare_rows(rows: Sequence[CaseloadRow]) -> PreparedRows:
    """Work out once what filtering and sorting `rows` need (touches no Qt object, so a worker
    thread may run it)."""
    rows = list(rows)
    names = [r.name.casefold() for r in rows]
    ids = [r.family_id for r in rows]
    # The family id ends every key, so no two keys tie: descending is exactly ascending
    # reversed, whatever order the rows came in.
    keys: dict[int, Callable[[int], tuple[object, ...]]] = {
        NAME: lambda i: (names[i], rows[i].postcode, ids[i]),
        POSTCODE: lambda i: (rows[i].postcode.casefold(), names[i], ids[i]),
        PUPILS: lambda i: (", ".join(rows[i].pupils).casefold(), names[i], ids[i]),
        OFFICER: lambda i: (", ".join(rows[i].officers).casefold(), names[i], ids[i]),
        NEEDS: lambda i: (", ".join(rows[i].needs), names[i], ids[i]),
        OPEN_REFERRALS: lambda i: (rows[i].open_referrals, names[i], ids[i]),
        LAST_CONTACT: lambda i: (rows[i].last_contact or "", names[i], ids[i]),
    }
    every = range(len(rows))
    return PreparedRows(
        rows=rows,
        haystacks=[_haystack(r) for r in rows],
        orders={column: sorted(every, key=key) for column, key in keys.items()},
    )


class CaseloadTableModel(QAbstractTableModel):
    """One row per family (read-only)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loaded = prepare_rows([])
        self._rows: list[CaseloadRow] = []
        self._haystacks: list[str] = []
        self._sort = (NAME, Qt.SortOrder.AscendingOrder)

    # -- loading -------------------------------------------------------------------------------
    def set_rows(self, rows: PreparedRows | Sequence[CaseloadRow]) -> None:
        """Show `rows` (kept in the current sort order); prepared ones cost the GUI thread least."""
        self.beginResetModel()
        self._loaded = rows if isinstance(rows, PreparedRows) else prepare_rows(rows)
        self._sort_rows(*self._sort)
        self.endResetModel()

    def row_at(self, row: int) -> CaseloadRow:
        """The family shown in `row`."""
        return self._rows[row]

    def haystack(self, row: int) -> str:
        """The lower-cased text the filter box matches in `row`."""
        return self._haystacks[row]

    def row_of(self, family_id: str) -> int:
        """The row showing `family_id`, or -1."""
        for number, row in enumerate(self._rows):
            if row.family_id == family_id:
                return number
        return -1

    def officers(self) -> list[str]:
        """Every officer named in the list, alphabetically."""
        return sorted({o for r in self._rows for o in r.officers}, key=str.casefold)

    def needs(self) -> list[str]:
        """Every need named in the list, alphabetically."""
        return sorted({n for r in self._rows for n in r.needs})

    # -- the model interface -------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return row.name
            if column == POSTCODE:
                return row.postcode or _("None given")
            if column == PUPILS:
                return ", ".join(row.pupils)
            if column == OFFICER:
                return ", ".join(row.officers) or _("Not allocated")
            if column == NEEDS:
                return ", ".join(_need_label(n) for n in row.needs)
            if column == OPEN_REFERRALS:
                return row.open_referrals
            if column == LAST_CONTACT:
                return row.last_contact or _("None yet")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            shown = self.data(index, Qt.ItemDataRole.DisplayRole)
            return str(shown) if shown not in (None, "") else _("none")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == OPEN_REFERRALS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == FAMILY_ID_ROLE:
            return row.family_id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort_rows(column, order)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        self._sort = (column, order)
        loaded = self._loaded
        ascending = loaded.orders.get(column, loaded.orders[NAME])
        indexes = ascending if order == Qt.SortOrder.AscendingOrder else ascending[::-1]
        # The rows and their filter text move together (no rebuilding 20,000 strings per sort).
        self._rows = [loaded.rows[i] for i in indexes]
        self._haystacks = [loaded.haystacks[i] for i in indexes]


class CaseloadFilterProxy(QSortFilterProxyModel):
    """Filters the caseload by free text, officer and need; sorting is the model's."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._officer = ""
        self._need = ""
        self._fact = ""
        self._school = ""

    def set_filters(
        self, text: str, officer: str = "", need: str = "", fact: str = "", school: str = ""
    ) -> None:
        """Show only families matching every word of `text`, `officer`, `need`, a pupil
        `fact` (domain/pupil_facts.py) and a `school` (its id), each if given."""
        self.beginFilterChange()
        self._words = text.casefold().split()
        self._officer = officer
        self._need = need
        self._fact = fact
        self._school = school
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The model sorts its own rows (fast); the proxy keeps the model's order.
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not (self._words or self._officer or self._need or self._fact or self._school):
            return True
        model = self.sourceModel()
        assert isinstance(model, CaseloadTableModel)
        row = model.row_at(source_row)
        if self._officer and self._officer not in row.officers:
            return False
        if self._need and self._need not in row.needs:
            return False
        if self._fact and self._fact not in row.facts:
            return False
        if self._school and self._school not in row.schools:
            return False
        haystack = model.haystack(source_row)
        return all(word in haystack for word in self._words)
