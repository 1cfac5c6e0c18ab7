"""The Caseload section: the list of families, and a family opened from it.

A stack of two pages: the filterable, sortable list, and the open family (with a way back).
The list is read on a worker thread with its own vault connection, so a caseload of 20,000
families never freezes the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.changes import Change
from ...domain.pupil_facts import FACTS, fact_label
from ...errors import LiaisonError
from ...i18n import _, ngettext
from ...interchange.attendance_import import AttendanceImportReport, import_attendance_file
from ...services.caseload import Caseload
from ...services.caseload_rows_service import CaseloadRow
from ...services.families_service import family_label
from ..announce import announce
from ..file_dialogs import open_files_dialog, open_save_dialog, suggested_file_name
from ..ops import BackgroundOp
from ..widgets.busy_indicator import BusyIndicator
from ..widgets.choice_combo import refill_combo
from ..widgets.confirm import ask_to_confirm
from ..widgets.styles import apply_error_style, heading, muted
from ..worker_caseload import on_worker, read_in_background
from .caseload_table_model import (
    FAMILY_ID_ROLE,
    LAST_CONTACT,
    NAME,
    NEEDS,
    OFFICER,
    OPEN_REFERRALS,
    POSTCODE,
    PUPILS,
    CaseloadFilterProxy,
    CaseloadTableModel,
    PreparedRows,
    prepare_rows,
)
from .new_family_dialog import NewFamilyDialog

if TYPE_CHECKING:
    from ..section_views import SessionServices

FamilyPageFactory = Callable[[str], QWidget]
# What the list's rows show: the family, its people, its officer, its needs and referrals.
LIST_KINDS = ("family", "person", "allocation", "referral", "case_closure")
FILTER_DELAY_MS = 150


class FamilyFrame(QWidget):
    """An open family with a way back to the list (button, Alt+Left or Escape)."""

    def __init__(self, page: QWidget, back: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.page = page
        self.back_button = QPushButton(_("← &Back to caseload"))
        self.back_button.setToolTip(_("Back to the list of families (Alt+Left or Escape)"))
        self.back_button.clicked.connect(back)
        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(page, 1)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key in (QKeySequence("Alt+Left"), QKeySequence(Qt.Key.Key_Escape)):
            shortcut = QShortcut(key, self)
            shortcut.setContext(context)
            shortcut.activated.connect(back)


class CaseloadView(QStackedWidget):
    """The families on this vault; Enter or a double-click opens one."""

    def __init__(
        self,
        caseload: Caseload,
        family_page_factory: FamilyPageFactory,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._factory = family_page_factory
        self._load_op: BackgroundOp[PreparedRows] | None = None
        self._stale = False
        self.family_frame: FamilyFrame | None = None
        self.search_popup: QWidget | None = None
        self.search_action: QAction | None = None
        self.open_family_id: str | None = None

        self.model = CaseloadTableModel(self)
        self.proxy = CaseloadFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(_("Filter by family, officer or need"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 24)
        filter_label = QLabel(_("&Filter:"))
        filter_label.setBuddy(self.filter_edit)
        self.officer_combo = QComboBox()
        self.officer_combo.setAccessibleName(_("Officer"))
        officer_label = QLabel(_("&Officer:"))
        officer_label.setBuddy(self.officer_combo)
        self.need_combo = QComboBox()
        self.need_combo.setAccessibleName(_("Need"))
        need_label = QLabel(_("N&eed:"))  # Alt+N is New family
        need_label.setBuddy(self.need_combo)
        self.fact_combo = QComboBox()
        self.fact_combo.setAccessibleName(_("Pupil facts"))
        self.fact_combo.addItem(_("Any pupils"), "")
        for fact in FACTS:
            self.fact_combo.addItem(fact_label(fact), fact)
        fact_label_widget = QLabel(_("P&upils:"))
        fact_label_widget.setBuddy(self.fact_combo)
        # A federation or trust (issue 23): the families of one school; hidden with no schools.
        self.school_combo = QComboBox()
        self.school_combo.setAccessibleName(_("School"))
        self.school_label = QLabel(_("Sc&hool:"))
        self.school_label.setBuddy(self.school_combo)
        self._fill_combos()

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(_("Families"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as keyboard users expect
        self.table.verticalHeader().hide()
        # Fixed row heights: the view never measures 20,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        chars = self.fontMetrics().averageCharWidth()
        for column, width in (
            (NAME, 24),
            (POSTCODE, 10),
            (PUPILS, 20),
            (OFFICER, 18),
            (NEEDS, 24),
            (OPEN_REFERRALS, 16),
            (LAST_CONTACT, 14),
        ):
            header.resizeSection(column, width * chars)
        self.table.setSortingEnabled(True)
        header.setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)

        self.count_label = muted(QLabel())
        self.busy = BusyIndicator()
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()

        filters = self._filters = QHBoxLayout()
        filters.addWidget(filter_label)
        filters.addWidget(self.filter_edit, 3)
        filters.addWidget(officer_label)
        filters.addWidget(self.officer_combo, 1)
        filters.addWidget(need_label)
        filters.addWidget(self.need_combo, 1)
        filters.addWidget(fact_label_widget)
        filters.addWidget(self.fact_combo, 1)
        self.list_page = QWidget()
        layout = QVBoxLayout(self.list_page)
        self._title_row = QHBoxLayout()
        self._title_row.addWidget(heading(_("Caseload")), 1)
        # What is done to the families selected (or listed), in a row of its own so a 200 %
        # screen keeps the window within its width.
        self._bulk_row = QHBoxLayout()
        self._bulk_row.addWidget(self.school_label)
        self._bulk_row.addWidget(self.school_combo)
        self._bulk_row.addStretch(1)
        self.new_family_button = QPushButton(_("&New family…"))
        self.new_family_button.setToolTip(_("Start a new family's record (Ctrl+Shift+N)"))
        self.new_family_button.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self._title_row.addWidget(self.new_family_button)
        self.import_button = QPushButton(_("Import pupil &list…"))
        self.import_button.setToolTip(
            _("Import this term's pupil list from the school's system, with a preview first")
        )
        self._title_row.addWidget(self.import_button)
        self.attendance_button = QPushButton(_("Import attend&ance…"))
        self.attendance_button.setToolTip(
            _("Import attendance figures from the school's system (all rows or none)")
        )
        self._title_row.addWidget(self.attendance_button)
        self.attendance_dialog: QWidget | None = None
        self.import_label = muted(QLabel())
        self.import_label.setWordWrap(True)
        self.import_label.hide()
        self.import_problem_label = QLabel()
        apply_error_style(self.import_problem_label)
        self.import_problem_label.setWordWrap(True)
        self.import_problem_label.hide()
        self._attendance_op: BackgroundOp[AttendanceImportReport] | None = None
        self.import_dialog: QWidget | None = None
        # The lead gives each family to an officer (by name); officers do not see this.
        # Several families at once: Shift or Ctrl with a click, or Shift with the arrow keys.
        self.allocate_button = QPushButton(_("Allocate &to…"))
        self.allocate_button.setToolTip(_("Give the selected families to an officer's laptop"))
        self.allocate_button.setVisible(caseload.ctx.is_lead)
        self.allocate_button.setEnabled(False)
        self._bulk_row.addWidget(self.allocate_button)
        self.take_back_button = QPushButton(_("Take bac&k…"))
        self.take_back_button.setToolTip(
            _("Take the selected families back from the officers they are allocated to")
        )
        self.take_back_button.setVisible(caseload.ctx.is_lead)
        self.take_back_button.setEnabled(False)
        self._bulk_row.addWidget(self.take_back_button)
        # Two records of one family: the lead merges them or removes one made by mistake.
        self.merge_button = QPushButton(_("&Merge…"))
        self.merge_button.setToolTip(_("Merge the two selected records of one family"))
        self.remove_button = QPushButton(_("&Remove…"))
        self.remove_button.setToolTip(_("Remove the selected family, created by mistake"))
        for button in (self.merge_button, self.remove_button):
            button.setVisible(caseload.ctx.is_lead)
            button.setEnabled(False)
            self._bulk_row.addWidget(button)
        # Bulk work (issue 23): close the selected cases together; the list as CSV.
        self.close_many_button = QPushButton(_("&Close cases…"))
        self.close_many_button.setToolTip(_("Close the selected cases with one outcome and reason"))
        self.close_many_button.setVisible(caseload.ctx.is_lead)
        self.close_many_button.setEnabled(False)
        self._bulk_row.addWidget(self.close_many_button)
        self.export_list_button = QPushButton(_("E&xport list…"))
        self.export_list_button.setToolTip(
            _("Save the families listed, with the columns shown, as a CSV file (not encrypted)")
        )
        self._bulk_row.addWidget(self.export_list_button)
        self.close_many_dialog: QWidget | None = None
        self.export_dialog: QWidget | None = None
        self.merge_dialog: QWidget | None = None
        self.remove_box: QMessageBox | None = None
        self.leave_box: QMessageBox | None = None
        if caseload.ctx.is_lead:
            self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.allocate_dialog: QWidget | None = None
        self.take_back_box: QMessageBox | None = None
        self.new_family_dialog: NewFamilyDialog | None = None
        layout.addLayout(self._title_row)
        layout.addLayout(self._bulk_row)
        layout.addLayout(filters)
        self._fill_schools()  # hidden until a read finds schools (in the layout: never a window)
        layout.addWidget(self.busy)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.import_label)
        layout.addWidget(self.import_problem_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.addWidget(self.list_page)
        self.setTabOrder(self.filter_edit, self.officer_combo)
        self.setTabOrder(self.officer_combo, self.need_combo)
        self.setTabOrder(self.need_combo, self.table)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._connect()
        self._show_count()

    def _connect(self) -> None:
        self.new_family_button.clicked.connect(self.start_new_family)
        self.import_button.clicked.connect(self.start_import)
        self.attendance_button.clicked.connect(self.start_attendance_import)
        self.allocate_button.clicked.connect(self.start_allocate)
        self.close_many_button.clicked.connect(self.start_close_many)
        self.export_list_button.clicked.connect(self.start_export_list)
        self.take_back_button.clicked.connect(self.start_take_back)
        self.merge_button.clicked.connect(self.start_merge)
        self.remove_button.clicked.connect(self.start_remove)
        self.table.selectionModel().currentChanged.connect(self._on_selection_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.filter_edit.textChanged.connect(self._filter_timer.start)
        self._filter_timer.timeout.connect(self._apply_filters)
        self.officer_combo.activated.connect(self._apply_filters)
        self.need_combo.activated.connect(self._apply_filters)
        self.fact_combo.activated.connect(self._apply_filters)
        self.school_combo.activated.connect(self._apply_filters)
        self.table.activated.connect(self._on_activated)
        self.proxy.rowsInserted.connect(self._show_count)
        self.proxy.rowsRemoved.connect(self._show_count)
        self.proxy.modelReset.connect(self._show_count)
        self.proxy.layoutChanged.connect(self._show_count)

    @Slot()
    def start_new_family(self) -> None:
        """Ask for the new family's details; once saved, open its page."""
        dialog = NewFamilyDialog(
            self._caseload.families,
            self,
            duplicates=self._caseload.family_merge.possible_duplicates,
        )
        dialog.created.connect(self._on_family_created)
        dialog.open_existing.connect(self.open_family)
        self.new_family_dialog = dialog
        dialog.open()

    @Slot()
    def start_import(self) -> None:
        """The pupil-list import, previewed; the list is read again once it has imported."""
        from .pupil_import_dialog import PupilImportDialog

        dialog = PupilImportDialog(self._caseload, self)
        dialog.imported.connect(lambda _message: self.refresh())
        self.import_dialog = dialog
        dialog.open()

    @Slot()
    def start_attendance_import(self) -> None:
        """Choose an attendance export; it is checked and imported off the GUI thread."""
        self.attendance_dialog = open_files_dialog(
            self,
            _("Import attendance"),
            on_chosen=lambda paths: self.import_attendance(Path(paths[0])) if paths else None,
        )

    def import_attendance(self, path: Path) -> None:
        """Import the attendance file at `path`; what happened is said under the list."""
        caseload = self._caseload
        self.busy.start(_("Importing attendance…"))

        def work(_ctx: object) -> AttendanceImportReport:
            return on_worker(caseload, lambda c: import_attendance_file(c, path))

        def done(report: AttendanceImportReport) -> None:
            self.busy.stop()
            self._say(report.describe(), problem=False)
            self.refresh()

        def failed(message: str) -> None:
            self.busy.stop()
            self._say(message, problem=True)

        self._attendance_op = BackgroundOp(owner=self, work=work, success=done, failure=failed)
        self._attendance_op.run_in_background()

    def _say(self, text: str, *, problem: bool) -> None:
        label = self.import_problem_label if problem else self.import_label
        other = self.import_label if problem else self.import_problem_label
        label.setText(text)
        label.show()
        other.hide()
        announce(self, text, assertive=problem)

    @Slot()
    def _on_selection_changed(self) -> None:
        selected = self.selected_rows()
        self.allocate_button.setEnabled(bool(selected))
        self.take_back_button.setEnabled(any(row.officers for row in selected))
        self.merge_button.setEnabled(len(selected) == 2)
        self.remove_button.setEnabled(len(selected) == 1)
        self.close_many_button.setEnabled(bool(selected))

    def selected_rows(self) -> list[CaseloadRow]:
        """The families selected in the list, in list order (the current one when none is).

        Read straight from the selected rows: a whole list selected (Shift+End) must not
        look each of 20,000 families up again.
        """
        indexes = self.table.selectionModel().selectedRows()
        if not indexes and self.table.currentIndex().isValid():
            indexes = [self.table.currentIndex()]
        shown = sorted({index.row() for index in indexes})
        return [self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, NAME)).row())
                for r in shown]  # fmt: skip

    def selected_family_ids(self) -> list[str]:
        """The ids of `selected_rows()`."""
        return [row.family_id for row in self.selected_rows()]

    @staticmethod
    def family_labels(rows: list[CaseloadRow]) -> list[str]:
        """Each family as the lead must see it to be sure: name, postcode and pupils."""
        return [family_label(row.name, row.postcode, row.pupils) for row in rows]

    @Slot()
    def start_allocate(self) -> None:
        """Ask the lead which officer the selected families go to."""
        from .allocate_dialog import AllocateDialog

        rows = self.selected_rows()
        if not rows:
            return
        dialog = AllocateDialog(
            self._caseload.allocations,
            [row.family_id for row in rows],
            self.family_labels(rows),
            self,
        )
        self.allocate_dialog = dialog
        dialog.open()

    @Slot()
    def start_close_many(self) -> None:
        """Ask for one outcome and reason, then close the selected cases (all or none)."""
        from ..family.closure_dialog import CloseManyDialog

        rows = self.selected_rows()
        if not rows:
            return
        dialog = CloseManyDialog(
            self._caseload.handover, [row.family_id for row in rows], self.family_labels(rows),
            self,
        )  # fmt: skip
        self.close_many_dialog = dialog
        dialog.open()

    def visible_list(self) -> tuple[list[str], list[list[str]], list[str]]:
        """(headers, rows, family ids) of the list as shown: its visible columns, its filtered
        rows in their order."""
        columns = [c for c in range(self.proxy.columnCount()) if not self.table.isColumnHidden(c)]
        headers = [str(self.proxy.headerData(c, Qt.Orientation.Horizontal)) for c in columns]
        rows, ids = [], []
        for r in range(self.proxy.rowCount()):
            rows.append([str(self.proxy.index(r, c).data() or "") for c in columns])
            source = self.proxy.mapToSource(self.proxy.index(r, NAME)).row()
            ids.append(self.model.row_at(source).family_id)
        return headers, rows, ids

    @Slot()
    def start_export_list(self) -> None:
        """Choose where, then write the list shown as CSV (audited; recorded as shared)."""
        self.export_dialog = open_save_dialog(
            self,
            _("Save the caseload list"),
            name_filter=_("CSV files (*.csv)"),
            suggested_name=suggested_file_name(
                _("caseload-list"), day=self._caseload.ctx.today(), reference="", suffix="csv"
            ),
            on_chosen=self._export_list_to,
        )

    def _export_list_to(self, path: str) -> None:
        from ...interchange.caseload_list import export_caseload_list

        headers, rows, ids = self.visible_list()
        try:
            n = export_caseload_list(self._caseload, Path(path), headers, rows, ids)
        except LiaisonError as exc:
            self._show_problem(exc)
            return
        self._say(
            ngettext(
                "{n} family saved to {path}. The file is NOT encrypted: keep it safe.",
                "{n} families saved to {path}. The file is NOT encrypted: keep it safe.",
                n,
            ).format(n=n, path=path),
            problem=False,
        )

    @Slot()
    def start_merge(self) -> None:
        """Ask which of the two selected records of one family to keep, then merge."""
        from .merge_dialog import MergeFamiliesDialog

        rows = self.selected_rows()
        if len(rows) != 2:
            return
        first, second = self.family_labels(rows)
        dialog = MergeFamiliesDialog(
            self._caseload.family_merge, (rows[0].family_id, rows[1].family_id),
            (first, second), self,
        )  # fmt: skip
        dialog.merged.connect(self.open_family)
        self.merge_dialog = dialog
        dialog.open()

    def _show_problem(self, exc: LiaisonError) -> None:
        self.problem_label.setText(str(exc))
        self.problem_label.show()

    @Slot()
    def start_remove(self) -> None:
        """Confirm, then remove a family created by mistake (refused once it has records)."""
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        family_id = rows[0].family_id
        (label,) = self.family_labels(rows)

        def remove() -> None:
            try:
                self._caseload.family_merge.remove(family_id)
            except LiaisonError as exc:
                self._show_problem(exc)

        self.remove_box = ask_to_confirm(
            self,
            _("Remove a family created by mistake"),
            _(
                "Remove {family} and its people? Use this only for a record made by mistake; "
                "a family with notes, visits or other records cannot be removed (merge a "
                "duplicate instead, or close the case)."
            ).format(family=label),
            _("&Remove"),
            remove,
        )

    @Slot()
    def start_take_back(self) -> None:
        """Confirm, then take the selected families back from their officers."""
        rows = [row for row in self.selected_rows() if row.officers]
        if not rows:
            return
        family_ids = [row.family_id for row in rows]
        lines = [
            _("{family} — from {officers}").format(family=label, officers=", ".join(row.officers))
            for row, label in zip(rows, self.family_labels(rows), strict=True)
        ]

        def take_back() -> None:
            try:
                self._caseload.allocations.take_back(family_ids)
            except LiaisonError as exc:
                self._show_problem(exc)

        self.take_back_box = ask_to_confirm(
            self,
            _("Take back families"),
            ngettext(
                "Take this family back? At the next sync its records are removed from the "
                "officer's laptop; anything they wrote that has not reached you yet still "
                "comes to you first.",
                "Take these {n} families back? At the next sync their records are removed "
                "from the officers' laptops; anything they wrote that has not reached you yet "
                "still comes to you first.",
                len(family_ids),
            ).format(n=len(family_ids))
            + "\n\n"
            + "\n".join(lines),
            _("&Take back"),
            take_back,
            role=QMessageBox.ButtonRole.AcceptRole,
        )

    @Slot(str)
    def _on_family_created(self, family_id: str) -> None:
        self.new_family_dialog = None
        self.open_family(family_id)
        self.refresh()

    def add_search_button(self, button: QPushButton) -> None:
        """Put the search-everything button beside the heading."""
        self._title_row.addWidget(button)

    # -- loading -------------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        """True while the list is being read."""
        return self._load_op is not None and self._load_op.running

    def refresh(self) -> None:
        """Read the list again (in the background); the filters stay as they are.

        Asked while a read is running (which may have started before the latest write), it
        reads once more when that one is done.
        """
        if self.loading:
            self._stale = True
            return
        if self.model.rowCount() == 0:
            self.busy.start(_("Opening your caseload…"))
        self._load_op = read_in_background(
            self,
            self._caseload,
            # Sort orders and filter text are worked out here too, off the GUI thread.
            lambda caseload: replace(
                prepare_rows(caseload.caseload_rows.rows()),
                schools=tuple(caseload.schools.choices()),
            ),
            self._on_loaded,
            self._on_load_failed,
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.currentWidget() is self.list_page:
            self.refresh()

    def _read_again_if_stale(self) -> None:
        if self._stale:
            self._stale = False
            QTimer.singleShot(0, self.refresh)  # once this read's op has finished

    def _on_loaded(self, rows: PreparedRows) -> None:
        self._read_again_if_stale()
        self.busy.stop()
        self.problem_label.hide()
        selected = self.current_family_id()
        self.model.set_rows(rows)
        self._fill_combos()
        self._fill_schools(rows.schools)
        self._apply_filters()
        if selected is not None:
            self.select_family(selected)

    def _on_load_failed(self, message: str) -> None:
        self._read_again_if_stale()
        self.busy.stop()
        self.problem_label.setText(
            _("The list of families could not be read: {reason}").format(reason=message)
        )
        self.problem_label.show()

    def _fill_schools(self, schools: tuple[tuple[str, str], ...] = ()) -> None:
        """The school filter: (id, name) of the trust's schools; hidden when there are none."""
        refill_combo(self.school_combo, _("All schools"), schools)
        for widget in (self.school_label, self.school_combo):
            widget.setVisible(bool(schools))

    def _fill_combos(self) -> None:
        refill_combo(self.officer_combo, _("All officers"), ((o, o) for o in self.model.officers()))
        refill_combo(
            self.need_combo,
            _("All needs"),
            ((n, n.replace("_", " ")) for n in self.model.needs()),
        )

    # -- filtering and choosing ----------------------------------------------------------------
    @Slot()
    def _apply_filters(self) -> None:
        self._filter_timer.stop()
        self.proxy.set_filters(
            self.filter_edit.text(),
            str(self.officer_combo.currentData() or ""),
            str(self.need_combo.currentData() or ""),
            str(self.fact_combo.currentData() or ""),
            str(self.school_combo.currentData() or ""),
        )
        self._show_count()

    @Slot()
    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            text = ngettext("{n} family", "{n} families", total).format(n=total)
        else:
            text = _("{shown} of {total} families match").format(shown=shown, total=total)
        if text != self.count_label.text() and self.isVisible():
            announce(self, text)  # the count as it changes while typing a filter
        self.count_label.setText(text)

    def current_family_id(self) -> str | None:
        """The family selected in the list, if any."""
        index = self.table.currentIndex()
        return str(index.data(FAMILY_ID_ROLE)) if index.isValid() else None

    def select_family(self, family_id: str) -> bool:
        """Select `family_id` in the list if it is shown; True when it is."""
        row = self.model.row_of(family_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, NAME))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        family_id = index.data(FAMILY_ID_ROLE)
        if family_id:
            self.open_family(str(family_id))

    # -- the family page -----------------------------------------------------------------------
    def _unsaved_form(self) -> object | None:
        """The open family's details form, when it holds edits not yet saved."""
        page = self.family_frame.page if self.family_frame is not None else None
        overview = getattr(page, "overview", None)
        has_changes = getattr(overview, "has_unsaved_changes", None)
        return overview if callable(has_changes) and has_changes() else None

    def leave_family_then(self, action: Callable[[], None]) -> None:
        """Run `action` (which leaves the open family) once unsaved details are dealt with:
        saved, discarded, or the leaving cancelled."""
        form = self._unsaved_form()
        page = self.family_frame.page if self.family_frame is not None else None
        unfinished_of = getattr(page, "unfinished_tabs", None)
        unfinished: list[str] = unfinished_of() if callable(unfinished_of) else []
        if form is None and unfinished:
            self._ask_discard_unfinished(unfinished, action)
            return
        if form is None:
            action()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Save the family's details?"),
            _("You changed this family's details and have not saved them."),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        self.leave_box = box

        def done(answer: int) -> None:
            if answer == QMessageBox.StandardButton.Save:
                save = getattr(form, "save")  # noqa: B009
                if not save():
                    return  # refused: the errors are shown beside the fields; stay
            elif answer != QMessageBox.StandardButton.Discard:
                return
            action()

        box.finished.connect(done)
        box.open()

    def _ask_discard_unfinished(self, tabs: list[str], action: Callable[[], None]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Leave what you started?"),
            _("You started something and have not added it yet: {tabs}.").format(
                tabs=", ".join(tabs)
            ),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        self.leave_box = box

        def done(answer: int) -> None:
            if answer == QMessageBox.StandardButton.Discard:
                action()

        box.finished.connect(done)
        box.open()

    def open_family(self, family_id: str) -> None:
        """Show one family's page in place of the list (after asking about unsaved details)."""
        if self.family_frame is not None:
            if family_id == self.open_family_id:  # already open: shown as it is, edits and all
                self.setCurrentWidget(self.family_frame)
                return
            self.leave_family_then(lambda: self._open_family(family_id))
            return
        self._open_family(family_id)

    def _open_family(self, family_id: str) -> None:
        # A foreseen refusal (gone, not allocated, locked) is explained here; anything else is
        # a bug and goes on to the crash reporter (sys.excepthook), not behind a generic box.
        try:
            page = self._factory(family_id)
        except LiaisonError as exc:
            reason = str(exc)
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                _("Family not opened"),
                _("This family could not be opened. Nothing was changed. {reason}").format(
                    reason=reason
                ),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return
        self._drop_family_frame()
        self.family_frame = FamilyFrame(page, self.go_back)
        self.open_family_id = family_id
        self.addWidget(self.family_frame)
        self.setCurrentWidget(self.family_frame)
        # Focus into the page (its tab bar), so Ctrl+Tab, Alt+1 … Alt+9 and the tabs' keys work
        # at once; never a text field, which could swallow what is typed next.
        tabs = getattr(page, "tabs", None)
        (tabs.tabBar() if tabs is not None else self.family_frame.back_button).setFocus()
        title = getattr(page, "title", None)
        announce(self, _("{family} opened").format(family=title.text() if title else family_id))

    @Slot()
    def go_back(self) -> None:
        """Back to the list (Back, Alt+Left, Escape), asking first about unsaved details."""
        self.leave_family_then(self.show_list)

    @Slot()
    def show_list(self) -> None:
        """Back to the list, with the family that was open selected."""
        family_id = self.open_family_id
        self.setCurrentWidget(self.list_page)
        self._drop_family_frame()
        self.open_family_id = None
        if family_id is not None:
            self.select_family(family_id)
        self.table.setFocus()
        self.refresh()

    def _drop_family_frame(self) -> None:
        if self.family_frame is not None:
            self.removeWidget(self.family_frame)
            self.family_frame.deleteLater()
            self.family_frame = None


def family_page_factory(services: SessionServices) -> FamilyPageFactory:
    """Opens a family's page for this session."""
    from ..family.family_page import FamilyPage

    return lambda family_id: FamilyPage(services, family_id)


def build_caseload_section(services: SessionServices) -> QWidget:
    """The Caseload section for one session, with Ctrl+K search over the whole window."""
    from .search_popup import install_global_search, search_button

    view = CaseloadView(services.caseload, family_page_factory(services))
    services.navigator.family_requested.connect(view.open_family)

    # The list, while shown, follows writes to what its rows show; hidden, it reads when shown.
    def follow(change: Change, _from_background: bool) -> None:
        if view.list_page.isVisible() and change.touches(LIST_KINDS):
            view.refresh()

    services.changes.changed.connect(follow)
    view.search_popup, view.search_action = install_global_search(services, view)
    view.add_search_button(search_button(view.search_action))
    return view
