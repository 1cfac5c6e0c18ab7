"""The Activities section: school activities on the left, the door checklist on the right.

Built to be quick at the door: choose the activity, the session date is today, type part of a
name to find a family and press Space — the tick is saved at once, and unticking undoes it.
"Invite families…" picks several families from the caseload; "Add a walk-in family" marks a
family who came without an invitation. One session's register is a few dozen rows, read and
written on the GUI thread well inside the 50 ms budget; choosing families reads the whole
caseload, so that happens on a worker (`FamilyPickerDialog`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QItemSelection, Qt, Slot
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _, ngettext
from ...services.caseload import Caseload
from ..family.common import error_label, py_date, show_message
from ..qt_dates import qdate
from ..widgets.scroll_area import quiet
from ..widgets.styles import heading, muted
from .activity_dialogs import FamilyPickerDialog, NewActivityDialog
from .attendance_checklist_model import (
    AttendanceChecklistModel,
    ChecklistFilterProxy,
    ChecklistRow,
)

if TYPE_CHECKING:
    from ..section_views import SessionServices

ActivityIdRole = Qt.ItemDataRole.UserRole + 1
CHECKLIST_FONT_SCALE = 1.25  # a big target, read at arm's length at the door


class ActivitiesView(QWidget):
    """Create activities, invite families and take attendance session by session."""

    def __init__(self, caseload: Caseload, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._activities = caseload.activities
        self._activity: Record | None = None
        self._session_id: str | None = None
        self.new_dialog: NewActivityDialog | None = None
        self.picker: FamilyPickerDialog | None = None

        # -- the activities ----------------------------------------------------------------------
        self.activities_model = QStandardItemModel(self)
        self.activities_list = QListView()
        self.activities_list.setModel(self.activities_model)
        self.activities_list.setAccessibleName(_("Activities"))
        self.activities_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.activities_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.activities_list.setStyleSheet("QListView::item { padding: 4px; }")
        self.new_button = QPushButton(_("&New activity…"))
        self.empty_label = muted(
            QLabel(_("No activities yet. Start one with New activity, then invite families."))
        )
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.addWidget(heading(_("Activities")))
        left_column.addWidget(self.activities_list, 1)
        left_column.addWidget(self.empty_label)
        left_column.addWidget(self.new_button)

        # -- the session ---------------------------------------------------------------------------
        self.title_label = heading("", scale=1.3)
        self.subtitle_label = muted(QLabel())
        self.date_edit = QDateEdit(qdate(caseload.ctx.today()))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setAccessibleName(_("Session date"))
        date_label = QLabel(_("Session &date"))
        date_label.setBuddy(self.date_edit)
        self.sessions_combo = QComboBox()
        self.sessions_combo.setAccessibleName(_("Sessions of this activity"))
        sessions_label = QLabel(_("or &go to"))
        sessions_label.setBuddy(self.sessions_combo)
        date_row = QHBoxLayout()
        date_row.addWidget(date_label)
        date_row.addWidget(self.date_edit)
        date_row.addWidget(sessions_label)
        date_row.addWidget(self.sessions_combo, 1)
        self.session_label = muted(QLabel())

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(_("Type part of a family's name, then Enter"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(_("Find a family on the list"))
        filter_label = QLabel(_("&Find"))
        filter_label.setBuddy(self.filter_edit)
        filter_row = QHBoxLayout()
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.filter_edit, 1)

        self.checklist_model = AttendanceChecklistModel(self._save_mark, self)
        self.checklist_proxy = ChecklistFilterProxy(self)
        self.checklist_proxy.setSourceModel(self.checklist_model)
        self.checklist = QListView()
        self.checklist.setModel(self.checklist_proxy)
        self.checklist.setAccessibleName(_("Who is here: Space ticks or unticks a family"))
        self.checklist.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checklist.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checklist.setStyleSheet("QListView::item { padding: 6px; }")
        big = QFont(self.checklist.font())
        if big.pointSizeF() > 0:
            big.setPointSizeF(big.pointSizeF() * CHECKLIST_FONT_SCALE)
        self.checklist.setFont(big)
        self.checklist.setMinimumHeight(self.checklist.fontMetrics().height() * 9)
        checklist_label = QLabel(
            _("Who is &expected: tick each family as they arrive (saved at once; untick to undo)")
        )
        checklist_label.setWordWrap(True)
        checklist_label.setBuddy(self.checklist)
        self.count_label = heading("", scale=1.2)
        self.count_label.setWordWrap(False)  # "12 of 20 here" is read as one
        self.count_label.setAccessibleName(_("How many are here"))
        self.invite_button = QPushButton(_("&Invite families…"))
        self.walk_in_button = QPushButton(_("Add a &walk-in family…"))
        self.error_label = error_label()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.invite_button)
        buttons.addWidget(self.walk_in_button)

        self.session_panel = QWidget()
        right_column = QVBoxLayout(self.session_panel)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_label, 1)
        title_row.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignRight)
        right_column.addLayout(title_row)
        right_column.addWidget(self.subtitle_label)
        right_column.addLayout(date_row)
        right_column.addWidget(self.session_label)
        right_column.addLayout(filter_row)
        right_column.addWidget(checklist_label)
        right_column.addWidget(self.checklist, 1)
        right_column.addWidget(self.error_label)
        right_column.addLayout(buttons)
        self.placeholder_label = muted(
            QLabel(_("Choose an activity to take attendance or invite families."))
        )
        right = QWidget()
        right_outer = QVBoxLayout(right)
        right_outer.addWidget(self.placeholder_label)
        # At 200% on a small laptop the panel scrolls rather than squeezing the checklist.
        scroll = quiet(QScrollArea())
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.session_panel)
        right_outer.addWidget(scroll, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([300, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._connect()
        self.reload()
        self._show_activity(None)

    def _connect(self) -> None:
        self.new_button.clicked.connect(self._on_new)
        self.activities_list.selectionModel().selectionChanged.connect(self._on_activity_chosen)
        self.date_edit.dateChanged.connect(self._on_date_changed)
        self.sessions_combo.activated.connect(self._on_session_picked)
        self.filter_edit.textChanged.connect(self.checklist_proxy.set_text)
        self.filter_edit.returnPressed.connect(self._on_filter_return)
        self.checklist_model.dataChanged.connect(self._update_count)
        self.checklist_model.modelReset.connect(self._update_count)
        self.invite_button.clicked.connect(self._on_invite)
        self.walk_in_button.clicked.connect(self._on_walk_in)

    # -- the activities ----------------------------------------------------------------------------
    def reload(self, select_id: str | None = None) -> None:
        """Read the activities again, keeping (or moving to) the chosen one."""
        keep = select_id or (self._activity.id if self._activity is not None else None)
        self.activities_model.clear()
        for activity in self._activities.all():
            item = QStandardItem(
                _("{title} · {kind}").format(
                    title=activity["title"], kind=self._activities.kind_label(activity)
                )
            )
            item.setData(activity.id, ActivityIdRole)
            item.setEditable(False)
            self.activities_model.appendRow(item)
        self.empty_label.setVisible(self.activities_model.rowCount() == 0)
        if keep:
            self.select_activity(keep)

    def select_activity(self, activity_id: str) -> bool:
        """Choose an activity in the list (its session for the date shown opens)."""
        for row in range(self.activities_model.rowCount()):
            if self.activities_model.item(row).data(ActivityIdRole) == activity_id:
                self.activities_list.setCurrentIndex(self.activities_model.index(row, 0))
                return True
        return False

    def activity_titles(self) -> list[str]:
        """The activities listed, as shown."""
        return [
            self.activities_model.item(row).text()
            for row in range(self.activities_model.rowCount())
        ]

    def _show_activity(self, activity: Record | None) -> None:
        self._activity = activity
        self.placeholder_label.setVisible(activity is None)
        self.session_panel.setVisible(activity is not None)
        show_message(self.error_label, "")
        if activity is None:
            self.checklist_model.set_rows([])
            return
        self.title_label.setText(str(activity["title"]))
        self.title_label.setAccessibleName(str(activity["title"]))
        parts = [self._activities.kind_label(activity)]
        if activity.get("venue"):
            parts.append(str(activity["venue"]))
        invited = len(self._activities.invitations_of(activity.id))
        parts.append(
            ngettext("{n} family invited", "{n} families invited", invited).format(n=invited)
        )
        self.subtitle_label.setText(" · ".join(parts))
        self._fill_sessions()
        self._load_register()

    def _fill_sessions(self) -> None:
        assert self._activity is not None
        self.sessions_combo.clear()
        for session in self._activities.sessions_of(self._activity.id):
            day = str(session["date"])
            label = day if not session.get("time") else f"{day} {session['time']}"
            self.sessions_combo.addItem(label, day)
        self.sessions_combo.setEnabled(self.sessions_combo.count() > 0)
        # The combo names the session of the date shown, when there is one.
        shown = self.session_day().isoformat()
        self.sessions_combo.setCurrentIndex(self.sessions_combo.findData(shown))

    def session_day(self) -> date:
        """The date of the session shown."""
        return py_date(self.date_edit.date())

    def _find_session(self) -> str | None:
        assert self._activity is not None
        day = self.session_day().isoformat()
        for session in self._activities.sessions_of(self._activity.id):
            if str(session["date"]) == day:
                return session.id
        return None

    def _load_register(self) -> None:
        """Read who is expected at the session of the date shown, with their ticks."""
        assert self._activity is not None
        self._session_id = self._find_session()
        if self._session_id is not None:
            register = self._activities.register(self._session_id)
            rows = [
                ChecklistRow(r.family_id, r.family_name, r.walk_in, r.attended)
                for r in register.rows
            ]
            show_message(self.session_label, "")
        else:
            # No session on this day yet: the invited families are listed, and the first tick
            # adds the session (an activity often runs on a day not planned ahead).
            rows = self._invited_rows()
            show_message(
                self.session_label,
                _("No session on {day} yet; ticking a family adds it.").format(
                    day=self.session_day().isoformat()
                ),
            )
        self.checklist_model.set_rows(rows)

    def _invited_rows(self) -> list[ChecklistRow]:
        assert self._activity is not None
        rows = []
        for invitation in self._activities.invitations_of(self._activity.id):
            family = self._caseload.families.find(str(invitation["family_id"]))
            if family is not None:
                rows.append(ChecklistRow(family.id, str(family.get("name") or ""), False, False))
        return sorted(rows, key=lambda r: (r.family_name.casefold(), r.family_id))

    def _ensure_session(self) -> str:
        assert self._activity is not None
        if self._session_id is None:
            session = self._activities.add_session(self._activity.id, self.session_day())
            self._session_id = session.id
            self._fill_sessions()
            show_message(self.session_label, "")
        return self._session_id

    def _save_mark(self, family_id: str, came: bool) -> bool:
        """Save one tick or untick at once; False (with the reason shown) when refused."""
        show_message(self.error_label, "")
        try:
            session_id = self._ensure_session()
            if came:
                self._activities.mark(session_id, family_id)
            else:
                self._activities.unmark(session_id, family_id)
        except LiaisonError as exc:
            show_message(
                self.error_label,
                _("The tick was not saved: {reason}").format(reason=str(exc)),
            )
            return False
        return True

    # -- reading the screen (tests and the screenshots use these) ------------------------------
    def count_text(self) -> str:
        """The "n of m here" line."""
        return self.count_label.text()

    def set_attended(self, family_id: str, came: bool = True) -> bool:
        """Tick or untick a family as a click on its box does."""
        row = self.checklist_model.row_of(family_id)
        if row < 0:
            return False
        state = Qt.CheckState.Checked if came else Qt.CheckState.Unchecked
        return self.checklist_model.setData(
            self.checklist_model.index(row, 0), state, Qt.ItemDataRole.CheckStateRole
        )

    # -- slots -----------------------------------------------------------------------------------
    @Slot()
    def _update_count(self) -> None:
        total = self.checklist_model.rowCount()
        self.count_label.setText(
            _("{here} of {total} here").format(here=self.checklist_model.attended(), total=total)
        )
        self.count_label.setAccessibleName(self.count_label.text())

    @Slot(QItemSelection, QItemSelection)
    def _on_activity_chosen(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        rows = self.activities_list.selectionModel().selectedRows()
        if not rows:
            self._show_activity(None)
            return
        self._show_activity(self._activities.find(str(rows[0].data(ActivityIdRole))))

    @Slot(QDate)
    def _on_date_changed(self, _day: QDate) -> None:
        if self._activity is not None:
            self.sessions_combo.setCurrentIndex(
                self.sessions_combo.findData(self.session_day().isoformat())
            )
            self._load_register()

    @Slot(int)
    def _on_session_picked(self, index: int) -> None:
        day = date.fromisoformat(str(self.sessions_combo.itemData(index)))
        self.date_edit.setDate(qdate(day))

    @Slot()
    def _on_filter_return(self) -> None:
        # Enter in the filter goes to the first family found: Space then ticks them.
        if self.checklist_proxy.rowCount():
            self.checklist.setFocus(Qt.FocusReason.OtherFocusReason)
            self.checklist.setCurrentIndex(self.checklist_proxy.index(0, 0))

    @Slot()
    def _on_new(self) -> None:
        dialog = NewActivityDialog(self._caseload, self)
        dialog.created.connect(self._on_created)
        dialog.finished.connect(dialog.deleteLater)
        self.new_dialog = dialog
        dialog.open()

    @Slot(str)
    def _on_created(self, activity_id: str) -> None:
        self.new_dialog = None
        self.reload(activity_id)

    def _open_picker(self, *, many: bool) -> FamilyPickerDialog:
        assert self._activity is not None
        if many:
            exclude = {
                str(i["family_id"]) for i in self._activities.invitations_of(self._activity.id)
            }
            title, prompt = _("Invite families"), _("Families on your &caseload")
        else:
            exclude = {r.family_id for r in self.checklist_model.rows()}
            title, prompt = _("Add a walk-in family"), _("Who &came")
        dialog = FamilyPickerDialog(
            self._caseload, title=title, prompt=prompt, many=many, exclude=exclude, parent=self
        )
        dialog.chosen.connect(self._on_invited if many else self._on_walk_in_chosen)
        dialog.finished.connect(dialog.deleteLater)
        self.picker = dialog
        dialog.open()
        return dialog

    @Slot()
    def _on_invite(self) -> None:
        if self._activity is not None:
            self._open_picker(many=True)

    @Slot()
    def _on_walk_in(self) -> None:
        if self._activity is not None:
            self._open_picker(many=False)

    @Slot(list)
    def _on_invited(self, family_ids: list[str]) -> None:
        if self._activity is None:
            return
        try:
            self._activities.invite(self._activity.id, family_ids)
        except LiaisonError as exc:
            show_message(self.error_label, str(exc))
            return
        self._show_activity(self._activity)

    @Slot(list)
    def _on_walk_in_chosen(self, family_ids: list[str]) -> None:
        if self._activity is None:
            return
        try:
            session_id = self._ensure_session()
            for family_id in family_ids:
                self._activities.add_walk_in(session_id, family_id)
        except LiaisonError as exc:
            show_message(self.error_label, str(exc))
            return
        self._load_register()


def build_activities_section(services: SessionServices) -> ActivitiesView:
    """The Activities section for an unlocked session."""
    return ActivitiesView(services.caseload)
