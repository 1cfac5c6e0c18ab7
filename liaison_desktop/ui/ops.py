"""Background operations: run slow work on a QThreadPool, report back on the GUI thread.

Modelled on Anki's CollectionOp/QueryOp: a view builds a `BackgroundOp` from a plain callable
and the callbacks for success and failure, then calls `run_in_background()`. The callable runs
on a pool thread and must never touch a widget; it gets an `OpContext` to report progress and
to notice a cancel request. Results and errors come back through queued signals, so callbacks
always run on the GUI thread. A `LiaisonError` (or a storage failure `as_liaison_error` knows)
reaches the failure callback as its message for an officer; anything else as a general message,
and its safe crash report goes to the crash reporter the app installs (the crash dialog).
Nothing here ever calls `QThread.terminate()`: cancelling is a request the work honours.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot, qVersion
from shiboken6 import isValid

from ..crash_report import CrashReport, build_report
from ..i18n import _
from ..services.vault_service import as_liaison_error
from .crash_sink import crash_reporter

log = logging.getLogger(__name__)

T = TypeVar("T")

# Ops in flight keep themselves alive here until their result has been delivered.
_RUNNING: set[BackgroundOp[Any]] = set()


def unexpected_error_message() -> str:
    """What an officer is told when something failed that the app did not foresee."""
    return _(
        "Something unexpected went wrong and the action was not finished. Try again; if it "
        "keeps happening, restart Liaison Desktop and tell your IT support."
    )


class Cancelled(Exception):
    """Raised inside work that noticed a cancel request (see `OpContext.raise_if_cancelled`)."""


class _Relay(QObject):
    """Lives on the GUI thread; its signals are emitted from the pool thread.

    Its own slots receive them through queued connections, which is what guarantees that
    the op's callbacks run on the GUI thread whatever thread emitted.
    """

    succeeded = Signal(object)
    failed = Signal(str)
    crashed = Signal(object)
    cancelled = Signal()
    progress = Signal(int, int, str)

    def __init__(self, op: BackgroundOp[Any]) -> None:
        super().__init__()
        self._op = op
        from PySide6.QtCore import Qt  # here, not at import: the first window does without it

        queued = Qt.ConnectionType.QueuedConnection
        self.succeeded.connect(self._deliver_success, queued)
        self.failed.connect(self._deliver_failure, queued)
        self.crashed.connect(self._deliver_crash, queued)
        self.cancelled.connect(self._deliver_cancelled, queued)
        self.progress.connect(self._deliver_progress, queued)

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        self._op._on_succeeded(result)

    @Slot(str)
    def _deliver_failure(self, message: str) -> None:
        self._op._on_failed(message)

    @Slot(object)
    def _deliver_crash(self, report: object) -> None:
        self._op._on_crashed(cast(CrashReport, report))

    @Slot()
    def _deliver_cancelled(self) -> None:
        self._op._on_cancelled()

    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, label: str) -> None:
        self._op._on_progress(done, total, label)


class OpContext:
    """What running work may use: progress reports and the cancel flag (thread-safe)."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        """True once someone asked the work to stop."""
        return self._cancel.is_set()

    def raise_if_cancelled(self) -> None:
        """Stop the work here if a cancel was requested."""
        if self._cancel.is_set():
            raise Cancelled

    def report(self, done: int, total: int, label: str = "") -> None:
        """Tell the GUI how far the work has got (total 0 means "unknown")."""
        self._relay.progress.emit(done, total, label)

    def request_cancel(self) -> None:
        self._cancel.set()


class _Runner(QRunnable):
    def __init__(self, work: Callable[[OpContext], Any], context: OpContext, relay: _Relay):
        super().__init__()
        self._work = work
        self._context = context
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work(self._context)
        except Cancelled:
            self._relay.cancelled.emit()
        except Exception as exc:
            known = as_liaison_error(exc)  # includes the "interrupted" of a lock mid-work
            if known is not None:
                self._relay.failed.emit(str(known))
                return
            # The safe report, never the message: a message might quote a name or a note.
            report = build_report(exc, where="background work", qt_version=qVersion())
            log.error("background operation failed unexpectedly\n%s", report.text())
            # The report first: the op stays alive (in _RUNNING) until its failure is delivered.
            self._relay.crashed.emit(report)
            self._relay.failed.emit(unexpected_error_message())
        else:
            self._relay.succeeded.emit(result)


class BackgroundOp(Generic[T]):
    """One slow action run off the GUI thread, with callbacks on the GUI thread.

    `owner` is the widget the result is for: if it has been destroyed by the time the work
    ends (the window was locked or closed), no callback runs and a successful result is given
    to `discard` instead, so that an unlocked vault, for example, is closed again.
    """

    def __init__(
        self,
        *,
        owner: QObject,
        work: Callable[[OpContext], T],
        success: Callable[[T], None],
        failure: Callable[[str], None],
        progress: Callable[[int, int, str], None] | None = None,
        cancelled: Callable[[], None] | None = None,
        discard: Callable[[T], None] | None = None,
    ) -> None:
        self._owner = owner
        self._work = work
        self._success = success
        self._failure = failure
        self._progress = progress
        self._cancelled = cancelled
        self._discard = discard
        self._relay = _Relay(self)
        self._context = OpContext(self._relay)
        self._running = False

    @property
    def running(self) -> bool:
        """True from `run_in_background()` until a callback has been delivered."""
        return self._running

    def run_in_background(self, pool: QThreadPool | None = None) -> None:
        """Start the work on `pool` (the global pool by default)."""
        if self._running:
            raise RuntimeError("this operation is already running")
        self._running = True
        _RUNNING.add(self)
        (pool or QThreadPool.globalInstance()).start(
            _Runner(self._work, self._context, self._relay)
        )

    def cancel(self) -> None:
        """Ask the work to stop; its result, if it still finishes, is discarded."""
        self._context.request_cancel()

    # -- delivery on the GUI thread ------------------------------------------------------------
    def _finish(self) -> bool:
        """Forget this op; True when its owner can still receive the result."""
        self._running = False
        _RUNNING.discard(self)
        return isValid(self._owner)

    def _on_succeeded(self, result: object) -> None:
        value = cast(T, result)
        if not self._finish() or self._context.cancelled:
            if self._discard is not None:
                self._discard(value)
            if self._context.cancelled and isValid(self._owner) and self._cancelled is not None:
                self._cancelled()
            return
        self._success(value)

    def _on_failed(self, message: str) -> None:
        if self._finish():
            self._failure(message)

    def _on_crashed(self, report: CrashReport) -> None:
        # Work whose window was locked or closed ends quietly, as its failure does.
        reporter = crash_reporter()
        if isValid(self._owner) and reporter is not None:
            reporter(report)

    def _on_cancelled(self) -> None:
        if self._finish() and self._cancelled is not None:
            self._cancelled()

    def _on_progress(self, done: int, total: int, label: str) -> None:
        if self._running and isValid(self._owner) and self._progress is not None:
            self._progress(done, total, label)
