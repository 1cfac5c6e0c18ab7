"""Pieces shared by the family page's tabs: a record table model, forms with field errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QDateEdit,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.moments import day_of as day_of
from ...domain.moments import local_moment as local_moment
from ...domain.moments import moment_of as moment_of
from ...errors import LiaisonError
from ...i18n import _
from ...services.validation import ValidationFailed
from ..announce import announce
from ..qt_dates import py_date as py_date
from ..qt_dates import py_time as py_time
from ..widgets.styles import apply_error_style

R = TypeVar("R")
AnyIndex = QModelIndex | QPersistentModelIndex


# What a table sorts a column by: the column's `sort_key` where it has one (a date, a number),
# else its text. Every RowsTable's proxy sorts by this role.
SORT_ROLE = Qt.ItemDataRole.UserRole + 100


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column of a table: its heading, how a row shows in it, and how it sorts."""

    title: str
    text: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None


class RowsModel(QAbstractTableModel, Generic[R]):
    """A read-only table over a list of rows, one `Column` each; replaced whole on reload."""

    def __init__(self, columns: Sequence[Column[R]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []
        self.emphasis: Callable[[R], bool] | None = None  # rows shown bold (e.g. below 90%)

    def set_rows(self, rows: Sequence[R]) -> None:
        """Show `rows` instead of what was shown."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> R:
        """The row object shown in model row `row`."""
        return self._rows[row]

    def rows(self) -> list[R]:
        """Every row shown, in model order."""
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # An empty cell is read as "none", not skipped as if it were not there.
            return column.text(row) or _("none")
        if role == SORT_ROLE:
            return column.sort_key(row) if column.sort_key is not None else column.text(row)
        if role == Qt.ItemDataRole.FontRole and self.emphasis is not None and self.emphasis(row):
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].title
        return None


class RowsTable(QTableView, Generic[R]):
    """A keyboard-friendly, sortable table over a `RowsModel` (behind a proxy)."""

    def __init__(
        self, model: RowsModel[R], accessible_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.rows_model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def stretch(self, column: int) -> None:
        """Give `column` the spare width; the others fit their contents (tables here are small)."""
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        # Fitting to contents asks every row's data several times per column; a family with
        # hundreds of notes made the first show of its notes tab cost ~80 ms. The widest of
        # the first rows (dates, names, statuses of even width) is wide enough.
        header.setResizeContentsPrecision(64)
        for index in range(self.rows_model.columnCount()):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if index == column
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(index, mode)

    def current(self) -> R | None:
        """The selected row, or None."""
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.rows_model.row_at(self.proxy.mapToSource(index).row())

    def select_source_row(self, row: int) -> None:
        """Select model row `row` (as a person would with the keyboard)."""
        index = self.proxy.mapFromSource(self.rows_model.index(row, 0))
        self.setCurrentIndex(index)
        self.selectRow(index.row())

    def select_first(self, match: Callable[[R], bool]) -> bool:
        """Select the first row for which `match` is true; False if there is none."""
        for row, item in enumerate(self.rows_model.rows()):
            if match(item):
                self.select_source_row(row)
                return True
        return False


def date_edit(day: QDate | None = None) -> QDateEdit:
    """A day field as every form here has it: a calendar to pick from, ISO order, `day` (or
    today) to begin with."""
    edit = QDateEdit(day if day is not None else QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def error_label(parent: QWidget | None = None) -> QLabel:
    """A hidden label for an error message, shown in the error colour when given text."""
    label = QLabel(parent)
    apply_error_style(label)
    label.setWordWrap(True)  # a whole sentence, never clipped at the form's edge
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    """Show `text` in `label`, or hide it when `text` is empty."""
    label.setText(text)
    label.setVisible(bool(text))


class FieldForm(QWidget):
    """A form whose rows each have their own error line (from `ValidationFailed.problems`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.general_error = error_label(self)
        self.layout_.addRow(self.general_error)

    def add(self, name: str, label: str, widget: QWidget) -> QWidget:
        """Add a row for field `name` with a mnemonic `label` ("&Name") and its error line."""
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        error = error_label(box)
        column.addWidget(error)
        title = QLabel(label, self)
        title.setBuddy(widget)
        widget.setAccessibleName(label.replace("&", ""))
        self.layout_.addRow(title, box)
        self.errors[name] = error
        self.fields[name] = widget
        return widget

    def clear_errors(self) -> None:
        """Hide every error line."""
        for label in self.errors.values():
            show_message(label, "")
        for field in self.fields.values():
            field.setAccessibleDescription("")
        show_message(self.general_error, "")

    def show_error(self, exc: LiaisonError) -> None:
        """Show why a save was refused: each problem beside its field, the rest at the top."""
        self.clear_errors()
        said: list[str] = []
        if isinstance(exc, ValidationFailed):
            general: list[str] = []
            for path, reason in exc.problems:
                name = path.split(".")[-1]
                label = self.errors.get(name)
                if label is not None:
                    show_message(label, reason)
                    # Tied to its field: a screen reader says it when the field is reached.
                    field = self.fields[name]
                    field.setAccessibleDescription(reason)
                    said.append(f"{field.accessibleName()}: {reason}")
                else:
                    general.append(f"{path}: {reason}")
            if general:
                show_message(self.general_error, "\n".join(general))
                said.extend(general)
        else:
            show_message(self.general_error, str(exc))
            said.append(str(exc))
        announce(self, _("Not saved. {problems}").format(problems="; ".join(said)), assertive=True)


def submit_on_return(button: QAbstractButton, *fields: QLineEdit | QAbstractSpinBox) -> None:
    """Return (Enter) in any of `fields` presses `button`, as it would in a dialog."""
    for field in fields:
        line = field if isinstance(field, QLineEdit) else field.findChild(QLineEdit)
        if line is not None:
            line.returnPressed.connect(button.click)


def text_of(value: Any) -> str:
    """A stored value as text for a table cell (lists joined, None as nothing)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "✓" if value else ""
    return str(value)
