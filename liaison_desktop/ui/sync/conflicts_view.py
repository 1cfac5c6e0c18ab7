"""Open conflicts (one field edited on two devices at once) with "Keep mine" / "Keep theirs".

Each conflict is a field whose two values were written without either device seeing the
other's. The app shows one of them meanwhile; the person chooses, and the choice is a new edit
that syncs to everyone.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...errors import LiaisonError
from ...i18n import _
from ...services.sync_service import Conflict, SyncService
from .conflicts_table_model import ConflictsTableModel


class ConflictsView(QWidget):
    """The open conflicts and the two buttons that settle the selected one."""

    resolved = Signal(str)  # the conflict id
    problem = Signal(str)  # a message for the officer

    def __init__(self, sync: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sync = sync
        self.model = ConflictsTableModel(self)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Open conflicts"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.keep_mine_button = QPushButton(_("Keep &mine"))
        self.keep_theirs_button = QPushButton(_("Keep &theirs"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_mine_button)
        buttons.addWidget(self.keep_theirs_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._connect()
        self.refresh()

    def _connect(self) -> None:
        self.keep_mine_button.clicked.connect(self._on_keep_mine)
        self.keep_theirs_button.clicked.connect(self._on_keep_theirs)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def refresh(self) -> None:
        """Read the open conflicts again."""
        self.model.set_conflicts(self._sync.conflicts())
        count = self.model.rowCount()
        self.summary_label.setText(
            _(
                "{n} field(s) were changed on two devices at once. Choose which value to keep; "
                "your choice syncs to everyone."
            ).format(n=count)
            if count
            else _("No conflicts: every device agrees.")
        )
        if count:
            self.table.selectRow(0)
        self._update_buttons()

    def select_row(self, row: int) -> None:
        """Select conflict `row` (as a click would)."""
        self.table.selectRow(row)

    def _selected(self) -> Conflict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.conflict(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        enabled = self._selected() is not None
        self.keep_mine_button.setEnabled(enabled)
        self.keep_theirs_button.setEnabled(enabled)

    def _resolve(self, keep: str) -> None:
        conflict = self._selected()
        if conflict is None:
            return
        try:
            self._sync.resolve(conflict.id, keep)
        except LiaisonError as exc:
            self.problem.emit(str(exc))
            return
        self.refresh()
        self.resolved.emit(conflict.id)

    @Slot()
    def _on_keep_mine(self) -> None:
        self._resolve("mine")

    @Slot()
    def _on_keep_theirs(self) -> None:
        self._resolve("theirs")

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()
