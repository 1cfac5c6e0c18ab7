"""Reminders while the vault is open: a visit about to start, a visit not checked out, a
consent about to expire, a plan review or one's own action due (each switched on or off in
Settings). Said once each, as a desktop notification through the system tray where the
desktop has one, and always in the window's status line; clicking the notification opens
the family. The words name no family: a notification can show on a locked screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from ..i18n import _
from ..services.diary_service import Reminder
from .app_icon import app_icon
from .worker_caseload import read_in_background

if TYPE_CHECKING:
    from .ops import BackgroundOp
    from .section_views import SessionServices

CHECK_MS = 60_000
FIRST_CHECK_MS = 3_000
SHOWN_MS = 15_000
GROUPED_OVER = 3  # more new reminders of one kind than this: said as one


class ReminderNotifier(QObject):
    """Checks for due reminders every minute of an unlocked session."""

    def __init__(self, services: SessionServices, window: QWidget) -> None:
        super().__init__(window)
        self._services = services
        self._window = window
        self._op: BackgroundOp[list[Reminder]] | None = None
        self.said: dict[str, Reminder] = {}
        self.last: Reminder | None = None
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(app_icon(), window)
            self.tray.setToolTip(_("Liaison Desktop"))
            self.tray.messageClicked.connect(self._on_clicked)
            self.tray.show()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self, self.check)

    @Slot()
    def check(self) -> None:
        """Read the reminders due now (on a worker) and say the new ones."""
        if self._op is not None and self._op.running:
            return
        self._op = read_in_background(
            self,
            self._services.caseload,
            lambda c: c.diary.due_reminders(),
            self._on_due,
            lambda _message: None,  # a reminder missed this minute comes the next
        )

    def _on_due(self, due: list[Reminder]) -> None:
        fresh = [r for r in due if r.key not in self.said]
        by_kind: dict[str, list[Reminder]] = {}
        for reminder in fresh:
            self.said[reminder.key] = reminder
            by_kind.setdefault(reminder.kind, []).append(reminder)
        for reminders in by_kind.values():
            if len(reminders) > GROUPED_OVER:
                # Many at once (a lead's consents on a Monday): one notification, not a flood.
                first = reminders[0]
                self._say(
                    _("{title} ({n})").format(title=first.title, n=len(reminders)),
                    _("{n} reminders of this kind; the Diary and Today list them.").format(
                        n=len(reminders)
                    ),
                    None,
                )
                continue
            for reminder in reminders:
                self._say(reminder.title, reminder.text, reminder)

    def _say(self, title: str, text: str, reminder: Reminder | None) -> None:
        self.last = reminder
        if self.tray is not None:
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, SHOWN_MS)
        self._services.navigator.notice(f"{title}: {text}")

    @Slot()
    def _on_clicked(self) -> None:
        if self.last is not None and self.last.family_id:  # one reminder: its family
            self._window.showNormal()
            self._window.activateWindow()
            self._services.navigator.open_family(self.last.family_id)
