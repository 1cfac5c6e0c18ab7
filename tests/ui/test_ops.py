"""ui/ops.py: work runs off the GUI thread and reports back on it; errors arrive as messages."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from liaison_desktop.errors import WrongPassphrase
from liaison_desktop.ui.ops import BackgroundOp, OpContext, unexpected_error_message

from .ui_helpers import OP_TIMEOUT_MS


class Outcome:
    """What the callbacks were given, and on which thread."""

    def __init__(self) -> None:
        self.results: list[Any] = []
        self.failures: list[str] = []
        self.progress: list[tuple[int, int, str]] = []
        self.cancelled = 0
        self.discarded: list[Any] = []
        self.callback_threads: set[int] = set()

    @property
    def done(self) -> bool:
        return bool(self.results or self.failures or self.cancelled or self.discarded)

    def op(self, owner: QWidget, work: Any) -> BackgroundOp[Any]:
        def note_thread() -> None:
            self.callback_threads.add(threading.get_ident())

        def success(value: Any) -> None:
            note_thread()
            self.results.append(value)

        def failure(message: str) -> None:
            note_thread()
            self.failures.append(message)

        def progress(done: int, total: int, label: str) -> None:
            note_thread()
            self.progress.append((done, total, label))

        def cancelled() -> None:
            note_thread()
            self.cancelled += 1

        return BackgroundOp(
            owner=owner,
            work=work,
            success=success,
            failure=failure,
            progress=progress,
            cancelled=cancelled,
            discard=self.discarded.append,
        )


def test_work_runs_off_the_gui_thread_and_reports_on_it(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    outcome = Outcome()
    work_threads: list[int] = []

    def work(context: OpContext) -> str:
        work_threads.append(threading.get_ident())
        context.report(1, 2, "half way")
        return "done"

    op = outcome.op(owner, work)
    op.run_in_background()
    assert op.running
    qtbot.waitUntil(lambda: outcome.done, timeout=OP_TIMEOUT_MS)

    gui = threading.get_ident()
    assert outcome.results == ["done"]
    assert work_threads and work_threads[0] != gui
    assert outcome.callback_threads == {gui}
    assert outcome.progress == [(1, 2, "half way")]
    assert not op.running


def test_a_liaison_error_arrives_as_its_message(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    outcome = Outcome()

    def work(_context: OpContext) -> None:
        raise WrongPassphrase("That passphrase does not open this vault.")

    outcome.op(owner, work).run_in_background()
    qtbot.waitUntil(lambda: outcome.done, timeout=OP_TIMEOUT_MS)
    assert outcome.failures == ["That passphrase does not open this vault."]


def test_an_unexpected_error_shows_no_internals(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    outcome = Outcome()

    def work(_context: OpContext) -> None:
        raise KeyError("family_id 'Smith'")

    outcome.op(owner, work).run_in_background()
    qtbot.waitUntil(lambda: outcome.done, timeout=OP_TIMEOUT_MS)
    assert outcome.failures == [unexpected_error_message()]
    assert "Smith" not in outcome.failures[0]


def test_cancel_is_a_request_the_work_honours(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    outcome = Outcome()
    started = threading.Event()
    release = threading.Event()

    def work(context: OpContext) -> str:
        started.set()
        release.wait(OP_TIMEOUT_MS / 1000)
        context.raise_if_cancelled()
        return "should not arrive"

    op = outcome.op(owner, work)
    op.run_in_background()
    assert started.wait(OP_TIMEOUT_MS / 1000)
    op.cancel()
    release.set()
    qtbot.waitUntil(lambda: outcome.done, timeout=OP_TIMEOUT_MS)
    assert outcome.cancelled == 1
    assert outcome.results == []


def test_result_for_a_destroyed_window_is_discarded(qtbot: QtBot) -> None:
    owner = QWidget()
    outcome = Outcome()
    release = threading.Event()

    def work(_context: OpContext) -> str:
        release.wait(OP_TIMEOUT_MS / 1000)
        return "an unlocked vault"

    outcome.op(owner, work).run_in_background()
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=OP_TIMEOUT_MS)
    release.set()
    qtbot.waitUntil(lambda: outcome.done, timeout=OP_TIMEOUT_MS)
    assert outcome.discarded == ["an unlocked vault"]
    assert outcome.results == []


def _alive(widget: QWidget) -> bool:
    from shiboken6 import isValid

    return bool(isValid(widget))
