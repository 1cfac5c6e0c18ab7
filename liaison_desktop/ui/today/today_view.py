"""The Today section: what needs attention now, each line opening its family.

Read on a worker thread with its own connection (a large caseload has many attendance
figures), when the section is shown and every minute while it is open. At the top, in words
and not colour alone: concerns waiting for a lead (each line starting with its urgency) and
lone-working visits past their expected end; then the day's visits by time, what is overdue,
what is coming and what is waiting. Headings with nothing under them fold into one line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ...services.caseload import Caseload
from ...services.today_service import (
    TodayItem,
    TodaySnapshot,
    day_words,
    gather_today,
    moment_words,
    today_groups,
)
from ..ops import BackgroundOp
from ..widgets.busy_indicator import BusyIndicator
from ..widgets.choice_combo import refill_combo
from ..widgets.styles import apply_error_style, heading, muted
from ..worker_caseload import read_in_background
from .today_list_model import FAMILY_ID_ROLE, TodayListModel

if TYPE_CHECKING:
    from ..section_views import SessionServices

REFRESH_MS = 60_000
VISIBLE_ROWS = 12


class TodayGroup(QWidget):
    """A titled list (with its count) that opens a line's family on Enter or double-click."""

    def __init__(
        self, title: str, empty: str, open_family: Callable[[str], None], *, alert: bool = False
    ) -> None:
        super().__init__()
        self._title = title
        self._open_family = open_family
        self.title_label = QLabel()
        font = QFont(self.title_label.font())
        font.setBold(True)
        self.title_label.setFont(font)
        self._alert = alert
        self._plain_palette = self.title_label.palette()
        self.empty_label = muted(QLabel(empty))
        self.model = TodayListModel(self)
        self.list_view = QListView()
        self.list_view.setModel(self.model)
        self.list_view.setAccessibleName(title)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # One line per item, so the list's height is known; the full text is in the tooltip,
        # and every line starts with what matters (at 200% the end of a long line is cut off).
        self.list_view.setWordWrap(False)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.activated.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list_view)
        self.set_items([])

    def set_items(self, items: list[TodayItem]) -> None:
        """Show `items`; the heading says how many there are in all."""
        self.model.set_items(items)
        self.title_label.setText(
            _("{title} ({n})").format(title=self._title, n=len(items)) if items else self._title
        )
        self.empty_label.setVisible(not items)
        self.list_view.setVisible(bool(items))
        # The alarm colour only when there is something to act on (an empty alarm list is
        # good news, and a red heading over "nothing" teaches people to ignore red).
        if self._alert and items:
            apply_error_style(self.title_label)
        else:
            self.title_label.setPalette(self._plain_palette)
        if items:
            rows = min(len(items), VISIBLE_ROWS)
            row_height = max(self.list_view.sizeHintForRow(0), self.fontMetrics().height())
            frame = 2 * self.list_view.frameWidth()
            self.list_view.setFixedHeight(rows * row_height + frame + row_height // 2)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        family_id = index.data(FAMILY_ID_ROLE)
        if family_id:
            self._open_family(str(family_id))


class TodayView(QScrollArea):
    """Today at a glance; refreshed when shown and every minute."""

    def __init__(
        self,
        caseload: Caseload,
        open_family: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its lists are the Tab stops
        self._caseload = caseload
        self._op: BackgroundOp[TodaySnapshot] | None = None
        self._stale = False  # a refresh was asked for while one was reading
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.snapshot: TodaySnapshot | None = None

        self.day_label = muted(QLabel())
        self.sync_label = muted(QLabel(_("Not synced yet")))
        # A federation or trust (issue 23): one school's day; shown once the read finds schools.
        self.school_combo = QComboBox()
        self.school_combo.setAccessibleName(_("School"))
        self.school_label = QLabel(_("Sc&hool:"))
        self.school_label.setBuddy(self.school_combo)
        self.busy = BusyIndicator()
        self.problem_label = QLabel()
        apply_error_style(self.problem_label)
        self.problem_label.hide()
        self.by_key: dict[str, TodayGroup] = {
            group.key: TodayGroup(group.heading, group.empty, open_family, alert=group.alert)
            for group in today_groups()
        }
        self.concerns_group = self.by_key["concerns_waiting"]
        self.following_group = self.by_key["concerns_following"]
        self.overdue_visits_group = self.by_key["overdue_visits"]
        self.visits_today_group = self.by_key["visits_today"]
        self.visits_week_group = self.by_key["visits_week"]
        self.actions_group = self.by_key["overdue_actions"]
        self.referrals_group = self.by_key["referrals_waiting"]
        self.consents_group = self.by_key["consents_expiring"]
        self.attendance_group = self.by_key["low_attendance"]
        # Headings with nothing under them fold into one line, so the day reads as a plan and
        # not as a stack of empty lists.
        self.all_clear_label = muted(QLabel())
        self.all_clear_label.setWordWrap(True)
        self.all_clear_label.hide()

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(heading(_("Today")))
        layout.addWidget(self.day_label)
        layout.addWidget(self.sync_label)
        school_row = QHBoxLayout()
        school_row.addWidget(self.school_label)
        school_row.addWidget(self.school_combo)
        school_row.addStretch(1)
        layout.addLayout(school_row)
        layout.addWidget(self.busy)
        layout.addWidget(self.problem_label)
        for group in self.groups():
            layout.addWidget(group)
        layout.addWidget(self.all_clear_label)
        layout.addStretch(1)
        self.setWidget(content)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.concerns_group.hide()
        self.following_group.hide()
        self.school_label.hide()
        self.school_combo.hide()
        self.school_combo.activated.connect(self._show_snapshot)

    def groups(self) -> list[TodayGroup]:
        """The groups in screen order."""
        return list(self.by_key.values())

    @property
    def loading(self) -> bool:
        """True while a refresh is being read."""
        return self._op is not None and self._op.running

    @Slot()
    def refresh(self) -> None:
        """Read everything again in the background.

        Asked while a read is running (which may have started before the latest write), it
        reads once more when that one is done.
        """
        if self.loading:
            self._stale = True
            return
        if self.snapshot is None:
            self.busy.start(_("Gathering today's visits, actions and alerts…"))
        self._op = read_in_background(
            self, self._caseload, gather_today, self._on_loaded, self._on_failed
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def _read_again_if_stale(self) -> None:
        if self._stale:
            self._stale = False
            QTimer.singleShot(0, self.refresh)  # once this read's op has finished

    def _on_loaded(self, snap: TodaySnapshot) -> None:
        self._read_again_if_stale()
        self.busy.stop()
        self.problem_label.hide()
        self.snapshot = snap
        refill_combo(self.school_combo, _("All schools"), snap.schools)
        for widget in (self.school_label, self.school_combo):
            widget.setVisible(bool(snap.schools))
        self._show_snapshot()

    @Slot()
    def _show_snapshot(self) -> None:
        """Show the snapshot read, for the school chosen (all of them when none is)."""
        if self.snapshot is None:
            return
        snap = self.snapshot.for_school(self.school_combo.currentData() or None)
        self.day_label.setText(_("Today is {day}.").format(day=day_words(snap.day)))
        self.sync_label.setText(
            _("Last sync: {when}").format(when=moment_words(snap.last_sync))
            if snap.last_sync
            else _("Not synced yet")
        )
        shown = {group.key for group, _items in snap.groups()}
        clear: list[str] = []
        for group, items in snap.groups():
            widget = self.by_key[group.key]
            widget.set_items(items)
            # Alarms and the day's visits always show (an empty alarm is good news, in plain
            # colour); other headings only when something is under them.
            always = group.alert or group.key == "visits_today"
            widget.setVisible(bool(items) or always)
            if not items and not always:
                clear.append(group.empty)
        for key, widget in self.by_key.items():
            if key not in shown:
                widget.hide()
        self.all_clear_label.setText(" ".join(clear))
        self.all_clear_label.setVisible(bool(clear))

    def _on_failed(self, message: str) -> None:
        self._read_again_if_stale()
        self.busy.stop()
        self.problem_label.setText(
            _("Today's list could not be read: {reason}. Nothing was changed.").format(
                reason=message
            )
        )
        self.problem_label.show()


def build_today_section(services: SessionServices) -> QWidget:
    """The Today section for one session; a line opens its family in the Caseload."""
    view = TodayView(services.caseload, services.navigator.open_family)

    # Shown, it reads again after any write (a sync, a visit planned from search); hidden, it
    # reads when next shown.
    def follow(_change: object, _from_background: bool) -> None:
        if view.isVisible():
            view.refresh()

    services.changes.changed.connect(follow)
    return view
