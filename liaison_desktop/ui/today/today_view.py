"""The Today section: what needs attention now, each line opening its family.

Read on a worker thread with its own connection (a large caseload has many attendance
figures), when the section is shown and every minute while it is open. At the top, in words
and not colour alone: concerns waiting for a lead (URGENT) and lone-working visits past
their expected end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QListView,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain import vocabulary as v
from ...i18n import _, ngettext
from ...services.caseload import Caseload
from ...services.sync_service import SyncService
from ..ops import BackgroundOp
from ..widgets.busy_indicator import BusyIndicator
from ..widgets.styles import apply_error_style, heading, muted
from ..worker_caseload import read_in_background

if TYPE_CHECKING:
    from ..section_views import SessionServices

REFRESH_MS = 60_000
SHOWN_PER_GROUP = 100  # a group lists this many lines; its heading gives the full count
VISIBLE_ROWS = 6
FAMILY_ID_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class TodayItem:
    """One line of the Today screen and the family it opens."""

    text: str
    family_id: str | None


@dataclass
class TodaySnapshot:
    """Everything the Today screen shows, read in one go."""

    day: str
    urgent_concerns: list[TodayItem] = field(default_factory=list)
    overdue_visits: list[TodayItem] = field(default_factory=list)
    visits_today: list[TodayItem] = field(default_factory=list)
    visits_week: list[TodayItem] = field(default_factory=list)
    overdue_actions: list[TodayItem] = field(default_factory=list)
    referrals_waiting: list[TodayItem] = field(default_factory=list)
    consents_expiring: list[TodayItem] = field(default_factory=list)
    low_attendance: list[TodayItem] = field(default_factory=list)
    last_sync: str | None = None
    is_lead: bool = False


def _when(value: object) -> str:
    """An ISO date-time as the officer reads it (local time, minutes)."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d %b %Y %H:%M")


def _day(value: object) -> str:
    try:
        return datetime.fromisoformat(str(value)).strftime("%a %d %b")
    except ValueError:
        return str(value or "")


def gather_today(caseload: Caseload) -> TodaySnapshot:
    """Read everything the Today screen shows (runs on a worker thread)."""
    ctx = caseload.ctx
    today = ctx.today()
    snap = TodaySnapshot(day=today.isoformat(), is_lead=ctx.role == "lead")
    names: dict[str, str] = {}

    def family(family_id: object) -> str:
        key = str(family_id or "")
        if key and key not in names:
            record = caseload.families.find(key)
            names[key] = str(record["name"]) if record is not None else _("a family")
        return names.get(key, _("no family"))

    # A closed case leaves the planning lists below; the lone-working check and urgent concerns
    # stay whatever the case's state, since they are about someone's safety now.
    closed = caseload.closures.closed_family_ids()

    def open_case(family_id: object) -> bool:
        return str(family_id or "") not in closed

    if snap.is_lead:
        for concern in caseload.concerns.open_for_lead():
            snap.urgent_concerns.append(
                TodayItem(
                    _("URGENT · {urgency} concern for {family} from {who}, raised {when}").format(
                        urgency=v.label(str(concern["urgency"])),
                        family=family(concern["family_id"]),
                        who=concern["raised_by"],
                        when=_when(concern["raised_at"]),
                    ),
                    str(concern["family_id"]),
                )
            )
    for visit in caseload.visits.overdue():
        snap.overdue_visits.append(
            TodayItem(
                _(
                    "Check the officer is safe: the visit to {family} ({officer}) should have "
                    "ended at {end} and has not been checked out"
                ).format(
                    family=family(visit["family_id"]),
                    officer=visit["officer"] or _("no officer named"),
                    end=_when(visit["expected_end"]),
                ),
                str(visit["family_id"]),
            )
        )
    for visit in caseload.visits.this_week():
        if visit["status"] == "cancelled" or not open_case(visit["family_id"]):
            continue
        time = f" {visit['time']}" if visit["time"] else ""
        line = TodayItem(
            _("{day}{time} · {family} · {purpose}").format(
                day=_day(visit["date"]),
                time=time,
                family=family(visit["family_id"]),
                purpose=visit["purpose"] or v.label(str(visit["status"])),
            ),
            str(visit["family_id"]),
        )
        if visit["date"] == today.isoformat():
            snap.visits_today.append(line)
        else:
            snap.visits_week.append(line)
    for action in caseload.actions.overdue():
        if not open_case(action["family_id"]):
            continue
        snap.overdue_actions.append(
            TodayItem(
                _("{title} · {family} · due {due}").format(
                    title=action["title"], family=family(action["family_id"]), due=action["due"]
                ),
                str(action["family_id"]),
            )
        )
    for referral in caseload.referrals.waiting():
        if not open_case(referral["family_id"]):
            continue
        snap.referrals_waiting.append(
            TodayItem(
                _("{kind} · {family} · sent {date}").format(
                    kind=v.label(str(referral["kind"])),
                    family=family(referral["family_id"]),
                    date=referral["status_changed_at"] or referral["date"],
                ),
                str(referral["family_id"]),
            )
        )
    for status in caseload.consents.expiring(30):
        consent = status.record
        if not open_case(consent["family_id"]):
            continue
        snap.consents_expiring.append(
            TodayItem(
                ngettext(
                    "{scope} · {family} · expires in {n} day",
                    "{scope} · {family} · expires in {n} days",
                    status.days_left or 0,
                ).format(
                    scope=consent["scope"],
                    family=family(consent["family_id"]),
                    n=status.days_left or 0,
                ),
                str(consent["family_id"]),
            )
        )
    for figure in caseload.attendance.below_threshold():
        if not open_case(figure.family_id):
            continue
        person = caseload.people.find(figure.person_id)
        who = (
            " ".join(str(p) for p in (person["given_name"], person["family_name"]) if p)
            if person is not None
            else _("a pupil")
        )
        snap.low_attendance.append(
            TodayItem(
                _("{who} · {family} · {percent:.1f}% in {period}").format(
                    who=who,
                    family=family(figure.family_id),
                    percent=figure.percentage or 0.0,
                    period=figure.period,
                ),
                figure.family_id,
            )
        )
    history = SyncService(ctx).history(limit=1)
    if history:
        snap.last_sync = str(history[0].get("at") or "") or None
    return snap


class TodayListModel(QAbstractListModel):
    """The lines of one Today group."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[TodayItem] = []

    def set_items(self, items: list[TodayItem]) -> None:
        """Show `items` in place of the previous lines."""
        self.beginResetModel()
        self._items = list(items[:SHOWN_PER_GROUP])
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return item.text
        if role == FAMILY_ID_ROLE:
            return item.family_id
        return None


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
        if alert:
            apply_error_style(self.title_label)
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
        self._caseload = caseload
        self._op: BackgroundOp[TodaySnapshot] | None = None
        self._stale = False  # a refresh was asked for while one was reading
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.snapshot: TodaySnapshot | None = None

        self.day_label = muted(QLabel())
        self.sync_label = muted(QLabel(_("Not synced yet")))
        self.busy = BusyIndicator()
        self.problem_label = QLabel()
        apply_error_style(self.problem_label)
        self.problem_label.hide()
        self.concerns_group = TodayGroup(
            _("URGENT: concerns waiting for you"),
            _("No concerns are waiting for you."),
            open_family,
            alert=True,
        )
        self.overdue_visits_group = TodayGroup(
            _("Lone working: visits past their expected end"),
            _("No visit is past its expected end."),
            open_family,
            alert=True,
        )
        self.visits_today_group = TodayGroup(_("Visits today"), _("No visits today."), open_family)
        self.visits_week_group = TodayGroup(
            _("Visits this week"), _("No other visits this week."), open_family
        )
        self.actions_group = TodayGroup(
            _("Overdue actions"), _("No actions are overdue."), open_family
        )
        self.referrals_group = TodayGroup(
            _("Referrals waiting for a reply"), _("No referrals are waiting."), open_family
        )
        self.consents_group = TodayGroup(
            _("Consents expiring in the next 30 days"),
            _("No consents expire soon."),
            open_family,
        )
        self.attendance_group = TodayGroup(
            _("Pupils below 90% attendance"), _("No pupils below 90%."), open_family
        )

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(heading(_("Today")))
        layout.addWidget(self.day_label)
        layout.addWidget(self.sync_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.problem_label)
        for group in self.groups():
            layout.addWidget(group)
        layout.addStretch(1)
        self.setWidget(content)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.concerns_group.hide()

    def groups(self) -> list[TodayGroup]:
        """The groups in screen order."""
        return [
            self.concerns_group,
            self.overdue_visits_group,
            self.visits_today_group,
            self.visits_week_group,
            self.actions_group,
            self.referrals_group,
            self.consents_group,
            self.attendance_group,
        ]

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
        self.day_label.setText(_("Today is {day}.").format(day=_day(snap.day)))
        self.sync_label.setText(
            _("Last sync: {when}").format(when=_when(snap.last_sync))
            if snap.last_sync
            else _("Not synced yet")
        )
        self.concerns_group.setVisible(snap.is_lead)
        for group, items in (
            (self.concerns_group, snap.urgent_concerns),
            (self.overdue_visits_group, snap.overdue_visits),
            (self.visits_today_group, snap.visits_today),
            (self.visits_week_group, snap.visits_week),
            (self.actions_group, snap.overdue_actions),
            (self.referrals_group, snap.referrals_waiting),
            (self.consents_group, snap.consents_expiring),
            (self.attendance_group, snap.low_attendance),
        ):
            group.set_items(items)

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
