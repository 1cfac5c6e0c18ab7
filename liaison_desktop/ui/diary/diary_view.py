"""The Diary section: a week or a month of visits and what falls due, clashes marked in
words, rescheduling with the keyboard (or by dragging a visit onto a day of the calendar),
and the officer's own visits exported as an iCalendar file."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QMimeData, QObject, Qt, Signal, SignalInstance, Slot
from PySide6.QtGui import QDrag, QDropEvent, QFont, QMouseEvent, QShowEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCalendarWidget,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import LiaisonError
from ...i18n import _
from ...services.caseload import Caseload
from ...services.diary_service import DiaryItem
from ...services.today_service import day_words
from ..family.common import Column, RowsModel, RowsTable, error_label, show_message
from ..family.visit_dialogs import VisitDialog
from ..file_dialogs import open_save_dialog, suggested_file_name
from ..qt_dates import py_date
from ..widgets.busy_indicator import BusyIndicator
from ..widgets.styles import heading, muted
from ..worker_caseload import read_in_background

if TYPE_CHECKING:
    from ..ops import BackgroundOp
    from ..section_views import SessionServices

VISIT_MIME = "application/x-liaison-visit-id"


def kind_words(kind: str) -> str:
    """A diary line's kind in words."""
    return {
        "visit": _("Visit"),
        "action": _("Action"),
        "review": _("Plan review"),
        "consent": _("Consent"),
    }.get(kind, kind)


def span_of(day: date, month: bool) -> tuple[date, date]:
    """The week (Monday to Sunday) or the month holding `day`."""
    if month:
        first = day.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return first, following - timedelta(days=1)
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


class DiaryTable(RowsTable[DiaryItem]):
    """The diary's lines; a visit row can be dragged onto a day of the calendar."""

    def __init__(self, model: RowsModel[DiaryItem]) -> None:
        super().__init__(model, _("Diary"))
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        item = self.current()
        if item is None or item.kind != "visit":
            return
        mime = QMimeData()
        mime.setData(VISIT_MIME, item.record_id.encode())
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.MoveAction)


class _CalendarDrops(QObject):
    """Drops of a visit onto the calendar's grid: the day under the pointer."""

    def __init__(self, calendar: QCalendarWidget, dropped: SignalInstance) -> None:
        super().__init__(calendar)
        self._calendar = calendar
        self._dropped = dropped
        self._grid = calendar.findChild(QAbstractItemView)
        if self._grid is not None:
            self._grid.viewport().setAcceptDrops(True)
            self._grid.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            drop = event
            assert isinstance(drop, QDropEvent)
            if drop.mimeData().hasFormat(VISIT_MIME):
                drop.acceptProposedAction()
                return True
        if event.type() == QEvent.Type.Drop:
            drop = event
            assert isinstance(drop, QDropEvent)
            if drop.mimeData().hasFormat(VISIT_MIME) and self._grid is not None:
                # Clicking where it was dropped selects that day, as a person's click would.
                point = drop.position().toPoint()
                for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
                    click = QMouseEvent(
                        kind,
                        point,
                        drop.position(),
                        Qt.MouseButton.LeftButton,
                        Qt.MouseButton.LeftButton,
                        Qt.KeyboardModifier.NoModifier,
                    )
                    QApplication.sendEvent(self._grid.viewport(), click)
                visit_id = bytes(drop.mimeData().data(VISIT_MIME).data()).decode()
                self._dropped.emit(visit_id, py_date(self._calendar.selectedDate()))
                drop.acceptProposedAction()
                return True
        return False


def name_calendar_parts(calendar: QCalendarWidget) -> None:
    """Names for the parts Qt builds inside a calendar, so a screen reader can say them."""
    grid = calendar.findChild(QAbstractItemView)
    if grid is not None:
        grid.setAccessibleName(_("Days of the month"))
    for name, words in (
        ("qt_calendar_prevmonth", _("Previous month")),
        ("qt_calendar_nextmonth", _("Next month")),
        ("qt_calendar_monthbutton", _("Month")),
        ("qt_calendar_yearbutton", _("Year")),
        ("qt_calendar_yearedit", _("Year")),
    ):
        part = calendar.findChild(QWidget, name)
        if part is not None:
            part.setAccessibleName(words)


class ExportDialog(QDialog):
    """What goes into the calendar file: the period, and whether family names do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export visits to a calendar"))
        explain = QLabel(
            _(
                "The file holds your own visits in the period shown, as “Home visit” and the "
                "time. It leaves the encrypted vault: a calendar app or phone may copy it "
                "elsewhere. Include family names only if the calendar is as safe as the vault."
            )
        )
        explain.setWordWrap(True)
        self.names_check = QCheckBox(_("Include &family names"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Choose a file…"))
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.names_check)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)


class DiaryView(QWidget):
    """A week or a month of the officer's diary."""

    visit_dropped = Signal(str, object)

    def __init__(self, services: SessionServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._caseload: Caseload = services.caseload
        self._op: BackgroundOp[list[DiaryItem]] | None = None
        self._stale = False
        self.dialog: QDialog | None = None
        self.save_dialog: QWidget | None = None
        self.pending_clash: tuple[str, date] | None = None
        self.items: list[DiaryItem] = []

        self.range_label = QLabel()
        self.range_label.setAccessibleName(_("Period shown"))
        font = QFont(self.range_label.font())
        font.setBold(True)
        self.range_label.setFont(font)
        self.previous_button = QPushButton(_("&Previous"))
        self.today_button = QPushButton(_("&This week"))
        self.next_button = QPushButton(_("Ne&xt"))
        self.week_radio = QRadioButton(_("&Week"))
        self.month_radio = QRadioButton(_("&Month"))
        self.week_radio.setChecked(True)
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.week_radio)
        self.mode_group.addButton(self.month_radio)
        self.mine_check = QCheckBox(_("Only m&ine"))
        self.mine_check.setChecked(True)
        self.mine_check.setToolTip(_("Only your own visits, actions and plan reviews"))
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName(_("Calendar: choose a day"))
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        name_calendar_parts(self.calendar)
        self.model: RowsModel[DiaryItem] = RowsModel(
            [
                Column(_("Day"), lambda i: day_words(i.day.isoformat()), lambda i: i.sort_key),
                Column(_("Time"), lambda i: i.time or ""),
                Column(_("Kind"), lambda i: kind_words(i.kind)),
                Column(_("What"), lambda i: i.what),
                Column(_("Family"), lambda i: i.family),
                Column(
                    _("State"),
                    lambda i: _("⚠ clashes with another visit") if i.clash else i.state,
                ),
            ],
            self,
        )
        self.model.emphasis = lambda i: i.clash
        self.table = DiaryTable(self.model)
        self.table.stretch(3)
        self.reschedule_button = QPushButton(_("&Reschedule…"))
        self.open_button = QPushButton(_("&Open family"))
        self.export_button = QPushButton(_("&Export to calendar…"))
        self.busy = BusyIndicator()
        self.message = error_label(self)
        self.notice = muted(QLabel())
        self.notice.setWordWrap(True)

        nav = QHBoxLayout()
        for widget in (
            self.previous_button,
            self.today_button,
            self.next_button,
            self.week_radio,
            self.month_radio,
            self.mine_check,
        ):
            nav.addWidget(widget)
        nav.addStretch(1)
        actions = QHBoxLayout()
        for button in (self.reschedule_button, self.open_button, self.export_button):
            actions.addWidget(button)
        actions.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.calendar, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.addWidget(self.range_label)
        right.addWidget(self.table, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Diary")))
        layout.addLayout(nav)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(self.notice)
        layout.addLayout(body, 1)
        layout.addLayout(actions)
        self._drops = _CalendarDrops(self.calendar, self.visit_dropped)
        self._connect()
        self._update_range_label()  # read when first shown, not when the session starts

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def _connect(self) -> None:
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.today_button.clicked.connect(self._on_today)
        self.mode_group.buttonToggled.connect(self._on_mode)
        self.mine_check.toggled.connect(self.refresh)
        self.calendar.selectionChanged.connect(self.refresh)
        self.calendar.currentPageChanged.connect(self._on_page)
        self.table.doubleClicked.connect(self._on_open)
        self.table.activated.connect(self._on_open)
        self.table.selectionModel().currentChanged.connect(self._update_buttons)
        self.reschedule_button.clicked.connect(self._on_reschedule)
        self.open_button.clicked.connect(self._on_open)
        self.export_button.clicked.connect(self._on_export)
        self.visit_dropped.connect(self.move_visit)

    # -- the period shown ------------------------------------------------------------------
    def selected_day(self) -> date:
        return py_date(self.calendar.selectedDate())

    def period(self) -> tuple[date, date]:
        """The first and last day shown."""
        return span_of(self.selected_day(), self.month_radio.isChecked())

    def _step(self, direction: int) -> None:
        day = self.calendar.selectedDate()
        moved = (
            day.addMonths(direction) if self.month_radio.isChecked() else day.addDays(7 * direction)
        )
        self.calendar.setSelectedDate(moved)

    @Slot()
    def _on_today(self) -> None:
        self.calendar.setSelectedDate(QDate.currentDate())

    @Slot()
    def _on_mode(self) -> None:
        self.today_button.setText(
            _("&This month") if self.month_radio.isChecked() else _("&This week")
        )
        self.refresh()

    @Slot(int, int)
    def _on_page(self, year: int, month: int) -> None:
        if (self.calendar.selectedDate().year(), self.calendar.selectedDate().month()) != (
            year,
            month,
        ):
            self.calendar.setSelectedDate(QDate(year, month, 1))

    # -- reading ---------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._op is not None and self._op.running

    @Slot()
    def refresh(self) -> None:
        """Read the period shown again (on a worker: a month of a big caseload)."""
        if self.loading:
            self._stale = True
            return
        start, end = self.period()
        mine = self.mine_check.isChecked()
        self._update_range_label()
        self.busy.start(_("Reading the diary…"))
        self._op = read_in_background(
            self,
            self._caseload,
            lambda c: c.diary.items(start, end, mine_only=mine),
            self._on_loaded,
            self._on_failed,
        )

    def _update_range_label(self) -> None:
        start, end = self.period()
        self.range_label.setText(
            _("{start} to {end}").format(
                start=day_words(start.isoformat()), end=day_words(end.isoformat())
            )
        )

    def _on_loaded(self, items: list[DiaryItem]) -> None:
        self.busy.stop()
        current = self.table.current()
        self.items = items
        self.model.set_rows(items)
        self._mark_days(items)
        if current is not None:
            self.table.select_first(lambda i: i.record_id == current.record_id)
        self._update_buttons()
        show_message(self.message, "")
        if self._stale:
            self._stale = False
            self.refresh()

    def _on_failed(self, text: str) -> None:
        self.busy.stop()
        show_message(self.message, text)

    def _mark_days(self, items: list[DiaryItem]) -> None:
        """Days with something on them in bold on the calendar (and said in its tooltip)."""
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        counts: dict[date, int] = {}
        for item in items:
            counts[item.day] = counts.get(item.day, 0) + 1
        for day, count in counts.items():
            fmt = QTextCharFormat(bold)
            fmt.setToolTip(_("{n} in the diary").format(n=count))
            self.calendar.setDateTextFormat(QDate(day.year, day.month, day.day), fmt)

    @Slot()
    def _update_buttons(self) -> None:
        item = self.table.current()
        self.reschedule_button.setEnabled(
            item is not None and item.kind == "visit" and item.state == _("Planned")
        )
        self.open_button.setEnabled(item is not None)

    # -- doing -----------------------------------------------------------------------------
    @Slot()
    def _on_open(self) -> None:
        item = self.table.current()
        if item is not None:
            self._services.navigator.open_family(item.family_id)

    @Slot()
    def _on_reschedule(self) -> None:
        item = self.table.current()
        if item is None or item.kind != "visit":
            return
        visit = self._caseload.visits.get(item.record_id)
        dialog = VisitDialog(
            self._caseload.visits,
            item.family_id,
            self,
            visit=visit,
            diary=self._caseload.diary,
        )
        dialog.planned.connect(self._on_saved)
        self.dialog = dialog
        dialog.open()

    def move_visit(self, visit_id: str, day: object) -> None:
        """A visit dragged onto a day: moved there at the same time, unless it would clash
        (then said, and the Reschedule dialog opened to choose)."""
        assert isinstance(day, date)
        try:
            visit = self._caseload.visits.get(visit_id)
            if str(visit.get("date")) == day.isoformat():
                return
            clashes = self._caseload.diary.clashes(day, visit.get("time"), None, exclude=visit_id)
            if clashes:
                show_message(
                    self.message,
                    _("Not moved: on {day} it would clash with your visit at {time}.").format(
                        day=day_words(day.isoformat()), time=clashes[0].get("time")
                    ),
                )
                return
            moved = self._caseload.visits.reschedule(
                visit_id, day, purpose=str(visit.get("purpose") or ""), time=visit.get("time")
            )
        except LiaisonError as exc:
            show_message(self.message, str(exc))
            return
        self.notice.setText(
            _("Visit moved to {day}.").format(day=day_words(str(moved.get("date"))))
        )
        self._on_saved(moved)

    @Slot(object)
    def _on_saved(self, _record: object) -> None:
        show_message(self.message, "")
        self.refresh()

    @Slot()
    def _on_export(self) -> None:
        dialog = ExportDialog(self)
        dialog.accepted.connect(lambda: self._choose_export_file(dialog.names_check.isChecked()))
        self.dialog = dialog
        dialog.open()

    def _choose_export_file(self, with_names: bool) -> None:
        start = self.period()[0]
        self.save_dialog = open_save_dialog(
            self,
            _("Save the calendar"),
            name_filter=_("Calendar files (*.ics)"),
            suggested_name=suggested_file_name("visits", day=start, suffix="ics"),
            on_chosen=lambda path: self.export_to(Path(path), with_names=with_names),
        )

    def export_to(self, path: Path, *, with_names: bool = False) -> None:
        """Write the period's own visits to `path` as a calendar file."""
        start, end = self.period()
        try:
            count = self._caseload.diary.write_ics(path, start, end, with_names=with_names)
        except (LiaisonError, OSError) as exc:
            show_message(self.message, str(exc))
            return
        self.notice.setText(_("{n} visits written to {file}.").format(n=count, file=path.name))


def build_diary_section(services: SessionServices) -> QWidget:
    """The Diary section for one session; it reads again after any write while shown."""
    view = DiaryView(services)

    def follow(_change: object, _from_background: bool) -> None:
        if view.isVisible():
            view.refresh()

    services.changes.changed.connect(follow)
    return view
