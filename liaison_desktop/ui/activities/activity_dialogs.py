"""The small dialogs of the Activities screen: a new activity, and choosing families.

`NewActivityDialog` asks only what is needed at the start (title, kind, the first date and how
many weekly sessions). `FamilyPickerDialog` lists the caseload behind a filter: tick several
families to invite them, or choose one family who walked in.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _
from ...services.caseload import Caseload
from ..family.common import FieldForm, error_label, py_date, show_message
from ..qt_dates import qdate
from ..widgets.discard_guard import DiscardGuard
from ..widgets.styles import muted
from ..worker_caseload import read_in_background
from .attendance_checklist_model import ChecklistFilterProxy, FamilyIdRole, NameRole

MAX_WEEKLY_SESSIONS = 52
DIALOG_WIDTH_CHARS = 56


class NewActivityDialog(DiscardGuard, QDialog):
    """Create an activity with its sessions; emits `created(activity_id)` once saved."""

    created = Signal(str)

    def __init__(self, caseload: Caseload, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self.setWindowTitle(_("New activity"))
        self.form = FieldForm()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(_("e.g. Cookery class, Tuesdays"))
        self.kind_combo = QComboBox()
        for kind in caseload.activities.kinds.kinds():
            self.kind_combo.addItem(kind.label, kind.key)
        self.date_edit = QDateEdit(qdate(caseload.ctx.today()))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.weeks_spin = QSpinBox()
        self.weeks_spin.setRange(1, MAX_WEEKLY_SESSIONS)
        self.weeks_spin.setSuffix(_(" week(s)"))
        self.venue_edit = QLineEdit()
        self.venue_edit.setPlaceholderText(_("e.g. School hall"))
        self.form.add("title", _("&Title"), self.title_edit)
        self.form.add("kind", _("&Kind"), self.kind_combo)
        self.form.add("date", _("&First date"), self.date_edit)
        self.form.add("sessions", _("&Runs for"), self.weeks_spin)
        self.form.add("venue", _("&Venue"), self.venue_edit)
        self.weeks_spin.setToolTip(_("One session on the first date and then every week."))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * DIALOG_WIDTH_CHARS)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

    @Slot()
    def _on_save(self) -> None:
        first = py_date(self.date_edit.date())
        days = [first + timedelta(weeks=n) for n in range(self.weeks_spin.value())]
        try:
            activity = self._caseload.activities.add(
                self.title_edit.text().strip(),
                str(self.kind_combo.currentData()),
                sessions=days,
                venue=self.venue_edit.text().strip() or None,
            )
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.created.emit(activity.id)
        self.accept()


class FamilyPickerDialog(QDialog):
    """Choose families from the caseload: several (ticks) or one (a walk-in).

    The caseload is read on a worker, so a large one does not hold up the screen; families in
    `exclude` (already invited) are not offered.
    """

    chosen = Signal(list)  # the family ids chosen

    def __init__(
        self,
        caseload: Caseload,
        *,
        title: str,
        prompt: str,
        many: bool,
        exclude: set[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._many = many
        self._exclude = exclude or set()
        self.loaded = False
        self.setWindowTitle(title)
        self.model = QStandardItemModel(self)
        self.proxy = ChecklistFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(_("Type part of a family's name"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(_("Find a family"))
        filter_label = QLabel(_("&Find"))
        filter_label.setBuddy(self.filter_edit)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setAccessibleName(_("Families on your caseload"))
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        list_label = QLabel(prompt)
        list_label.setWordWrap(True)
        list_label.setBuddy(self.list)
        self.status_label = muted(QLabel(_("Reading your caseload…")))
        self.error_label = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Invite") if many else _("&Mark as here"))
        self.ok_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(filter_label)
        layout.addWidget(self.filter_edit)
        layout.addWidget(list_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * DIALOG_WIDTH_CHARS)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.filter_edit.returnPressed.connect(self._on_filter_return)
        self.model.itemChanged.connect(self._update_ok)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.activated.connect(self._on_activated)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self._op = read_in_background(
            self, caseload, lambda c: c.families.all(), self._on_loaded, self._on_failed
        )

    def _on_loaded(self, families: list[Record]) -> None:
        for family in families:
            if family.id in self._exclude:
                continue
            name = str(family.get("name") or _("(no name)"))
            item = QStandardItem(name)
            item.setData(family.id, FamilyIdRole)
            item.setData(name, NameRole)
            item.setEditable(False)
            if self._many:
                item.setCheckable(True)
            self.model.appendRow(item)
        self.loaded = True
        count = self.model.rowCount()
        if not count:
            text = _("Every family on your caseload is already on the list.")
        elif self._many:
            text = _("Tick the families to invite (Space ticks the chosen one).")
        else:
            text = _("Choose the family who came and press Enter.")
        self.status_label.setText(text)
        self._update_ok()

    def _on_failed(self, message: str) -> None:
        self.status_label.hide()
        show_message(self.error_label, message)

    def family_ids(self) -> list[str]:
        """The families chosen so far: ticked ones, or the current one for a single choice."""
        if self._many:
            return [
                str(self.model.item(row).data(FamilyIdRole))
                for row in range(self.model.rowCount())
                if self.model.item(row).checkState() == Qt.CheckState.Checked
            ]
        index = self.list.currentIndex()
        return [str(index.data(FamilyIdRole))] if index.isValid() else []

    def set_checked(self, family_id: str, checked: bool = True) -> None:
        """Tick (or untick) a family, as Space does on it."""
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item.data(FamilyIdRole) == family_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    @Slot()
    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.family_ids()))

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_ok()

    @Slot()
    def _on_filter_return(self) -> None:
        # Enter in the filter goes to the first family found, ready for Space or Enter.
        if self.proxy.rowCount():
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    @Slot(QModelIndex)
    def _on_activated(self, _index: QModelIndex) -> None:
        if not self._many:
            self._on_ok()

    @Slot()
    def _on_ok(self) -> None:
        ids = self.family_ids()
        if ids:
            self.chosen.emit(ids)
            self.accept()
