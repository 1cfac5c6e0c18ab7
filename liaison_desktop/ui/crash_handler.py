"""The hooks that catch every unexpected error and show it in one `crash_dialog.CrashDialog`.

Installed before the first window; the dialog's module (and its widgets) is imported only when
there is a report to show, so catching costs the start-up almost nothing.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot, qVersion
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from .crash_sink import set_crash_reporter

if TYPE_CHECKING:
    from ..crash_report import CrashReport
    from .crash_dialog import CrashDialog
    from .session_controller import SessionController

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class CrashHandler(QObject):
    """Catches unexpected errors from every source and shows them in one `CrashDialog`.

    `window_for_dialog` names the window to parent the dialog to (the one in use);
    `lock_and_close_requested` is for the session controller to lock and quit.
    """

    crashed = Signal(object)  # a CrashReport, from any thread
    lock_and_close_requested = Signal()

    def __init__(
        self, window_for_dialog: Callable[[], QWidget | None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._window_for_dialog = window_for_dialog
        self.dialog: CrashDialog | None = None
        self.shown = 0
        self._failed_to_show = False
        self._previous_hook: ExceptHook | None = None
        self._previous_thread_hook: Callable[[threading.ExceptHookArgs], object] | None = None
        # From another thread the report crosses to this one (automatic connection: queued);
        # then, on this thread too, the dialog opens only once the failing slot has unwound,
        # never inside it. (Not a QueuedConnection: naming it loads the `Qt` namespace, ~20 ms
        # before the first window, docs/decisions.md.)
        self.crashed.connect(self._show_soon)

    # -- installing ----------------------------------------------------------------------------
    def install(self) -> None:
        """Become the hook for unhandled errors in slots, threads and background ops."""
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        set_crash_reporter(self.report)

    def uninstall(self) -> None:
        """Give the hooks back to whoever had them before `install()`."""
        if sys.excepthook == self._excepthook and self._previous_hook is not None:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self._thread_excepthook and self._previous_thread_hook:
            threading.excepthook = self._previous_thread_hook
        set_crash_reporter(None)

    # -- catching (any thread) -----------------------------------------------------------------
    def _excepthook(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        if not isinstance(value, Exception):  # Ctrl+C, SystemExit: not crashes
            if self._previous_hook is not None:
                self._previous_hook(kind, value, tb)
            return
        from ..crash_report import build_report  # imported when there is a crash to report

        self.report(build_report(value, where="window", qt_version=qVersion()))

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if not isinstance(args.exc_value, Exception):
            return  # a thread ending with SystemExit ends quietly, as Python's own hook does
        from ..crash_report import build_report

        self.report(build_report(args.exc_value, where="thread", qt_version=qVersion()))

    def report(self, report: CrashReport) -> None:
        """Show `report` to the officer (safe to call from any thread)."""
        # The id only: enough to match a report the officer sends, and nothing else is logged.
        log.error("unexpected error, crash id %s (%s)", report.crash_id, report.type_name)
        self.crashed.emit(report)

    # -- showing (GUI thread) ------------------------------------------------------------------
    @Slot(object)
    def _show_soon(self, report: CrashReport) -> None:
        QTimer.singleShot(0, self, lambda: self._show(report))

    def _show(self, report: CrashReport) -> None:
        if self._failed_to_show:
            return
        current = self.dialog
        if current is not None and isValid(current) and current.isVisible():
            current.note_repeat()
            current.raise_()
            return
        try:
            from .crash_dialog import CrashDialog

            dialog = CrashDialog(report, self._window_for_dialog())
        except Exception:
            # An error in showing an error would come straight back here, for ever: say it
            # once on stderr (the safe report only) and stop.
            self._failed_to_show = True
            sys.stderr.write(report.text())
            return
        dialog.lock_and_close_requested.connect(self.lock_and_close_requested)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        self.shown += 1
        dialog.open()


def install_crash_handler(controller: SessionController) -> CrashHandler:
    """Catch every unexpected error of this session; "Lock and close" locks and quits."""
    handler = CrashHandler(controller.current_window, parent=controller)
    handler.lock_and_close_requested.connect(controller.lock_and_quit)
    handler.install()
    return handler
