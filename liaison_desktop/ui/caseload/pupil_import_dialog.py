"""Importing the school's pupil list: choose the file, see what happens to every pupil, import.

The preview lists every pupil: new (and the family they go into: a new one with their
siblings, or one already in the caseload), changed (what changes), no longer on the list
(kept, for review) and unchanged. A new pupil grouped with others can be given a family of
their own with the "Own family" box. Reading the file, the preview and the import run off the
GUI thread; the import writes exactly what the preview showed, all or nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...errors import LiaisonError
from ...i18n import _, ngettext

# Like the CLI's import, the dialog calls interchange, the layer above the services that
# reads files and writes through the services (docs/decisions.md, "Termly pupil lists").
from ...interchange.pupil_columns import header_cells
from ...interchange.pupil_refresh import (
    CHANGED,
    LEFT,
    NEW,
    UNCHANGED,
    RefreshPlan,
    apply_as_previewed,
    line_details,
    officer_warning,
    plan_list,
    read_list,
)
from ...services.caseload import Caseload
from ..announce import announce
from ..file_dialogs import open_files_dialog
from ..ops import BackgroundOp
from ..widgets.busy_indicator import BusyIndicator
from ..widgets.choice_combo import refill_combo
from ..widgets.styles import muted
from .pupil_columns_dialog import PupilColumnsDialog

OWN_FAMILY = 4


def status_word(status: str) -> str:
    return {
        NEW: _("New"),
        CHANGED: _("Changed"),
        LEFT: _("Not on the list"),
        UNCHANGED: _("Unchanged"),
    }[status]


def column_titles() -> list[str]:
    return [_("What happens"), _("Pupil"), _("Row"), _("Details"), _("Own family")]


class PupilImportDialog(QDialog):
    """Choose a pupil list, preview the refresh, import it."""

    imported = Signal(str)  # what was imported, in a sentence

    def __init__(self, caseload: Caseload, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import the pupil list"))
        self._caseload = caseload
        self._op: BackgroundOp[Any] | None = None
        self.path: Path | None = None
        self.plan: RefreshPlan | None = None
        self.split: set[int] = set()
        self.mapping: dict[str, str] | None = None  # the officer's choice of columns
        self.headers: list[str] = []  # the file's
        self.columns_dialog: PupilColumnsDialog | None = None

        intro = muted(
            QLabel(
                _(
                    "The list exported from the school's system (SIMS, Arbor, Bromcom…) as CSV "
                    "or Unicode Text. Pupils already here are matched by UPN, then by name and "
                    "date of birth; nothing is written until you import, and nothing is deleted."
                )
            )
        )
        intro.setWordWrap(True)
        self.choose_button = QPushButton(_("Choose &file…"))
        self.file_label = QLabel(_("No file chosen."))
        self.file_label.setWordWrap(True)
        self.columns_button = QPushButton(_("Colu&mns…"))
        self.columns_button.setToolTip(_("Choose which column of the file holds each detail"))
        self.columns_button.setEnabled(False)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName(_("Rows that cannot be imported"))
        self.problems.hide()
        table_label = QLabel(_("&Pupils:"))
        self.table = QTableWidget(0, len(column_titles()))
        self.table.setHorizontalHeaderLabels(column_titles())
        self.table.setAccessibleName(_("Pupils in the list"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table_label.setBuddy(self.table)
        self.busy = BusyIndicator()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = QPushButton(_("&Import"))
        self.import_button.setDefault(True)
        self.import_button.setEnabled(False)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)

        # A federation or trust (issue 23): whose list this is; new families are that school's.
        self.school_combo = QComboBox()
        self.school_combo.setAccessibleName(_("School"))
        schools = caseload.schools.choices()
        refill_combo(self.school_combo, _("Not said"), schools)
        school_label = QLabel(_("Sc&hool:"))
        school_label.setBuddy(self.school_combo)

        choose_row = QHBoxLayout()
        choose_row.addWidget(self.choose_button)
        choose_row.addWidget(self.file_label, 1)
        if schools:
            choose_row.addWidget(school_label)
            choose_row.addWidget(self.school_combo)
        else:
            school_label.hide()
            self.school_combo.hide()
        choose_row.addWidget(self.columns_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(choose_row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.problems)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.busy)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.resize(900, 560)

        self.choose_button.clicked.connect(self._on_choose)
        self.columns_button.clicked.connect(self._on_columns)
        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self._on_import)
        self.table.itemChanged.connect(self._on_item_changed)

    # -- choosing and previewing ---------------------------------------------------------------
    @Slot()
    def _on_choose(self) -> None:
        open_files_dialog(
            self,
            _("Choose the pupil list"),
            on_chosen=lambda paths: self.load(Path(paths[0])) if paths else None,
        )

    def load(self, path: Path) -> None:
        """Preview importing `path` (what choosing the file does)."""
        self.path = path
        self.split = set()
        self.mapping = None
        self.headers = []
        self.plan = None
        self.file_label.setText(path.name)
        self._preview()

    def _preview(self) -> None:
        path, split, mapping = self.path, set(self.split), self.mapping
        if path is None:
            return
        caseload = self._caseload

        def work(_ctx: object) -> tuple[list[str], RefreshPlan | LiaisonError]:
            # The file is read once; its headers are kept even when the columns cannot be
            # worked out, so the officer can choose them.
            rows, encoding = read_list(path)
            headers = header_cells(rows)
            try:
                return headers, plan_list(
                    caseload, rows, encoding=encoding, mapping=mapping, split=split
                )
            except LiaisonError as exc:
                return headers, exc

        self._run(
            work,
            self._on_previewed,
            _("Reading the list…"),
        )

    def _on_previewed(self, result: tuple[list[str], RefreshPlan | LiaisonError]) -> None:
        self.headers, outcome = result
        if isinstance(outcome, LiaisonError):
            self.plan = None
            self.table.setRowCount(0)
            hint = _("If a column was not recognised, say which it is with Columns….")
            self._on_failed(f"{outcome}\n\n{hint}")
            return
        plan = outcome
        self._stop()
        self.plan = plan
        self.problems.hide()
        self._fill(plan)
        summary = _(
            "{new} new, {changed} changed, {unchanged} unchanged, {left} no longer on the "
            "list. Nothing has been written yet."
        ).format(
            new=plan.count(NEW),
            changed=plan.count(CHANGED),
            unchanged=plan.count(UNCHANGED),
            left=plan.count(LEFT),
        )
        extra = [officer_warning()] if plan.on_officer_device else []
        self.summary_label.setText("\n".join([summary, *extra, plan.columns_text()]))
        self.import_button.setEnabled(bool(plan.count(NEW) or plan.count(CHANGED)))
        announce(self, summary)
        self.table.setFocus()

    def _fill(self, plan: RefreshPlan) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(plan.lines))
        group_sizes: dict[int, int] = {}
        for line in plan.lines:
            if line.group is not None:
                group_sizes[line.group] = group_sizes.get(line.group, 0) + 1
        for index, line in enumerate(plan.lines):
            cells = (
                status_word(line.status),
                line.name,
                str(line.row) if line.row else "—",
                line_details(line),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(index, column, item)
            own = QTableWidgetItem("")
            own.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            splittable = (
                line.status == NEW
                and line.row is not None
                and (
                    line.family_id is not None
                    or group_sizes.get(line.group or 0, 0) > 1
                    or line.row in self.split
                )
            )
            if splittable:
                own.setFlags(own.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = line.row in self.split
                own.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                own.setText(_("own family") if checked else _("with siblings"))
                own.setData(Qt.ItemDataRole.UserRole, line.row)
            else:
                own.setText("—")
            self.table.setItem(index, OWN_FAMILY, own)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.blockSignals(False)

    @Slot(QTableWidgetItem)
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        row = item.data(Qt.ItemDataRole.UserRole)
        if item.column() != OWN_FAMILY or row is None:
            return
        if item.checkState() == Qt.CheckState.Checked:
            self.split.add(int(row))
        else:
            self.split.discard(int(row))
        self._preview()

    @Slot()
    def _on_columns(self) -> None:
        if not self.headers:
            return
        chosen = self.plan.mapping if self.plan is not None else (self.mapping or {})
        dialog = PupilColumnsDialog(self.headers, chosen, self)
        dialog.accepted.connect(lambda: self.use_columns(dialog.mapping()))
        self.columns_dialog = dialog
        dialog.open()

    def use_columns(self, mapping: dict[str, str]) -> None:
        """Preview again with the columns the officer chose."""
        self.mapping = mapping
        self._preview()

    # -- importing -----------------------------------------------------------------------------
    @Slot()
    def _on_import(self) -> None:
        path, split, shown, mapping = self.path, set(self.split), self.plan, self.mapping
        if path is None or shown is None:
            return
        caseload = self._caseload
        school = self.school_combo.currentData() or None
        self._run(
            lambda _ctx: apply_as_previewed(caseload, path, split, shown, mapping, school),
            self._on_imported,
            _("Importing…"),
        )

    def _on_imported(self, plan: RefreshPlan) -> None:
        self._stop()
        self.import_button.setEnabled(False)
        message = ngettext(
            "Imported: {new} new pupil, {changed} changed.",
            "Imported: {new} new pupils, {changed} changed.",
            plan.count(NEW),
        ).format(new=plan.count(NEW), changed=plan.count(CHANGED))
        self.status_label.setText(message)
        self.summary_label.setText(message)
        announce(self, message)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()
        self.imported.emit(message)

    # -- running ---------------------------------------------------------------------------------
    def _run(self, work: Any, success: Any, text: str) -> None:
        for widget in (self.choose_button, self.import_button, self.table, self.columns_button):
            widget.setEnabled(False)
        self.busy.start(text)
        self.status_label.setText("")
        self._op = BackgroundOp(owner=self, work=work, success=success, failure=self._on_failed)
        self._op.run_in_background()

    def _stop(self) -> None:
        self.busy.stop()
        for widget in (self.choose_button, self.table):
            widget.setEnabled(True)
        self.columns_button.setEnabled(bool(self.headers))

    def _on_failed(self, message: str) -> None:
        self._stop()
        self.problems.setPlainText(message)
        self.problems.show()
        self.import_button.setEnabled(False)
        self.summary_label.setText(_("Nothing was imported."))
        announce(self, _("Nothing was imported.") + " " + message.split("\n")[0], assertive=True)
        self.problems.setFocus()
